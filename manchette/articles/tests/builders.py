"""Builders for test content: small functions instead of a dumped database."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from manchette.articles.models import Article, Author, Byline, Category, Source, Tag
from manchette.images.demo_art import make_demo_image
from manchette.images.models import Image
from manchette.lib.slugs import slugify_fr


def make_article(
    *,
    title: str = "Un article",
    category: Category | None = None,
    hours_ago: float = 1,
    status: str = Article.Status.PUBLISHED,
    **fields,
) -> Article:
    category = (
        category
        or Category.objects.get_or_create(slug="politique", defaults={"name": "Politique"})[0]
    )
    return Article.objects.create(
        title=title,
        category=category,
        status=status,
        published_at=fields.pop(
            "published_at", timezone.now() - datetime.timedelta(hours=hours_ago)
        ),
        standfirst=fields.pop("standfirst", "Le chapô de l’article."),
        body=fields.pop("body", "<p>Premier paragraphe.</p><h2>Une section</h2><p>Suite.</p>"),
        **fields,
    )


def add_authors(article: Article, *names: str) -> list[Author]:
    authors = []
    for position, name in enumerate(names):
        author, _ = Author.objects.get_or_create(slug=slugify_fr(name), defaults={"name": name})
        Byline.objects.create(article=article, author=author, position=position)
        authors.append(author)
    return authors


def add_tags(article: Article, *names: str) -> list[Tag]:
    tags = [
        Tag.objects.get_or_create(slug=slugify_fr(name), defaults={"name": name})[0]
        for name in names
    ]
    article.tags.add(*tags)
    return tags


def add_sources(article: Article, count: int) -> None:
    for position in range(count):
        Source.objects.create(
            article=article,
            label=f"Rapport n° {position}",
            url=f"https://example.org/{position}",
            position=position,
        )


def make_lead_image(seed: int = 3, width: int = 1600, height: int = 1067, **fields) -> Image:
    """A generated picture saved as an Image, renditions included."""
    fields = {
        "alt_text": "Une illustration bleue",
        "caption": "La place du village.",
        "credit": "Photo : Rédaction",
        **fields,
    }
    image = Image(**fields)
    image.file.save("lead.jpg", ContentFile(make_demo_image(seed, width, height)), save=False)
    image.save()
    return image
