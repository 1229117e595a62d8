"""What story listings show: public stories, with what a story card needs.

The editorial pages list `public_stories()`; the devices pages list
`stories_about(record)`, which the app hands to `devices.stories` at ready.
"""

from devices.models import Brand, Device, LaunchEvent
from newsroom.models import Article


def public_stories():
    """Every public story with what a story card shows, newest first."""
    return Article.objects.published().for_cards()


def stories_about(record):
    """The newest public stories about a device, brand or launch event."""
    stories = public_stories()
    about = {
        Device: stories.recently_about,
        Brand: stories.about_brand,
        LaunchEvent: stories.recently_about,
    }[type(record)]
    return about(record)
