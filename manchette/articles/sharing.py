"""The share bar: plain links to each network, built on the server (no third-party script)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.http import HttpRequest
from django.urls import reverse

from .models import Article

MASTODON_COOKIE = "mastodon_instance"
_HOSTNAME = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


@dataclass(frozen=True)
class ShareLink:
    network: str
    label: str
    accessible_name: str
    url: str


def links(request: HttpRequest, article: Article, url: str) -> list[ShareLink]:
    title = article.title
    text = f"{title} {url}"
    networks = [
        (
            "facebook",
            "Facebook",
            "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        ),
        ("x", "X", "https://x.com/intent/post?" + urlencode({"text": title, "url": url})),
        (
            "linkedin",
            "LinkedIn",
            "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        ),
        ("whatsapp", "WhatsApp", "https://wa.me/?" + urlencode({"text": text})),
        ("bluesky", "Bluesky", "https://bsky.app/intent/compose?" + urlencode({"text": text})),
        (
            "mastodon",
            "Mastodon",
            reverse("articles:share-mastodon") + "?" + urlencode({"text": text}),
        ),
    ]
    pin = {"url": url, "description": title}
    if image_url := _social_image_url(request, article):
        pin["media"] = image_url
    networks.append(
        ("pinterest", "Pinterest", "https://www.pinterest.com/pin/create/button/?" + urlencode(pin))
    )
    share = [
        ShareLink(key, label, f"Partager sur {label} (nouvelle fenêtre)", href)
        for key, label, href in networks
    ]
    mail = "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=_quote)
    share.append(ShareLink("email", "E-mail", "Envoyer par e-mail", mail))
    return share


def _quote(value: str, safe: str = "", encoding=None, errors=None) -> str:
    # mailto: wants %20 for spaces; the default quote_plus '+' shows up in mail clients.
    return quote(value, safe="", encoding=encoding, errors=errors)


def _social_image_url(request: HttpRequest, article: Article) -> str:
    from manchette.images.templatetags.images import rendition_url

    if article.lead_image is None:
        return ""
    return request.build_absolute_uri(rendition_url(article.lead_image, "pinterest"))


def clean_instance(value: str) -> str | None:
    """A Mastodon server name as typed ('mastodon.social', 'https://mastodon.social/',
    '@me@piaille.fr'), reduced to a bare host name, or None when it is anything more than
    a host: a path, a query, a port or credentials are refused, never trimmed away."""
    value = value.strip().lower()
    value = re.sub(r"^https?://", "", value).removesuffix("/")
    if value.startswith("@") and value.count("@") == 2:
        value = value.rsplit("@", 1)[1]
    return value if _HOSTNAME.match(value) else None


def mastodon_share_url(instance: str, text: str) -> str:
    return f"https://{instance}/share?" + urlencode({"text": text})
