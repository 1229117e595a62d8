"""Sitemaps of device, brand and launch event pages (listed in /sitemap.xml)."""

from django.db.models import Max

from devices.models import Brand, Device, LaunchEvent
from newsroom.core.sitemaps import SiteSitemap


class RecordSitemap(SiteSitemap):
    """The page of every record of `model`, as new as the record."""

    model = None

    def items(self):
        return self.model.objects.only("slug", "updated_at").order_by("pk")

    def lastmod(self, record):
        return record.updated_at

    def get_latest_lastmod(self):
        return self.model.objects.aggregate(latest=Max("updated_at"))["latest"]


class DeviceSitemap(RecordSitemap):
    model = Device


class BrandSitemap(SiteSitemap):
    """A brand page changes when one of its devices does."""

    def items(self):
        return Brand.objects.annotate(latest=Max("devices__updated_at")).order_by("pk")

    def lastmod(self, brand):
        return brand.latest

    def get_latest_lastmod(self):
        return Device.objects.aggregate(latest=Max("updated_at"))["latest"]


class LaunchEventSitemap(RecordSitemap):
    model = LaunchEvent
