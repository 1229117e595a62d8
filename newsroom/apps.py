from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        # Connects the receivers that keep the cached section nav current.
        from newsroom import navigation  # noqa: F401
