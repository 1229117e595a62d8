"""/healthz: can this host serve pages? For load balancers and monitoring.

django-health-check runs the checks. A plain GET or HEAD checks the database
(`SELECT 1`) and the cache (a ping or a read) and writes nothing anywhere.
`/healthz?deep=1` with the HEALTH_CHECK_TOKEN (in an `X-Health-Check-Token`
header, or a `token` parameter) also saves, reads back and deletes a file in
media storage; a deep request without that token is refused with 403, and
when no token is set deep checks are off. The answer names each check "ok" or
the kind of failure, and is 503 as soon as one fails; other methods get 405.
"""

import asyncio
import dataclasses
import hmac
import uuid
from typing import ClassVar

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.cache import caches
from django.http import JsonResponse
from health_check import checks
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView


@dataclasses.dataclass
class Database(checks.Database):
    name: ClassVar[str] = "database"

    async def run(self):
        # In the request's own thread, so it uses (and tests) the connection
        # the pages use, rather than opening one in a pool thread.
        await sync_to_async(super().run)()


@dataclasses.dataclass
class Cache(HealthCheck):
    """Reads only: the library's cache check writes a key on every probe."""

    name: ClassVar[str] = "cache"
    alias: str = "default"

    def run(self):
        cache = caches[self.alias]
        try:
            # The fail-open Redis cache (newsroom/cache.py) would hide an
            # outage behind a miss; its ping raises instead.
            if hasattr(cache, "ping"):
                cache.ping()
            else:
                cache.get("healthz:probe")
        except Exception as error:
            raise ServiceUnavailable("the cache does not answer") from error


@dataclasses.dataclass
class MediaStorage(checks.Storage):
    name: ClassVar[str] = "media_storage"

    def get_file_name(self):
        # At the top of the storage, so no empty folder stays behind.
        return f"healthz-{uuid.uuid4().hex}.txt"


def failure(error):
    """What the public page says about a failure; details go to the log."""
    cause = error.__cause__
    return f"failing: {type(cause).__name__ if cause else error.message_type}"


def has_token(request):
    expected = settings.HEALTH_CHECK_TOKEN
    given = request.headers.get("X-Health-Check-Token") or request.GET.get("token")
    return bool(expected and given) and hmac.compare_digest(
        given.encode(), expected.encode()
    )


class HealthView(HealthCheckView):
    http_method_names = ["get", "head"]
    shallow_checks = (Database, Cache)
    deep_checks = (Database, Cache, MediaStorage)

    async def get(self, request, *args, **kwargs):
        deep = "deep" in request.GET
        if deep and not has_token(request):
            return JsonResponse(
                {"status": "forbidden", "detail": "deep checks need the token"},
                status=403,
            )
        self.checks = self.deep_checks if deep else self.shallow_checks
        with self.get_executor() as executor:
            results = await asyncio.gather(
                *(check.get_result(executor) for check in self.get_checks())
            )
        report = {
            result.check.name: failure(result.error) if result.error else "ok"
            for result in results
        }
        healthy = all(value == "ok" for value in report.values())
        return JsonResponse(
            {"status": "ok" if healthy else "failing", "checks": report},
            status=200 if healthy else 503,
        )


healthz = HealthView.as_view()
