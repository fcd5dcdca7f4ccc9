"""The settings pytest runs with (pyproject.toml): production's, and the few choices that
differ under test only.

Processes a test starts (manage.py, gunicorn through scripts/serve) are given
DJANGO_SETTINGS_MODULE=manchette.settings by the test itself (tests/fresh_process.py), so
they run with production's settings, as a real server does."""

import os

from manchette.settings import *  # noqa: F403
from manchette.settings import DATABASES, STORAGES, VAR_DIR, envbool

# A test opens connections from several threads (the browser tests' live server): none
# is kept past its request, so none outlives the test database.
if DATABASES["default"]["ENGINE"] == "manchette.sqlite":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # A file, not memory, so the browser tests' live server threads get their own
    # connections, as gunicorn workers would. One per test run, so two runs at once do
    # not share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-manchette-{os.getpid()}.sqlite3")}

# One cache in memory, emptied around each test (conftest.py); the page cache shares it.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CACHES["pages"] = CACHES["default"]
# Off unless a test turns them on.
PAGE_CACHE = envbool("PAGE_CACHE", False)
FRAGMENT_CACHE = envbool("FRAGMENT_CACHE", False)

# Static files read from their sources: fingerprinted names need `collectstatic` first.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = True

# Tasks run at once, inside the test, rather than waiting for a worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
