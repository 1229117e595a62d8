"""The site's root URLconf: each app's pages under one roof."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_control
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView
from django.views.static import serve

from newsroom import sitemaps
from newsroom.health import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("", include("newsroom.routes")),
    path("", include("devices.urls")),
]


def crawled(view):
    """Read-only, cached for a while and compressed: crawlers come back often.

    The method check comes first, so a refusal is never marked cacheable."""
    return require_safe(cache_control(public=True, max_age=600)(gzip_page(view)))


# For search engines: the sitemap index, its sections, Google News, robots.txt.
urlpatterns += [
    path("sitemap.xml", crawled(sitemaps.index), name="sitemap"),
    path(
        "sitemap-news.xml",
        crawled(sitemap_views.sitemap),
        {
            "sitemaps": {"news": sitemaps.NewsSitemap},
            "template_name": "sitemaps/news.xml",
        },
        name="sitemap-news",
    ),
    path(
        "sitemap-<section>.xml",
        crawled(sitemap_views.sitemap),
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap-section",
    ),
    path(
        "robots.txt",
        crawled(
            TemplateView.as_view(
                template_name="robots.txt", content_type="text/plain; charset=utf-8"
            )
        ),
        name="robots-txt",
    ),
    # Lets browsers offer the site's search in their address bar.
    path(
        "opensearch.xml",
        crawled(
            TemplateView.as_view(
                template_name="opensearch.xml",
                content_type="application/opensearchdescription+xml; charset=utf-8",
            )
        ),
        name="opensearch",
    ),
]


@require_safe
def serve_media(request, path):
    # MEDIA_ROOT is read per request, not when the URLconf loads, so uploads
    # are found wherever the settings say they are now (tests move them).
    try:
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as error:
        # A name the file system refuses (too long, say) names no upload.
        raise Http404("No such upload.") from error


if settings.SERVE_MEDIA:
    # The embedded default: this host serves its own uploads. With object
    # storage, SERVE_MEDIA is off and the storage serves them.
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(rf"^{media_prefix}(?P<path>.*)$", serve_media, name="media")
    ]

# Error pages that never read the request's body (newsroom/core/error_pages.py);
# a database outage met outside a view is a 503, not a 500 (newsroom/core/faults.py).
handler400 = "newsroom.core.error_pages.bad_request"
handler403 = "newsroom.core.error_pages.permission_denied"
handler404 = "newsroom.core.error_pages.page_not_found"
handler500 = "newsroom.core.faults.server_error"
