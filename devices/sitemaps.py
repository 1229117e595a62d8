"""Sitemaps of device, brand and launch event pages (listed in /sitemap.xml)."""

from django.db.models import Max

from devices.models import Brand, Device, LaunchEvent
from newsroom.core.sitemaps import SiteSitemap


class DeviceSitemap(SiteSitemap):
    def items(self):
        return Device.objects.only("slug", "updated_at").order_by("pk")

    def lastmod(self, device):
        return device.updated_at

    def get_latest_lastmod(self):
        return Device.objects.aggregate(latest=Max("updated_at"))["latest"]


class BrandSitemap(SiteSitemap):
    """A brand page changes when one of its devices does."""

    def items(self):
        return Brand.objects.annotate(latest=Max("devices__updated_at")).order_by("pk")

    def lastmod(self, brand):
        return brand.latest

    def get_latest_lastmod(self):
        return Device.objects.aggregate(latest=Max("updated_at"))["latest"]


class LaunchEventSitemap(SiteSitemap):
    def items(self):
        return LaunchEvent.objects.only("slug", "updated_at").order_by("pk")

    def lastmod(self, event):
        return event.updated_at

    def get_latest_lastmod(self):
        return LaunchEvent.objects.aggregate(latest=Max("updated_at"))["latest"]
