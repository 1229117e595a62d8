"""What the desk keeps besides stories: editors' autosaved drafts and the
notes an editor leaves when sending a story back to its writer."""

from django.conf import settings
from django.db import models

from newsroom.core.text import CleanTextMixin
from newsroom.models.articles import Article


class AutosavedDraftQuerySet(models.QuerySet):
    def of(self, *, article, user):
        """The one editor's own draft of the story: drafts are private."""
        return self.filter(article=article, user=user)


# A model of its own rather than a django-reversion revision: revisions are
# shared history (every editor sees them, "revert" applies them), while an
# autosave is private to its author, never applied by itself, and dropped
# once they save.
class AutosavedDraft(models.Model):
    """What one editor had typed into a story's form, saved as they typed.

    Never published or shown to anyone else; it changes nothing of the
    story until its editor restores it into the form and saves.
    """

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="autosaved_drafts"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="autosaved_drafts",
        help_text="The editor who typed it; only they see it.",
    )
    fields = models.JSONField(
        default=dict, help_text="The story form's fields as typed, by field name."
    )
    based_on_version = models.PositiveIntegerField(
        help_text="The story's version the form was opened at; an older one "
        "means someone saved since, so the draft is never applied over it."
    )
    based_on_revision = models.PositiveIntegerField(null=True, blank=True)
    saved_at = models.DateTimeField(auto_now=True)

    objects = AutosavedDraftQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "user"], name="one_autosave_per_story_and_editor"
            )
        ]

    def __str__(self):
        return f"{self.user} on {self.article}"

    @property
    def is_behind(self) -> bool:
        """Someone saved the story after this draft's form was opened."""
        return self.based_on_version < self.article.version


class SendBackNoteQuerySet(models.QuerySet):
    def latest_for(self, article):
        return self.filter(article=article).select_related("sent_by").first()


class SendBackNote(CleanTextMixin, models.Model):
    """Why an editor sent a story in review back to its writer."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="send_back_notes"
    )
    note = models.TextField(
        max_length=1000, help_text="What the writer should change, in a few lines."
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    objects = SendBackNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return f"Note on {self.article}"
