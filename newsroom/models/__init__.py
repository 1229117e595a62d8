"""The newsroom's records, one module per subject."""

from newsroom.models.articles import (
    Article,
    ArticleDevice,
    ArticleLaunchEvent,
    ArticleQuerySet,
    Byline,
    Correction,
    CoverageLink,
)
from newsroom.models.desk import AutosavedDraft, SendBackNote
from newsroom.models.filing import Section, Tag
from newsroom.models.people import Author, AuthorLink
from newsroom.models.sharing import ShareLink, ShareLinkQuerySet

__all__ = [
    "Article",
    "ArticleDevice",
    "ArticleLaunchEvent",
    "ArticleQuerySet",
    "Author",
    "AuthorLink",
    "AutosavedDraft",
    "Byline",
    "Correction",
    "CoverageLink",
    "Section",
    "SendBackNote",
    "ShareLink",
    "ShareLinkQuerySet",
    "Tag",
]
