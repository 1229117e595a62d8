"""What django-reversion keeps a history of in devices, registered once.

A device's revision carries its aliases, spec claims and camera modules, so
reverting brings back the whole record; a launch event's carries its devices
(part of its own record). Imported by devices.admin before the admin classes
are made, and by the app's ready().
"""

import reversion

from devices.models import (
    Brand,
    CameraModule,
    Device,
    DeviceAlias,
    LaunchEvent,
    Partnership,
    SpecClaim,
)

reversion.register(DeviceAlias)
reversion.register(SpecClaim)
reversion.register(CameraModule)
reversion.register(Device, follow=["aliases", "spec_claims", "cameras"])
reversion.register(LaunchEvent)
reversion.register(Partnership)
reversion.register(Brand, follow=["partnerships"])
