"""The static edge: the HTML of every public page written to STATIC_EDGE_DIR, for
nginx to serve without reaching the application (deploy/nginx.conf).

`/politique/2026/11/24/un-titre/` is kept as `politique/2026/11/24/un-titre/index.html`
(and `index.html.gz`). A change first deletes every file showing it, at once, so nginx
falls back to the application, which is always fresh; the task worker then writes the
missing files again, newest pages first. Files are written whole (a temporary file
renamed over the old one): nginx never serves half a page.

Pages are rendered as nginx's readers ask for them: over HTTPS when SITE_URL is https://
(else production's redirect to HTTPS would be all there is to keep), for SITE_URL's host.
Beside the edge, `nginx/security-headers.conf` and `nginx/media-headers.conf` hold the
application's security headers as nginx directives, so that what nginx serves by itself
(edge pages, static files, media) carries the same ones as the application's answers;
`nginx/media-map.conf` chooses, from a media file's extension, the headers that
manchette/media_files.py gives each type of file.
"""

from __future__ import annotations

import gzip
import logging
import mimetypes
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.test import Client
from django.urls import Resolver404, resolve

from manchette.media_files import media_headers

from . import addresses, tags, versions

logger = logging.getLogger(__name__)

PAGE_VIEWS = {
    "articles:home",
    "articles:category",
    "articles:tag",
    "articles:author",
    "articles:article",
    "articles:page",
}
INDEX = "index.html"
REFILL_LOCK = "pc:edge-refill"

# The headers an answer of the application carries for its safety (manchette/security.py
# and Django's SecurityMiddleware), copied into nginx's files.
SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "Referrer-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Cross-Origin-Opener-Policy",
    "Strict-Transport-Security",
)
# An extension nginx's map can match as written, and as Python's mimetypes finds it (the
# last one of the name): the others keep the headers of an unknown type, the strictest.
MEDIA_EXTENSION = re.compile(r"\.[A-Za-z0-9_+-]+")
# Describes the file sent, not the site: an error page under /media/ is no download.
MEDIA_ON_FILES_ONLY = {"Content-Disposition"}


def root() -> Path:
    return Path(settings.STATIC_EDGE_DIR)


def headers_dir() -> Path:
    """Where deploy/nginx.conf includes the security headers from: beside the edge (kept
    out of it, which is emptied whole at times)."""
    return root().parent / "nginx"


def file_for(path: str) -> Path | None:
    """Where the page at `path` is kept, or None for an address the edge never holds
    (query strings, feeds, the desk, comments, search)."""
    if not path.startswith("/") or not path.endswith("/") or "?" in path or ".." in path:
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.view_name not in PAGE_VIEWS:
        return None
    return root().joinpath(path.strip("/"), INDEX)


def forget(page_tags: set[str], paths: Iterable[str] = ()) -> None:
    if tags.SITE in page_tags:
        _empty(root())
    else:
        for path in [*addresses.for_tags(page_tags, with_pages=False), *paths]:
            if (target := file_for(path)) is not None:
                for name in (target, target.with_name(INDEX + ".gz")):
                    name.unlink(missing_ok=True)
    schedule_refill()


def _empty(directory: Path) -> None:
    if not directory.exists():
        return
    # Move aside first: nginx sees an empty edge at once, the deletion takes its time.
    trash = Path(tempfile.mkdtemp(prefix=".trash-", dir=directory))
    for entry in directory.iterdir():
        if entry != trash:
            entry.rename(trash / entry.name)
    shutil.rmtree(trash, ignore_errors=True)


def schedule_refill() -> None:
    from manchette.background import enqueue_once

    from .tasks import refill_edge

    # Changes come in bursts (an import, a moderator's batch): one refill for them all.
    # The refill releases the lock as it starts, so a change made after that start
    # queues the next one.
    enqueue_once(REFILL_LOCK, refill_edge, within=60, delay=1)


def write(path: str, body: bytes) -> None:
    target = file_for(path)
    if target is None:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    _write_whole(target.with_name(INDEX + ".gz"), gzip.compress(body, 6, mtime=0))
    _write_whole(target, body)


def _write_whole(target: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def render(path: str) -> bool:
    """Render `path` as an anonymous reader sees it and keep it; False when the page is
    not public, or changed while it was rendered (the next refill writes it)."""
    # Twice at most: on a cold cache the first rendering finds its tags without a
    # version yet (versions.fresh records them), and cannot be proven fresh.
    for _attempt in range(2):
        outcome = _render_once(path)
        if outcome is not None:
            return outcome
    return False


def _get(path: str) -> HttpResponse:
    """The application's answer to an anonymous reader at `path`, coming through nginx."""
    site = urlsplit(settings.SITE_URL)
    return Client(HTTP_HOST=site.netloc).get(path, secure=site.scheme == "https")


def _render_once(path: str) -> bool | None:
    start = versions.now()
    response = _get(path)
    target = file_for(path)
    if response.status_code not in (200, 404, 410):
        logger.warning("The static edge got %s for %s", response.status_code, path)
    if response.status_code != 200 or "public" not in response.get("Cache-Control", ""):
        if target is not None:
            target.unlink(missing_ok=True)
            target.with_name(INDEX + ".gz").unlink(missing_ok=True)
        return False
    page_tags = [t for t in response.get("Cache-Tag", "").split(",") if t]
    if not versions.fresh(page_tags, start):
        return None
    write(path, response.content)
    return True


def every_path() -> Iterator[str]:
    """Every page the edge holds: the front page and listings first, then articles,
    newest first."""
    from manchette.articles.models import Article, Author, Category, Page, Tag

    yield "/"
    published = Article.objects.published()
    yield from (
        c.get_absolute_url() for c in Category.objects.filter(articles__in=published).distinct()
    )
    yield from (t.get_absolute_url() for t in Tag.objects.filter(articles__in=published).distinct())
    yield from (
        a.get_absolute_url() for a in Author.objects.filter(articles__in=published).distinct()
    )
    yield from (p.get_absolute_url() for p in Page.objects.all())
    articles = published.select_related("category").only("slug", "pub_date", "category__slug")
    for item in articles.order_by("-published_at").iterator(chunk_size=2000):
        yield item.get_absolute_url()


def missing_paths() -> Iterator[str]:
    for path in every_path():
        target = file_for(path)
        if target is not None and not target.exists():
            yield path


def write_nginx_headers() -> None:
    """Write the security headers of the application's front page as nginx directives:
    `security-headers.conf` for edge pages and static files; for uploads,
    `media-headers.conf` (the same, with those of media_headers() on top) and
    `media-map.conf` (http level) for the ones that depend on the file's type."""
    response = _get("/")
    headers = {name: response[name] for name in SECURITY_HEADERS if name in response}
    fixed, varying = _media_headers()
    directory = headers_dir()
    directory.mkdir(parents=True, exist_ok=True)
    _write_whole(directory / "security-headers.conf", _directives(headers).encode())
    media = _directives({name: v for name, v in headers.items() if name not in varying} | fixed)
    for name in varying:
        always = "" if name in MEDIA_ON_FILES_ONLY else " always"
        media += f"add_header {name} ${_media_variable(name)}{always};\n"
    _write_whole(directory / "media-headers.conf", media.encode())
    _write_whole(directory / "media-map.conf", _media_maps(varying).encode())


def _media_headers() -> tuple[dict[str, str], dict[str, dict[str, list[str]]]]:
    """What media_headers() sends for a file of each extension the application knows
    a type for: the headers that are the same for all, and for the others, each value
    with its extensions ("" for every other file). Content-Disposition is kept to its
    type: without a file name, the browser takes the address's."""
    if not mimetypes.inited:
        mimetypes.init()
    extensions = sorted({e.lower() for e in mimetypes.types_map if MEDIA_EXTENSION.fullmatch(e)})
    blank = HttpResponse()  # its Content-Type: nginx sends its own for the file
    answers = {}
    for extension in ["", *extensions]:
        answer = media_headers(HttpResponse(), f"media{extension}")
        answers[extension] = {
            name: value.split(";")[0] if name == "Content-Disposition" else value
            for name, value in answer.items()
            if name not in blank
        }
    names = sorted({name for answer in answers.values() for name in answer})
    fixed, varying = {}, {}
    for name in names:
        values: dict[str, list[str]] = {}
        for extension, answer in answers.items():
            values.setdefault(answer.get(name, ""), []).append(extension)
        if len(values) == 1:
            fixed[name] = next(iter(values))
        else:
            varying[name] = values
    return fixed, varying


def _media_variable(name: str) -> str:
    return "manchette_media_" + name.lower().replace("-", "_")


def _media_maps(varying: dict[str, dict[str, list[str]]]) -> str:
    """nginx maps from a media address to each header's value; an empty value sends no
    header at all."""
    lines = ["# Written by manage.py build_static_edge from manchette/media_files.py."]
    for name, values in varying.items():
        lines.append(f"map $uri ${_media_variable(name)} {{")
        for value, extensions in values.items():
            _check(name, value)
            if "" in extensions:
                lines.append(f'    default "{value}";')
            else:
                pattern = "|".join(re.escape(extension[1:]) for extension in extensions)
                lines.append(f'    "~*\\.(?:{pattern})$" "{value}";')
        lines.append("}")
    return "\n".join(lines) + "\n"


def _directives(headers: dict[str, str]) -> str:
    lines = ["# Written by manage.py build_static_edge from the application's answers."]
    for name, value in headers.items():
        _check(name, value)
        # `always`: error answers (a missing file under /media/) carry them too.
        lines.append(f'add_header {name} "{value}" always;')
    return "\n".join(lines) + "\n"


def _check(name: str, value: str) -> None:
    # nginx reads `$` as a variable and has no way to escape it in a string.
    if any(character in value for character in '"\\$\n'):
        raise ValueError(f"nginx ne peut pas envoyer l’en-tête {name} tel quel : {value!r}")
