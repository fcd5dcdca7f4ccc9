"""How WordPress values become Manchette's: statuses, dates, slugs, plain text."""

from __future__ import annotations

import datetime
import html
import ipaddress
import re
import zoneinfo
from dataclasses import dataclass
from urllib.parse import SplitResult, unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from manchette.articles.models import Article
from manchette.comments.models import Comment
from manchette.control_chars import strip_control_chars
from manchette.lib.slugs import slugify_fr

_ZERO_DATE = "0000-00-00 00:00:00"
_TAG_RE = re.compile(r"<[^>]*>")
# Tags that separate words; any other ("l’<em>union</em>") is dropped without a space.
_SEPARATING_TAG_RE = re.compile(r"<(?:br|/?p|/?div|/?li|/?h\d|/?td|/?th)\b[^>]*>", re.I)
_SPACES_RE = re.compile(r"\s+")
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LINK_RE = re.compile(r"""<a\s[^>]*?href\s*=\s*(["'])(.*?)\1[^>]*>(.*?)</a\s*>""", re.I | re.S)
_BREAK_RE = re.compile(r"<br\s*/?>|</p\s*>|</li\s*>|</blockquote\s*>", re.I)
_validate_email = EmailValidator()
_validate_url = URLValidator(schemes=["http", "https"])


@dataclass(frozen=True)
class PostStatus:
    """What an item's WordPress status becomes: a Manchette status, or a reason to skip
    it; and a remark for the report when the newsroom should know."""

    status: str = ""
    skip: str = ""
    note: str = ""
    keep_date: bool = True


def post_status(status: str, password: str, published_at: datetime.datetime | None) -> PostStatus:
    """publish → published, future → scheduled, draft → draft, pending → in review,
    private → draft, trash → skipped. A password-protected post stays unpublished (its
    readers had to know the password), and a "future" post whose time has passed (a
    missed schedule: WordPress never published it) becomes a draft."""
    if status == "trash":
        return PostStatus(skip=_("à la corbeille dans WordPress"))
    if status == "auto-draft":
        return PostStatus(skip=_("brouillon automatique de WordPress, jamais écrit"))
    if status not in {"publish", "future", "draft", "pending", "private"}:
        return PostStatus(skip=_("état WordPress inconnu : « %s »") % status)
    if password.strip():
        return PostStatus(
            status=Article.Status.DRAFT,
            note=_("protégé par un mot de passe dans WordPress : importé non publié"),
        )
    if status == "publish":
        return PostStatus(status=Article.Status.PUBLISHED)
    if status == "future":
        if published_at is not None and published_at <= timezone.now():
            return PostStatus(
                status=Article.Status.DRAFT,
                note=_("programmé pour une date passée sans avoir paru : importé en brouillon"),
            )
        return PostStatus(status=Article.Status.SCHEDULED)
    if status == "private":
        return PostStatus(
            status=Article.Status.DRAFT, note=_("privé dans WordPress : importé en brouillon")
        )
    if status == "pending":
        return PostStatus(status=Article.Status.REVIEW, keep_date=False)
    return PostStatus(status=Article.Status.DRAFT, keep_date=False)


COMMENT_STATUSES = {
    "1": Comment.Status.APPROVED,
    "approve": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "hold": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
}
PING_TYPES = {"pingback", "trackback"}


def wp_datetime(
    local: str, gmt: str, zone: zoneinfo.ZoneInfo | datetime.tzinfo
) -> datetime.datetime | None:
    """The moment of a WordPress date pair: the GMT one when WordPress set it (drafts have
    "0000-00-00 00:00:00"), else the local one read in the site's time zone."""
    moment = _parse(gmt)
    if moment is not None:
        return moment.replace(tzinfo=datetime.UTC)
    moment = _parse(local)
    if moment is None:
        return None
    return timezone.make_aware(moment, zone)


def _parse(text: str) -> datetime.datetime | None:
    text = (text or "").strip()
    if not text or text.startswith("0000"):
        return None
    try:
        return datetime.datetime.strptime(text[:19], "%Y-%m-%d %H:%M:%S")
    except ValueError:
        try:
            return datetime.datetime.fromisoformat(text).replace(tzinfo=None)
        except ValueError:
            return None


def local_date_parts(local: str) -> tuple[str, str, str] | None:
    """("2019", "05", "04") from WordPress's local post_date, which its dated permalinks use."""
    moment = _parse(local)
    if moment is None:
        return None
    return f"{moment.year:04d}", f"{moment.month:02d}", f"{moment.day:02d}"


def plain_text(text: str, max_length: int | None = None) -> str:
    """A title or an excerpt as text: tags dropped, entities decoded, spaces folded.
    WordPress keeps titles as HTML ("L&rsquo;été <em>chaud</em>")."""
    text = _TAG_RE.sub("", _SEPARATING_TAG_RE.sub(" ", text or ""))
    # Decoding may give control characters ("&amp;#7;"); Comment and Image rows are
    # bulk-created, without the pre_save that cleans other rows.
    text = _SPACES_RE.sub(" ", strip_control_chars(html.unescape(html.unescape(text)))).strip()
    if max_length is not None and len(text) > max_length:
        text = text[: max_length - 1].rstrip() + "…"
    return text


def html_to_text(content: str) -> str:
    """HTML (a comment, a description) as the plain text Manchette keeps: links written out as
    "text (address)", paragraphs and line breaks kept, other tags dropped."""

    def link(match: re.Match[str]) -> str:
        href, label = html.unescape(match.group(2)).strip(), plain_text(match.group(3))
        return label if not href or href == label else f"{label} ({href})" if label else href

    text = _LINK_RE.sub(link, content or "")
    text = _BREAK_RE.sub("\n", text)
    text = strip_control_chars(html.unescape(_TAG_RE.sub("", text)))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def to_int_or_none(text: str | None) -> int | None:
    try:
        return int((text or "").strip())
    except ValueError:
        return None


def wp_slug(post_name: str) -> str:
    """WordPress's slug as the old addresses spell it, decoded ("été", not "%c3%a9t%c3%a9")."""
    return unquote(post_name or "").strip().strip("/")


def manchette_slug(post_name: str, fallback: str, max_length: int = 100) -> str:
    """An ASCII slug for Manchette: WordPress's own when it is one, else made from it (or
    from `fallback`, the title, when WordPress has none: drafts)."""
    decoded = wp_slug(post_name)
    if _SLUG_RE.match(decoded) and len(decoded) <= max_length:
        return decoded
    source = decoded or fallback
    return slugify_fr(source, max_length=max_length) if source.strip() else ""


def clean_email(value: str) -> str:
    value = (value or "").strip()
    if not value or len(value) > 254:
        return ""
    try:
        _validate_email(value)
    except ValidationError:
        return ""
    return value


def clean_url(value: str, max_length: int = 300) -> str:
    value = (value or "").strip()
    if not value or value in {"http://", "https://"} or len(value) > max_length:
        return ""
    try:
        _validate_url(value)
    except ValidationError:
        return ""
    return value


def clean_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def split_url(url: str) -> SplitResult | None:
    """urlsplit, or None for an address it refuses (an unclosed "[" of an IPv6 host):
    one damaged address in an export must not stop the whole import."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def url_path(url: str) -> str:
    """The decoded path and query of an address as the old site received it, e.g.
    "/2019/05/04/été/" or "/?p=12"; "" when there is none."""
    parts = split_url(url.strip()) if url else None
    if parts is None:
        return ""
    path = unquote(parts.path) or "/"
    if not path.startswith("/"):
        path = "/" + path
    return f"{path}?{parts.query}" if parts.query else path
