"""Writing and publishing stories: each step saves and keeps a revision.

`write_story` is how a story is saved as written, by the admin, the demo
loader or any import. The workflow steps check the role of the user acting
(`by`) with newsroom.permissions. Every function takes keyword-only
arguments and saves through `Article.save()`, so the story's version counter
moves and a stale form opened before the step is refused.
"""

import datetime as dt
from collections.abc import Callable

import reversion
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from newsroom import permissions
from newsroom.core.dates import format_moment
from newsroom.coverage import sync_coverage
from newsroom.models import Article, Correction, SendBackNote


class WorkflowError(ValidationError):
    """A step that makes no sense for the story as it is (not a permission)."""


def _save_with_revision(*, article: Article, by: AbstractBaseUser, comment: str):
    with reversion.create_revision():
        article.save()
        reversion.set_user(by)
        reversion.set_comment(comment)
    return article


def fill_publication_time(*, article: Article, now: dt.datetime | None = None):
    """Publishing without a time means now (a time in the future schedules)."""
    if article.status == Article.Status.PUBLISHED and article.published_at is None:
        article.published_at = now or timezone.now()


@transaction.atomic
def write_story(
    *,
    article: Article,
    by: AbstractBaseUser | None,
    comment: str = "",
    save: Callable[[], None] | None = None,
    save_parts: Callable[[], None] | None = None,
) -> Article:
    """Save a story as written, with its parts and coverage, in one revision.

    `save` stores the story's own row (default `article.save()`; the admin
    passes its own, which keeps the text when an upload fails).
    `save_parts` stores what else was written with it (tags, bylines,
    devices picked by hand); it runs before the devices and events the embeds
    name are brought in step, so hand-made links are never taken for embedded
    ones. Inside an open revision (the admin's) this one joins it.
    """
    fill_publication_time(article=article)
    with reversion.create_revision():
        (save or article.save)()
        if save_parts is not None:
            save_parts()
        sync_coverage(article=article)
        # Again, so the revision holds the links just brought in step.
        reversion.add_to_revision(article)
        if by is not None:
            reversion.set_user(by)
        if comment:
            reversion.set_comment(comment)
    return article


def _require(allowed: bool, message: str):
    if not allowed:
        raise PermissionDenied(message)


@transaction.atomic
def submit_for_review(*, article: Article, by: AbstractBaseUser) -> Article:
    """Hand a draft to the editors."""
    _require(
        permissions.can_edit(by, article),
        "You can only submit your own stories for review.",
    )
    if article.status != Article.Status.DRAFT:
        raise WorkflowError(
            f"“{article}” is {article.get_status_display().lower()}, not a draft."
        )
    article.status = Article.Status.REVIEW
    return _save_with_revision(article=article, by=by, comment="Submitted for review")


@transaction.atomic
def send_back(*, article: Article, by: AbstractBaseUser, note: str) -> SendBackNote:
    """Return a story in review to its writer as a draft, saying why."""
    _require(permissions.can_publish(by), "Only editors can send a story back.")
    if article.status != Article.Status.REVIEW:
        raise WorkflowError(f"“{article}” is not in review.")
    if not note.strip():
        raise WorkflowError("Say in a few words what the writer should change.")
    article.status = Article.Status.DRAFT
    _save_with_revision(article=article, by=by, comment="Sent back to the writer")
    return SendBackNote.objects.create(article=article, note=note, sent_by=by)


@transaction.atomic
def publish(*, article: Article, by: AbstractBaseUser) -> Article:
    """Make the story public now (a scheduled story goes live at once)."""
    _require(permissions.can_publish(by), "Only editors can publish stories.")
    now = timezone.now()
    if article.is_public:
        raise WorkflowError(f"“{article}” is already public.")
    article.status = Article.Status.PUBLISHED
    article.published_at = now
    return _save_with_revision(article=article, by=by, comment="Published")


@transaction.atomic
def schedule(*, article: Article, by: AbstractBaseUser, at: dt.datetime) -> Article:
    """Publish the story by itself at `at`, which must be in the future."""
    _require(permissions.can_publish(by), "Only editors can schedule stories.")
    if at <= timezone.now():
        raise WorkflowError("Pick a time in the future to schedule a story.")
    article.status = Article.Status.PUBLISHED
    article.published_at = at
    return _save_with_revision(
        article=article, by=by, comment=f"Scheduled for {format_moment(at)}"
    )


@transaction.atomic
def unpublish(*, article: Article, by: AbstractBaseUser) -> Article:
    """Take a public or scheduled story off the site; it becomes a draft."""
    _require(permissions.can_publish(by), "Only editors can unpublish stories.")
    if article.status != Article.Status.PUBLISHED:
        raise WorkflowError(f"“{article}” is not published.")
    article.status = Article.Status.DRAFT
    return _save_with_revision(article=article, by=by, comment="Unpublished")


@transaction.atomic
def add_correction(
    *,
    article: Article,
    by: AbstractBaseUser,
    kind: str,
    text: str,
    noted_at: dt.datetime | None = None,
) -> Correction:
    """Tell readers what changed in a published story, and why."""
    _require(permissions.can_publish(by), "Only editors can add corrections.")
    if not article.is_public:
        raise WorkflowError(
            "Corrections are for published stories; edit a draft directly."
        )
    if kind not in Correction.Kind.values:
        raise WorkflowError(f"Unknown kind of change: {kind}.")
    correction = Correction.objects.create(
        article=article,
        kind=kind,
        text=text,
        noted_at=noted_at or timezone.now(),
    )
    _save_with_revision(
        article=article, by=by, comment=f"{correction.get_kind_display()} added"
    )
    return correction
