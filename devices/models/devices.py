"""Devices and what is claimed about them: spec values and camera modules.

Every fact about a device is a claim: a value with its confidence, its source
and the date it was stated. Claims are never overwritten, so the history of a
spec (rumoured, then confirmed, or changed) is the list of its claims.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from devices.confidence import Confidence, rank_of
from devices.models.brands import Brand, Source


class DeviceQuerySet(models.QuerySet):
    def matching(self, text: str):
        """Devices whose name, alias or leaked name contains `text`."""
        return self.filter(
            models.Q(name__icontains=text) | models.Q(aliases__name__icontains=text)
        ).distinct()


class Device(models.Model):
    class Status(models.TextChoices):
        RUMOURED = "rumoured", "Rumoured"
        ANNOUNCED = "announced", "Announced"
        RELEASED = "released", "Released"
        CANCELLED = "cancelled", "Cancelled"

    brand = models.ForeignKey(Brand, on_delete=models.PROTECT, related_name="devices")
    name = models.CharField(
        max_length=120, help_text="The official or best-known name."
    )
    slug = models.SlugField(max_length=120, unique=True)
    series = models.CharField(
        max_length=80, blank=True, help_text="For example: Xiaomi 12S series."
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.RUMOURED)
    announced_on = models.DateField(null=True, blank=True)
    released_on = models.DateField(null=True, blank=True)
    summary = models.TextField(blank=True, help_text="A sentence or two for readers.")
    image = models.ImageField(
        upload_to="devices/",
        blank=True,
        help_text="A picture of the device, at least 1200 pixels wide: shown at "
        "the top of its page in several sizes.",
    )
    image_alt = models.CharField(
        "image alt text",
        max_length=250,
        blank=True,
        help_text="What the image shows. Required with an image.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = DeviceQuerySet.as_manager()

    class Meta:
        ordering = ["brand__name", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("devices:device-detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.image and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": "Describe the image for readers who cannot see it."}
            )
        if (
            self.announced_on
            and self.released_on
            and self.released_on < self.announced_on
        ):
            raise ValidationError(
                {"released_on": "A device cannot be released before it is announced."}
            )


class DeviceAlias(models.Model):
    class Kind(models.TextChoices):
        LEAKED = "leaked", "Leaked name"
        ALIAS = "alias", "Other name"
        MODEL = "model", "Model number"

    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.ALIAS)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name_plural = "aliases and leaked names"
        constraints = [
            models.UniqueConstraint(
                fields=["device", "name"], name="one_alias_per_name_and_device"
            )
        ]

    def __str__(self):
        return self.name


class SpecField(models.Model):
    """One line of a spec sheet. The catalogue lets compare align two devices."""

    class Group(models.TextChoices):
        PLATFORM = "platform", "Platform"
        DISPLAY = "display", "Display"
        MEMORY = "memory", "Memory"
        CAMERAS = "cameras", "Cameras"
        BATTERY = "battery", "Battery"
        BODY = "body", "Body"
        CONNECTIVITY = "connectivity", "Connectivity"
        SOFTWARE = "software", "Software"

    class Kind(models.TextChoices):
        NUMBER = "number", "Number"
        TEXT = "text", "Text"
        BOOLEAN = "boolean", "Yes or no"

    group = models.CharField(max_length=15, choices=Group)
    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.TEXT)
    unit = models.CharField(
        max_length=20, blank=True, help_text="For numbers: mAh, in, Hz, MP, g…"
    )
    higher_is_better = models.BooleanField(
        null=True,
        blank=True,
        help_text="For numbers: whether compare should call the higher value better "
        "(yes for mAh, no for grams); empty when neither is better.",
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order of the line within its group."
    )

    class Meta:
        ordering = ["group", "position", "name"]

    def __str__(self):
        unit = f" ({self.unit})" if self.unit else ""
        return f"{self.get_group_display()}: {self.name}{unit}"

    @property
    def group_position(self):
        return list(self.Group.values).index(self.group)


class Claim(models.Model):
    """What a source stated, with what confidence, and when. Never overwritten."""

    confidence = models.CharField(
        max_length=10,
        choices=Confidence,
        default=Confidence.RUMOURED,
        help_text="Rumoured: a leak. Expected: widely reported. Confirmed: official.",
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="%(class)ss",
    )
    source_url = models.URLField(
        blank=True, help_text="The post or page where this was stated."
    )
    stated_on = models.DateField(
        default=timezone.localdate, help_text="When the source stated it."
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    @property
    def confidence_rank(self):
        return rank_of(self.confidence)

    @property
    def support(self):
        """Sort key: the best-supported claim is the largest."""
        return (self.confidence_rank, self.stated_on, self.pk or 0)


class SpecClaimQuerySet(models.QuerySet):
    def for_sheets(self):
        return self.select_related("field", "source")


class SpecClaim(Claim):
    device = models.ForeignKey(
        Device, on_delete=models.CASCADE, related_name="spec_claims"
    )
    field = models.ForeignKey(
        SpecField, on_delete=models.PROTECT, related_name="claims"
    )
    is_unknown = models.BooleanField(
        "unknown",
        default=False,
        help_text="Tick when the value is not known yet: it is shown as unknown, "
        "never guessed.",
    )
    value_number = models.DecimalField(
        max_digits=12, decimal_places=3, null=True, blank=True
    )
    value_text = models.CharField(max_length=200, blank=True)
    value_boolean = models.BooleanField(null=True, blank=True)

    objects = SpecClaimQuerySet.as_manager()

    class Meta:
        ordering = ["field__group", "field__position", "stated_on", "pk"]
        indexes = [models.Index(fields=["device", "field"], name="claim_device_idx")]

    def __str__(self):
        return f"{self.device}: {self.field.name} = {self.display_value}"

    def clean(self):
        if not self.field_id:
            return
        values = {
            SpecField.Kind.NUMBER: self.value_number,
            SpecField.Kind.TEXT: self.value_text or None,
            SpecField.Kind.BOOLEAN: self.value_boolean,
        }
        given = values.pop(self.field.kind)
        if any(value is not None for value in values.values()):
            raise ValidationError(
                f"“{self.field.name}” takes a {self.field.get_kind_display().lower()} "
                "value only."
            )
        if self.is_unknown and given is not None:
            raise ValidationError("A value marked unknown cannot also have a value.")
        if not self.is_unknown and given is None:
            raise ValidationError(
                "Give a value, or tick “unknown” if it is not known yet."
            )

    @property
    def value(self):
        """The typed value, or None when it is unknown."""
        if self.is_unknown:
            return None
        return {
            SpecField.Kind.NUMBER: self.value_number,
            SpecField.Kind.TEXT: self.value_text,
            SpecField.Kind.BOOLEAN: self.value_boolean,
        }[self.field.kind]

    @property
    def display_value(self):
        value = self.value
        if value is None:
            return "Unknown"
        if self.field.kind == SpecField.Kind.BOOLEAN:
            return "Yes" if value else "No"
        if self.field.kind == SpecField.Kind.NUMBER:
            number = f"{Decimal(str(value)).normalize():f}"
            return f"{number} {self.field.unit}".strip()
        return value


class CameraModule(models.Model):
    class Role(models.TextChoices):
        MAIN = "main", "Main"
        ULTRAWIDE = "ultrawide", "Ultrawide"
        TELEPHOTO = "telephoto", "Telephoto"
        PERISCOPE = "periscope", "Periscope telephoto"
        MACRO = "macro", "Macro"
        DEPTH = "depth", "Depth"
        FRONT = "front", "Front (selfie)"
        UNKNOWN = "unknown", "Unknown"

    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="cameras")
    role = models.CharField(max_length=10, choices=Role, default=Role.UNKNOWN)
    megapixels = models.DecimalField(
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Leave empty when unknown.",
    )
    sensor = models.CharField(max_length=80, blank=True)
    aperture = models.CharField(
        max_length=20, blank=True, help_text="For example f/1.9."
    )
    optical_zoom = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Optical zoom factor, for telephoto cameras.",
    )
    optics_partner = models.ForeignKey(
        Brand,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="optics_for",
    )
    confidence = models.CharField(
        max_length=10, choices=Confidence, default=Confidence.RUMOURED
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="camera_modules",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.device}: {self.get_role_display()} camera"

    @property
    def is_unknown(self):
        return self.megapixels is None and not self.sensor

    @property
    def megapixels_display(self):
        if self.megapixels is None:
            return "Unknown"
        return f"{self.megapixels.normalize():f} MP"
