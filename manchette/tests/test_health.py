"""/sante/, the load balancers' health check: 200 while the database answers (the cache
failing only degrades the site), 503 when it does not; never cached, not for robots."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.db import OperationalError, connections

from manchette.cache_backends import forget_breakers

from .fresh_process import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(type(connections["default"]), "cursor", refuse)


@pytest.fixture
def redis_down(settings):
    """The shared cache on a Redis that refuses connections, through the resilient
    backend production uses."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "manchette.cache_backends.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
    yield
    forget_breakers()


def test_a_healthy_server_says_ok(client):
    response = client.get("/sante/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_a_dead_cache_is_degraded_but_still_serves(client, redis_down):
    response = client.get("/sante/")

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "down"}


def test_probes_during_an_outage_leave_nothing_to_delete_on_recovery(client, redis_down):
    for _ in range(5):
        client.get("/sante/")

    # The keys written during an outage are deleted when the store is back; a load
    # balancer's probes must not crowd out the pages' own: only the probe that found the
    # outage wrote anything.
    assert len(caches["default"].breaker.lost) <= 1


def test_a_dead_database_is_down(client, database_down):
    response = client.get("/sante/")

    assert response.status_code == 503
    assert response.json() == {"status": "down", "database": "down", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_the_page_cache_never_answers_for_it(client, settings, monkeypatch):
    settings.PAGE_CACHE = True
    assert client.get("/sante/").status_code == 200

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(type(connections["default"]), "cursor", refuse)

    assert client.get("/sante/").status_code == 503


def test_it_names_no_server_version_nor_error(client, database_down):
    body = client.get("/sante/").content.decode()

    assert "refused" not in body
    assert "Django" not in body and "PostgreSQL" not in body and "SQLite" not in body


def test_load_balancers_probe_it_over_plain_http(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/robots.txt").status_code == 301
    assert client.get("/sante/").status_code == 200


def test_robots_stay_out(client):
    assert "Disallow: /sante/" in client.get("/robots.txt").content.decode()
