"""The base of every sitemap: addresses from `SITE_URL`."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap


class SiteSitemap(Sitemap):
    """A sitemap whose addresses start with SITE_URL.

    Django takes the domain from the sites framework, or else from the host
    of the request. We run without the sites framework (one site, configured
    by SITE_URL) and a crawler must see the one public address whatever host
    name reached us, so both are read from SITE_URL.
    """

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc
