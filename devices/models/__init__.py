"""Brands, devices, their specs and cameras, and the events where they launch."""

from devices.models.brands import Brand, Partnership, PartnershipQuerySet, Source
from devices.models.devices import (
    CameraModule,
    Claim,
    Device,
    DeviceAlias,
    SpecClaim,
    SpecClaimQuerySet,
    SpecField,
)
from devices.models.events import (
    LaunchEvent,
    LaunchEventQuerySet,
    validate_time_zone,
)

__all__ = [
    "Brand",
    "CameraModule",
    "Claim",
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
    "validate_time_zone",
]
