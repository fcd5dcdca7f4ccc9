"""Who is asking: the reader's address, for rate limits and the desk's login lockout."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The reader's address. Behind nginx every request comes from the proxy, so the
    address the proxy reports (X-Real-IP, set by deploy/nginx.conf) is taken, but only
    from a proxy listed in TRUSTED_PROXIES: from anyone else it is the client's to forge."""
    remote = request.META.get("REMOTE_ADDR") or None
    if remote in settings.TRUSTED_PROXIES:
        return request.headers.get("X-Real-IP", "").strip() or remote
    return remote
