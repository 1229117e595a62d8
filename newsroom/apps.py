from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        # Registers the models whose history django-reversion keeps.
        from newsroom import revisions  # noqa: F401
