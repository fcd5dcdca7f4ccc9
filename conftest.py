"""Fixtures shared by every test: isolated media and cache, and content builders."""

from __future__ import annotations

import os

import pytest
from django.core.cache import cache
from django.db import connection
from hypothesis import settings as hypothesis_settings

# The property tests (hypothesis) run the same examples at every run: a failure in CI
# then points at a change in the code, not at a new random draw. No deadline: a shared
# two-core machine makes single examples slow at times.
hypothesis_settings.register_profile("manchette", derandomize=True, deadline=None)
hypothesis_settings.load_profile("manchette")


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _required_database(django_db_setup, django_db_blocker):
    """CI sets REQUIRE_POSTGRES so a run meant for PostgreSQL cannot pass on SQLite."""
    if os.environ.get("REQUIRE_POSTGRES"):
        assert connection.vendor == "postgresql", (
            "REQUIRE_POSTGRES is set but the suite ran on " + connection.vendor
        )


# Database 5 of the machine's Redis by default, apart from what a developer runs.
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")


@pytest.fixture(scope="session")
def redis_url() -> str:
    """The Redis server of the tests marked `redis`: they are skipped when it does not
    answer, unless REQUIRE_REDIS is set (CI), which makes that a failure."""
    import redis

    try:
        redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        message = f"Redis does not answer at {TEST_REDIS_URL}: {error}"
        if os.environ.get("REQUIRE_REDIS"):
            pytest.fail("REQUIRE_REDIS is set but " + message)
        pytest.skip(message)
    return TEST_REDIS_URL


CHROMIUM = "/usr/bin/chromium"
# Without these, Chromium keeps calling home, and this machine's closed network
# refuses it many times a second.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright (which cannot download its own here)."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own database
    # work stays synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
