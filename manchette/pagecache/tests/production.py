"""docs/deploy.md's production settings (an https:// SITE_URL) applied to a test."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from manchette.tests.fresh_process import ROOT, fresh_environ

HOST = "journal.example"
# What an https:// address turns on (manchette/settings.py), read in a fresh process as
# production reads it rather than copied here, so the tests follow any change there.
SECURE = (
    "SITE_URL",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
)
READ = f"""
import django, json
django.setup()
from django.conf import settings
print(json.dumps({{name: getattr(settings, name) for name in {SECURE!r}}}))
"""


def use_production_settings(settings, tmp_path: Path) -> dict:
    """Give `settings` (pytest-django's fixture) what production has with
    SITE_URL=https://journal.example; returns those values."""
    environ = fresh_environ(
        tmp_path / "production-var",
        SECRET_KEY="production-settings-test",
        SITE_URL=f"https://{HOST}",
        ALLOWED_HOSTS=HOST,
    )
    done = subprocess.run(
        [sys.executable, "-c", READ],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    values = json.loads(done.stdout.strip().splitlines()[-1])
    assert values["SECURE_SSL_REDIRECT"] and values["SECURE_HSTS_SECONDS"] > 0
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    for name, value in values.items():
        setattr(settings, name, value)
    return values
