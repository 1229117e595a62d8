from django.apps import AppConfig
from django.apps import apps as global_apps
from django.conf import settings
from django.db.models.signals import post_migrate

from devices.stories import stories_about
from newsroom.core.folders import make_database_folders


def _sync_roles(sender, using, apps=global_apps, **kwargs):
    # `flush` sends the signal without `apps`: the installed models then.
    from newsroom.permissions import sync_roles

    sync_roles(apps=apps, using=using)


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        # The SQLite file's folder (var/ by default), before any connection.
        make_database_folders(settings.DATABASES)

        # Roles stay complete after every migrate and every test flush.
        post_migrate.connect(_sync_roles, sender=self)

        # Any content change, and the clock, make stored pages and the
        # cached section nav stale (see newsroom/freshness.py).
        from newsroom import freshness

        freshness.connect()

        # Device, brand and launch pages list the stories about them; devices
        # cannot import this app, so it hands them the one rule here.
        from newsroom.listings import stories_about as editorial_stories_about

        stories_about.provide(editorial_stories_about)
