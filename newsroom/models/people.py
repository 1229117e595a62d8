"""The people behind the stories."""

import reversion
from django.conf import settings
from django.db import models
from django.urls import reverse

from newsroom.core.concurrency import VersionedModel
from newsroom.core.text import CleanTextMixin


@reversion.register(follow=["links"], exclude=["version"])
class Author(CleanTextMixin, VersionedModel):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    bio = models.TextField(
        blank=True, help_text="A sentence or two, shown on the author page."
    )
    avatar = models.ImageField(upload_to="authors/", blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
        help_text="The account this author signs in with, if any.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("newsroom:author-detail", kwargs={"slug": self.slug})


@reversion.register()
class AuthorLink(CleanTextMixin, models.Model):
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(max_length=60, help_text="For example: Website, Mastodon.")
    url = models.URLField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.label}: {self.url}"
