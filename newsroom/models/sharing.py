"""Share links: a story under embargo, readable by whoever holds the link."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from newsroom.core.date_limits import validate_year
from newsroom.core.text import CleanTextMixin
from newsroom.models.articles import Article, created_by_field


class ShareLinkQuerySet(models.QuerySet):
    def active(self, *, now=None):
        """Links that still open their story: not revoked, not expired."""
        return self.filter(revoked=False, expires_at__gt=now or timezone.now())


def _new_share_token():
    return secrets.token_urlsafe(24)


def _default_share_expiry():
    return timezone.now() + timezone.timedelta(days=settings.NEWSROOM_SHARE_LINK_DAYS)


class ShareLink(CleanTextMixin, models.Model):
    """A secret address that shows one unpublished story until it expires.

    For embargoed stories sent to people without an account. The token is
    random and stored, so revoking a link really closes it.
    """

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="share_links"
    )
    token = models.CharField(
        max_length=64, unique=True, default=_new_share_token, editable=False
    )
    note = models.CharField(
        max_length=120,
        blank=True,
        help_text="Who the link is for, for example: Leica press office.",
    )
    expires_at = models.DateTimeField(
        default=_default_share_expiry,
        validators=[validate_year],
        help_text="The link stops working at this moment.",
    )
    revoked = models.BooleanField(
        default=False, help_text="Tick to close the link before it expires."
    )
    created_by = created_by_field()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Share link for {self.article}"

    def get_absolute_url(self):
        return reverse("newsroom:article-shared", kwargs={"token": self.token})

    @property
    def is_active(self):
        return not self.revoked and self.expires_at > timezone.now()
