"""Settings of Manchette, read from the environment with safe defaults."""

from __future__ import annotations

import datetime
import os
import re
import secrets
from email.utils import getaddresses
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
# The site's state on this machine (SQLite database, file caches, static and media files):
# each is created where it is first written (manchette/sqlite, the cache backends,
# collectstatic, the storage), not by importing this module.
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
# The tests' own choices are in manchette/settings_test.py, which pytest uses.


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def envchoice(name: str, default: str, choices: set[str]) -> str:
    value = os.environ.get(name, "").strip() or default
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {sorted(choices)}, not {value!r}.")
    return value


def envaddresses(name: str) -> list[tuple[str, str]]:
    """'Nom <adresse>, autre@exemple.fr' → [("Nom", "adresse"), ("", "autre@exemple.fr")]."""
    value = os.environ.get(name, "").strip()
    if not value:
        return []
    addresses = getaddresses([value])
    for _, address in addresses:
        if "@" not in address:
            raise ImproperlyConfigured(
                f"{name} must be addresses like 'Nom <adresse@exemple.fr>, …', not {value!r}."
            )
    return addresses


def envsecret(name: str, keep_in: Path) -> str:
    """The secret from the environment, or one generated once and kept in a file outside
    the repository, so that sessions survive restarts without a secret in git.

    The one write this module does at import, on purpose: every process (web workers, the
    task worker, commands) must sign with the same key from its first request or task,
    and the first one to start, whichever it is, writes it."""
    if value := os.environ.get(name, "").strip():
        return value
    if keep_in.exists():
        return keep_in.read_text().strip()
    keep_in.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(50)
    keep_in.touch(mode=0o600)
    keep_in.write_text(value)
    return value


DEBUG = envbool("DEBUG", False)
SECRET_KEY_FILE = Path(
    os.environ.get(
        "SECRET_KEY_FILE",
        Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config"))
        / "manchette"
        / "secret_key",
    )
)
SECRET_KEY = envsecret("SECRET_KEY", SECRET_KEY_FILE)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
# The desk's address (/redaction/ by default): another name keeps it off the lists of
# addresses that robots try; it is no secret, the login still guards it.
DESK_PATH = os.environ.get("DESK_PATH", "redaction").strip().strip("/")
if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", DESK_PATH):
    raise ImproperlyConfigured(
        f"DESK_PATH must be one path segment of lowercase letters, digits and hyphens, "
        f"not {DESK_PATH!r}."
    )
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

SITE_NAME = os.environ.get("SITE_NAME", "Le Courrier du Matin")
ARTICLES_PER_PAGE = envint("ARTICLES_PER_PAGE", 12)

INSTALLED_APPS = [
    "manchette.accounts",
    "manchette.articles",
    "manchette.images",
    "manchette.comments",
    "manchette.search",
    "manchette.syndication",
    "manchette.importers",
    "manchette.desk",
    "manchette.pagecache",
    "manchette.backups",
    "manchette.worker",
    # Django's admin with the desk's site; after the desk, whose templates/admin/ override
    # the admin's own.
    "manchette.desk.apps.DeskAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_prose_editor",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "manchette.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, CSRF and auth: a cached page costs none of their work.
    "manchette.pagecache.middleware.PageCacheMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A view's "database is locked" (a long write elsewhere) becomes a 503 "réessayez".
    "manchette.database_busy.DatabaseBusyMiddleware",
    # Last, so it sees the site's own 404s before turning old addresses into 301s.
    "manchette.importers.old_links.OldLinksMiddleware",
    # Last, as its documentation asks: it answers a locked-out login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "manchette.urls"
WSGI_APPLICATION = "manchette.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "manchette" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "manchette.articles.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'manchette.sqlite3'}"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer writes; IMMEDIATE transactions take the
    # write lock up front so concurrent writers wait (busy_timeout) instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    # Each gunicorn worker keeps its connection, as with PostgreSQL: opening one (and
    # running the PRAGMAs above) cost a third of a cached article page's time. An idle
    # connection holds no read transaction, so WAL checkpoints are not held back.
    DATABASES["default"]["CONN_MAX_AGE"] = envint("DATABASE_CONN_MAX_AGE", 60)
    # Django's SQLite, which creates the database's folder (VAR_DIR) on first connection.
    DATABASES["default"]["ENGINE"] = "manchette.sqlite"
# A PostgreSQL read replica (docs/deploy.md): anonymous readers' pages read from it, every
# write and everything else goes to the primary (manchette/db_router.py).
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "").strip()
if DATABASE_REPLICA_URL:
    if DATABASES["default"]["ENGINE"] == "manchette.sqlite":
        raise ImproperlyConfigured("DATABASE_REPLICA_URL needs DATABASE_URL on PostgreSQL.")
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    # Any test run reads the replica through the primary's test database (Django's TEST
    # settings are read by the test runner only).
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["manchette.db_router.PrimaryReplicaRouter"]
# How far behind the primary the replica may be, in seconds: the page cache stamps each
# change a second time after this delay (manchette/pagecache/changes.py).
DATABASE_REPLICA_MAX_LAG = envint("DATABASE_REPLICA_MAX_LAG", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The shared cache (rate limits, locks, navigation, pages): files under VAR_DIR, shared
# by every worker of one machine; Redis (REDIS_URL) when several machines serve the site.
# CACHE_KEY_PREFIX lets two sites share one Redis database.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis unreachable or hung: answered as an empty cache, left alone for a
            # while after a failure (cache_backends.py); the site serves from the
            # database. A LAN Redis answers in a millisecond: half a second is an
            # outage (hiredis, when installed, parses the replies).
            "BACKEND": "manchette.cache_backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            # A full or read-only disk answers like an empty cache.
            "BACKEND": "manchette.cache_backends.ResilientFileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
# After a login whose `next` was refused (another site's address), land on the desk.
LOGIN_REDIRECT_URL = "admin:index"

# The interface's strings are written in French in the code: no catalogue to compile.
LANGUAGE_CODE = "fr"
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STATICFILES_DIRS = [BASE_DIR / "manchette" / "static"]
# Uploaded images and their renditions: files under MEDIA_ROOT, or an S3-compatible
# bucket (AWS S3, MinIO, Scaleway, OVH, Garage…) through django-storages when
# AWS_STORAGE_BUCKET_NAME is set, so that every application server sees the same media.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
MEDIA_STORAGE = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            # Unset values are left to boto3 (its own environment variables, the
            # machine's role, ~/.aws).
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL", "").strip() or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME", "").strip() or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID", "").strip() or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY", "").strip() or None,
            # e.g. media.journal.example (a CDN or the bucket's public name): URLs point
            # there, unsigned.
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN", "").strip() or None,
            # Public media are read through plain URLs a CDN can cache; signed, expiring
            # URLs only for a private bucket.
            "querystring_auth": envbool("AWS_QUERYSTRING_AUTH", False),
            "default_acl": os.environ.get("AWS_DEFAULT_ACL", "").strip() or None,
            "location": os.environ.get("AWS_LOCATION", "").strip().strip("/"),
            "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE", "").strip() or None,
            # Two uploads of "photo.jpg" must not overwrite each other, as on disk.
            "file_overwrite": False,
            # Renditions carry their signature in their name and uploads never replace a
            # file, so a name always means the same bytes.
            "object_parameters": {
                "CacheControl": os.environ.get(
                    "AWS_S3_CACHE_CONTROL", "public, max-age=31536000"
                ).strip()
            },
        },
    }
    if AWS_STORAGE_BUCKET_NAME
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
)
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        # Fingerprinted, compressed files need `collectstatic`; DEBUG reads the sources.
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = DEBUG
# Media files are served by the application on one machine (the front server or a
# bucket takes over beyond it); see manchette/urls.py.
SERVE_MEDIA = envbool("SERVE_MEDIA", not AWS_STORAGE_BUCKET_NAME)

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Images refused beyond these (manchette/images/uploads.py): the pixel count bounds the
# memory one decoding takes (about 4 bytes a pixel), whatever the file's size.
IMAGE_MAX_BYTES = envint("IMAGE_MAX_BYTES", 25 * 1024 * 1024)
IMAGE_MAX_PIXELS = envint("IMAGE_MAX_PIXELS", 50_000_000)
# All the frames of an animation together, each decoded in turn: bounds the time a check takes.
IMAGE_MAX_ANIMATION_PIXELS = envint("IMAGE_MAX_ANIMATION_PIXELS", 100_000_000)

SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

# Comments (see docs/decisions.md). Policy: hold every comment, hold a commenter's first
# comment until one of theirs is approved, or approve all.
COMMENTS_POLICY = envchoice(
    "COMMENTS_POLICY", "hold_first", {"hold_all", "hold_first", "approve_all"}
)
COMMENTS_MAX_DEPTH = envint("COMMENTS_MAX_DEPTH", 3)
COMMENTS_THREADS_PER_PAGE = envint("COMMENTS_THREADS_PER_PAGE", 50)
COMMENTS_CLOSE_AFTER_DAYS = envint("COMMENTS_CLOSE_AFTER_DAYS", 30)  # 0: never
COMMENTS_MAX_LENGTH = envint("COMMENTS_MAX_LENGTH", 5000)
COMMENTS_MAX_LINKS = envint("COMMENTS_MAX_LINKS", 2)
COMMENTS_HOLD_WORDS = envlist("COMMENTS_HOLD_WORDS", [])
COMMENTS_REJECT_WORDS = envlist("COMMENTS_REJECT_WORDS", [])
COMMENTS_MIN_SECONDS = envint("COMMENTS_MIN_SECONDS", 3)
COMMENTS_FORM_MAX_AGE = envint("COMMENTS_FORM_MAX_AGE", 2 * 24 * 3600)
COMMENTS_RATE_PER_IP = envint("COMMENTS_RATE_PER_IP", 5)
COMMENTS_RATE_PER_EMAIL = envint("COMMENTS_RATE_PER_EMAIL", 3)
COMMENTS_RATE_WINDOW = envint("COMMENTS_RATE_WINDOW", 600)
# Proxies whose X-Real-IP header is believed (deploy/nginx.conf: 127.0.0.1).
TRUSTED_PROXIES = envlist("TRUSTED_PROXIES", [])
COMMENTS_IP_RETENTION_DAYS = envint("COMMENTS_IP_RETENTION_DAYS", 30)
COMMENTS_DIGEST_DELAY = envint("COMMENTS_DIGEST_DELAY", 15 * 60)
# An Akismet-compatible service, off unless a key is set.
AKISMET_API_KEY = os.environ.get("AKISMET_API_KEY", "")
AKISMET_URL = os.environ.get("AKISMET_URL", "https://rest.akismet.com/1.1/comment-check")

# Background work: the database queue, run by `manage.py run_tasks` beside the web
# server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Mail: SMTP when EMAIL_HOST is set, else printed on the console.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "redaction@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Who gets an e-mail with the details of each server error (500) when DEBUG is off:
# ADMINS="Nom <adresse@exemple.fr>, …" (Django's own mail_admins logging).
ADMINS = envaddresses("ADMINS")
# Where links in e-mails point, since a task has no request to read the host from.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# A site whose address is https:// (production, docs/deploy.md) sends its cookies over
# HTTPS only, redirects plain HTTP to HTTPS and asks browsers to remember that: HSTS for
# a year (SECURE_HSTS_SECONDS, 0 turns it off), subdomains included (set
# SECURE_HSTS_INCLUDE_SUBDOMAINS=false while one still serves plain HTTP), open to the
# browsers' preload list (joining it takes a request at hstspreload.org). The front
# server (deploy/nginx.conf) gives the reader's scheme in X-Forwarded-Proto, which it
# always overwrites. `make run` on http://127.0.0.1 keeps plain cookies, so the desk
# works there without a certificate.
HTTPS = SITE_URL.startswith("https://")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", HTTPS)
# Load balancers probe each server's health (manchette/health.py) over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^sante/$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", HTTPS)

CSRF_FAILURE_VIEW = "manchette.comments.views.csrf_failure"

# Every line dated in UTC, ISO 8601, as gunicorn's (deploy/gunicorn.conf.py).
LOG_FORMAT = "%(asctime)s [%(process)d] [%(levelname)s] %(name)s: %(message)s"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "utc": {"()": "manchette.logs.UTCFormatter", "fmt": LOG_FORMAT},
        "utc_request": {"()": "manchette.logs.UTCFormatter", "fmt": "%(asctime)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "utc"},
        "requests": {"class": "logging.StreamHandler", "formatter": "utc_request"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # runserver's request lines (make dev), dated in local time by Django's default.
    "loggers": {"django.server": {"handlers": ["requests"], "level": "INFO", "propagate": False}},
}

# Page cache (manchette/pagecache, docs/deploy.md): full pages for anonymous readers in
# the shared cache, invalidated exactly on every change.
PAGE_CACHE = envbool("PAGE_CACHE", True)
# Fragments (pagecache/fragments.py): the parts of an article page every reader sees
# alike, kept on the same tags as whole pages; they serve editors and the cache-off case.
FRAGMENT_CACHE = envbool("FRAGMENT_CACHE", True)
PAGE_CACHE_TTL = envint("PAGE_CACHE_TTL", 24 * 3600)
PAGE_CACHE_SHARED_MAX_AGE = envint("PAGE_CACHE_SHARED_MAX_AGE", 300)
PAGE_CACHE_STALE_WHILE_REVALIDATE = envint("PAGE_CACHE_STALE_WHILE_REVALIDATE", 60)
PAGE_CACHE_PURGE_HOOK = os.environ.get("PAGE_CACHE_PURGE_HOOK", "")
STATIC_EDGE_DIR = os.environ.get("STATIC_EDGE_DIR", "")
if "pages" not in CACHES:
    if CACHES["default"]["BACKEND"].endswith("FileBasedCache"):
        # Its own directory, a real size (the default of 300 entries would cull all
        # day long), and a store that does not list that directory at every write.
        CACHES["pages"] = {
            "BACKEND": "manchette.pagecache.filecache.FileCache",
            "LOCATION": str(VAR_DIR / "pagecache"),
            "OPTIONS": {"MAX_ENTRIES": envint("PAGE_CACHE_MAX_ENTRIES", 50_000)},
        }
    else:
        CACHES["pages"] = CACHES["default"]

# The desk's login (django-axes, desk/lockout.py): after DESK_LOGIN_ATTEMPTS failures
# for one user name from one address, that pair is refused for DESK_LOCKOUT_MINUTES, the
# right password included. Two higher limits catch what the pair misses: one user name
# guessed from many addresses (DESK_LOGIN_ATTEMPTS_PER_USER), one address trying many
# names (DESK_LOGIN_ATTEMPTS_PER_ADDRESS). Higher, because the name alone lets anyone
# lock an editor out, and the address alone locks a whole newsroom behind one NAT.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("DESK_LOGIN_ATTEMPTS", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=envint("DESK_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]
DESK_LOGIN_ATTEMPTS_PER_USER = envint("DESK_LOGIN_ATTEMPTS_PER_USER", 20)
DESK_LOGIN_ATTEMPTS_PER_ADDRESS = envint("DESK_LOGIN_ATTEMPTS_PER_ADDRESS", 30)
AXES_HANDLER = "manchette.desk.lockout.LayeredLockoutHandler"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "manchette.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "manchette.desk.lockout.locked_out"
AXES_VERBOSE = False
# Optional two-factor login (desk/two_factor.py): the name authenticator apps show.
OTP_TOTP_ISSUER = SITE_NAME
