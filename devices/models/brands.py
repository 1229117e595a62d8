"""Brands, the partnerships between them, and the sources claims come from."""

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from devices.settlement import settles_claims
from newsroom.core.concurrency import VersionedModel
from newsroom.core.date_limits import validate_year
from newsroom.core.text import CleanTextMixin


@reversion.register(follow=["partnerships"], exclude=["version"])
class Brand(CleanTextMixin, VersionedModel):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    logo = models.ImageField(
        "mark",
        upload_to="brands/",
        blank=True,
        help_text="The brand's mark, square, at least 192 pixels a side: shown "
        "beside its name on the brand page and in the list of brands.",
    )
    site = models.URLField("website", blank=True)
    description = models.TextField(blank=True, help_text="Shown on the brand page.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("devices:brand-detail", kwargs={"slug": self.slug})


class PartnershipQuerySet(models.QuerySet):
    def current(self, *, today=None):
        today = today or timezone.localdate()
        return self.filter(
            Q(started_on__isnull=True) | Q(started_on__lte=today),
            Q(ended_on__isnull=True) | Q(ended_on__gt=today),
        )

    def ended(self, *, today=None):
        return self.filter(ended_on__lte=today or timezone.localdate())

    def involving(self, brand):
        return self.filter(Q(brand=brand) | Q(partner=brand))


@reversion.register(exclude=["version"])
class Partnership(CleanTextMixin, VersionedModel):
    class Kind(models.TextChoices):
        CAMERA_OPTICS = "camera-optics", "Camera optics"
        DISPLAY = "display", "Display"
        AUDIO = "audio", "Audio"
        CHIPSET = "chipset", "Chipset"
        OTHER = "other", "Other"

    brand = models.ForeignKey(
        Brand,
        on_delete=models.CASCADE,
        related_name="partnerships",
        help_text="The device maker.",
    )
    partner = models.ForeignKey(
        Brand,
        on_delete=models.CASCADE,
        related_name="partnerships_as_partner",
        help_text="The brand it works with, such as a camera maker.",
    )
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.CAMERA_OPTICS)
    announced_on = models.DateField(null=True, blank=True, validators=[validate_year])
    started_on = models.DateField(null=True, blank=True, validators=[validate_year])
    ended_on = models.DateField(
        null=True,
        blank=True,
        validators=[validate_year],
        help_text="Leave empty while the partnership lasts.",
    )
    year_only = models.BooleanField(
        default=False,
        help_text="Only the years are known: the dates are shown as years.",
    )

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(brand=models.F("partner")),
                name="partnership_between_two_brands",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="partnership_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.brand} – {self.partner} ({self.get_kind_display()})"

    def clean(self):
        if self.brand_id and self.brand_id == self.partner_id:
            raise ValidationError({"partner": "A partnership needs two brands."})
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": "It cannot end before it starts."})


# The score devices.scoring keeps from the source's settled claims.
SCORE_FIELDS = [
    "claims_confirmed",
    "claims_contradicted",
    "claims_open",
    "claims_withdrawn",
    "lead_days",
]


@reversion.register(exclude=["version", *SCORE_FIELDS])
class Source(CleanTextMixin, VersionedModel):
    """Where a claim comes from: kept as records so they can be scored later."""

    class Kind(models.TextChoices):
        OFFICIAL = "official", "Official (maker or partner)"
        OUTLET = "outlet", "News outlet"
        LEAKER = "leaker", "Leaker"
        RETAILER = "retailer", "Retailer or certification"

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=10, choices=Kind)
    url = models.URLField(blank=True, help_text="Home page or account address.")
    is_authoritative = models.BooleanField(
        "authoritative",
        default=False,
        help_text="Its claims settle other sources' claims, as an official "
        "source's do (official sources always do).",
    )
    # Its score, kept by devices.scoring whenever one of its claims is settled
    # or withdrawn, so a page showing the score reads it, not every claim.
    claims_confirmed = models.PositiveIntegerField(default=0, editable=False)
    claims_contradicted = models.PositiveIntegerField(default=0, editable=False)
    claims_open = models.PositiveIntegerField(default=0, editable=False)
    claims_withdrawn = models.PositiveIntegerField(default=0, editable=False)
    lead_days = models.FloatField(
        null=True,
        editable=False,
        help_text="On average, how many days before the official word its "
        "confirmed claims came.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("devices:source-detail", kwargs={"slug": self.slug})

    @property
    def settles_claims(self):
        """Official or authoritative: see devices.settlement."""
        return settles_claims(self)
