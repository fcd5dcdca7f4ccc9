"""Production's settings are the same whoever imports them (pytest included) and write
nothing but the generated secret key; the tests' own choices are in settings_test.py;
ADMINS and the log lines' dates."""

from __future__ import annotations

import logging
import os
import runpy
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from manchette.logs import UTCFormatter
from manchette.settings import envaddresses

from .fresh_process import ROOT, fresh_environ


def python(tmp_path, code: str, **env: str) -> str:
    environ = fresh_environ(tmp_path / "var", SECRET_KEY="settings-modules-test", **env)
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environ, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_production_settings_do_not_change_when_pytest_is_imported(tmp_path):
    found = python(
        tmp_path,
        "import pytest, django; django.setup()\n"
        "from django.conf import settings\n"
        "print(settings.TASKS['default']['BACKEND'], settings.PAGE_CACHE,"
        " settings.CACHES['default']['BACKEND'])",
    )

    assert found == (
        "django_tasks_db.DatabaseBackend True manchette.cache_backends.ResilientFileBasedCache"
    )


def test_the_tests_run_with_their_own_settings_module():
    assert os.environ["DJANGO_SETTINGS_MODULE"] == "manchette.settings_test"
    assert settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")
    assert not settings.PAGE_CACHE


def test_importing_the_settings_creates_no_folder(tmp_path):
    python(tmp_path, "import manchette.settings")

    assert not (tmp_path / "var").exists()


def test_the_first_connection_creates_the_database_folder(tmp_path):
    python(
        tmp_path,
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "connection.ensure_connection()",
    )

    assert (tmp_path / "var" / "manchette.sqlite3").exists()


def test_admins_are_read_as_names_and_addresses(monkeypatch):
    monkeypatch.setenv("ADMINS", "Claire Martin <claire@journal.example>, tech@journal.example")

    assert envaddresses("ADMINS") == [
        ("Claire Martin", "claire@journal.example"),
        ("", "tech@journal.example"),
    ]


def test_a_bad_admins_value_names_the_variable(monkeypatch):
    monkeypatch.setenv("ADMINS", "Claire Martin")

    with pytest.raises(ImproperlyConfigured, match="ADMINS"):
        envaddresses("ADMINS")


@pytest.fixture
def paris_time(monkeypatch):
    """The machine's clock in Paris: a local time would show +01:00, not Z."""
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_django_and_gunicorn_date_their_lines_alike_in_utc(paris_time):
    from gunicorn.config import Config

    record = logging.LogRecord("manchette", logging.INFO, __file__, 1, "Bonjour", (), None)
    record.created = 1765130000.25  # 2025-12-07 17:53:20.25 UTC, 18:53 in Paris
    gunicorn_logger = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))["UTCLogger"]
    config = Config()
    config.set("errorlog", "-")
    error_log = gunicorn_logger(config).error_log

    django_line = UTCFormatter(settings.LOG_FORMAT).format(record)
    gunicorn_line = error_log.handlers[0].formatter.format(record)

    assert django_line.startswith("2025-12-07T17:53:20.250Z ")
    assert gunicorn_line.startswith("2025-12-07T17:53:20.250Z ")
    assert settings.LOGGING["formatters"]["utc"]["()"] == "manchette.logs.UTCFormatter"


def test_gunicorn_access_lines_start_with_the_utc_time(paris_time):
    from gunicorn.config import Config

    namespace = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))

    assert namespace["access_log_format"].startswith("%(t)s ")
    assert namespace["UTCLogger"](Config()).now().endswith("Z")
