"""Stories in every state the workflow can leave one in, each with two
revisions, for tests that must hold whatever the state."""

import datetime as dt

import reversion
from django.utils import timezone

from newsroom import services
from newsroom.models import Article
from tests.factories import ArticleFactory

# state: (status, published_at relative to now, or None)
STATES = {
    "draft": (Article.Status.DRAFT, None),
    "in review": (Article.Status.REVIEW, None),
    "scheduled": (Article.Status.PUBLISHED, dt.timedelta(days=1)),
    "published": (Article.Status.PUBLISHED, -dt.timedelta(hours=1)),
    # Taken off the site after going live: a draft that keeps its old date.
    "unpublished": (Article.Status.PUBLISHED, -dt.timedelta(days=2)),
}

# What the story list's "publication" filter calls each state.
FILTER_VALUE = {
    "draft": "draft",
    "in review": "review",
    "scheduled": "scheduled",
    "published": "live",
    "unpublished": "draft",
}


def story_in(state: str, *, by, **fields) -> Article:
    """A story in `state`, saved twice with a revision each time."""
    status, offset = STATES[state]
    with reversion.create_revision():
        story = ArticleFactory(
            **{
                "title": f"A story {state}",
                "status": status,
                "published_at": timezone.now() + offset if offset is not None else None,
                **fields,
            }
        )
        reversion.set_user(by)
    with reversion.create_revision():
        story.body += "\n\nA second paragraph."
        story.save()
        reversion.set_user(by)
    if state == "unpublished":
        services.unpublish(article=story, by=by)
    return story
