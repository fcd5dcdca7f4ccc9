"""RSS 2.0 feeds of approved comments: the whole site's, and one article's."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape, linebreaks

from manchette.articles.models import Article
from manchette.control_chars import ControlCharFreeFeed

from .models import Comment

NNBSP = "\u202f"  # French typography inside « »
FEED_LENGTH = 50


def quoted(title: str) -> str:
    return f"«{NNBSP}{title}{NNBSP}»"


class CommentRssFeed(ControlCharFreeFeed, Rss201rev2Feed):
    """RSS 2.0 that stays well-formed whatever a stored comment holds."""


class SiteCommentsFeed(Feed):
    """The latest approved comments of published articles. Every item comes from one
    query; no e-mail address is ever written (author_email is left undefined)."""

    feed_type = CommentRssFeed
    language = "fr"

    def title(self) -> str:
        return f"Commentaires — {settings.SITE_NAME}"

    def link(self) -> str:
        return reverse("articles:home")

    def feed_url(self) -> str:
        return reverse("comments:feed")

    def description(self) -> str:
        return f"Les derniers commentaires publiés sur {settings.SITE_NAME}."

    def comments(self, obj: Article | None) -> QuerySet[Comment]:
        return Comment.objects.approved().filter(article__in=Article.objects.published())

    def items(self, obj: Article | None = None) -> list[Comment]:
        return list(
            self.comments(obj)
            .select_related("article__category")
            .order_by("-created_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item: Comment) -> str:
        # Escaped as Django does by default: many readers take titles for HTML.
        return escape(f"{item.name} sur {quoted(item.article.title)}")

    def item_description(self, item: Comment) -> str:
        # The reader's plain text, escaped, with its paragraphs and line breaks.
        return linebreaks(item.text, autoescape=True)

    def item_link(self, item: Comment) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Comment):
        return item.created_at

    def item_author_name(self, item: Comment) -> str:
        return item.name


class ArticleCommentsFeed(SiteCommentsFeed):
    """The latest approved comments of one published article; 404 for any other."""

    def get_object(self, request: HttpRequest, article_id: int) -> Article:
        return get_object_or_404(
            Article.objects.published().select_related("category"), pk=article_id
        )

    def title(self, obj: Article) -> str:
        return f"Commentaires sur {quoted(obj.title)}"

    def link(self, obj: Article) -> str:
        return f"{obj.get_absolute_url()}#commentaires"

    def feed_url(self, obj: Article) -> str:
        return reverse("comments:article-feed", kwargs={"article_id": obj.pk})

    def description(self, obj: Article) -> str:
        return f"Les derniers commentaires publiés sur l’article {quoted(obj.title)}."

    def comments(self, obj: Article | None) -> QuerySet[Comment]:
        return Comment.objects.approved().filter(article=obj)
