"""What django-reversion keeps a history of in devices, registered once.

A device's revision carries its aliases, spec claims and camera modules, so
reverting brings back the whole record; a launch event's carries its devices
(part of its own record); a source's is its own. Imported by devices.admin
before the admin classes are made, and by the app's ready().
"""

import reversion

from devices.models import (
    Brand,
    CameraModule,
    Device,
    DeviceAlias,
    LaunchEvent,
    Partnership,
    Source,
    SpecClaim,
)

# The edit counter is recomputed on save, so revisions leave it out.
VERSION = ["version"]

reversion.register(DeviceAlias)
reversion.register(SpecClaim)
reversion.register(CameraModule)
reversion.register(
    Device, follow=["aliases", "spec_claims", "cameras"], exclude=VERSION
)
reversion.register(LaunchEvent, exclude=VERSION)
reversion.register(Partnership, exclude=VERSION)
reversion.register(Brand, follow=["partnerships"], exclude=VERSION)
reversion.register(Source, exclude=VERSION)
