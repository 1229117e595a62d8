"""The section navigation in every page's header, kept in the shared cache.

It is on every page and changes only when an editor edits a section. Its key
carries the content generation (newsroom/core/page_cache.py), which any
content change replaces, so every worker and host reads the new menu on its
next request; no process keeps a copy of its own. With the cache down it is
simply read from the database.
"""

from django.core.cache import cache

from newsroom.core.page_cache import generation_key
from newsroom.models import Section

CACHE_KEY = "newsroom:section-nav"
CACHE_SECONDS = 60 * 60


def nav_sections():
    """Every section, in navigation order."""
    key = generation_key(CACHE_KEY)
    if key is None:
        return list(Section.objects.all())
    return cache.get_or_set(key, lambda: list(Section.objects.all()), CACHE_SECONDS)
