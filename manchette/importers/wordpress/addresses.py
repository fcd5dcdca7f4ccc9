"""The old WordPress addresses of imported items, written as OldLink rows.

Paths are stored as the old site received them, decoded ("/2019/05/04/été/"), with a
leading slash, the trailing slash WordPress used, and the query of the "ugly" forms
("/?p=12"). When two items claim one path, the first keeps it and the report says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse

from manchette.importers.models import OldLink

from .mapping import split_url, url_path
from .report import Report

SOURCE = "wordpress"


class OldAddresses:
    """The address forms of one WordPress site, under its base path ("/blog" when
    WordPress lived in a folder)."""

    def __init__(self, base_url: str, category_base: str = "category", tag_base: str = "tag"):
        self.base = getattr(split_url(base_url or ""), "path", "").rstrip("/")
        self.category_base = category_base.strip("/") or "category"
        self.tag_base = tag_base.strip("/") or "tag"

    def _path(self, rest: str) -> str:
        return f"{self.base}{rest}"

    def post(
        self, post_id: int, link: str, slug: str, date_parts: tuple[str, str, str] | None
    ) -> list[str]:
        paths = [url_path(link), self._path(f"/?p={post_id}")]
        if slug and date_parts:
            year, month, day = date_parts
            paths += [
                self._path(f"/{year}/{month}/{day}/{slug}/"),
                self._path(f"/{year}/{month}/{slug}/"),
            ]
        if slug:
            paths.append(self._path(f"/{slug}/"))
        return paths

    def page(self, page_id: int, link: str) -> list[str]:
        return [url_path(link), self._path(f"/?page_id={page_id}"), self._path(f"/?p={page_id}")]

    def attachment(self, attachment_id: int, link: str, files: Iterable[str]) -> list[str]:
        return [
            *(url_path(url) for url in files),
            url_path(link),
            self._path(f"/?attachment_id={attachment_id}"),
        ]

    def category(self, term_id: int | None, chain: list[str]) -> list[str]:
        """`chain`: the slugs from the top category down to this one."""
        paths = [self._path(f"/{self.category_base}/{'/'.join(chain)}/")]
        if len(chain) > 1:  # WordPress also answers the child's slug alone
            paths.append(self._path(f"/{self.category_base}/{chain[-1]}/"))
        if term_id:
            paths.append(self._path(f"/?cat={term_id}"))
        return paths

    def category_feeds(self, chain: list[str]) -> list[str]:
        paths = [self._path(f"/{self.category_base}/{'/'.join(chain)}/feed/")]
        if len(chain) > 1:
            paths.append(self._path(f"/{self.category_base}/{chain[-1]}/feed/"))
        return paths

    def tag(self, slug: str) -> list[str]:
        # A query is stored encoded, as the old-links middleware looks it up.
        return [
            self._path(f"/{self.tag_base}/{slug}/"),
            self._path("/?" + urlencode({"tag": slug})),
        ]

    def tag_feeds(self, slug: str) -> list[str]:
        return [self._path(f"/{self.tag_base}/{slug}/feed/")]

    def author(self, nicename: str, author_id: int | None) -> list[str]:
        paths = [self._path(f"/author/{nicename}/")]
        if author_id:
            paths.append(self._path(f"/?author={author_id}"))
        return paths

    def author_feeds(self, nicename: str) -> list[str]:
        return [self._path(f"/author/{nicename}/feed/")]

    def site_feeds(self) -> dict[str, str]:
        """Old feed address → new feed address."""
        feed, atom = reverse("syndication:feed"), reverse("syndication:feed-atom")
        return {
            self._path("/feed/"): feed,
            self._path("/feed/rss2/"): feed,
            self._path("/feed/rss/"): feed,
            self._path("/feed/atom/"): atom,
            self._path("/?feed=rss2"): feed,
            self._path("/comments/feed/"): reverse("comments:feed"),
        }


class LinkBook:
    """Every OldLink path, loaded once, so each item's addresses are checked without a
    query; new rows are written in bulk by `flush`, inside the caller's transaction."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self._types: dict[type[models.Model], int] = {}
        self._paths: dict[str, tuple[int | None, int | None, str]] = {}
        # Fixed addresses (files, feeds) this importer wrote, which it may correct.
        self._ours: set[str] = set()
        for path, type_id, object_id, url, source in OldLink.objects.values_list(
            "path", "content_type_id", "object_id", "url", "source"
        ).iterator(chunk_size=5000):
            self._paths[path] = (type_id, object_id, url)
            if source == SOURCE and type_id is None:
                self._ours.add(path)
        self._owners: dict[str, str] = {}
        self._new: list[OldLink] = []
        self._changed: list[tuple[str, str]] = []

    def type_id(self, model: type[models.Model]) -> int:
        if model not in self._types:
            self._types[model] = ContentType.objects.get_for_model(model).pk
        return self._types[model]

    def point(
        self,
        paths: Iterable[str],
        owner: str,
        *,
        target: models.Model | None = None,
        url: str = "",
    ) -> None:
        """Make each of `paths` lead to `target` (followed when it moves) or to `url`."""
        wanted = (
            (self.type_id(type(target)), target.pk, "") if target is not None else (None, None, url)
        )
        for path in dict.fromkeys(p for p in paths if p and len(p) <= 1000):
            current = self._paths.get(path)
            if current is None:
                self._paths[path] = wanted
                self._owners[path] = owner
                self._new.append(
                    OldLink(
                        path=path,
                        content_type_id=wanted[0],
                        object_id=wanted[1],
                        url=wanted[2],
                        source=SOURCE,
                    )
                )
                self.report.count("link", "created")
            elif current == wanted:
                self.report.count("link", "unchanged")
            elif target is None and path in self._ours and path not in self._owners:
                # A file or feed address of an earlier run whose new address moved.
                self._paths[path] = wanted
                self._owners[path] = owner
                self._changed.append((path, url))
                self.report.count("link", "updated")
            else:
                self.report.count("link", "skipped")
                self.report.collide(path, self._describe(path, current), owner)

    def forget(self, target: models.Model) -> None:
        """Drop the old addresses of an item that is no longer public."""
        type_id = self.type_id(type(target))
        gone = [p for p, value in self._paths.items() if value[:2] == (type_id, target.pk)]
        if gone:
            OldLink.objects.filter(content_type_id=type_id, object_id=target.pk).delete()
            for path in gone:
                del self._paths[path]

    def flush(self) -> None:
        if self._new:
            OldLink.objects.bulk_create(self._new, batch_size=500)
            self._new = []
        for path, url in self._changed:
            OldLink.objects.filter(path=path).update(url=url)
        self._changed = []

    def _describe(self, path: str, current: tuple[int | None, int | None, str]) -> str:
        if path in self._owners:
            return self._owners[path]
        type_id, object_id, url = current
        if type_id is None:
            return url
        model = ContentType.objects.get_for_id(type_id).model_class()
        name = model._meta.verbose_name if model is not None else "?"
        return f"{name} {object_id}"
