"""The desk: what an editor or contributor has on their plate, for the home
page of the admin.

Every list keeps to the role rules (newsroom.permissions.readable_stories):
a contributor's desk shows their own stories and the public ones only.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone
from reversion.models import Version

from devices.models import Device
from newsroom import permissions
from newsroom.models import Article, SendBackNote

SUBMITTED = "Submitted for review"
CALENDAR_DAYS = 7
LIST_LENGTH = 10


@dataclass
class Submission:
    story: Article
    by: str
    at: dt.datetime | None


@dataclass
class CalendarDay:
    day: dt.date
    stories: list[Article] = field(default_factory=list)


@dataclass
class Desk:
    is_editor: bool
    drafts: list[Article]
    review_queue: list[Submission]
    calendar: list[CalendarDay]
    scheduled_later: int
    recently_published: list[Article]
    devices_with_open_claims: list[Device]


def _who(user) -> str:
    if user is None:
        return "someone"
    return user.get_full_name() or user.get_username()


def submissions(stories) -> list[Submission]:
    """Who put each story in review and when: the newest "submitted"
    revision, else (a story saved straight into review) its newest one."""
    stories = list(stories)
    versions = (
        Version.objects.get_for_model(Article)
        .filter(object_id__in=[str(story.pk) for story in stories])
        .select_related("revision__user")
        .order_by("-revision__date_created", "-pk")
    )
    submitted, latest = {}, {}
    for version in versions:
        latest.setdefault(version.object_id, version.revision)
        if version.revision.comment == SUBMITTED:
            submitted.setdefault(version.object_id, version.revision)
    found = []
    for story in stories:
        revision = submitted.get(str(story.pk)) or latest.get(str(story.pk))
        found.append(
            Submission(
                story,
                _who(revision.user) if revision else "someone",
                revision.date_created if revision else None,
            )
        )
    return found


def calendar(stories, *, today: dt.date, days: int) -> list[CalendarDay]:
    days_shown = [today + dt.timedelta(days=n) for n in range(days)]
    by_day = {day: CalendarDay(day) for day in days_shown}
    for story in stories:
        day = timezone.localdate(story.published_at)
        if day in by_day:
            by_day[day].stories.append(story)
    return list(by_day.values())


def desk_for(user, *, now: dt.datetime | None = None) -> Desk:
    now = now or timezone.now()
    readable = permissions.readable_stories(user, Article.objects.all())
    notes = Prefetch(
        "send_back_notes", queryset=SendBackNote.objects.select_related("sent_by")
    )
    drafts = (
        readable.owned_by(user)
        .in_status(Article.Status.DRAFT)
        .prefetch_related(notes)
        .order_by("-updated_at")[:LIST_LENGTH]
    )
    for story in drafts:
        found = list(story.send_back_notes.all())
        story.send_back_note = found[0] if found else None
    queue = readable.in_status(Article.Status.REVIEW).order_by("updated_at")
    today = timezone.localdate(now)
    last_day = today + dt.timedelta(days=CALENDAR_DAYS)
    # Midnight after the last day shown, in the newsroom's time zone.
    horizon = timezone.make_aware(dt.datetime.combine(last_day, dt.time()))
    scheduled = readable.scheduled(now=now).order_by("published_at")
    soon = list(scheduled.filter(published_at__lt=horizon))
    return Desk(
        is_editor=permissions.can_publish(user),
        drafts=list(drafts),
        review_queue=submissions(queue[: LIST_LENGTH * 2]),
        calendar=calendar(soon, today=today, days=CALENDAR_DAYS),
        scheduled_later=scheduled.count() - len(soon),
        recently_published=list(
            Article.objects.published(now=now).order_by("-published_at")[:5]
        ),
        devices_with_open_claims=list(Device.objects.with_open_claims()[:LIST_LENGTH])
        if user.has_perm("devices.view_device")
        else [],
    )
