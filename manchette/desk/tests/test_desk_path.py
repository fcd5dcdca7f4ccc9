"""The desk's address is a setting (DESK_PATH): the desk answers there, and only there."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import clear_url_caches

import manchette.urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk_at(settings):
    original = settings.DESK_PATH

    def move(path: str) -> None:
        settings.DESK_PATH = path
        importlib.reload(manchette.urls)
        clear_url_caches()

    yield move
    move(original)


def test_the_desk_answers_at_its_configured_address_only(client, desk_at):
    desk_at("bureau-7")

    desk = client.get("/bureau-7/")
    former = client.get("/redaction/")

    assert desk.status_code == 302
    assert desk["Location"].startswith("/bureau-7/login/")
    assert former.status_code == 404


def test_an_address_that_is_not_one_segment_stops_the_start(tmp_path):
    environ = {**os.environ, "DESK_PATH": "../admin", "VAR_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=Path(__file__).resolve().parents[3],
        env={**environ, "DJANGO_SETTINGS_MODULE": "manchette.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode != 0
    assert "DESK_PATH" in done.stderr
