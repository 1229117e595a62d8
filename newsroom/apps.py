from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate


def _sync_roles(sender, using, apps=global_apps, **kwargs):
    # `flush` sends the signal without `apps`: the installed models then.
    from newsroom.permissions import sync_roles

    sync_roles(apps=apps, using=using)


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        # Registers the models whose history django-reversion keeps.
        from newsroom import revisions  # noqa: F401

        # Roles stay complete after every migrate and every test flush.
        post_migrate.connect(_sync_roles, sender=self)

        # Connects the receivers that keep the cached section nav current.
        # Device, brand and launch pages list the stories about them; devices
        # cannot import this app, so it is handed the one rule here.
        from devices.stories import stories_about
        from newsroom import navigation  # noqa: F401
        from newsroom.listings import stories_about as editorial_stories_about

        stories_about.provide(editorial_stories_about)
