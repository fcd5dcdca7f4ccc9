"""Fixtures of the whole-site tests: static files collected as `make run` collects them,
and the demo newsroom served as `make run` serves it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

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


@dataclass(frozen=True)
class DemoSite:
    """The demo newsroom served as `make run` serves it, and where its pages are."""

    url: str
    paths: dict[str, str]


# Where each kind of public page of the demo is, read from its database.
DEMO_PATHS = """
import json
from urllib.parse import urlsplit
from django.db.models import Count
from manchette.articles.models import Article, Author, Category, Page, Tag
from manchette.comments import tokens
from manchette.comments.models import Comment

article = (
    Article.objects.published().annotate(n=Count("comments")).order_by("-n", "pk").first()
)
thread = Comment.objects.approved().filter(article=article, parent=None).first()
print(json.dumps({
    "article": article.get_absolute_url(),
    "reply": f"{article.get_absolute_url()}?repondre={thread.pk}",
    "category": Category.objects.order_by("position").first().get_absolute_url(),
    "topic": Tag.objects.annotate(n=Count("articles")).order_by("-n").first().get_absolute_url(),
    "author": Author.objects.annotate(n=Count("bylines")).order_by("-n").first().get_absolute_url(),
    "page": Page.objects.get(role=Page.Role.ABOUT).get_absolute_url(),
    "quoted_in_english": Article.objects.get(body__contains='lang="en"').get_absolute_url(),
    "my_data": urlsplit(tokens.my_data_url(thread.email)).path,
}))
"""


@pytest.fixture(scope="session")
def demo_site(collected_static, tmp_path_factory) -> Iterator[DemoSite]:
    """`scripts/serve` on the demo newsroom of `make run`, in a VAR_DIR of its own, for
    the browser tests that judge whole pages (issue 8)."""
    from .fresh_process import manage
    from .served_site import Server, served_environ

    var_dir = tmp_path_factory.mktemp("demo-site")
    env = served_environ(var_dir / "var", collected_static, WEB_CONCURRENCY="2")
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "load_demo")
    paths = json.loads(manage(env, "shell", "--no-imports", "--command", DEMO_PATHS))
    server = Server.start(env, var_dir / "serve.log")
    try:
        server.wait_until_serving(time.monotonic() + 60)
        yield DemoSite(f"http://127.0.0.1:{server.port}", paths)
    finally:
        server.stop()


@pytest.fixture
def new_context(chromium) -> Iterator[Callable[..., BrowserContext]]:
    """Browser contexts (French, closed after the test) with the options given."""
    contexts: list[BrowserContext] = []

    def make(**options) -> BrowserContext:
        contexts.append(chromium.new_context(locale="fr-FR", **options))
        return contexts[-1]

    yield make
    for context in contexts:
        context.close()
