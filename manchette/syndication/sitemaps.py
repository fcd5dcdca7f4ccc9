"""Sitemaps of the published site, one section per kind of page, and a Google News sitemap."""

from __future__ import annotations

import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import DateTimeField, Max, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from manchette.articles.models import Article, Author, Category, Page, Tag
from manchette.control_chars import strip_control_chars

# Google News reads the articles of the last two days, at most 1,000 per sitemap.
NEWS_WINDOW = datetime.timedelta(hours=48)
NEWS_LIMIT = 1000

# When an article last changed for a reader: its update date when it has a later one.
LAST_CHANGE = Greatest(
    "published_at", Coalesce("updated_at", "published_at"), output_field=DateTimeField()
)


def to_the_second(moment: datetime.datetime | None) -> datetime.datetime | None:
    return moment.replace(microsecond=0) if moment else None


def w3c_datetime(moment: datetime.datetime) -> str:
    """'2026-11-23T18:05:00+01:00': the site's time zone, with its offset."""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


class ArticleSitemap(Sitemap):
    # Every field the section's template reads: a field left out of only() would cost
    # one query per article when the template asks for it.
    fields: tuple[str, ...] = ("slug", "pub_date", "published_at", "updated_at", "category__slug")

    def items(self) -> QuerySet[Article]:
        return (
            Article.objects.published()
            .select_related("category")
            .only(*self.fields)
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, item: Article) -> datetime.datetime:
        return to_the_second(max(item.published_at, item.updated_at or item.published_at))

    def get_latest_lastmod(self) -> datetime.datetime | None:
        # One aggregate for the index, rather than reading every article.
        return to_the_second(self.items().aggregate(latest=Max(LAST_CHANGE))["latest"])


class NewsSitemap(ArticleSitemap):
    limit = NEWS_LIMIT
    fields = (*ArticleSitemap.fields, "title")  # <news:title>

    def items(self) -> QuerySet[Article]:
        return super().items().filter(published_at__gte=timezone.now() - NEWS_WINDOW)

    def get_urls(self, *args, **kwargs) -> list[dict]:
        urls = super().get_urls(*args, **kwargs)
        for url in urls:
            url["publication_date"] = w3c_datetime(url["item"].published_at)
            # Texts are cleaned when saved; this keeps the sitemap well-formed even with
            # a title stored before that, or by a path that bypassed save().
            url["title"] = strip_control_chars(url["item"].title)
        return urls


def newest_article(**lookup) -> Subquery:
    """The last change of the newest published article matching `lookup` (with OuterRef)."""
    return Subquery(
        Article.objects.published()
        .filter(**lookup)
        .annotate(changed=LAST_CHANGE)
        .order_by("-changed")
        .values("changed")[:1],
        output_field=DateTimeField(),
    )


class ListingSitemap(Sitemap):
    """Pages listing articles (categories, topics, authors): only those with a published
    article, dated by their newest one. An empty listing is no page worth indexing."""

    model: type[Category] | type[Tag] | type[Author]
    lookup: str  # from Article to the model

    def items(self) -> QuerySet:
        return (
            self.model.objects.annotate(lastmod=newest_article(**{self.lookup: OuterRef("pk")}))
            .filter(lastmod__isnull=False)
            .only("slug")
            .order_by("slug")
        )

    def lastmod(self, item) -> datetime.datetime:
        return to_the_second(item.lastmod)


class CategorySitemap(ListingSitemap):
    model = Category
    lookup = "category"


class TagSitemap(ListingSitemap):
    model = Tag
    lookup = "tags"


class AuthorSitemap(ListingSitemap):
    model = Author
    lookup = "authors"


class PageSitemap(Sitemap):
    def items(self) -> QuerySet[Page]:
        return Page.objects.only("slug", "updated_at").order_by("slug")

    def lastmod(self, item: Page) -> datetime.datetime:
        return to_the_second(item.updated_at)


# Classes, not instances: the framework keeps per-request state (latest_lastmod) on
# the sitemap object, and one instance would be shared by concurrent requests.
SITEMAPS: dict[str, type[Sitemap]] = {
    "articles": ArticleSitemap,
    "rubriques": CategorySitemap,
    "sujets": TagSitemap,
    "auteurs": AuthorSitemap,
    "pages": PageSitemap,
}
# The index names the news sitemap too, which has its own template (see urls.py).
INDEX: dict[str, type[Sitemap]] = {**SITEMAPS, "news": NewsSitemap}
