"""The files of wp-content/uploads: copied into Manchette's media storage, and the old
addresses in bodies rewritten to the copies.

A file keeps its path under uploads ("2019/05/photo.jpg" is stored as
"wordpress/2019/05/photo.jpg"), so an address can be rewritten without knowing which
attachment it belongs to, whichever order the export lists them in, and running the
import again finds the copies already there.

Only images and a short list of documents a browser shows without running anything are
copied: PDF, sounds (MP3, AAC/M4A, Ogg, Opus, WAV, FLAC) and videos (MP4, M4V, MOV, WebM,
Ogg). A file's first bytes must match its extension. Anything else (an HTML page, an SVG,
a script, an archive, an office document) would be served from the site's own origin: it
is not copied, and the report lists it with who linked to it; its old address is left as
it was in the bodies.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from manchette.images.metadata import without_location

from .mapping import split_url

STORAGE_PREFIX = "wordpress"
UPLOADS_MARKER = "/wp-content/uploads/"
# The first bytes of each kind of file kept; enough to tell it from HTML or a script.
_SIGNATURES = {
    "jpeg": lambda head: head.startswith(b"\xff\xd8\xff"),
    "png": lambda head: head.startswith(b"\x89PNG\r\n\x1a\n"),
    "gif": lambda head: head[:6] in {b"GIF87a", b"GIF89a"},
    "webp": lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP",
    "bmp": lambda head: head.startswith(b"BM"),
    "tiff": lambda head: head[:4] in {b"II*\x00", b"MM\x00*"},
    "pdf": lambda head: head.startswith(b"%PDF-"),
    # An ID3 tag, or straight away an MPEG audio frame (11 bits set).
    "mp3": lambda head: head.startswith(b"ID3") or (head[:1] == b"\xff" and head[1:2] >= b"\xe0"),
    "mp4": lambda head: head[4:8] in {b"ftyp", b"moov", b"mdat", b"wide", b"free"},
    "ogg": lambda head: head.startswith(b"OggS"),
    "wav": lambda head: head[:4] == b"RIFF" and head[8:12] == b"WAVE",
    "webm": lambda head: head.startswith(b"\x1a\x45\xdf\xa3"),
    "flac": lambda head: head.startswith(b"fLaC"),
}
_HEAD_SIZE = 16
IMAGE_TYPES = {
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".jpe": "jpeg",
    ".png": "png",
    ".gif": "gif",
    ".webp": "webp",
    ".bmp": "bmp",
    ".tif": "tiff",
    ".tiff": "tiff",
}
DOCUMENT_TYPES = {
    ".pdf": "pdf",
    ".mp3": "mp3",
    ".m4a": "mp4",
    ".mp4": "mp4",
    ".m4v": "mp4",
    ".mov": "mp4",
    ".ogg": "ogg",
    ".oga": "ogg",
    ".ogv": "ogg",
    ".opus": "ogg",
    ".wav": "wav",
    ".webm": "webm",
    ".flac": "flac",
}
IMAGE_EXTENSIONS = frozenset(IMAGE_TYPES)
# WordPress's resized copies ("photo-300x200.jpg") and its scaled-down originals
# ("photo-scaled.jpg", since 5.3) stand for the original when only it was copied.
_SIZE_SUFFIX_RE = re.compile(r"-(?:\d+x\d+|scaled|rotated)(?=\.[A-Za-z0-9]+$)")
_URL_ATTRIBUTE_RE = re.compile(r"""(\s(?:src|href)\s*=\s*)(["'])(.*?)\2""", re.I | re.S)
# Jetpack's image CDN serves i0.wp.com/<site>/wp-content/uploads/…
_PHOTON_RE = re.compile(r"^i\d\.wp\.com$")


def is_image(path: str) -> bool:
    return posixpath.splitext(path.lower())[1] in IMAGE_EXTENSIONS


def refusal(path: str, head: bytes) -> str | None:
    """Why the file at `path`, whose first bytes are `head`, is not copied; None when
    it is an image or a document of the kept kinds (see the module's docstring)."""
    extension = posixpath.splitext(path.lower())[1]
    kind = IMAGE_TYPES.get(extension) or DOCUMENT_TYPES.get(extension)
    if kind is None:
        return _(
            "type de fichier non accepté (%s) : seuls les images, PDF, sons et vidéos sont copiés"
        ) % (extension or _("sans extension"))
    if not _SIGNATURES[kind](head[:_HEAD_SIZE]):
        return _("le contenu du fichier n’est pas celui d’un fichier %s") % extension
    return None


class Uploads:
    """Finds the files of an export in the --media-dir copy, copies each once into the
    media storage, and remembers the missing ones with who needed them."""

    def __init__(self, media_dir: Path | None, site_hosts: Iterable[str], *, dry_run: bool):
        self.media_dir = Path(media_dir).resolve() if media_dir else None
        self.site_hosts = {host.lower() for host in site_hosts if host}
        self.dry_run = dry_run
        self._stored: dict[str, str | None] = {}
        self.missing: dict[str, list[str]] = defaultdict(list)
        # Files found but not copied: path asked for → (reason, who needed it).
        self.refused: dict[str, tuple[str, list[str]]] = {}
        self._refusals: dict[str, str] = {}
        self.copied = 0

    def relative_path(self, url: str) -> str | None:
        """ "2019/05/photo.jpg" for an address of the site's uploads, else None."""
        url = html.unescape(url or "").strip()
        if UPLOADS_MARKER not in url:
            return None
        parts = split_url(url)
        if parts is None:
            return None
        host = (parts.hostname or "").lower()
        path = parts.path
        if _PHOTON_RE.match(host):
            host, _, path = path.lstrip("/").partition("/")
            path = "/" + path
        if (
            host
            and host not in self.site_hosts
            and host.removeprefix("www.") not in {h.removeprefix("www.") for h in self.site_hosts}
        ):
            return None
        relative = unquote(path.split(UPLOADS_MARKER, 1)[1])
        normalised = posixpath.normpath(relative)
        if normalised.startswith(("../", "/")) or normalised in {".", ".."}:
            return None
        return normalised

    def store(self, relative: str, used_by: str = "") -> str | None:
        """The storage name of the copy of uploads/`relative` (copied now if need be), or
        of its original for a resized copy; None when neither file is in --media-dir."""
        if relative not in self._stored:
            name = self._copy(relative)
            if name is None and _SIZE_SUFFIX_RE.search(relative):
                name = self._copy(_SIZE_SUFFIX_RE.sub("", relative))
            self._stored[relative] = name
        name = self._stored[relative]
        if name is None and used_by and self.media_dir is not None:
            reason = self._refusals.get(relative) or self._refusals.get(
                _SIZE_SUFFIX_RE.sub("", relative)
            )
            users = self.refused.setdefault(relative, (reason, []))[1] if reason else None
            if users is None:
                users = self.missing[relative]
            if used_by not in users:
                users.append(used_by)
        return name

    def url(self, relative: str, used_by: str = "") -> str | None:
        name = self.store(relative, used_by)
        return default_storage.url(name) if name else None

    def _copy(self, relative: str) -> str | None:
        if self.media_dir is None:
            return None
        source = self.media_dir / relative
        try:
            if not source.resolve().is_relative_to(self.media_dir) or not source.is_file():
                return None
            if self.dry_run:
                with source.open("rb") as opened:
                    data = opened.read(_HEAD_SIZE)
            else:
                data = source.read_bytes()
        except OSError:
            return None
        if reason := refusal(relative, data):
            self._refusals[relative] = reason
            return None
        if self.dry_run:
            return f"{STORAGE_PREFIX}/{relative}"
        # Every copy loses its location data, resized copies linked from bodies
        # included: a source's position must never be published.
        data = without_location(data, relative)
        name = f"{STORAGE_PREFIX}/{relative}"
        # Same name and size: copied by an earlier run (a killed one too).
        if default_storage.exists(name):
            if default_storage.size(name) == len(data):
                return name
            default_storage.delete(name)
        saved = default_storage.save(name, ContentFile(data, name=posixpath.basename(name)))
        self.copied += 1
        return saved

    def rewrite(self, body: str, used_by: str) -> str:
        """`body` with the addresses of the site's uploads (src and href) pointing at the
        copies; addresses whose file is missing are left as they are, and reported."""
        if UPLOADS_MARKER not in body:
            return body

        def replace(match: re.Match[str]) -> str:
            relative = self.relative_path(match.group(3))
            if relative is None:
                return match.group(0)
            url = self.url(relative, used_by)
            if url is None:
                return match.group(0)
            return f"{match.group(1)}{match.group(2)}{html.escape(url)}{match.group(2)}"

        return _URL_ATTRIBUTE_RE.sub(replace, body)
