"""Fixtures of the whole-site tests: static files collected as `make run` collects them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory) -> Path:
    """A STATIC_ROOT filled by `collectstatic` with production's storage (fingerprinted
    names, gzip copies, the manifest), which servers started by the tests can use."""
    root = tmp_path_factory.mktemp("static")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "manchette.settings",
        "DEBUG": "false",
        "STATIC_ROOT": str(root),
        "VAR_DIR": str(tmp_path_factory.mktemp("var")),
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert (root / "staticfiles.json").exists()
    return root
