"""Addresses of the syndication app: feeds, sitemaps and robots.txt (see DESIGN.md)."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, register_converter

from manchette.articles.models import RESERVED_SLUGS
from manchette.pagecache import tags
from manchette.pagecache.pages import public_page

from . import feeds, robots
from .sitemaps import INDEX, SITEMAPS, NewsSitemap


class CategorySlug:
    """A slug that is not one of the site's own first segments, so that
    /<category>/flux/ leaves /sujet/flux/ and /auteur/flux/ (a topic or an author
    named "flux") to the pages they are."""

    regex = "[-a-zA-Z0-9_]+"

    def to_python(self, value: str) -> str:
        if value in RESERVED_SLUGS:
            raise ValueError(value)  # no match: the next pattern is tried
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(CategorySlug, "category_slug")

# Feeds and sitemaps are public pages of the page cache, tagged like the listings they
# mirror (see manchette/pagecache/tags.py).
site_wide = public_page(tags.ALL)
by_topic = public_page(slug=tags.topic)
by_author = public_page(slug=tags.author)
by_category = public_page(category=tags.category)

app_name = "syndication"
urlpatterns = [
    path("flux/", site_wide(feeds.SiteFeed()), name="feed"),
    path("flux/atom/", site_wide(feeds.SiteFeed(atom=True)), name="feed-atom"),
    path("sujet/<slug:slug>/flux/", by_topic(feeds.TagFeed()), name="tag-feed"),
    path("sujet/<slug:slug>/flux/atom/", by_topic(feeds.TagFeed(atom=True)), name="tag-feed-atom"),
    path("auteur/<slug:slug>/flux/", by_author(feeds.AuthorFeed()), name="author-feed"),
    path(
        "auteur/<slug:slug>/flux/atom/",
        by_author(feeds.AuthorFeed(atom=True)),
        name="author-feed-atom",
    ),
    path(
        "<category_slug:category>/flux/",
        by_category(feeds.CategoryFeed()),
        name="category-feed",
    ),
    path(
        "<category_slug:category>/flux/atom/",
        by_category(feeds.CategoryFeed(atom=True)),
        name="category-feed-atom",
    ),
    path(
        "sitemap.xml",
        site_wide(sitemap_views.index),
        {"sitemaps": INDEX, "sitemap_url_name": "syndication:sitemap"},
        name="sitemap-index",
    ),
    # Before the sections' pattern, which would take "news" for a section.
    path(
        "sitemap-news.xml",
        site_wide(sitemap_views.sitemap),
        {"sitemaps": {"news": NewsSitemap}, "template_name": "syndication/sitemap_news.xml"},
        name="sitemap-news",
    ),
    path(
        "sitemap-<slug:section>.xml",
        site_wide(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS, "template_name": "syndication/sitemap_section.xml"},
        name="sitemap",
    ),
    path("robots.txt", public_page()(robots.robots_txt), name="robots"),
]
