"""Streaming reader of WordPress exports (WXR 1.0 to 1.2): one plain record per element.

The file is read with defusedxml's iterparse, which refuses document type declarations,
entities and external references (a WordPress export never has any; XML bombs and
external-entity attacks need them). Each author, term and item is turned into a record
and its element cleared at once, so memory stays flat however long the file is.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.utils.translation import gettext as _

_WP_NAMESPACE_RE = re.compile(r"^https?://wordpress\.org/export/(\d+\.\d+)/?$")
_CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
_DC_NS = "http://purl.org/dc/elements/1.1/"
SUPPORTED_VERSIONS = ("1.0", "1.1", "1.2")

# French for the messages of expat, the parser under ElementTree, by their first words.
_EXPAT_MESSAGES = {
    "no element found": "le fichier est vide ou s’arrête avant la fin",
    "mismatched tag": "une balise fermante ne correspond pas à la balise ouverte",
    "not well-formed": "caractère ou balise invalide",
    "unclosed token": "une balise n’est pas refermée",
    "unclosed CDATA section": "une section CDATA n’est pas refermée",
    "undefined entity": "entité HTML inconnue en XML (par exemple &nbsp; hors d’une section CDATA)",
    "junk after document element": "du contenu suit la fin du document",
    "syntax error": "ce n’est pas du XML",
    "XML declaration not well-formed": "la déclaration XML est mal formée",
    "unknown encoding": "encodage inconnu",
    "encoding specified in XML declaration is incorrect": "l’encodage déclaré est faux",
    "duplicate attribute": "un attribut est répété",
    "unbound prefix": "un préfixe d’espace de noms n’est pas déclaré",
    "reference to invalid character number": "référence à un caractère interdit",
}


class WXRError(Exception):
    """A file that cannot be imported; the message, in French, says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(slots=True)
class Site:
    title: str = ""
    link: str = ""
    description: str = ""
    language: str = ""
    wxr_version: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    # Some exporters list the sticky posts once in the channel rather than per item.
    sticky_ids: set[int] = field(default_factory=set)


@dataclass(slots=True)
class Author:
    login: str
    id: int | None = None
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass(slots=True)
class Term:
    taxonomy: str  # "category", "post_tag" or another taxonomy's name
    slug: str
    name: str = ""
    id: int | None = None
    parent: str = ""  # the parent's slug
    description: str = ""


@dataclass(slots=True)
class ItemTerm:
    domain: str
    slug: str
    name: str


@dataclass(slots=True)
class Comment:
    id: int
    author: str = ""
    email: str = ""
    url: str = ""
    ip: str = ""
    date: str = ""
    date_gmt: str = ""
    content: str = ""
    approved: str = ""
    type: str = ""
    parent: int = 0
    user_id: int = 0


@dataclass(slots=True)
class Item:
    id: int = 0
    type: str = ""
    status: str = ""
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    date: str = ""
    date_gmt: str = ""
    name: str = ""
    parent: int = 0
    menu_order: int = 0
    password: str = ""
    comment_status: str = ""
    sticky: bool = False
    attachment_url: str = ""
    terms: list[ItemTerm] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)
    # The body once converted to Manchette's HTML, filled in by the importer.
    body: str | None = None

    @property
    def ref(self) -> str:
        return f"wp:{'page' if self.type == 'page' else self.type}:{self.id}"


Record = Author | Term | Item


def to_int(text: str | None) -> int:
    try:
        return int((text or "").strip() or 0)
    except ValueError:
        return 0


class WXRReader:
    """Iterate over the authors, terms and items of an export, in file order.

    `site` is filled in as the channel's own elements go by. `on_progress` is called with
    the number of bytes read so far, after each record.
    """

    def __init__(self, path: str | Path, on_progress: Callable[[int], None] | None = None):
        self.path = Path(path)
        self.on_progress = on_progress
        self.site = Site()
        self._root_seen = False

    def __iter__(self) -> Iterator[Record]:
        with self.path.open("rb") as raw:
            stream: IO[bytes] = raw
            if raw.read(2) == b"\x1f\x8b":  # a .xml.gz export
                raw.seek(0)
                stream = gzip.GzipFile(fileobj=raw)
            else:
                raw.seek(0)
            try:
                yield from self._records(stream, raw)
            except ParseError as error:
                raise WXRError(self._parse_error_message(error)) from None
            except DefusedXmlException:
                raise WXRError(
                    _(
                        "Le fichier %(name)s déclare une DTD, des entités ou des références "
                        "externes : il est refusé. Un export WordPress n’en contient jamais, "
                        "et elles servent aux attaques (bombe XML, lecture de fichiers)."
                    )
                    % {"name": self.path.name}
                ) from None
            except LookupError as error:
                # expat asks Python's codecs for an encoding it does not know itself, and
                # an unknown name comes back as a bare LookupError, not a ParseError.
                # Its subclasses (KeyError, IndexError) would be our own bugs: let them out.
                if type(error) is not LookupError:
                    raise
                raise WXRError(
                    _(
                        "Le fichier %(name)s déclare un encodage inconnu (%(encoding)s). "
                        "Rien n’a été importé ; enregistrez-le en UTF-8 et réessayez."
                    )
                    % {"name": self.path.name, "encoding": str(error).rpartition(": ")[2]}
                ) from None
            except (EOFError, gzip.BadGzipFile, OSError) as error:
                raise WXRError(
                    _("Le fichier %(name)s ne peut pas être lu : %(error)s.")
                    % {"name": self.path.name, "error": error}
                ) from None

    def _records(self, stream: IO[bytes], raw: IO[bytes]) -> Iterator[Record]:
        namespaces: dict[str, str] = {}
        events = iterparse(stream, events=("start-ns", "start", "end"), forbid_dtd=True)
        depth = 0
        channel: Element | None = None
        tags: _Tags | None = None
        for event, payload in events:
            if event == "start-ns":
                prefix, uri = payload
                namespaces.setdefault(prefix, uri)
                continue
            if event == "start":
                depth += 1
                if depth == 1:
                    self._root_seen = True
                    tags = self._check_root(payload, namespaces)
                elif depth == 2 and payload.tag == "channel":
                    channel = payload
                continue
            depth -= 1
            if depth != 2 or channel is None:
                continue
            assert tags is not None
            element: Element = payload
            record = self._record(element, tags)
            element.clear()
            channel.clear()  # drops the cleared children too: nothing accumulates
            if record is not None:
                yield record
                if self.on_progress is not None:
                    self.on_progress(raw.tell())
        if tags is None:
            raise WXRError(self._not_wxr(_("il ne contient aucun élément")))

    def _check_root(self, root: Element, namespaces: dict[str, str]) -> _Tags:
        if root.tag != "rss":
            raise WXRError(
                self._not_wxr(
                    _("son élément racine est <%(tag)s> et non <rss>")
                    % {"tag": root.tag.rpartition("}")[2]}
                )
            )
        wp = next(
            (uri for uri in namespaces.values() if _WP_NAMESPACE_RE.match(uri)),
            None,
        )
        if wp is None:
            raise WXRError(
                self._not_wxr(
                    _(
                        "c’est un flux RSS sans l’espace de noms des exports WordPress "
                        "(http://wordpress.org/export/1.2/)"
                    )
                )
            )
        version = _WP_NAMESPACE_RE.match(wp).group(1)
        if version.split(".")[0] != "1":
            raise WXRError(
                _(
                    "Le fichier %(name)s est un export WordPress au format %(version)s, "
                    "que cet outil ne connaît pas (il lit les versions 1.0 à 1.2)."
                )
                % {"name": self.path.name, "version": version}
            )
        self.site.wxr_version = version
        excerpt = namespaces.get("excerpt") or wp.rstrip("/") + "/excerpt/"
        return _Tags(
            wp=_qualified(wp),
            excerpt=_qualified(excerpt),
            content=_qualified(namespaces.get("content", _CONTENT_NS)),
            dc=_qualified(namespaces.get("dc", _DC_NS)),
        )

    def _not_wxr(self, why: str) -> str:
        return _(
            "Le fichier %(name)s n’est pas un export WordPress (WXR) : %(why)s. Exportez le "
            "site depuis l’administration de WordPress, menu Outils › Exporter."
        ) % {"name": self.path.name, "why": why}

    def _parse_error_message(self, error: ParseError) -> str:
        line, column = getattr(error, "position", (0, 0))
        if not self._root_seen and line <= 1:
            return self._not_wxr(_("ce n’est pas un fichier XML"))
        reason = str(error).split(":", 1)[0]
        french = next(
            (text for start, text in _EXPAT_MESSAGES.items() if reason.startswith(start)),
            reason,
        )
        return _(
            "Le fichier %(name)s est mal formé, ligne %(line)s, colonne %(column)s : "
            "%(reason)s. Rien n’a été importé ; corrigez le fichier ou exportez-le à nouveau."
        ) % {"name": self.path.name, "line": line, "column": column + 1, "reason": french}

    def _record(self, element: Element, tags: _Tags) -> Record | None:
        tag = element.tag
        if tag == "item":
            return self._item(element, tags)
        if tag == tags.author:
            return self._author(element, tags)
        if tag in tags.terms:
            return self._term(element, tags)
        site_field = tags.site_fields.get(tag)
        if site_field is not None:
            setattr(self.site, site_field, (element.text or "").strip())
        elif tag == tags.sticky:
            self.site.sticky_ids.update(
                to_int(part) for part in (element.text or "").split(",") if part.strip()
            )
        return None

    @staticmethod
    def _author(element: Element, tags: _Tags) -> Author:
        values = {tags.author_fields.get(child.tag): child.text or "" for child in element}
        author = Author(login=values.get("login", "").strip())
        author.id = to_int(values.get("id")) or None
        author.email = values.get("email", "").strip()
        author.display_name = values.get("display_name", "").strip()
        author.first_name = values.get("first_name", "").strip()
        author.last_name = values.get("last_name", "").strip()
        return author

    @staticmethod
    def _term(element: Element, tags: _Tags) -> Term:
        values = {tags.term_fields.get(child.tag): child.text or "" for child in element}
        taxonomy = tags.terms[element.tag] or values.get("taxonomy", "").strip()
        return Term(
            taxonomy=taxonomy,
            slug=values.get("slug", "").strip(),
            name=values.get("name", "").strip(),
            id=to_int(values.get("id")) or None,
            parent=values.get("parent", "").strip(),
            description=values.get("description", "").strip(),
        )

    @staticmethod
    def _item(element: Element, tags: _Tags) -> Item:
        item = Item()
        fields = tags.item_fields
        for child in element:
            tag = child.tag
            name = fields.get(tag)
            if name is not None:
                setattr(item, name, child.text or "")
            elif tag == "category":
                domain = child.get("domain", "category")
                item.terms.append(
                    ItemTerm(
                        domain="post_tag" if domain == "tag" else domain,  # WXR 1.0 said "tag"
                        slug=child.get("nicename", ""),
                        name=(child.text or "").strip(),
                    )
                )
            elif tag == tags.postmeta:
                key = value = ""
                for part in child:
                    if part.tag == tags.meta_key:
                        key = (part.text or "").strip()
                    elif part.tag == tags.meta_value:
                        value = part.text or ""
                item.meta.setdefault(key, value)
            elif tag == tags.comment:
                item.comments.append(WXRReader._comment(child, tags))
        # Numbers and flags, read once here rather than by every user of the record.
        item.id = to_int(item.id)
        item.parent = to_int(item.parent)
        item.menu_order = to_int(item.menu_order)
        item.sticky = str(item.sticky).strip() == "1"
        item.type = item.type.strip()
        item.status = item.status.strip()
        item.name = item.name.strip()
        return item

    @staticmethod
    def _comment(element: Element, tags: _Tags) -> Comment:
        comment = Comment(id=0)
        fields = tags.comment_fields
        for child in element:
            name = fields.get(child.tag)
            if name is not None:
                setattr(comment, name, child.text or "")
        comment.id = to_int(comment.id)
        comment.parent = to_int(comment.parent)
        comment.user_id = to_int(comment.user_id)
        comment.approved = comment.approved.strip()
        comment.type = comment.type.strip()
        return comment


def _qualified(namespace: str) -> str:
    return "{" + namespace + "}"


class _Tags:
    """The qualified tag names of one export's namespaces, computed once."""

    def __init__(self, wp: str, excerpt: str, content: str, dc: str) -> None:
        self.author = wp + "author"
        self.terms = {wp + "category": "category", wp + "tag": "post_tag", wp + "term": ""}
        self.postmeta = wp + "postmeta"
        self.meta_key = wp + "meta_key"
        self.meta_value = wp + "meta_value"
        self.comment = wp + "comment"
        self.sticky = wp + "sticky_posts"
        self.site_fields = {
            "title": "title",
            "link": "link",
            "description": "description",
            "language": "language",
            wp + "base_site_url": "base_site_url",
            wp + "base_blog_url": "base_blog_url",
        }
        self.author_fields = {
            wp + "author_id": "id",
            wp + "author_login": "login",
            wp + "author_email": "email",
            wp + "author_display_name": "display_name",
            wp + "author_first_name": "first_name",
            wp + "author_last_name": "last_name",
        }
        self.term_fields = {
            wp + "term_id": "id",
            wp + "category_nicename": "slug",
            wp + "tag_slug": "slug",
            wp + "term_slug": "slug",
            wp + "cat_name": "name",
            wp + "tag_name": "name",
            wp + "term_name": "name",
            wp + "category_parent": "parent",
            wp + "term_parent": "parent",
            wp + "category_description": "description",
            wp + "tag_description": "description",
            wp + "term_description": "description",
            wp + "term_taxonomy": "taxonomy",
        }
        self.item_fields = {
            "title": "title",
            "link": "link",
            "guid": "guid",
            dc + "creator": "creator",
            content + "encoded": "content",
            excerpt + "encoded": "excerpt",
            wp + "post_id": "id",
            wp + "post_date": "date",
            wp + "post_date_gmt": "date_gmt",
            wp + "comment_status": "comment_status",
            wp + "post_name": "name",
            wp + "status": "status",
            wp + "post_parent": "parent",
            wp + "menu_order": "menu_order",
            wp + "post_type": "type",
            wp + "post_password": "password",
            wp + "is_sticky": "sticky",
            wp + "attachment_url": "attachment_url",
        }
        self.comment_fields = {
            wp + "comment_id": "id",
            wp + "comment_author": "author",
            wp + "comment_author_email": "email",
            wp + "comment_author_url": "url",
            wp + "comment_author_IP": "ip",
            wp + "comment_date": "date",
            wp + "comment_date_gmt": "date_gmt",
            wp + "comment_content": "content",
            wp + "comment_approved": "approved",
            wp + "comment_type": "type",
            wp + "comment_parent": "parent",
            wp + "comment_user_id": "user_id",
        }
