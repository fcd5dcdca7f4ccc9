"""Head metadata for search engines and social networks: {% load seo %}."""

from __future__ import annotations

from django import template

from manchette.articles.models import Article

from .. import structured_data

register = template.Library()


@register.simple_tag(takes_context=True)
def article_meta(context: template.Context, article: Article) -> structured_data.ArticleMeta:
    """{% article_meta article as meta %}: Open Graph, X card and JSON-LD of the article,
    built once; uses the view's `canonical_url` when it gave one."""
    return structured_data.article_meta(
        context["request"], article, context.get("canonical_url", "")
    )


@register.simple_tag(takes_context=True)
def home_meta(context: template.Context) -> structured_data.HomeMeta:
    """{% home_meta as meta %}: the front page's Open Graph and JSON-LD."""
    return structured_data.home_meta(context["request"])
