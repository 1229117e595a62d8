"""Brands, devices, their specs and cameras, and the events where they launch."""

from devices.models.brands import Brand, Partnership, PartnershipQuerySet, Source
from devices.models.devices import (
    CAMERA_FIELDS,
    CameraModule,
    Claim,
    ClaimIsFixed,
    Device,
    DeviceAlias,
    SpecClaim,
    SpecClaimQuerySet,
    SpecField,
    best_supported,
)
from devices.models.events import (
    DatePrecision,
    LaunchEvent,
    LaunchEventQuerySet,
    validate_time_zone,
)

__all__ = [
    "CAMERA_FIELDS",
    "Brand",
    "CameraModule",
    "Claim",
    "ClaimIsFixed",
    "DatePrecision",
    "Device",
    "DeviceAlias",
    "LaunchEvent",
    "LaunchEventQuerySet",
    "Partnership",
    "PartnershipQuerySet",
    "Source",
    "SpecClaim",
    "SpecClaimQuerySet",
    "SpecField",
    "best_supported",
    "validate_time_zone",
]
