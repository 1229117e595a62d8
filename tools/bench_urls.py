"""The site's URLconf plus the benchmark's framework floor.

The floor is the least a Django page can cost here: the same middleware,
no database, no template, the story page's size in bytes from memory. It is
never stored by the page cache (`never_cache`): a stored copy would time
the page cache, not the framework.
"""

import os

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from newsroom.urls import *  # noqa: F403
from newsroom.urls import urlpatterns as site_urlpatterns

FLOOR_PATH = "bench-floor/"
FLOOR_BODY = b"x" * int(os.environ.get("BENCH_FLOOR_BYTES", "20000"))


@never_cache
def floor(request):
    return HttpResponse(FLOOR_BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path(FLOOR_PATH, floor, name="bench-floor"), *site_urlpatterns]
