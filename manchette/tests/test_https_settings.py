"""Production behind HTTPS: Django's deployment check has nothing to say, the secret key
is made once outside the repository, cookies and redirects follow the site's address."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest

from manchette.articles.tests.builders import make_article

from .fresh_process import ROOT, fresh_environ


def manage(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=fresh_environ(tmp_path / "var", **env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_deployment_check_passes_for_a_site_served_over_https(tmp_path):
    key_file = tmp_path / "config" / "secret_key"
    production = {
        "SITE_URL": "https://journal.example",
        "ALLOWED_HOSTS": "journal.example",
        "SECRET_KEY_FILE": str(key_file),
    }

    done = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **production)

    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout
    # The key was made on first start, readable by its owner only, and kept.
    key = key_file.read_text()
    assert len(key) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert manage(tmp_path, "check", "--deploy", **production).returncode == 0
    assert key_file.read_text() == key


@pytest.mark.django_db
def test_a_site_over_https_sends_readers_to_https_and_secure_cookies(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.CSRF_COOKIE_SECURE = settings.SESSION_COOKIE_SECURE = True
    article = make_article(title="Le budget est voté")

    plain = client.get(article.get_absolute_url(), headers={"X-Forwarded-Proto": "http"})
    secure = client.get(article.get_absolute_url(), headers={"X-Forwarded-Proto": "https"})
    token = client.get("/commentaires/jeton/", headers={"X-Forwarded-Proto": "https"})

    assert plain.status_code == 301
    assert plain["Location"].startswith("https://")
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert token.cookies["csrftoken"]["secure"]
