"""Devices and what is claimed about them: spec values and camera modules.

Every fact about a device is a claim: a value with its confidence, its source
and the date it was stated. Claims are never overwritten, so the history of a
spec (rumoured, then confirmed, or changed) is the list of its claims.
"""

from decimal import Decimal

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from devices.confidence import Confidence, rank_expression, rank_of
from devices.models.brands import Brand, Source
from devices.settlement import Outcome
from newsroom.core.concurrency import VersionedModel
from newsroom.core.date_limits import validate_year
from newsroom.core.text import CleanTextMixin

# A reader's words beyond this many are ignored when matching names: each one
# is a condition of its own, and names are short.
MAX_NAME_WORDS = 8
# How a device offered for comparison is like the one shown, most telling first.
FLAGS_OF_LIKENESS = (
    "in_lineage",
    "same_series",
    "same_launch",
    "same_chipset",
    "same_optics",
)


class DeviceQuerySet(models.QuerySet):
    def with_open_claims(self):
        """Devices with claims still open (`SpecClaimQuerySet.open`), each
        with their number as `open_claims`, most first."""
        counts = (
            SpecClaim.objects.open()
            .filter(device=models.OuterRef("pk"))
            .order_by()
            .values("device")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        return (
            self.annotate(open_claims=models.Subquery(counts))
            .filter(open_claims__gt=0)
            .order_by("-open_claims", "name")
        )

    def matching(self, text: str):
        """Devices whose names hold every word of `text`, each word in the
        name, the series, the brand's name or any alias or leaked name, so
        "Xiaomi 12 Ultra" finds the phone leaked as "12 Ultra"."""
        words = text.split()[:MAX_NAME_WORDS]
        if not words:
            return self.none()
        found = self
        for word in words:
            found = found.filter(_names_word(word))
        return found

    def matching_most(self, text: str):
        """Devices whose names hold at least one word of `text` (read as
        `matching` reads them), those holding the most first, with how many
        as `words_matched`: the near misses of a name typed wrong."""
        words = text.split()[:MAX_NAME_WORDS]
        if not words:
            return self.none()
        matched = sum(
            (
                models.Case(
                    models.When(_names_word(word), then=1),
                    default=0,
                    output_field=models.IntegerField(),
                )
                for word in words
            ),
            start=models.Value(0),
        )
        return (
            self.annotate(words_matched=matched)
            .filter(words_matched__gt=0)
            .order_by("-words_matched", "name")
        )

    def worth_comparing(self, device, *, chipset=None, limit=8):
        """Other devices a reader may weigh against `device`, any brand: its
        predecessor and successors first, then the same series, launched at
        the same event, with the same chipset (its best-supported value,
        `chipset` being the device's own), or carrying the same optics
        partner's cameras, then the same brand; each with `in_lineage`,
        `same_series`, `same_launch`, `same_chipset`, `same_optics` set. One
        query."""
        return self.worth_comparing_with_any(
            [device], chipsets=[chipset] if chipset else [], limit=limit
        )

    def worth_comparing_with_any(self, devices, *, chipsets=(), limit=8):
        """`worth_comparing` for several devices at once (those of a
        comparison): others like any of them, by the same ranking."""
        devices = list(devices)
        pks = [device.pk for device in devices]
        shared_events = Device.launch_events.through.objects.filter(
            device=models.OuterRef("pk"),
            launchevent__devices__in=pks,
        )
        partners = CameraModule.objects.filter(
            device__in=pks, optics_partner__isnull=False
        ).values("optics_partner")
        same_optics = CameraModule.objects.filter(
            device=models.OuterRef("pk"), optics_partner__in=partners
        )
        same_series = models.Q(pk=None)
        for series in {device.series for device in devices if device.series}:
            same_series |= models.Q(series__iexact=series)
        best_chipset = (
            SpecClaim.objects.filter(
                device=models.OuterRef("pk"), field__slug="chipset", camera=None
            )
            .best_first()
            .values("value_text")[:1]
        )
        same_chipset = models.Q(pk=None)
        for chipset in chipsets:
            same_chipset |= models.Q(best_chipset__iexact=chipset)
        in_lineage = models.Q(predecessor__in=pks)
        predecessors = [d.predecessor_id for d in devices if d.predecessor_id]
        if predecessors:
            in_lineage |= models.Q(pk__in=predecessors)
        brands = {device.brand_id for device in devices}
        found = (
            self.filter(
                pk__in=_likeness_candidates(
                    pks, in_lineage, same_series, partners, chipsets, brands
                )
            )
            .exclude(pk__in=pks)
            .alias(best_chipset=models.Subquery(best_chipset))
            .annotate(
                in_lineage=models.ExpressionWrapper(
                    in_lineage, output_field=models.BooleanField()
                ),
                same_series=models.ExpressionWrapper(
                    same_series, output_field=models.BooleanField()
                ),
                same_launch=models.Exists(shared_events),
                same_chipset=models.ExpressionWrapper(
                    same_chipset, output_field=models.BooleanField()
                ),
                same_optics=models.Exists(same_optics),
            )
        )
        return found.filter(
            models.Q(in_lineage=True)
            | models.Q(same_series=True)
            | models.Q(same_launch=True)
            | models.Q(same_chipset=True)
            | models.Q(same_optics=True)
            | models.Q(brand__in=brands)
        ).order_by(
            # A comparison with NULL (no predecessor, no chipset) is no match:
            # last, as SQLite sorts it, where PostgreSQL would put it first.
            *(models.F(flag).desc(nulls_last=True) for flag in FLAGS_OF_LIKENESS),
            "name",
        )[:limit]


def _likeness_candidates(pks, in_lineage, same_series, partners, chipsets, brands):
    """Every device sharing something with the devices `pks`, a superset of
    what `worth_comparing_with_any` ranks, each part found through an index
    or a small table: ranking works out a best chipset and two EXISTS per
    device, which across a whole catalogue costs more with every device
    added (45 ms of SQL at 5,000 devices). A subquery."""
    same_chipset = models.Q(pk=None)
    for chipset in chipsets:
        same_chipset |= models.Q(value_text__iexact=chipset)
    parts = [
        Device.objects.filter(in_lineage | same_series | models.Q(brand__in=brands)),
        Device.launch_events.through.objects.filter(launchevent__devices__in=pks),
        CameraModule.objects.filter(optics_partner__in=partners),
        # Any claim of the chipset line: "not a camera's" would steer SQLite
        # to the camera index, a walk over every spec claim.
        SpecClaim.objects.filter(same_chipset, field__slug="chipset"),
    ]
    ids = [
        part.order_by().values_list(column)
        for part, column in zip(
            parts, ["pk", "device", "device", "device"], strict=True
        )
    ]
    return ids[0].union(*ids[1:])


def _names_word(word: str) -> models.Q:
    """The device's name, series, brand's name or an alias holds `word`."""
    # A subquery per word, so two words may match two different aliases.
    aliases = DeviceAlias.objects.filter(name__icontains=word)
    return (
        models.Q(name__icontains=word)
        | models.Q(series__icontains=word)
        | models.Q(brand__name__icontains=word)
        | models.Q(pk__in=aliases.values("device"))
    )


# A device's revision carries its aliases, spec claims and camera modules,
# so reverting brings back the whole record.
@reversion.register(follow=["aliases", "spec_claims", "cameras"], exclude=["version"])
class Device(CleanTextMixin, VersionedModel):
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
    announced_on = models.DateField(null=True, blank=True, validators=[validate_year])
    released_on = models.DateField(null=True, blank=True, validators=[validate_year])
    summary = models.TextField(blank=True, help_text="A sentence or two for readers.")
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
        help_text="The model this one follows, such as the 11 Ultra for the "
        "12S Ultra: its page links the two and compares them.",
    )
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
        if self.predecessor_id and self.predecessor_id == self.pk:
            raise ValidationError({"predecessor": "A device cannot follow itself."})
        if (
            self.announced_on
            and self.released_on
            and self.released_on < self.announced_on
        ):
            raise ValidationError(
                {"released_on": "A device cannot be released before it is announced."}
            )


@reversion.register()
class DeviceAlias(CleanTextMixin, models.Model):
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


class SpecFieldQuerySet(models.QuerySet):
    def for_camera(self, attribute: str) -> "SpecField":
        """The catalogue line of one camera value ("sensor"...), made when
        missing: camera values are claims of these fields."""
        slug, name, kind, unit, position = CAMERA_FIELDS[attribute]
        spec_field, _ = self.get_or_create(
            slug=slug,
            defaults={
                "group": SpecField.Group.CAMERAS,
                "name": name,
                "kind": kind,
                "unit": unit,
                "higher_is_better": True if attribute == "megapixels" else None,
                "position": 100 + position,
            },
        )
        return spec_field


class SpecField(CleanTextMixin, models.Model):
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
    tolerance = models.DecimalField(
        max_digits=10,
        decimal_places=3,
        default=0,
        help_text="For numbers: how far apart a rumour and the official value may "
        "be and still agree (0.05 for a screen size in inches, 0 for exact).",
    )

    objects = SpecFieldQuerySet.as_manager()

    class Meta:
        ordering = ["group", "position", "name"]

    def __str__(self):
        unit = f" ({self.unit})" if self.unit else ""
        return f"{self.get_group_display()}: {self.name}{unit}"

    @property
    def group_position(self):
        return list(self.Group.values).index(self.group)


# The values of a camera module, each a claim of its own catalogue line:
# attribute: (slug, name, kind, unit, position).
CAMERA_FIELDS = {
    "megapixels": ("camera-megapixels", "Camera resolution", "number", "MP", 0),
    "sensor": ("camera-sensor", "Camera sensor", "text", "", 1),
    "aperture": ("camera-aperture", "Camera aperture", "text", "", 2),
    "optical_zoom": ("camera-optical-zoom", "Camera optical zoom", "number", "×", 3),
}
CAMERA_ATTRIBUTES = {slug: attribute for attribute, (slug, *_) in CAMERA_FIELDS.items()}


class ClaimIsFixed(ValidationError):
    """A stored claim cannot be changed: add a newer claim instead."""


def best_supported(claims):
    """The claim that counts among `claims`: highest confidence, then newest,
    withdrawn ones never; None when none stands."""
    standing = [claim for claim in claims if not claim.is_withdrawn]
    return max(standing, key=lambda claim: claim.support, default=None)


class Claim(CleanTextMixin, models.Model):
    """What a source stated, with what confidence, and when. Never overwritten.

    A stored claim is fixed: `save()` refuses to write it again. A change is a
    newer claim; a claim found wrong is withdrawn (who and when are kept, the
    claim stays in the history) and no longer counts.
    """

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
        default=timezone.localdate,
        validators=[validate_year],
        help_text="When the source stated it.",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When an editor withdrew the claim; it stays in the history.",
    )
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="withdrawn_%(class)ss",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ClaimIsFixed(
                "A saved claim is never changed: add a newer claim with its own "
                "source, confidence and date, or withdraw this one."
            )
        super().save(*args, **kwargs)

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    @property
    def confidence_rank(self):
        return rank_of(self.confidence)

    @property
    def support(self):
        """Sort key: the best-supported claim is the largest."""
        return (self.confidence_rank, self.stated_on, self.pk or 0)


class SpecClaimQuerySet(models.QuerySet):
    def for_sheets(self):
        return self.select_related("field", "source", "camera", "withdrawn_by")

    def standing(self):
        """Claims not withdrawn."""
        return self.filter(withdrawn_at__isnull=True)

    def best_first(self):
        """Standing claims, the best-supported first: the order of
        `best_supported` (highest confidence, then newest), in the database."""
        return self.standing().order_by(rank_expression().desc(), "-stated_on", "-pk")

    def with_open_flag(self):
        """Each claim with `is_open` (not settled yet, see devices.settlement)."""
        return self.annotate(
            is_open=models.ExpressionWrapper(
                models.Q(outcome=Outcome.OPEN), output_field=models.BooleanField()
            )
        )

    def open(self):
        """Claims still waiting for the official word (devices.settlement)."""
        return self.filter(outcome=Outcome.OPEN)


# What devices.scoring stores from the settlement rule: never a revision's to
# restore, since it follows from other claims.
SETTLEMENT_FIELDS = ["outcome", "settled_by", "lead_days", "changed_at"]


@reversion.register(exclude=SETTLEMENT_FIELDS)
class SpecClaim(Claim):
    device = models.ForeignKey(
        Device, on_delete=models.CASCADE, related_name="spec_claims"
    )
    field = models.ForeignKey(
        SpecField, on_delete=models.PROTECT, related_name="claims"
    )
    camera = models.ForeignKey(
        "CameraModule",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="claims",
        help_text="For a camera's value (resolution, sensor, aperture, zoom): "
        "which of the device's cameras, with a “Camera …” spec.",
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

    # The claim's settlement (devices.settlement), stored by devices.scoring
    # whenever a claim of the same device, its source or its field changes, so
    # that scores and "still open" lists are read, not worked out, per page.
    # Empty until it is first worked out (claims added in bulk).
    outcome = models.CharField(
        max_length=12, choices=Outcome, blank=True, editable=False, db_index=True
    )
    settled_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, editable=False, related_name="+"
    )
    lead_days = models.IntegerField(null=True, editable=False)
    changed_at = models.DateTimeField(
        null=True,
        editable=False,
        help_text="When the claim was last stated, settled or withdrawn.",
    )

    objects = SpecClaimQuerySet.as_manager()

    class Meta:
        ordering = ["field__group", "field__position", "stated_on", "pk"]
        indexes = [
            models.Index(fields=["device", "field"], name="claim_device_idx"),
            # A source's claims feed, newest change first.
            models.Index(
                fields=["source", "-changed_at", "-id"],
                name="claim_source_changes_idx",
            ),
        ]
        permissions = [
            ("withdraw_specclaim", "Can withdraw claims (they stay in the history)")
        ]

    def __str__(self):
        return f"{self.device}: {self.subject} = {self.display_value}"

    @property
    def subject(self):
        """What the claim is about, as readers are told: "Chipset", or
        "Main camera sensor"."""
        if self.camera_id is None:
            return self.field.name
        aspect = self.field.name.removeprefix("Camera ").lower()
        return f"{self.camera.get_role_display()} camera {aspect}"

    @property
    def line_key(self):
        """Claims with the same key are about the same thing."""
        return (self.camera_id, self.field_id)

    def clean(self):
        if not self.field_id:
            return
        is_camera_field = self.field.slug in CAMERA_ATTRIBUTES
        if self.camera_id is not None and self.camera.device_id != self.device_id:
            raise ValidationError({"camera": "Pick a camera of this device."})
        if self.camera_id is not None and not is_camera_field:
            raise ValidationError(
                {"field": "A camera's claim takes a “Camera …” spec."}
            )
        if self.camera_id is None and is_camera_field:
            raise ValidationError({"camera": "Say which camera this value is about."})
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


@reversion.register()
class CameraModule(CleanTextMixin, models.Model):
    """One camera of a device: its role and place. What it is (resolution,
    sensor, aperture, zoom) is claimed like any spec: `SpecClaim`s with this
    camera, so each value has its confidence, source and date, and a change
    is a newer claim."""

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
    optics_partner = models.ForeignKey(
        Brand,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="optics_for",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.device}: {self.get_role_display()} camera"

    @cached_property
    def best(self) -> dict:
        """The claim that counts for each value, by attribute ("sensor"...).

        Pages set it from claims they loaded in one go (`attach_claims`);
        otherwise it is read here.
        """
        return self.attach_claims(self.claims.for_sheets())

    def attach_claims(self, claims) -> dict:
        """Take the best of `claims` (this camera's) as its values."""
        by_attribute = {}
        for claim in claims:
            attribute = CAMERA_ATTRIBUTES.get(claim.field.slug)
            if attribute:
                by_attribute.setdefault(attribute, []).append(claim)
        best = {
            attribute: best_supported(found)
            for attribute, found in by_attribute.items()
        }
        self.__dict__["best"] = {key: claim for key, claim in best.items() if claim}
        return self.best

    def _value(self, attribute):
        claim = self.best.get(attribute)
        return claim.value if claim else None

    @property
    def megapixels(self):
        return self._value("megapixels")

    @property
    def sensor(self):
        return self._value("sensor") or ""

    @property
    def aperture(self):
        return self._value("aperture") or ""

    @property
    def optical_zoom(self):
        return self._value("optical_zoom")

    @property
    def is_unknown(self):
        return self.megapixels is None and not self.sensor

    @property
    def sources(self):
        """The sources of the values shown, each once."""
        found = {}
        for claim in self.best.values():
            if claim.source is not None:
                found.setdefault(claim.source_id, claim.source)
        return list(found.values())

    @property
    def confidence(self):
        """How sure its resolution is, the value compared between devices."""
        claim = self.best.get("megapixels")
        return claim.confidence if claim else None

    @property
    def megapixels_display(self):
        if self.megapixels is None:
            return "Unknown"
        return f"{self.megapixels.normalize():f} MP"
