"""Loads the demo newsroom (demo_content.py) into the database, once."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from manchette.images.demo_art import make_demo_image, make_portrait
from manchette.images.models import Image
from manchette.pagecache.changes import site_wide

from . import demo_content
from .models import Article, Author, Byline, Category, Correction, Page, Source, Tag

PAGE_ROLES = {
    "principes-editoriaux": Page.Role.PRINCIPLES,
    "politique-de-corrections": Page.Role.CORRECTIONS,
    "a-propos": Page.Role.ABOUT,
}


@dataclass
class Report:
    created: dict[str, int] = field(default_factory=dict)
    existing: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, created: bool) -> None:
        bucket = self.created if created else self.existing
        bucket[kind] = bucket.get(kind, 0) + 1


@transaction.atomic
@site_wide()
def load_demo(now: datetime.datetime | None = None) -> Report:
    """Create what is missing; an item already present (by slug) is left as it is, so
    loading twice changes nothing and an editor's changes to demo items survive."""
    now = now or timezone.now()
    report = Report()
    categories = {}
    for position, data in enumerate(demo_content.CATEGORIES):
        categories[data["slug"]], created = Category.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "description": data["description"],
                "position": position,
            },
        )
        report.count("rubriques", created)
    tags = {}
    for data in demo_content.TAGS:
        tags[data["slug"]], created = Tag.objects.get_or_create(
            slug=data["slug"], defaults={"name": data["name"]}
        )
        report.count("sujets", created)
    authors = {}
    for seed, data in enumerate(demo_content.AUTHORS):
        author = Author.objects.filter(slug=data["slug"]).first()
        created = author is None
        if created:
            author = Author.objects.create(
                slug=data["slug"],
                name=data["name"],
                bio=data["bio"],
                job_title=data.get("job_title", ""),
                photo=_image(
                    make_portrait(seed), f"portrait-{data['slug']}.jpg", data["name"], "", ""
                ),
            )
        authors[data["slug"]] = author
        report.count("auteurs", created)
    for seed, data in enumerate(demo_content.ARTICLES):
        created = _article(data, seed, now, categories, tags, authors)
        report.count("articles", created)
    for slug, name, website, text, replies, hours in demo_content.COMMENTS:
        report.count("commentaires", _comment(slug, name, website, text, replies, hours))
    for data in demo_content.PAGES:
        _, created = Page.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "body": data["body"],
                "role": PAGE_ROLES.get(data["slug"], ""),
            },
        )
        report.count("pages", created)
    return report


def _image(content: bytes, name: str, alt: str, caption: str, credit: str) -> Image:
    image = Image(alt_text=alt, caption=caption, credit=credit)
    image.file.save(name, ContentFile(content), save=False)
    image.save()
    return image


def _comment(slug: str, name: str, website: str, text: str, replies, hours: int) -> bool:
    from manchette.comments.models import Comment
    from manchette.comments.moderation import refresh_counts

    article = Article.objects.get(slug=slug)
    if Comment.objects.filter(article=article, text=text).exists():
        return False
    # Readers comment after publication, and never in the future of a fresh article.
    when = min(
        article.published_at + datetime.timedelta(hours=hours),
        timezone.now() - datetime.timedelta(minutes=5),
    )
    parent = Comment.objects.create(
        article=article,
        name=name,
        email="lecteur@example.org",
        website=website,
        text=text,
        status=Comment.Status.APPROVED,
        approved_at=when,
    )
    for position, (reply_name, reply_text) in enumerate(replies, start=1):
        Comment.objects.create(
            article=article,
            parent=parent,
            name=reply_name,
            email="lecteur@example.org",
            text=reply_text,
            status=Comment.Status.APPROVED,
            approved_at=when + datetime.timedelta(minutes=40 * position),
        )
    refresh_counts([article.pk])
    return True


def _article(data: dict, seed: int, now, categories, tags, authors) -> bool:
    published_at = now - datetime.timedelta(hours=data["hours_ago"])
    if Article.objects.filter(slug=data["slug"], category__slug=data["category"]).exists():
        return False
    picture = data["image"]
    article = Article.objects.create(
        title=data["title"],
        slug=data["slug"],
        category=categories[data["category"]],
        article_type=data["type"],
        standfirst=data["standfirst"],
        body=data["body"],
        status=Article.Status.PUBLISHED,
        published_at=published_at,
        updated_at=(
            published_at + datetime.timedelta(hours=data["updated_hours_after"])
            if data.get("updated_hours_after")
            else None
        ),
        featured=data.get("featured", False),
        how_we_worked=data.get("how_we_worked", ""),
        lead_image=_image(
            make_demo_image(seed),
            f"{data['slug']}.jpg",
            picture["alt"],
            picture["caption"],
            picture["credit"],
        ),
    )
    article.tags.set([tags[slug] for slug in data["tags"]])
    for position, slug in enumerate(data["authors"]):
        Byline.objects.create(article=article, author=authors[slug], position=position)
    for position, source in enumerate(data.get("sources", [])):
        Source.objects.create(
            article=article, label=source["label"], url=source["url"], position=position
        )
    for correction in data.get("corrections", []):
        Correction.objects.create(
            article=article,
            corrected_at=published_at + datetime.timedelta(hours=correction["hours_after"]),
            text=correction["text"],
        )
    return True
