"""The site's root URLconf: each app's pages under one roof."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from newsroom.health import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("", include("newsroom.editorial_urls")),
]

if settings.SERVE_MEDIA:
    # The embedded default: this host serves its own uploads. With object
    # storage, SERVE_MEDIA is off and the storage serves them.
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(
            rf"^{media_prefix}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# A database outage met outside a view is a 503, not a 500 (newsroom/faults.py).
handler500 = "newsroom.faults.server_error"
