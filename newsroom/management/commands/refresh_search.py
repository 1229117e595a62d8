from django.core.management.base import BaseCommand
from django.db import connection

from newsroom.core.page_cache import content_changed
from newsroom.models import Article


class Command(BaseCommand):
    help = (
        "Recompute every story's stored search vector (PostgreSQL). Saving a "
        "story keeps its own current; run this after writing stories another "
        "way, such as a bulk import. Safe to run again. Nothing to do on "
        "SQLite, whose search index triggers keep in step with every write."
    )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            self.stdout.write(
                "Nothing to refresh on SQLite: search reads the stories as "
                "stored (through an index that follows every write, where "
                "FTS5 allows one)."
            )
            return
        updated = Article.objects.all().refresh_search_vectors()
        # An update() sends no signal: cached search pages must go by hand.
        content_changed()
        self.stdout.write(f"Search vectors refreshed for {updated} stories.")
