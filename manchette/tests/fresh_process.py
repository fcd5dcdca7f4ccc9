"""The environment of a Manchette started afresh by a test (manage.py, a settings
import), so it reads only what the test gives it, not the machine's own setup."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Variables of the machine running the tests that would point a fresh process at other
# state (databases, caches, storage) or change what its settings choose.
FOREIGN = (
    "DATABASE_URL",
    "DATABASE_REPLICA_URL",
    "REDIS_URL",
    "CACHE_KEY_PREFIX",
    "MEDIA_ROOT",
    "STATIC_ROOT",
    "STATIC_EDGE_DIR",
    "PAGE_CACHE",
    "PAGE_CACHE_PURGE_HOOK",
    "SERVE_MEDIA",
    "DEBUG",
    "SITE_URL",
    "ALLOWED_HOSTS",
    "SECRET_KEY",
    "SECRET_KEY_FILE",
    # Set by the browser tests in this very process; the deployment check refuses it.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def fresh_environ(var_dir: Path, **env: str) -> dict[str, str]:
    environ = {
        name: value
        for name, value in os.environ.items()
        if name not in FOREIGN and not name.startswith("AWS_")
    }
    environ.update(DJANGO_SETTINGS_MODULE="manchette.settings", VAR_DIR=str(var_dir), **env)
    return environ


def manage(env: dict[str, str], *args: str) -> str:
    """`manage.py ARGS` in a fresh process with `env`; its standard output."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, f"manage.py {' '.join(args)}:\n{done.stderr[-4000:]}"
    return done.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
