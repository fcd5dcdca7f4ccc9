"""Fifty readers posting at once, on gunicorn workers sharing the database: every
accepted comment is stored, none fails with "database is locked"."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from manchette.articles.tests.builders import make_article
from manchette.comments import spam
from manchette.comments.models import Comment
from manchette.tests.fresh_process import free_port

pytestmark = pytest.mark.django_db(transaction=True)

READERS = 50
CSRF = "a" * 32  # an unmasked CSRF secret: the cookie and the header must match


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def server():
    port = free_port()
    env = {
        **os.environ,
        # The server runs as in production, not with the tests' settings pytest set.
        "DJANGO_SETTINGS_MODULE": "manchette.settings",
        "DATABASE_URL": database_url(),
        "SECRET_KEY": settings.SECRET_KEY,
        "COMMENTS_MIN_SECONDS": "0",
        "COMMENTS_RATE_PER_IP": "1000",
        "COMMENTS_RATE_PER_EMAIL": "1000",
        "VAR_DIR": str(Path(settings.VAR_DIR) / "concurrency"),
    }
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "4",
            "--threads",
            "4",
            "manchette.wsgi",
        ],  # fmt: skip
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    log = []
    # Read the log until gunicorn listens: its socket then queues our requests.
    for line in process.stderr:
        log.append(line)
        if "Listening at" in line:
            break
    yield f"http://127.0.0.1:{port}", log, process
    process.terminate()
    log.extend(process.stderr.read().splitlines())
    process.wait(timeout=10)


def post(url: str, number: int) -> int:
    body = urllib.parse.urlencode(
        {
            "text": f"Lecteur {number} : mon avis sur le sujet.",
            "name": f"Lecteur {number}",
            "email": f"lecteur{number}@example.org",
            "timestamp": spam.form_timestamp(),
        }
    ).encode()
    request = urllib.request.Request(
        url,
        data=body,
        headers={
            "Accept": "application/json",
            "Cookie": f"csrftoken={CSRF}",
            "X-CSRFToken": CSRF,
            "Referer": url,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            json.load(response)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_fifty_readers_posting_at_once_lose_nothing(server):
    base, log, _ = server
    article = make_article(title="Un sujet qui fait réagir")
    url = f"{base}/commentaires/poster/{article.pk}/"

    with ThreadPoolExecutor(max_workers=READERS) as pool:
        statuses = list(pool.map(lambda n: post(url, n), range(READERS)))

    accepted = statuses.count(201)
    assert accepted == READERS, statuses
    assert Comment.objects.filter(article=article).count() == accepted
    assert not any("database is locked" in line for line in log)
