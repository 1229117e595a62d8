from django.core.management.base import BaseCommand

from newsroom.models import Article


class Command(BaseCommand):
    help = (
        "Recompute every story's stored search vector (PostgreSQL). Saving a "
        "story keeps its own current; run this after writing stories another "
        "way, such as a bulk import. Safe to run again."
    )

    def handle(self, *args, **options):
        updated = Article.objects.all().refresh_search_vectors()
        self.stdout.write(f"Search vectors refreshed for {updated} stories.")
