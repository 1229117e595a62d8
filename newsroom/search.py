"""Reader search over public stories.

PostgreSQL gets real full-text search (stemming, ranking, web-search syntax);
SQLite, the embedded default, falls back to matching every word in the
title, standfirst or body, with headline matches first.
"""

from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When

from newsroom.models import Article

MAX_QUERY_LENGTH = 200


def clean_query(raw: str | None) -> str:
    """The reader's words, without control characters (PostgreSQL refuses
    NUL bytes) and capped in length."""
    printable = "".join(ch if ch.isprintable() else " " for ch in raw or "")
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def search_stories(query: str):
    """Public stories matching `query`, best first."""
    stories = Article.objects.published()
    if not query:
        return stories.none()
    if connection.vendor == "postgresql":
        return _full_text(stories, query)
    return _word_match(stories, query)


def _full_text(stories, query):
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vector = (
        SearchVector("title", weight="A")
        + SearchVector("dek", weight="B")
        + SearchVector("body", weight="C")
    )
    search_query = SearchQuery(query, search_type="websearch")
    return (
        stories.annotate(document=vector, rank=SearchRank(vector, search_query))
        .filter(document=search_query)
        .order_by("-rank", "-published_at")
    )


def _word_match(stories, query):
    words = query.split()
    matches_all = Q()
    for word in words:
        matches_all &= (
            Q(title__icontains=word) | Q(dek__icontains=word) | Q(body__icontains=word)
        )
    in_title = Q()
    for word in words:
        in_title &= Q(title__icontains=word)
    return (
        stories.filter(matches_all)
        .annotate(
            rank=Case(
                When(in_title, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("-rank", "-published_at")
    )
