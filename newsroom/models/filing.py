"""Where stories are filed: sections and tags."""

import reversion
from django.db import models
from django.urls import reverse

from newsroom.core.concurrency import VersionedModel
from newsroom.core.text import CleanTextMixin


@reversion.register(exclude=["version"])
class Section(CleanTextMixin, VersionedModel):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Sections are listed in this order in the navigation."
    )

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("newsroom:section-detail", kwargs={"slug": self.slug})


@reversion.register(exclude=["version"])
class Tag(CleanTextMixin, VersionedModel):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("newsroom:tag-detail", kwargs={"slug": self.slug})
