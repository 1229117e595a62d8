"""The section navigation in every page's header, kept in the cache.

It is on every page and changes only when an editor edits a section, so it
is read from the cache and dropped from it whenever a section is saved or
deleted. With the cache down it is simply read from the database.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from newsroom.models import Section

CACHE_KEY = "newsroom:section-nav"
CACHE_SECONDS = 60 * 60


def nav_sections():
    """Every section, in navigation order."""
    return cache.get_or_set(
        CACHE_KEY, lambda: list(Section.objects.all()), CACHE_SECONDS
    )


@receiver(post_save, sender=Section)
@receiver(post_delete, sender=Section)
def forget_nav_sections(**kwargs):
    cache.delete(CACHE_KEY)
