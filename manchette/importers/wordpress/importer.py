"""The WordPress import: a WXR export read twice as a stream, Manchette's content written once.

How it works, and the decisions a newsroom can rely on:

Reading. The file is read twice with defusedxml's iterparse (DTDs, entities and external
references refused; each element cleared once read, so memory stays flat). The first
reading checks the whole file and gathers the small things: the site, authors,
categories, tags, attachments, reusable blocks. A malformed file therefore stops before
anything is written, with its line and column. The second reading imports the posts and
pages with their comments, in batches.

Idempotence. Every row carries an import reference made of WordPress IDs ("wp:post:12",
"wp:page:3", "wp:attachment:45", "wp:term:category:7", "wp:term:post_tag:9",
"wp:author:login", "wp:comment:999"). Running the import again compares each item with
what it would write: unchanged items are not touched, changed ones are updated (WordPress
stays the source until the move is over), nothing is duplicated and nothing is deleted.
A category, tag or author of the same slug made in Manchette without a reference is
adopted rather than duplicated.

Transactions. Items are read and prepared in batches of 200, and written a few at a
time (WRITE_SIZE posts or pages with their tags, bylines, comments, comment counts and
old addresses) in one transaction, each item in it a savepoint: a reader never sees an
article without its comments, and a killed run leaves only complete groups; running it
again finishes the job. Nothing slow happens inside a transaction: files are copied,
images opened and bodies converted and typeset before it opens, so the site's other
writers (on SQLite, everyone waits for the one write lock) wait a fraction of a second
at most. An item whose data the database refuses is skipped and reported; any other
error stops the run, naming the item. A --dry-run is the exception: it is one
transaction, rolled back, so on SQLite run it on a copy of the database, not the live one.

Posts. publish → published, future → scheduled (a "future" date already past, a missed
schedule, → draft), draft → draft, pending → in review, private → draft, trash and
auto-draft → skipped; password-protected → draft, reported (the password is not kept).
Dates from post_date_gmt, else post_date in --time-zone (the site's, default TIME_ZONE);
drafts get no publication date. Titles and excerpts become plain text (WordPress keeps
HTML in them); excerpt → standfirst; sticky (wp:is_sticky, the _sticky meta, or a channel
list) → featured; the slug is kept (made ASCII when WordPress percent-encoded it; from the
title when empty). The first category (or Yoast's or Rank Math's primary one) is the
article's; the others become topics of the same name, so nothing is lost; a post without
one goes to "Non classé". The display date "mis à jour" is left empty: WordPress's
modification date moves on every trivial edit. Co-Authors Plus bylines (terms of the
"author" taxonomy) become extra bylines.

Pages become static pages when published; a draft, private or protected page is skipped
(a Manchette page has no unpublished state) and reported. A page or category whose slug is
taken in Manchette (or reserved, like "media" or "flux") gets a suffix, reported.

Authors become Author profiles; with --with-users each also gets an account without a
usable password (an administrator gives them one), and their replies to
comments are marked as the newsroom's. --dry-run does everything in one transaction that
is rolled back, and copies no file.

Bodies go through: block comments removed (embed and reusable blocks converted), shortcodes
(see shortcodes.py: [caption] → figure, [gallery] → figure with a list of images, embeds
and bare video addresses → a paragraph with the link, since the sanitizer allows no
iframe; unknown shortcodes lose their brackets, keep their text, and are listed),
wpautop for classic-editor text, the site's upload addresses rewritten to the copies, and
finally the editor's sanitizer.

Media. Attachments that are images become Image rows (alt text from
_wp_attachment_image_alt, caption from the excerpt, credit from the IPTC metadata);
PDFs, sounds and videos are copied as plain files; any other file (HTML, SVG, scripts,
archives, office documents: see media.py) is not copied, and is listed in the report.
Files come from --media-dir, a copy of wp-content/uploads, and keep their path under
media/wordpress/. A missing or unreadable file never stops the import: the item is
imported without it, and the report lists the file and who needed it. Renditions are not
made during the import (they take seconds per image): they are queued as background
tasks for `manage.py run_tasks`, and pages show the original meanwhile.

Comments. Threads from comment_parent (a reply to a skipped comment hangs on the nearest
kept ancestor); 1 → approved, 0 → pending, spam → spam, trash → skipped; pingbacks and
trackbacks skipped and counted; HTML turned into the plain text Manchette keeps, links
written out. Each comment then meets the comment form's rules and the site's word and
link rules (see _checked_comment): a text over COMMENTS_MAX_LENGTH is kept whole and
held, never cut; the report says what was held or changed. The IP is kept only for
comments younger than COMMENTS_IP_RETENTION_DAYS: an older one would be erased by the
next purge anyway. Comment counts are recomputed with each write.

Old addresses. For each public item, the OldLink rows of its old addresses (see
addresses.py); drafts get none, so an old address never leads to a preview.

Speed. Articles are saved one by one through Article.save() and pages through
Page.save(), so their rules (sanitizing, typography, slugs, publication state) are the
editor's; everything around them is written in bulk per batch. The French typography
those saves apply, the costliest step, is prepared by worker processes for the next
batch while this one is written (typeset.py; --workers 0 turns that off). The search
index is written once per batch, after the topics and bylines, instead of at each save.

Report. Counts per kind (created, updated, unchanged, skipped), the time of each step,
then every skipped item with its reason, the missing files with who needed them, the
shortcodes and blocks left unconverted, the old addresses claimed twice, and the items
imported with a remark (protected, private, renamed…). --report-json writes it all as JSON.
"""

from __future__ import annotations

import datetime
import html
import re
import time
import zoneinfo
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, models, transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from manchette.articles import publishing
from manchette.articles.models import RESERVED_SLUGS, Article, Author, Byline, Category, Page, Tag
from manchette.comments.forms import CommentForm
from manchette.comments.models import Comment
from manchette.comments.moderation import refresh_counts, site_rules
from manchette.images.models import Image, read_dimensions
from manchette.lib.sanitize import sanitize_html
from manchette.lib.slugs import slugify_fr, unique_slug
from manchette.pagecache.changes import site_wide
from manchette.search import signals as search_signals
from manchette.search.indexing import index_articles

from . import mapping, reader
from .addresses import LinkBook, OldAddresses
from .media import Uploads, is_image
from .report import Report
from .shortcodes import Attachment, Converter
from .typeset import Typesetter, default_workers

BATCH_SIZE = 200
# Items written per transaction. On SQLite a transaction holds the one write lock: every
# other writer (a reader's comment, the desk) waits until it ends, so it stays short.
WRITE_SIZE = 5
DEFAULT_CATEGORY = ("non-classe", "Non classé")
_EMPTY_PARAGRAPH_RE = re.compile(r"<p>(?:\s|&nbsp;|\xa0|<br\s*/?>)*</p>")
_BETWEEN_TAGS_RE = re.compile(r">\s*\n\s*<")
_FIGURE_RE = re.compile(r"<figure>[\s\S]*?</figure>")
_CREDIT_RE = re.compile(r's:6:"credit";s:\d+:"(.*?)";')
_COPYRIGHT_RE = re.compile(r's:9:"copyright";s:\d+:"(.*?)";')
_META_FILE_RE = re.compile(r's:4:"file";s:\d+:"(.*?)";')
_EXPECTED_ITEM_ERRORS = (IntegrityError, DataError, ValidationError, ValueError)


class ImportStopped(reader.WXRError):
    """The run stopped part-way; what was committed is complete and a new run finishes."""


@dataclass
class _AttachmentInfo:
    id: int
    parent: int
    url: str
    relative: str
    link: str
    title: str
    alt: str
    caption: str
    credit: str
    variants: list[str]
    menu_order: int

    @property
    def ref(self) -> str:
        return f"wp:attachment:{self.id}"


@dataclass
class _Index:
    """What the first reading gathers: everything but the posts' and pages' own content."""

    site: reader.Site = field(default_factory=reader.Site)
    authors: dict[str, reader.Author] = field(default_factory=dict)
    categories: dict[str, reader.Term] = field(default_factory=dict)
    tags: dict[str, reader.Term] = field(default_factory=dict)
    coauthors: dict[str, str] = field(default_factory=dict)
    attachments: dict[int, _AttachmentInfo] = field(default_factory=dict)
    blocks: dict[int, str] = field(default_factory=dict)
    items: int = 0


@site_wide()
def import_wordpress(
    path: str | Path,
    *,
    media_dir: str | Path | None = None,
    dry_run: bool = False,
    with_users: bool = False,
    time_zone: str | None = None,
    category_base: str = "category",
    tag_base: str = "tag",
    progress: bool = False,
    batch_size: int | None = None,
    workers: int | None = None,
) -> Report:
    """Import the WordPress export at `path`; see the module's docstring."""
    return WordPressImport(
        Path(path),
        media_dir=Path(media_dir) if media_dir else None,
        dry_run=dry_run,
        with_users=with_users,
        time_zone=time_zone,
        category_base=category_base,
        tag_base=tag_base,
        progress=progress,
        batch_size=batch_size or BATCH_SIZE,
        workers=default_workers() if workers is None else workers,
    ).run()


class WordPressImport:
    def __init__(
        self,
        path: Path,
        *,
        media_dir: Path | None,
        dry_run: bool,
        with_users: bool,
        time_zone: str | None,
        category_base: str,
        tag_base: str,
        progress: bool,
        batch_size: int,
        workers: int,
    ) -> None:
        self.path = path
        self.media_dir = media_dir
        self.dry_run = dry_run
        self.with_users = with_users
        self.zone = zoneinfo.ZoneInfo(time_zone or settings.TIME_ZONE)
        self.category_base = category_base
        self.tag_base = tag_base
        self.progress = progress
        self.batch_size = batch_size
        self.workers = workers
        self.report = Report(source=path.name, dry_run=dry_run)
        self.current = ""  # the item being imported, named when the run stops
        self.author_ids: dict[str, int] = {}
        self.author_users: dict[int, int] = {}  # WordPress user ID → Manchette user
        self.coauthor_ids: dict[str, int] = {}
        self.category_ids: dict[str, int] = {}
        self.category_by_term_id: dict[int, str] = {}
        self.category_slugs: dict[str, str] = {}  # WordPress slug → Manchette slug
        self.category_names: dict[str, str] = {}
        self.tag_ids: dict[str, int] = {}
        self.tag_ids_by_slug: dict[str, int] = {}  # Manchette slug → Tag
        self.tag_names: dict[str, str] = {}  # name → WordPress slug, for WXR 1.0
        self.image_ids: dict[int, int] = {}
        self.default_category_id: int | None = None
        self.ip_cutoff = timezone.now() - datetime.timedelta(
            days=max(settings.COMMENTS_IP_RETENTION_DAYS, 0)
        )

    # The run

    def run(self) -> Report:
        started = time.monotonic()
        if not self.path.is_file():
            raise reader.WXRError(_("Fichier introuvable : %s.") % self.path)
        if self.media_dir is not None and not self.media_dir.is_dir():
            raise reader.WXRError(_("Dossier --media-dir introuvable : %s.") % self.media_dir)
        with self._phase(_("lecture")):
            index = self._scan()
        site = index.site
        self.report.site = site.title or site.link
        self.report.wxr_version = site.wxr_version
        hosts = {
            parts.hostname or ""
            for url in (site.base_site_url, site.base_blog_url, site.link)
            if (parts := mapping.split_url(url)) is not None
        }
        self.uploads = Uploads(self.media_dir, hosts, dry_run=self.dry_run)
        self.addresses = OldAddresses(
            site.base_blog_url or site.base_site_url or site.link,
            self.category_base,
            self.tag_base,
        )
        self.index = index
        children: dict[int, list[Attachment]] = defaultdict(list)
        for info in index.attachments.values():
            children[info.parent].append(self._attachment_for_body(info))
        for siblings in children.values():
            siblings.sort(key=lambda a: (a.menu_order, a.id))
        self.converter = Converter(
            {i: self._attachment_for_body(a) for i, a in index.attachments.items()},
            lambda parent: children.get(parent, []),
            index.blocks,
        )
        try:
            with self._dry_run_guard(), search_index_deferred():
                self.links = LinkBook(self.report)
                with self._phase(_("auteurs, rubriques, sujets")), transaction.atomic():
                    self._import_authors(index)
                    self._import_categories(index)
                    self._import_tags(index)
                    self._import_site_links()
                    self.links.flush()
                with self._phase(_("fichiers")):
                    self._import_attachments(index)
                with self._phase(_("articles et pages")):
                    self._import_items(index)
        except (Exception, KeyboardInterrupt) as error:
            if isinstance(error, reader.WXRError):
                raise
            where = _(" sur %s") % self.current if self.current else ""
            raise ImportStopped(
                _(
                    "L’import s’est arrêté%(where)s : %(error)s. Ce qui a été importé "
                    "jusque-là est complet ; relancez la même commande pour terminer "
                    "(rien ne sera dupliqué)."
                )
                % {"where": where, "error": repr(error)}
            ) from error
        self.report.missing_files = {path: users for path, users in self.uploads.missing.items()}
        self.report.refused_files = dict(self.uploads.refused)
        self.report.files_copied = self.uploads.copied
        self.report.seconds = time.monotonic() - started
        return self.report

    @contextmanager
    def _phase(self, name: str) -> Iterator[None]:
        started = time.monotonic()
        yield
        self.report.phases[name] = time.monotonic() - started

    @contextmanager
    def _dry_run_guard(self) -> Iterator[None]:
        """In a dry run, everything happens in one transaction, rolled back at the end."""
        if not self.dry_run:
            yield
            return
        with transaction.atomic():
            yield
            transaction.set_rollback(True)

    def _bar(self, total: int | None, description: str, unit: str = "élément", **options):
        if not self.progress:
            return nullcontext(_NoBar())
        from tqdm import tqdm

        return tqdm(total=total, desc=description, unit=unit, leave=False, **options)

    # First reading

    def _scan(self) -> _Index:
        index = _Index()
        size = self.path.stat().st_size
        with self._bar(size, _("Lecture"), unit="o", unit_scale=True) as bar:
            position = 0

            def advance(now: int) -> None:
                nonlocal position
                bar.update(now - position)
                position = now

            wxr = reader.WXRReader(self.path, on_progress=advance)
            for record in wxr:
                if isinstance(record, reader.Item):
                    self._scan_item(index, record)
                elif isinstance(record, reader.Author):
                    if record.login:
                        index.authors[record.login] = record
                elif record.taxonomy == "category":
                    index.categories[record.slug] = record
                elif record.taxonomy == "post_tag":
                    index.tags[record.slug] = record
                elif record.taxonomy == "author":
                    index.coauthors[record.slug] = record.name
            index.site = wxr.site
        return index

    def _scan_item(self, index: _Index, item: reader.Item) -> None:
        if item.type == "attachment":
            index.attachments[item.id] = self._attachment_info(item)
            return
        if item.type == "wp_block":
            if item.status == "publish":
                index.blocks[item.id] = item.content
            return
        index.items += 1
        if item.creator and item.creator not in index.authors:
            index.authors[item.creator] = reader.Author(login=item.creator)
        for term in item.terms:
            if term.domain == "category" and term.slug and term.slug not in index.categories:
                index.categories[term.slug] = reader.Term("category", term.slug, term.name)
            elif term.domain == "post_tag" and term.slug and term.slug not in index.tags:
                index.tags[term.slug] = reader.Term("post_tag", term.slug, term.name)
            elif term.domain == "author" and term.slug:
                index.coauthors.setdefault(term.slug, term.name)

    def _attachment_info(self, item: reader.Item) -> _AttachmentInfo:
        meta = item.meta
        attached = meta.get("_wp_attached_file", "").strip()
        relative = "" if not attached or "://" in attached else attached.lstrip("/")
        metadata = meta.get("_wp_attachment_metadata", "")
        credit = _CREDIT_RE.search(metadata) or _COPYRIGHT_RE.search(metadata)
        folder = relative.rpartition("/")[0]
        variants = [
            f"{folder}/{name}" if folder else name
            for name in _META_FILE_RE.findall(metadata)[1:]
            if "/" not in name
        ]
        return _AttachmentInfo(
            id=item.id,
            parent=item.parent,
            url=(item.attachment_url or item.guid).strip(),
            relative=relative,
            link=item.link.strip(),
            title=mapping.plain_text(item.title),
            alt=mapping.plain_text(meta.get("_wp_attachment_image_alt", ""), 300),
            caption=mapping.plain_text(item.excerpt, 500),
            credit=mapping.plain_text(credit.group(1) if credit else "", 200),
            variants=variants,
            menu_order=item.menu_order,
        )

    @staticmethod
    def _attachment_for_body(info: _AttachmentInfo) -> Attachment:
        return Attachment(
            id=info.id,
            url=info.url,
            alt=info.alt,
            caption=html.escape(info.caption),
            parent=info.parent,
            menu_order=info.menu_order,
            is_image=is_image(info.relative or getattr(mapping.split_url(info.url), "path", "")),
        )

    # Authors, categories, tags

    def _import_authors(self, index: _Index) -> None:
        existing = {a.import_ref: a for a in Author.objects.filter(import_ref__startswith="wp:")}
        for login, wp in index.authors.items():
            self.current = f"wp:author:{login}"
            name = (
                mapping.plain_text(wp.display_name)
                or f"{mapping.plain_text(wp.first_name)} {mapping.plain_text(wp.last_name)}".strip()
                or login
            )[:150]
            author = self._upsert_named(
                Author, existing.get(self.current), self.current, name, slugify_fr(name), {}
            )
            self.author_ids[login] = author.pk
            nicename = slugify_fr(login)
            self.links.point(self.addresses.author(nicename, wp.id), self.current, target=author)
            self.links.point(
                self.addresses.author_feeds(nicename),
                self.current,
                url=reverse("syndication:author-feed", kwargs={"slug": author.slug}),
            )
            if self.with_users:
                self._link_user(author, wp)
        for slug, name in index.coauthors.items():
            self.current = f"wp:term:author:{slug}"
            login = mapping.wp_slug(slug).removeprefix("cap-")
            if login in self.author_ids:
                self.coauthor_ids[slug] = self.author_ids[login]
                continue
            name = mapping.plain_text(name)[:150] or login
            author = self._upsert_named(
                Author, existing.get(self.current), self.current, name, slugify_fr(name), {}
            )
            self.coauthor_ids[slug] = author.pk

    def _link_user(self, author: Author, wp: reader.Author) -> None:
        User = get_user_model()
        user = User.objects.filter(username=wp.login[:150]).first()
        if user is None:
            user = User(
                username=wp.login[:150],
                email=mapping.clean_email(wp.email),
                first_name=mapping.plain_text(wp.first_name)[:150],
                last_name=mapping.plain_text(wp.last_name)[:150],
            )
            user.set_unusable_password()
            user.save()
            self.report.count("user", "created")
        else:
            self.report.count("user", "unchanged")
        if author.user_id is None and not Author.objects.filter(user=user).exists():
            author.user = user
            author.save(update_fields=["user"])
        if wp.id:
            self.author_users[wp.id] = user.pk

    def _import_categories(self, index: _Index) -> None:
        existing = {c.import_ref: c for c in Category.objects.filter(import_ref__startswith="wp:")}
        categories: dict[str, Category] = {}
        for wp_slug, term in index.categories.items():
            self.current = _term_ref("category", term)
            name = mapping.plain_text(term.name)[:100] or mapping.wp_slug(wp_slug)
            category = self._upsert_named(
                Category,
                existing.get(self.current),
                self.current,
                name,
                mapping.manchette_slug(wp_slug, name),
                {"description": mapping.html_to_text(term.description)},
                reserved=RESERVED_SLUGS,
            )
            categories[wp_slug] = category
            self.category_ids[wp_slug] = category.pk
            self.category_slugs[wp_slug] = category.slug
            self.category_names[term.name.strip()] = wp_slug
            if term.id:
                self.category_by_term_id[term.id] = wp_slug
        # Parents once every category exists, whatever order the export listed them in.
        for wp_slug, term in index.categories.items():
            category = categories[wp_slug]
            parent = categories.get(term.parent) if term.parent else None
            if parent is not None and self._makes_cycle(wp_slug, index):
                parent = None
            parent_id = parent.pk if parent is not None else None
            if category.parent_id != parent_id:
                category.parent_id = parent_id
                category.save(update_fields=["parent"])
        for wp_slug, term in index.categories.items():
            self.current = _term_ref("category", term)
            category = categories[wp_slug]
            chain = self._category_chain(wp_slug, index)
            self.links.point(self.addresses.category(term.id, chain), self.current, target=category)
            self.links.point(
                self.addresses.category_feeds(chain),
                self.current,
                url=reverse("syndication:category-feed", kwargs={"category": category.slug}),
            )

    @staticmethod
    def _category_chain(wp_slug: str, index: _Index) -> list[str]:
        chain, seen = [], set()
        while wp_slug and wp_slug not in seen and wp_slug in index.categories:
            seen.add(wp_slug)
            chain.insert(0, mapping.wp_slug(wp_slug))
            wp_slug = index.categories[wp_slug].parent
        return chain

    @staticmethod
    def _makes_cycle(wp_slug: str, index: _Index) -> bool:
        seen = {wp_slug}
        parent = index.categories[wp_slug].parent
        while parent and parent in index.categories:
            if parent in seen:
                return True
            seen.add(parent)
            parent = index.categories[parent].parent
        return False

    def _import_tags(self, index: _Index) -> None:
        existing = {t.import_ref: t for t in Tag.objects.filter(import_ref__startswith="wp:")}
        for wp_slug, term in index.tags.items():
            self.current = _term_ref("post_tag", term)
            name = mapping.plain_text(term.name)[:100] or mapping.wp_slug(wp_slug)
            tag = self._upsert_named(
                Tag,
                existing.get(self.current),
                self.current,
                name,
                mapping.manchette_slug(wp_slug, name),
                {"description": mapping.html_to_text(term.description)},
            )
            self.tag_ids[wp_slug] = tag.pk
            self.tag_ids_by_slug[tag.slug] = tag.pk
            self.tag_names[term.name.strip()] = wp_slug
            slug = mapping.wp_slug(wp_slug)
            self.links.point(self.addresses.tag(slug), self.current, target=tag)
            self.links.point(
                self.addresses.tag_feeds(slug),
                self.current,
                url=reverse("syndication:tag-feed", kwargs={"slug": tag.slug}),
            )

    def _import_site_links(self) -> None:
        self.current = "site"
        for old, new in self.addresses.site_feeds().items():
            self.links.point([old], _("les flux du site"), url=new)

    def _upsert_named(
        self,
        model: type[Author] | type[Category] | type[Tag],
        instance: models.Model | None,
        ref: str,
        name: str,
        slug: str,
        fields: dict[str, str],
        reserved: frozenset[str] = frozenset(),
    ):
        """Create, adopt or update an author, category or tag; its slug kept once made."""
        kind = model._meta.model_name
        max_length = model._meta.get_field("slug").max_length
        slug = slug or slugify_fr(name, max_length=max_length)
        if instance is None and slug not in reserved:
            instance = model.objects.filter(slug=slug, import_ref="").first()
            if instance is not None:
                self.report.note(
                    kind, ref, name, _("déjà présent dans Manchette (« %s ») : repris") % slug
                )
        if instance is None:
            free = self._free_slug(model, slug, None, reserved, max_length)
            if free != slug:
                self.report.note(
                    kind,
                    ref,
                    name,
                    _("adresse « %(old)s » prise : « %(new)s »") % {"old": slug, "new": free},
                )
            instance = model(name=name, slug=free, import_ref=ref, **fields)
            instance.save()
            self.report.count(kind, "created")
            return instance
        changed = [
            key
            for key, value in {"name": name, "import_ref": ref, **fields}.items()
            if getattr(instance, key) != value
        ]
        if not _same_slug(instance.slug, slug):
            instance.slug = self._free_slug(model, slug, instance.pk, reserved, max_length)
            changed.append("slug")
        if changed:
            instance.name = name
            instance.import_ref = ref
            for key, value in fields.items():
                setattr(instance, key, value)
            instance.save()
            self.report.count(kind, "updated")
        else:
            self.report.count(kind, "unchanged")
        return instance

    @staticmethod
    def _free_slug(model, slug: str, exclude_pk, reserved: frozenset[str], max_length: int) -> str:
        others = model.objects.exclude(pk=exclude_pk) if exclude_pk else model.objects.all()
        return unique_slug(
            slug,
            lambda candidate: candidate in reserved or others.filter(slug=candidate).exists(),
            max_length=max_length,
        )

    # Attachments

    def _import_attachments(self, index: _Index) -> None:
        existing = {
            row["import_ref"]: row
            for row in Image.objects.filter(import_ref__startswith="wp:").values(
                "pk", "import_ref", "file", "alt_text", "caption", "credit"
            )
        }
        attachments = sorted(index.attachments.values(), key=lambda a: a.id)
        with self._bar(len(attachments), _("Fichiers")) as bar:
            for start in range(0, len(attachments), self.batch_size):
                batch = attachments[start : start + self.batch_size]
                # Files are copied and images opened before the transaction: the
                # database is never held while a disk or a decoder works.
                files = self._attachment_files(batch, existing)
                with transaction.atomic():
                    self._import_attachment_batch(files, existing)
                    self.links.flush()
                bar.update(len(batch))

    def _attachment_files(self, batch: list[_AttachmentInfo], existing: dict) -> list[_File]:
        """Copy the files of a batch of attachments and read the sizes of the images
        whose rows need them; the attachments left out are reported."""
        files = []
        for info in batch:
            self.current = info.ref
            relative = info.relative or self.uploads.relative_path(info.url) or ""
            kind = "image" if is_image(relative) else "file"
            if self.media_dir is None:
                self.report.without_media_dir += 1
                self.report.count(kind, "skipped")
                continue
            copied_before = self.uploads.copied
            name = self.uploads.store(relative, used_by=info.ref) if relative else None
            if name is None:
                self.report.count(kind, "skipped")
                if not relative:
                    self.report.skip("file", info.ref, info.title, _("adresse du fichier inconnue"))
                continue
            file = _File(info, relative, name, copied=self.uploads.copied > copied_before)
            row = existing.get(info.ref)
            if kind == "image" and (row is None or row["file"] != name) and not self.dry_run:
                file.size = self._dimensions(info, name)
                if file.size is None:
                    continue
            files.append(file)
        return files

    def _import_attachment_batch(self, files: list[_File], existing: dict) -> None:
        new: list[Image] = []
        renditions: list[int] = []
        for file in files:
            info = file.info
            self.current = info.ref
            if is_image(file.relative):
                self._import_image(file, existing.get(info.ref), new, renditions)
            else:
                self.report.count("file", "created" if file.copied else "unchanged")
            self.links.point(
                self.addresses.attachment(
                    info.id,
                    info.link,
                    [info.url]
                    + [f"{_uploads_base(info.url, file.relative)}{v}" for v in info.variants],
                ),
                info.ref,
                url=self.uploads.url(file.relative),
            )
        if new:
            Image.objects.bulk_create(new, batch_size=200)
            for image in new:
                self.image_ids[int(image.import_ref.rsplit(":", 1)[1])] = image.pk
                renditions.append(image.pk)
        if renditions and not self.dry_run:
            from .tasks import make_renditions

            make_renditions.enqueue(renditions)
            self.report.renditions_queued += len(renditions)

    def _import_image(self, file: _File, row: dict | None, new: list, renditions: list) -> None:
        """Stage or update the Image of an attachment."""
        info = file.info
        wanted = {
            "file": file.name,
            "alt_text": info.alt,
            "caption": info.caption,
            "credit": info.credit,
        }
        width, height = file.size or (0, 0)  # a dry run reads no image
        if row is not None:
            self.image_ids[info.id] = row["pk"]
            changed = {key: value for key, value in wanted.items() if row[key] != value}
            if not changed:
                self.report.count("image", "unchanged")
                return
            if "file" in changed:
                changed["width"], changed["height"] = width, height
                renditions.append(row["pk"])
            Image.objects.filter(pk=row["pk"]).update(**changed)
            self.report.count("image", "updated")
            return
        new.append(Image(import_ref=info.ref, width=width, height=height, **wanted))
        self.report.count("image", "created")

    def _dimensions(self, info: _AttachmentInfo, name: str) -> tuple[int, int] | None:
        try:
            return read_dimensions(Image(file=name).file)
        except (OSError, UnidentifiedImageError, PILImage.DecompressionBombError, ValueError):
            self.report.skip(
                "image", info.ref, info.title, _("fichier illisible comme image : %s") % name
            )
            return None

    # Second reading: posts and pages

    def _import_items(self, index: _Index) -> None:
        """Batches go through two steps: their bodies are converted and handed to the
        typesetter, then, while it sets them, the previous batch is written."""
        workers = self.workers if index.items > self.batch_size else 0
        self.typesetter = Typesetter(workers)
        waiting: tuple[list[reader.Item], list] | None = None
        try:
            with self._bar(index.items, _("Articles et pages")) as bar:
                for batch in self._batches(bar):
                    prepared = (batch, self.typesetter.submit(self._prepare(batch)))
                    if waiting is not None:
                        self._import_batch(*waiting)
                        bar.update(len(waiting[0]))
                    waiting = prepared
                if waiting is not None:
                    self._import_batch(*waiting)
                    bar.update(len(waiting[0]))
        finally:
            self.typesetter.close()

    def _batches(self, bar) -> Iterator[list[reader.Item]]:
        batch: list[reader.Item] = []
        for record in reader.WXRReader(self.path):
            if not isinstance(record, reader.Item) or record.type in {"attachment", "wp_block"}:
                continue
            if record.type not in {"post", "page"}:
                self.report.skip(
                    "other",
                    record.ref,
                    mapping.plain_text(record.title, 80),
                    _("type de contenu « %s » non importé") % record.type,
                )
                bar.update(1)
                continue
            batch.append(record)
            if len(batch) >= self.batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    def _prepare(self, items: list[reader.Item]) -> list[str]:
        """Convert the bodies of the items that will be imported; return those that
        are new or changed, which their saves will need set."""
        refs = [item.ref for item in items]
        stored = set(Article.objects.filter(import_ref__in=refs).values_list("body", flat=True))
        stored.update(Page.objects.filter(import_ref__in=refs).values_list("body", flat=True))
        bodies = []
        for item in items:
            if item.type == "page" and (item.status != "publish" or item.password.strip()):
                continue
            if item.type == "post" and item.status in {"trash", "auto-draft"}:
                continue
            self.current = item.ref
            item.body = self._body(item)
            if item.body not in stored:
                bodies.append(item.body)
        return bodies

    def _import_batch(self, items: list[reader.Item], typeset: list) -> None:
        # Waiting for the typesetter happens before any transaction is open.
        with self.typesetter.ready_for_saves(typeset):
            for start in range(0, len(items), WRITE_SIZE):
                self._write(items[start : start + WRITE_SIZE])

    def _write(self, items: list[reader.Item]) -> None:
        """Save a few items with everything around them, in one short transaction."""
        refs = [item.ref for item in items]
        with transaction.atomic():
            articles = {
                a.import_ref: a
                for a in Article.objects.filter(import_ref__in=refs).prefetch_related(
                    models.Prefetch("tags", queryset=Tag.objects.only("pk")),
                    models.Prefetch("bylines", queryset=Byline.objects.order_by("position")),
                )
            }
            pages = {p.import_ref: p for p in Page.objects.filter(import_ref__in=refs)}
            staged = _Staged()
            for item in items:
                self.current = item.ref
                try:
                    with transaction.atomic():
                        if item.type == "page":
                            self._import_page(item, pages.get(item.ref))
                        else:
                            self._import_post(item, articles.get(item.ref), staged)
                except _EXPECTED_ITEM_ERRORS as error:
                    kind = "page" if item.type == "page" else "article"
                    self.report.skip(
                        kind, item.ref, mapping.plain_text(item.title, 80), _("refusé : %s") % error
                    )
                    staged.discard(item.ref)
            self.current = refs[0] if refs else ""
            Article.tags.through.objects.bulk_create(staged.tag_rows, batch_size=500)
            Byline.objects.bulk_create(staged.bylines, batch_size=500)
            self._import_comments(staged)
            for article, paths, ref in staged.links:
                self.links.point(paths, ref, target=article)
            self.links.flush()
            refresh_counts(staged.article_ids)
            # Once tags and bylines are written, so the index has the topics and authors.
            index_articles(staged.changed_ids)

    def _import_post(self, item: reader.Item, article: Article | None, staged: _Staged) -> None:
        title = mapping.plain_text(item.title, 250)
        published_at = mapping.wp_datetime(item.date, item.date_gmt, self.zone)
        status = mapping.post_status(item.status, item.password, published_at)
        if status.skip:
            self.report.skip("article", item.ref, title, status.skip)
            self.report.count("comment", "skipped", len(item.comments))
            if article is not None and article.status in Article.LIVE_STATUSES:
                publishing.set_imported_status(article, Article.Status.DRAFT)
                article.save()
                staged.changed_ids.append(article.pk)
                self.links.forget(article)
                self.report.note("article", item.ref, title, _("déjà importé : dépublié"))
            return
        if status.note:
            self.report.note("article", item.ref, title, status.note)
        if not title:
            title = _("Sans titre")
            self.report.note("article", item.ref, title, _("sans titre dans WordPress"))
        category_id, extra_tags = self._categories(item)
        tag_ids = sorted(
            {
                self.tag_ids[slug]
                for t in item.terms
                if t.domain == "post_tag"
                and (slug := t.slug or self.tag_names.get(t.name, "")) in self.tag_ids
            }
            | set(extra_tags)
        )
        author_ids = list(
            dict.fromkeys(
                [self.author_ids[item.creator]] if item.creator in self.author_ids else []
            )
        )
        for term in item.terms:
            if term.domain == "author" and term.slug in self.coauthor_ids:
                author_ids.append(self.coauthor_ids[term.slug])
        author_ids = list(dict.fromkeys(author_ids))
        fields = {
            "title": title,
            "standfirst": mapping.plain_text(item.excerpt),
            "body": item.body if item.body is not None else self._body(item),
            "status": status.status,
            "published_at": published_at if status.keep_date else None,
            "featured": item.sticky
            or item.meta.get("_sticky", "").strip() in {"1", "on", "yes"}
            or item.id in self.index.site.sticky_ids,
            "category_id": category_id,
            "lead_image_id": self._lead_image(item),
            "comments_open": item.comment_status.strip() != "closed",
        }
        slug = mapping.manchette_slug(item.name, title)
        existed = article is not None
        if article is None:
            article = Article(import_ref=item.ref, slug=slug, **fields)
            article.save()
            self.report.count("article", "created")
            staged.changed_ids.append(article.pk)
            staged.tag_rows += [
                Article.tags.through(article_id=article.pk, tag_id=tag_id) for tag_id in tag_ids
            ]
            staged.bylines += [
                Byline(article_id=article.pk, author_id=author_id, position=position)
                for position, author_id in enumerate(author_ids)
            ]
        else:
            changed = [key for key, value in fields.items() if not _same(article, key, value)]
            if not _same_slug(article.slug, slug):
                article.slug = slug
                changed.append("slug")
            for key in changed:
                setattr(article, key, fields.get(key, getattr(article, key)))
            if changed:
                article.save()
            if sorted(tag.pk for tag in article.tags.all()) != tag_ids:
                article.tags.set(tag_ids)
                changed.append("tags")
            if [b.author_id for b in article.bylines.all()] != author_ids:
                article.bylines.all().delete()
                Byline.objects.bulk_create(
                    Byline(article_id=article.pk, author_id=author_id, position=position)
                    for position, author_id in enumerate(author_ids)
                )
                changed.append("authors")
            self.report.count("article", "updated" if changed else "unchanged")
            if changed:
                staged.changed_ids.append(article.pk)
        staged.article_ids.append(article.pk)
        staged.comments.append((article, item))
        staged.refs[item.ref] = article.pk
        if article.status in Article.LIVE_STATUSES:
            date_parts = mapping.local_date_parts(item.date)
            paths = self.addresses.post(item.id, item.link, mapping.wp_slug(item.name), date_parts)
            staged.links.append((article, paths, item.ref))
        elif existed:
            self.links.forget(article)

    def _import_page(self, item: reader.Item, page: Page | None) -> None:
        title = mapping.plain_text(item.title, 250) or _("Sans titre")
        if item.status != "publish" or item.password.strip():
            reason = (
                _("page protégée par un mot de passe")
                if item.password.strip()
                else _("page non publiée (« %s ») : une page de Manchette est toujours publique")
                % item.status
            )
            self.report.skip("page", item.ref, title, reason)
            return
        if item.comments:
            self.report.count("comment", "skipped", len(item.comments))
            self.report.note(
                "page",
                item.ref,
                title,
                _("%d commentaires non importés : les pages n’en ont pas") % len(item.comments),
            )
        body = item.body if item.body is not None else self._body(item)
        slug = mapping.manchette_slug(item.name, title)
        if page is None:
            page = Page(import_ref=item.ref, title=title, body=body)
            page.slug = self._free_slug(Page, slug, None, frozenset(), 100)
            if page.slug != slug:
                self.report.note(
                    "page",
                    item.ref,
                    title,
                    _("adresse « %(old)s » prise : « %(new)s »") % {"old": slug, "new": page.slug},
                )
            page.save()
            self.report.count("page", "created")
        else:
            changed = page.title != title or page.body != body
            if not _same_slug(page.slug, slug):
                page.slug = self._free_slug(Page, slug, page.pk, frozenset(), 100)
                changed = True
            if changed:
                page.title, page.body = title, body
                page.save()
            self.report.count("page", "updated" if changed else "unchanged")
        self.links.point(self.addresses.page(item.id, item.link), item.ref, target=page)

    def _body(self, item: reader.Item) -> str:
        body = self.converter.convert(item.content, item.id)
        for markup in self.converter.unknown:
            self.report.unknown(markup, item.ref)
        body = self.uploads.rewrite(body, item.ref)
        return sanitize_html(_tidy(_EMPTY_PARAGRAPH_RE.sub("", sanitize_html(body))))

    def _categories(self, item: reader.Item) -> tuple[int, list[int]]:
        """The article's category, and the topics its other categories become."""
        slugs = []
        for term in item.terms:
            if term.domain != "category":
                continue
            slug = term.slug or self.category_names.get(term.name, "")
            if slug in self.category_ids and slug not in slugs:
                slugs.append(slug)
        primary_id = mapping.to_int_or_none(
            item.meta.get("_yoast_wpseo_primary_category")
            or item.meta.get("rank_math_primary_category")
        )
        primary = self.category_by_term_id.get(primary_id) if primary_id else None
        if primary in slugs:
            slugs.remove(primary)
            slugs.insert(0, primary)
        if not slugs:
            return self._default_category(), []
        return self.category_ids[slugs[0]], [self._topic_for(slug) for slug in slugs[1:]]

    def _topic_for(self, wp_category: str) -> int:
        slug = self.category_slugs[wp_category]
        if slug not in self.tag_ids_by_slug:
            name = Category.objects.values_list("name", flat=True).get(
                pk=self.category_ids[wp_category]
            )
            tag, created = Tag.objects.get_or_create(slug=slug, defaults={"name": name})
            if created:
                self.report.count("tag", "created")
            self.tag_ids_by_slug[slug] = tag.pk
        return self.tag_ids_by_slug[slug]

    def _default_category(self) -> int:
        if self.default_category_id is None:
            slug, name = DEFAULT_CATEGORY
            category, created = Category.objects.get_or_create(slug=slug, defaults={"name": name})
            if created:
                self.report.count("category", "created")
            self.default_category_id = category.pk
        return self.default_category_id

    def _lead_image(self, item: reader.Item) -> int | None:
        thumbnail = mapping.to_int_or_none(item.meta.get("_thumbnail_id"))
        if not thumbnail:
            return None
        if thumbnail in self.image_ids:
            return self.image_ids[thumbnail]
        info = self.index.attachments.get(thumbnail)
        if info is None:
            self.report.note(
                "article",
                item.ref,
                mapping.plain_text(item.title, 80),
                _("image à la une wp:attachment:%d absente de l’export") % thumbnail,
            )
        elif info.relative and self.media_dir is not None:
            users = self.uploads.missing.setdefault(info.relative, [])
            label = _("%s (image à la une)") % item.ref
            if label not in users:
                users.append(label)
        return None

    # Comments

    def _import_comments(self, staged: _Staged) -> None:
        known_articles = [article.pk for article, _item in staged.comments]
        existing = {
            c.import_ref: c
            for c in Comment.objects.filter(
                article_id__in=known_articles, import_ref__startswith="wp:"
            ).only(*_COMMENT_FIELDS, "article_id", "parent_id", "thread_id", "depth", "import_ref")
        }
        levels: dict[int, list[tuple[Comment, str]]] = defaultdict(list)
        changed: list[Comment] = []
        changed_fields: set[str] = set()
        by_ref: dict[str, Comment] = dict(existing)
        for article, item in staged.comments:
            for comment, depth, parent_ref, held in self._comments_of(article, item):
                current = existing.get(comment.import_ref)
                if current is None:
                    levels[depth].append((comment, parent_ref))
                    by_ref[comment.import_ref] = comment
                    continue
                if held and current.status == Comment.Status.APPROVED:
                    # Held by an earlier run, approved since by a moderator: kept so.
                    comment.status, comment.approved_at = current.status, current.approved_at
                    comment.reason = current.reason
                fields = [f for f in _COMMENT_FIELDS if getattr(current, f) != getattr(comment, f)]
                if fields:
                    for name in fields:
                        setattr(current, name, getattr(comment, name))
                    changed.append(current)
                    changed_fields.update(fields)
                    self.report.count("comment", "updated")
                else:
                    self.report.count("comment", "unchanged")
        if changed:
            Comment.objects.bulk_update(changed, sorted(changed_fields), batch_size=200)
        for depth in sorted(levels):
            rows = []
            for comment, parent_ref in levels[depth]:
                parent = by_ref.get(parent_ref) if parent_ref else None
                if parent is not None and parent.pk:
                    comment.parent_id = parent.pk
                    comment.thread_id = parent.thread_id or parent.pk
                    comment.depth = parent.depth + 1
                rows.append(comment)
            Comment.objects.bulk_create(rows, batch_size=200)
            tops = [c.pk for c in rows if c.thread_id is None]
            if tops:
                Comment.objects.filter(pk__in=tops).update(thread=F("pk"))
                for comment in rows:
                    if comment.thread_id is None:
                        comment.thread_id = comment.pk
            self.report.count("comment", "created", len(rows))

    def _comments_of(self, article: Article, item: reader.Item):
        """(comment, depth, parent's reference) for each comment to keep, parents first."""
        kept: dict[int, reader.Comment] = {}
        fields: dict[int, _CommentFields] = {}
        for wp in item.comments:
            ref = f"wp:comment:{wp.id}"
            if wp.type in mapping.PING_TYPES:
                self.report.pings += 1
                continue
            if wp.type not in {"", "comment"}:
                self.report.skip(
                    "comment", ref, wp.author[:60], _("type « %s » non importé") % wp.type
                )
                continue
            if wp.approved not in mapping.COMMENT_STATUSES:
                reason = (
                    _("à la corbeille dans WordPress")
                    if "trash" in wp.approved
                    else _("état WordPress inconnu : « %s »") % wp.approved
                )
                self.report.skip("comment", ref, wp.author[:60], reason)
                continue
            checked = self._checked_comment(wp, ref)
            if checked is None:
                continue
            kept[wp.id] = wp
            fields[wp.id] = checked
        all_comments = {wp.id: wp for wp in item.comments}

        def kept_parent(wp: reader.Comment) -> int:
            parent, seen = wp.parent, {wp.id}
            while parent and parent not in kept and parent not in seen:
                seen.add(parent)
                parent = all_comments[parent].parent if parent in all_comments else 0
            return parent if parent in kept else 0

        parents = {wp_id: kept_parent(wp) for wp_id, wp in kept.items()}
        depths: dict[int, int] = {}

        def depth_of(wp_id: int) -> int:
            chain = []
            while wp_id and wp_id not in depths and wp_id not in chain:
                chain.append(wp_id)
                wp_id = parents.get(wp_id, 0)
            base = depths.get(wp_id, -1) if wp_id else -1
            for position, node in enumerate(reversed(chain), start=1):
                depths[node] = base + position
            return depths[chain[0]] if chain else depths.get(wp_id, 0)

        rows = []
        for wp_id, wp in kept.items():
            rows.append((depth_of(wp_id), wp))
        rows.sort(key=lambda row: (row[0], row[1].id))
        for depth, wp in rows:
            created_at = mapping.wp_datetime(wp.date, wp.date_gmt, self.zone) or (
                article.published_at or timezone.now()
            )
            checked = fields[wp.id]
            status = checked.status
            comment = Comment(
                article_id=article.pk,
                name=checked.name,
                email=mapping.clean_email(wp.email),
                website=checked.website,
                text=checked.text,
                status=status,
                reason=checked.reason,
                created_at=created_at,
                approved_at=created_at if status == Comment.Status.APPROVED else None,
                ip=mapping.clean_ip(wp.ip) if created_at >= self.ip_cutoff else None,
                by_staff_id=self.author_users.get(wp.user_id) if wp.user_id else None,
                import_ref=f"wp:comment:{wp.id}",
            )
            parent = parents[wp.id]
            yield comment, depth, f"wp:comment:{parent}" if parent else "", checked.held

    def _checked_comment(self, wp: reader.Comment, ref: str) -> _CommentFields | None:
        """A WordPress comment through the rules of the comment form and the site's word
        and link rules; None, reported, when the form would refuse it outright.

        A text longer than COMMENTS_MAX_LENGTH is kept whole, never cut (losing a reader's
        words is worse than holding them): it is held for moderation, as is a comment
        breaking a word or link rule. A comment WordPress had approved is held, never
        made spam: a moderator looks at it again. Only a pending one meeting a refused
        word becomes spam, as a new comment would. A name too long for Manchette is cut,
        and a website address that is not http(s) is dropped. Each change gets a line
        in the report; WordPress's spam keeps its status without one."""
        name = mapping.plain_text(wp.author)
        text = mapping.html_to_text(wp.content)
        website = (wp.url or "").strip()
        errors = CommentForm(data={"name": name, "text": text, "website": website}).errors
        errors = errors.as_data()
        label = name[:60]
        if "text" in errors and {error.code for error in errors["text"]} != {"max_length"}:
            self.report.skip("comment", ref, label, _("commentaire vide"))
            return None
        status = wordpress_status = mapping.COMMENT_STATUSES[wp.approved]
        remarks, reasons = [], []
        if "text" in errors:
            reasons.append(
                _("%(length)d caractères, au-delà de la limite de %(limit)d : gardé entier")
                % {"length": len(text), "limit": settings.COMMENTS_MAX_LENGTH}
            )
        if "name" in errors:
            limit = Comment._meta.get_field("name").max_length
            if len(name) > limit:
                name = mapping.plain_text(name, limit)
                remarks.append(_("nom raccourci à %d caractères") % limit)
            else:
                name = ""
        if website and ("website" in errors or not mapping.clean_url(website)):
            remarks.append(_("adresse de site web refusée : « %s »") % website[:80])
            website = ""
        rule = site_rules(name, website, text)
        if rule is not None:
            reasons.append(rule[1])
        reason = " ; ".join(reasons)
        held = False
        if status == Comment.Status.PENDING and rule and rule[0] == Comment.Status.SPAM:
            status = Comment.Status.SPAM
            remarks.append(_("classé indésirable : %s") % reason)
        elif status == Comment.Status.APPROVED and reasons:
            status, held = Comment.Status.PENDING, True
            remarks.append(_("approuvé dans WordPress, retenu pour modération : %s") % reason)
        if wordpress_status != Comment.Status.SPAM:  # not worth a line each
            for remark in remarks:
                self.report.note("comment", ref, label, remark)
        return _CommentFields(
            name=name or _("Anonyme"),
            website=website,
            text=text,
            status=status,
            reason=reason[:200],
            held=held,
        )


@contextmanager
def search_index_deferred() -> Iterator[None]:
    """Articles are indexed once per batch, after their tags and bylines (written in
    bulk, without signals) exist, rather than at each save by the search app's signal,
    which would index them twice, the first time without topics or authors."""
    receiver = getattr(search_signals, "article_saved", None)
    disconnected = receiver is not None and post_save.disconnect(receiver, sender=Article)
    try:
        yield
    finally:
        if disconnected:
            post_save.connect(receiver, sender=Article)


_COMMENT_FIELDS = (
    "name",
    "email",
    "website",
    "text",
    "status",
    "reason",
    "created_at",
    "approved_at",
    "ip",
    "by_staff_id",
)


@dataclass
class _CommentFields:
    """A WordPress comment's fields once through the site's rules."""

    name: str
    website: str
    text: str
    status: str
    reason: str
    held: bool  # approved in WordPress, held by the rules


@dataclass
class _File:
    """An attachment's file, copied before its batch's transaction."""

    info: _AttachmentInfo
    relative: str
    name: str
    copied: bool  # by this run
    size: tuple[int, int] | None = None  # an image's, when its row needs it


@dataclass
class _Staged:
    """What a batch writes in bulk once its items are saved."""

    article_ids: list[int] = field(default_factory=list)
    changed_ids: list[int] = field(default_factory=list)  # for the search index
    tag_rows: list = field(default_factory=list)
    bylines: list[Byline] = field(default_factory=list)
    comments: list[tuple[Article, reader.Item]] = field(default_factory=list)
    links: list[tuple[Article, list[str], str]] = field(default_factory=list)
    refs: dict[str, int] = field(default_factory=dict)

    def discard(self, ref: str) -> None:
        pk = self.refs.pop(ref, None)
        if pk is None:
            return
        self.article_ids = [i for i in self.article_ids if i != pk]
        self.changed_ids = [i for i in self.changed_ids if i != pk]
        self.tag_rows = [row for row in self.tag_rows if row.article_id != pk]
        self.bylines = [row for row in self.bylines if row.article_id != pk]
        self.comments = [row for row in self.comments if row[0].pk != pk]
        self.links = [row for row in self.links if row[0].pk != pk]


class _NoBar:
    def update(self, _number: int) -> None:
        pass


def _tidy(body: str) -> str:
    """One line break between blocks, none inside a figure: what block comments and
    wpautop leave behind is noise in the editor. Text in <pre> keeps its lines."""
    if "<pre" not in body:
        body = _BETWEEN_TAGS_RE.sub(">\n<", body)
        body = _FIGURE_RE.sub(lambda m: m.group(0).replace("\n", ""), body)
    return body.strip()


def _term_ref(taxonomy: str, term: reader.Term) -> str:
    return f"wp:term:{taxonomy}:{term.id if term.id else term.slug}"


def _same_slug(current: str, wanted: str) -> bool:
    """Whether `current` is `wanted`, or what Manchette made of it when it was taken
    ("titre-2"): such a slug is kept, so that addresses do not move on each run."""
    if current == wanted or not wanted:
        return True
    match = re.fullmatch(r"(.+)-\d+", current)
    if match is None:
        return False
    stem = match.group(1)
    # unique_slug shortens a long slug to make room for its suffix.
    return stem == wanted or (len(current) >= 90 and wanted.startswith(stem))


def _same(article: Article, key: str, value) -> bool:
    current = getattr(article, key)
    if key == "status":
        return publishing.same_state(current, value)
    return current == value


def _uploads_base(url: str, relative: str) -> str:
    """The address of the uploads folder, from an attachment's address and its path."""
    return url[: -len(relative)] if relative and url.endswith(relative) else ""
