"""The site's WSGI application, which empties every configured cache before a
request that carries `X-Bench-Cold: 1`.

So a "cold" measurement finds nothing cached whatever the backend (local
memory lives in each worker and cannot be cleared from outside), and cold and
warm runs can share one server and be interleaved.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench_settings")

from django.core.cache import caches

from newsroom.wsgi import application as site_application


def application(environ, start_response):
    if environ.get("HTTP_X_BENCH_COLD") == "1":
        for cache in caches.all(initialized_only=False):
            cache.clear()
    return site_application(environ, start_response)
