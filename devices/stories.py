"""The stories about a device, a brand or a launch event.

Stories belong to the editorial app, which imports devices, so devices may
not import it back. Its pages call `stories_about(record)` instead, and the
editorial app provides the function when it is ready (see
`newsroom.apps.NewsroomConfig.ready`), using the same queryset methods as its
feeds and sitemaps, so a page and its feed never disagree.
"""

from newsroom.core.hooks import Hook

stories_about = Hook(
    "devices.stories_about",
    "The public stories about a Device, Brand or LaunchEvent, newest first, "
    "with what a story card shows.",
)
