"""Addresses of the syndication app: feeds, sitemaps and robots.txt (see DESIGN.md)."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, register_converter

from manchette.articles.models import RESERVED_SLUGS

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

app_name = "syndication"
urlpatterns = [
    path("flux/", feeds.SiteFeed(), name="feed"),
    path("flux/atom/", feeds.SiteFeed(atom=True), name="feed-atom"),
    path("sujet/<slug:slug>/flux/", feeds.TagFeed(), name="tag-feed"),
    path("sujet/<slug:slug>/flux/atom/", feeds.TagFeed(atom=True), name="tag-feed-atom"),
    path("auteur/<slug:slug>/flux/", feeds.AuthorFeed(), name="author-feed"),
    path("auteur/<slug:slug>/flux/atom/", feeds.AuthorFeed(atom=True), name="author-feed-atom"),
    path("<category_slug:category>/flux/", feeds.CategoryFeed(), name="category-feed"),
    path(
        "<category_slug:category>/flux/atom/",
        feeds.CategoryFeed(atom=True),
        name="category-feed-atom",
    ),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": INDEX, "sitemap_url_name": "syndication:sitemap"},
        name="sitemap-index",
    ),
    # Before the sections' pattern, which would take "news" for a section.
    path(
        "sitemap-news.xml",
        sitemap_views.sitemap,
        {"sitemaps": {"news": NewsSitemap}, "template_name": "syndication/sitemap_news.xml"},
        name="sitemap-news",
    ),
    path(
        "sitemap-<slug:section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS, "template_name": "syndication/sitemap_section.xml"},
        name="sitemap",
    ),
    path("robots.txt", robots.robots_txt, name="robots"),
]
