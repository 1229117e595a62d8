"""Whole reader pages from the shared cache, and conditional GET for every page.

Why whole pages and not fragments: a launch-day story is read by thousands of
people who all see the same bytes. Answering them from one stored response,
before sessions, authentication, templates or a single query run, makes a
warm page cost two cache reads. Fragment caching would still run the
middleware stack, the view and the template engine on every request.

Who gets a stored page: only a request that cannot belong to a signed-in
person, known without touching the database: GET or HEAD, no session cookie
(every signed-in editor has one), no Authorization header, and an address
outside the admin, previews and share links. A page is only stored when it
was rendered for nobody in particular: status 200, no cookie set, no CSRF
token used, an anonymous `request.user`, and no `private`/`no-store` in its
Cache-Control. Staff therefore never see a stored page, and readers never see
one rendered for staff.

When a stored page stops being used (all hosts and workers share the cache,
so all agree):

- on any content change: the keys carry a generation stamp kept in the
  cache, and `content_changed()` replaces it (the editorial app calls it
  from model signals; a service that writes with `QuerySet.update()` calls
  it itself). It is replaced again once the transaction commits, so a page
  rendered from the old rows while the write was in flight is never kept
  under the new stamp;
- at the next moment the clock alone changes a page (a scheduled story
  going live, an event starting): the `next_timed_change` hook, provided
  by the editorial app, says when, and no stored page outlives it;
- after PAGE_CACHE_SECONDS in any case (relative times like "3 hours ago").

With the cache down (Redis unreachable) there is no generation, so nothing is
read or stored and pages are simply rendered.
"""

import hashlib
import math
import uuid
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

from newsroom.core.hooks import Hook

GENERATION_KEY = "pages:generation"
# A generation outlives any page stored under it.
GENERATION_SECONDS = 7 * 24 * 60 * 60

next_timed_change = Hook(
    "next_timed_change",
    "The next moment after `now` when the clock alone changes some page "
    "(a scheduled story goes live, say), or None.",
)

# Never served from the cache, never stored: they are per person or per link.
PRIVATE_PREFIXES = ("/admin/", "/preview/", "/shared/", "/healthz")
# Headers set per request or per reader, never replayed from the cache.
UNSTORED_HEADERS = {"set-cookie", "date", "content-length"}


def content_changed(*, timed: bool = False) -> None:
    """Something readers see changed: stop using every stored page, now and
    again when the current transaction commits. `timed`: the change may move
    the next timed change (a story's publication time, an event's dates)."""
    _new_generation(timed=timed, committed=False)
    transaction.on_commit(lambda: _new_generation(timed=timed, committed=True))


def _new_generation(*, timed: bool, committed: bool) -> None:
    previous = cache.get(GENERATION_KEY)
    known = _known_horizon(previous) if previous else None
    stamp = uuid.uuid4().hex
    if timed:
        moment = next_timed_change(now=timezone.now()) or NEVER
        # Before the commit this sees the writer's own rows, which a rollback
        # may take back (a scheduled story deleted, say): the earlier of the
        # two moments is always safe, merely sooner than needed.
        if not committed and known is not None:
            moment = min(moment, known)
        _remember_horizon(stamp, moment)
    elif known is not None:
        _remember_horizon(stamp, known)
    cache.set(GENERATION_KEY, stamp, GENERATION_SECONDS)


def current_generation() -> str | None:
    """The stamp every cached page key carries; None when the cache is down."""
    stamp = cache.get(GENERATION_KEY)
    if stamp is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, GENERATION_SECONDS)
        stamp = cache.get(GENERATION_KEY)
    return stamp


def generation_key(name: str) -> str | None:
    """A cache key for `name` that changes with the content; None without a
    working cache."""
    stamp = current_generation()
    return None if stamp is None else f"{name}:{stamp}"


# "Nothing is scheduled" as a moment, so it compares like the others.
NEVER = datetime.max.replace(tzinfo=UTC)


def _horizon_key(stamp: str) -> str:
    return f"pages:horizon:{stamp}"


def _known_horizon(stamp: str) -> datetime | None:
    """The stored next timed change for this generation, unless it passed."""
    moment = cache.get(_horizon_key(stamp))
    return moment if moment is not None and moment > timezone.now() else None


def _remember_horizon(stamp: str, moment: datetime) -> None:
    cache.set(_horizon_key(stamp), moment, GENERATION_SECONDS)


def _horizon(stamp: str) -> datetime:
    """The next timed change: from the generation's record, or looked up."""
    moment = _known_horizon(stamp)
    if moment is None:
        moment = next_timed_change(now=timezone.now()) or NEVER
        _remember_horizon(stamp, moment)
    return moment


def _encoding(request) -> str:
    # The stored body is the one the compression middleware chose for this
    # Accept-Encoding; only whether gzip is accepted changes that choice.
    accepted = request.META.get("HTTP_ACCEPT_ENCODING", "").lower()
    return "gzip" if "gzip" in accepted else "identity"


def release_stamp() -> str:
    """Which static files this release links to (the collectstatic manifest):
    a page stored by another release may name hashed files this one does not
    have, so each release keeps pages of its own."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    hashed = getattr(staticfiles_storage, "hashed_files", None) or {}
    listing = repr(sorted(hashed.items())).encode()
    return hashlib.sha256(listing).hexdigest()[:12]


def _page_key(request, stamp: str, release: str) -> str | None:
    try:
        host = request.get_host()
    except Exception:  # DisallowedHost: let Django answer it
        return None
    address = f"{release}|{request.scheme}://{host}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    return f"pages:{stamp}:{_encoding(request)}:{digest}"


def may_read(request) -> bool:
    """Could this request be answered from the cache (no database needed)?"""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(PRIVATE_PREFIXES):
        return False
    if request.path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def may_store(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get(
        "CSRF_COOKIE_USED"
    ):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    varies = {v.strip().lower() for v in response.get("Vary", "").split(",")}
    if varies - {"", "accept-encoding", "cookie"}:
        return False
    control = response.get("Cache-Control", "").lower()
    return "private" not in control and "no-store" not in control


def with_validators(request, response):
    """Give a whole 200 an ETag (and Last-Modified when known) and answer 304
    when the client's copy matches; the 304 carries the same validators."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if response.streaming:
        return response
    if not response.has_header("ETag"):
        digest = hashlib.sha256(response.content).hexdigest()[:32]
        # Weak, like the feeds' and like Django's GZipMiddleware makes them:
        # one validator whatever path the response took.
        response["ETag"] = f'W/"{digest}"'
    return get_conditional_response(
        request,
        etag=response["ETag"],
        last_modified=_timestamp(response.get("Last-Modified")),
        response=response,
    )


def _timestamp(header):
    return parse_http_date_safe(header) if header else None


class PageCacheMiddleware:
    """Near the top of the stack, below SecurityMiddleware only."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.release = release_stamp()

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        key = None
        if seconds > 0 and may_read(request):
            stamp = current_generation()
            key = _page_key(request, stamp, self.release) if stamp else None
            hit = self._stored(request, key) if key is not None else None
            if hit is not None:
                return hit
        response = self.get_response(request)
        # Stored from a GET only: nothing then depends on whether a HEAD's
        # body was kept by whatever answered it.
        storable = (
            key is not None and request.method == "GET" and may_store(request, response)
        )
        if storable and not response.has_header("Last-Modified"):
            # Nothing readers see has changed since: any change would have
            # replaced the generation this copy is stored under.
            response["Last-Modified"] = http_date(math.floor(time_now()))
        answer = with_validators(request, response)
        if storable:
            self._store(key, stamp, response, seconds)
        return answer

    @staticmethod
    def _stored(request, key):
        entry = cache.get(key)
        if entry is None or entry["expires"] <= time_now():
            return None
        response = HttpResponse(
            b"" if request.method == "HEAD" else entry["body"],
            status=entry["status"],
        )
        for header, value in entry["headers"]:
            response.headers[header] = value
        response["Content-Length"] = str(len(entry["body"]))
        return with_validators(request, response)

    @staticmethod
    def _store(key, stamp, response, seconds):
        now = time_now()
        expires = now + seconds
        change = _horizon(stamp)
        if change != NEVER:
            expires = min(expires, change.timestamp())
        lifetime = math.floor(expires - now)
        if lifetime <= 0:
            return
        headers = [
            (header, value)
            for header, value in response.items()
            if header.lower() not in UNSTORED_HEADERS
        ]
        entry = {
            "status": response.status_code,
            "headers": headers,
            "body": response.content,
            "expires": expires,
        }
        cache.set(key, entry, lifetime)


def time_now() -> float:
    return timezone.now().timestamp()
