"""Uploaded and imported files served by the app (SERVE_MEDIA): inert whatever they hold.

A file under /media/ is served from the site's own origin, so one that a browser would
run (HTML, SVG, a script) could read and act as the site. Every answer therefore carries
a policy that lets the document load and run nothing, in a sandbox (a unique origin),
`nosniff` so the browser keeps to the declared type, and any type that is not an image
shown inline, a PDF, a sound or a video is sent as a download. deploy/nginx.conf sends
the same headers when nginx serves /media/ itself.

PDFs get no `sandbox`: Chromium refuses to start its PDF viewer in a sandboxed document
(crbug.com/413851) and shows "blocked" instead. A PDF whose content is not a PDF never
reaches the media (the WordPress import checks the first bytes), and with `nosniff` a
browser shows an application/pdf answer as a PDF or not at all.
"""

from __future__ import annotations

import mimetypes
import posixpath

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.views.static import serve

# Inline styles only: browsers draw the page that shows an image, a PDF or a video
# with them; nothing else (no script, no request) may run in it.
BASE_POLICY = "default-src 'none'; style-src 'unsafe-inline'"
SANDBOXED_POLICY = f"{BASE_POLICY}; sandbox"

# Images a browser shows without running anything (SVG can hold scripts: not here).
INLINE_IMAGE_TYPES = frozenset(
    {"image/jpeg", "image/png", "image/gif", "image/webp", "image/avif", "image/bmp"}
)


def is_shown_inline(content_type: str) -> bool:
    """Whether a file of this type may be shown in the browser rather than downloaded."""
    return (
        content_type in INLINE_IMAGE_TYPES
        or content_type == "application/pdf"
        or content_type.startswith(("audio/", "video/"))
    )


def media_headers(response: HttpResponse, path: str) -> HttpResponse:
    """Add the headers that keep a served media file inert (see the module's docstring)."""
    content_type = (mimetypes.guess_type(path)[0] or "application/octet-stream").lower()
    response["Content-Security-Policy"] = (
        BASE_POLICY if content_type == "application/pdf" else SANDBOXED_POLICY
    )
    response["X-Content-Type-Options"] = "nosniff"
    if response.status_code == 200 and not is_shown_inline(content_type):
        response["Content-Disposition"] = content_disposition_header(True, posixpath.basename(path))
    return response


def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    """django.views.static.serve for MEDIA_ROOT, with the headers of media_headers()."""
    return media_headers(serve(request, path, document_root=settings.MEDIA_ROOT), path)
