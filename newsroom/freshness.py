"""What makes stored pages stale, told to the page cache (newsroom/core/page_cache.py).

Any save or delete of a record of this app or of devices, and any change to
their many-to-many links, may show on some page: a story, byline, correction,
section, tag or author here; a brand, device, spec or camera claim, camera
module or launch event there. Each one starts a new cache generation, so the
next request on any worker or host renders afresh. Cheaper than working out
which pages show which record, and never wrong; edits are rare next to reads.

The clock changes pages too, with no save: a scheduled story goes live, a
launch event starts or ends. `next_timed_change` tells the page cache the
soonest of those moments, and no stored page outlives it.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from devices.models import LaunchEvent
from newsroom.core.page_cache import content_changed, next_timed_change
from newsroom.models import Article

WATCHED_APPS = {"newsroom", "devices"}
# Records no reader page shows.
UNWATCHED_MODELS = {"sharelink"}
# Their dates are what `soonest_timed_change` reads.
TIMED_MODELS = {Article, LaunchEvent}


def _record_changed(sender, **kwargs):
    meta = sender._meta
    if meta.app_label in WATCHED_APPS and meta.model_name not in UNWATCHED_MODELS:
        content_changed(timed=sender in TIMED_MODELS)


def soonest_timed_change(*, now):
    """The next scheduled story going live, or launch event starting or
    ending, after `now`; None when nothing is coming. One query."""
    stories = (
        Article.objects.order_by()
        .filter(status=Article.Status.PUBLISHED, published_at__gt=now)
        .values_list("published_at")
    )
    events = LaunchEvent.objects.order_by()
    starts = events.filter(starts_at__gt=now).values_list("starts_at")
    ends = events.filter(ends_at__gt=now).values_list("ends_at")
    soonest = stories.union(starts, ends, all=True).order_by("published_at")[:1]
    return next((moment for (moment,) in soonest), None)


def connect():
    """Called once, from the app's ready()."""
    for name, signal in [
        ("save", post_save),
        ("delete", post_delete),
        ("links", m2m_changed),
    ]:
        signal.connect(_record_changed, dispatch_uid=f"newsroom-freshness-{name}")
    next_timed_change.provide(soonest_timed_change)
