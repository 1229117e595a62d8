"""Settings for Newsroom.

Every knob is read from the environment (or a `.env` file beside `manage.py`);
`.env.example` documents each one. The defaults give a working local site on
SQLite; production sets `DEBUG=false` and supplies real secrets and services.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# Real environment variables win over the file.
environ.Env.read_env(
    env.str("ENV_FILE", default=str(BASE_DIR / ".env")), overwrite=False
)

# ---------------------------------------------------------------------------
# Core
# ---------------------------------------------------------------------------

DEBUG = env.bool("DEBUG", default=False)

# A development key exists only so that `DEBUG=true` works out of the box; a
# site running with DEBUG off must be given its own, in SECRET_KEY or in the
# file SECRET_KEY_FILE names (`make run` generates one under var/ once).
_DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-use-in-production"
SECRET_KEY_FILE = env("SECRET_KEY_FILE", default="")
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY and SECRET_KEY_FILE:
    try:
        SECRET_KEY = Path(SECRET_KEY_FILE).read_text().strip()
    except OSError as error:
        raise ImproperlyConfigured(
            f"SECRET_KEY_FILE cannot be read ({error})."
        ) from error
if not SECRET_KEY and DEBUG:
    SECRET_KEY = _DEVELOPMENT_SECRET_KEY
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Set it in the environment (or .env) before "
        "running with DEBUG off."
    )

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)

# The public address of the site, used wherever a link leaves the request
# (feeds, calendars, sitemaps, e-mails). Unset, it is where `make run`
# listens: HOST and PORT (an address that means "every interface" is
# reached as 127.0.0.1).
_HOST = env("HOST", default="127.0.0.1")
_HOST = "127.0.0.1" if _HOST in {"0.0.0.0", "::", "[::]", ""} else _HOST
SITE_URL = env("SITE_URL", default=f"http://{_HOST}:{env('PORT', default='8000')}")
SITE_URL = SITE_URL.rstrip("/")
SITE_NAME = env("SITE_NAME", default="Newsroom")

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_filters",
    "reversion",
    "easy_thumbnails",
    "axes",
    "csp",
    "dbbackup",
    "health_check",
    "newsroom",
    "devices",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Second, so a stored reader page costs two cache reads and nothing else
    # (see the module for who gets one and when it goes stale).
    "newsroom.core.page_cache.PageCacheMiddleware",
    # Reader pages only; never a page with a secret on it (see the module).
    "newsroom.core.compression.ReaderGZipMiddleware",
    "newsroom.core.headers.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "newsroom.core.hostile_input.HostileInputMiddleware",
    # Outside whitenoise, so static files answer other methods like pages.
    "newsroom.core.methods.MethodPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsroom.core.faults.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# ---------------------------------------------------------------------------
# Database and cache
# ---------------------------------------------------------------------------

DATABASES = {
    "default": env.db(
        "DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'newsroom.sqlite3'}"
    )
}
DATABASES["default"].setdefault(
    "CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60)
)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# The embedded default is a folder under var/ that every worker of `make run`
# reads and writes (Django's file-based cache): the page cache and the section
# nav must look the same from every process, which local memory cannot do,
# and a file cache needs no table to create and no server. Several hosts
# share Redis instead.
CACHES = {
    "default": env.cache(
        "CACHE_URL", default=f"filecache://{BASE_DIR / 'var' / 'cache'}"
    )
}
if CACHES["default"]["BACKEND"].endswith("FileBasedCache"):
    # Django's default of 300 entries would cull a demo's pages constantly.
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 5000)
# Redis goes through a backend that treats an unreachable or slow server as a
# cache miss (see newsroom/cache.py), so a cache outage never fails a page.
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "newsroom.cache.ResilientRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).setdefault(
        "socket_timeout", env.float("CACHE_SOCKET_TIMEOUT", default=0.25)
    )

# How long a reader page stays in the page cache at most; content changes and
# scheduled stories end it sooner (newsroom/core/page_cache.py). 0 turns the
# page cache off, as it is by default with DEBUG on (a template being worked
# on shows at once).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0 if DEBUG else 300)

# Sessions live in the database so that every app host sees them.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# ---------------------------------------------------------------------------
# Internationalisation and time
# ---------------------------------------------------------------------------

LANGUAGE_CODE = "en-gb"
# The newsroom's own time zone: dates in URLs, on pages and in the admin are
# shown in it. Everything is stored in UTC.
TIME_ZONE = env("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

# ---------------------------------------------------------------------------
# Static files and media
# ---------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]

MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# One host serving its own uploads is the embedded default; behind object
# storage or a CDN, turn this off and let that serve them.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)

# Where `manage.py backup` (make backup) writes its timestamped folders.
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "var" / "backups")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
    # django-dbbackup's own commands (dbbackup, listbackups...) write here too.
    "dbbackup": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(BACKUP_DIR)},
    },
}

# Backups (django-dbbackup, run by `manage.py backup` and `restore`). SQLite
# is restored into the open connection (newsroom/backups.py); pg_dump and
# pg_restore get DATABASE_URL's sslmode, sslrootcert, sslcert, sslkey,
# passfile and service options from dbbackup as libpq variables.
DBBACKUP_CONNECTOR_MAPPING = {
    "django.db.backends.sqlite3": "newsroom.backups.SqliteOnlineConnector"
}
DBBACKUP_CONNECTORS = {"default": {"PG_OPTIONS": "--no-owner"}}
DBBACKUP_SEND_EMAIL = False

# ---------------------------------------------------------------------------
# Security
# ---------------------------------------------------------------------------

# Everyone who signs in works in the admin: with no `next`, or one refused as
# pointing off the site, sign-in lands on the admin index (not Django's
# default /accounts/profile/, which this site does not have).
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Behind a TLS-terminating proxy, trust its X-Forwarded-Proto header.
if env.bool("BEHIND_TLS_PROXY", default=not DEBUG):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 63072000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Load balancers probe /healthz over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# The secret that unlocks /healthz?deep=1 (a check that writes a file to media
# storage). Empty: deep checks are off and a plain /healthz still works.
HEALTH_CHECK_TOKEN = env("HEALTH_CHECK_TOKEN", default="")

# Content-Security-Policy (django-csp): nothing loads unless listed; scripts
# only from this origin or inline with the per-request nonce
# (`request.csp_nonce` in views, `{{ CSP_NONCE }}` in templates).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *env.list("CSP_IMG_SRC", default=[])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
    }
}
# Powerful browser features no page of this site uses.
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"
)

# Password guessing (django-axes): after AXES_FAILURE_LIMIT failed sign-ins
# for one user name from one address, that pair is locked out for
# AXES_COOLOFF_MINUTES. Other people and other addresses are not affected.
AUTHENTICATION_BACKENDS = [
    "newsroom.core.auth_backends.LoginAttemptBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
# How many proxies in front append to X-Forwarded-For; 0 means the site is
# reached directly and REMOTE_ADDR is the reader's address.
AXES_PROXY_HOPS = env.int("AXES_PROXY_HOPS", default=0)
AXES_CLIENT_IP_CALLABLE = "newsroom.core.auth_backends.client_ip"

# ---------------------------------------------------------------------------
# Logging: everything to stderr, where gunicorn and the process manager look.
# ---------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": env("LOG_LEVEL", default="INFO")},
}

# ---------------------------------------------------------------------------
# Newsroom
# ---------------------------------------------------------------------------

NEWSROOM_PAGE_SIZE = env.int("NEWSROOM_PAGE_SIZE", default=20)

# ---------------------------------------------------------------------------
# Demo content (manage.py load_demo): passwords of the local demo accounts.
# ---------------------------------------------------------------------------

DEMO_EDITOR_PASSWORD = env("DEMO_EDITOR_PASSWORD", default="newsroom-demo-editor")
DEMO_CONTRIBUTOR_PASSWORD = env(
    "DEMO_CONTRIBUTOR_PASSWORD", default="newsroom-demo-contributor"
)

# ---------------------------------------------------------------------------
# Editing: revisions, images, share links
# ---------------------------------------------------------------------------

# Renditions (easy-thumbnails) are made once, recorded in the database and
# served from the media storage like any upload.
THUMBNAIL_BASEDIR = "renditions"
THUMBNAIL_QUALITY = 82
THUMBNAIL_CACHE_DIMENSIONS = True

# How long a share link for an unpublished story works unless the editor
# picks another expiry.
NEWSROOM_SHARE_LINK_DAYS = env.int("NEWSROOM_SHARE_LINK_DAYS", default=3)
