"""Separate installs of Manchette for the backup tests: each its own VAR_DIR (database,
media, caches), driven through manage.py in a subprocess as a newsroom would."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from manchette.tests.fresh_process import ROOT, fresh_environ


@dataclass
class Install:
    var_dir: Path
    env: dict[str, str]

    @property
    def database(self) -> Path:
        return self.var_dir / "manchette.sqlite3"

    @property
    def media(self) -> Path:
        return self.var_dir / "media"


def make_install(var_dir: Path, **settings: str) -> Install:
    env = fresh_environ(
        var_dir, SECRET_KEY="une-clé-de-test-pour-les-sauvegardes", LOG_LEVEL="WARNING", **settings
    )
    var_dir.mkdir(parents=True, exist_ok=True)
    return Install(var_dir, env)


def manage(install: Install, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=install.env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check:
        assert done.returncode == 0, f"manage.py {' '.join(args)}:\n{done.stderr[-4000:]}"
    return done


def run_python(install: Install, code: str) -> str:
    """Run Django code inside the install (content building, checks)."""
    return manage(install, "shell", "--no-imports", "-c", code).stdout


def media_files(install: Install) -> dict[str, bytes]:
    return {
        path.relative_to(install.media).as_posix(): path.read_bytes()
        for path in sorted(install.media.rglob("*"))
        if path.is_file()
    }


# A small newsroom: a lead image (with its renditions), articles with comments, and a
# file that is not an image.
SAMPLE_CONTENT = """
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from manchette.articles.tests.builders import make_article, make_lead_image
from manchette.comments.tests.builders import make_comment

image = make_lead_image()
for n in range(3):
    article = make_article(
        title=f"Inondations dans la vallée, jour {n}", lead_image=image if n == 0 else None
    )
    make_comment(article, text=f"Courage aux sinistrés, message {n}.")
default_storage.save("documents/rapport annuel.pdf", ContentFile(bytes(range(256)) * 40))
"""


# What the newsroom checks after a restore: its headlines and readers' comments, and
# that a reader's search finds the sample's articles.
HEADLINES = """
from manchette.articles.models import Article
from manchette.comments.models import Comment
print(sorted(Article.objects.values_list("title", flat=True)))
print(sorted(Comment.objects.values_list("text", flat=True)))
"""

SEARCH = """
from manchette.search.query import Filters, parse
from manchette.search.results import search
_, results = search(parse("inondations vallée"), Filters(), offset=0, limit=10)
print(len(results))
"""
