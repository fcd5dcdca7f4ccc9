"""Data of the HTTP benchmark (bench/http_bench.py), written into the database that
VAR_DIR (or DATABASE_URL) names, after `migrate` and `load_demo`:

    .venv/bin/python bench/http_dataset.py reference OUT.json
        adds the ~900-word reference article (bench/reference_article.py) with its lead
        image, topics, byline, sources and three comments; writes to OUT.json the
        addresses the benchmark measures and the article's text for the floor project.
    .venv/bin/python bench/http_dataset.py big --articles 100000 --comments 5000
        adds generated articles (bench/search_corpus.py, older than the demo content so
        the front page keeps its look) and approved comments on the reference article,
        in bulk and indexed batch by batch, by one process per core.
    .venv/bin/python bench/http_dataset.py count-comments --domain bench.example
        prints, as JSON, the comments whose address ends with @DOMAIN, per status.

bulk_create sends no model signal: nothing is indexed, cached or queued one by one.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(BENCH)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "manchette.settings")

SEED = 20261124
BATCH = 2000
SEARCH_QUERY = "budget"  # in the reference article, and common in generated ones


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def reference(out: Path) -> None:
    import reference_article as ref
    from django.core.files.base import ContentFile
    from django.db import transaction
    from django.utils import timezone

    from manchette.articles.models import Article, Author, Byline, Category, Source, Tag
    from manchette.comments.models import Comment
    from manchette.comments.moderation import refresh_counts
    from manchette.images import renditions
    from manchette.images.demo_art import make_demo_image
    from manchette.images.models import Image

    article = Article.objects.filter(slug=ref.SLUG).first()
    if article is None:
        with transaction.atomic():
            image = Image(
                alt_text=ref.IMAGE_ALT, caption=ref.IMAGE_CAPTION, credit="Photo d’illustration"
            )
            image.file.save(
                f"{ref.SLUG[:60]}.jpg", ContentFile(make_demo_image(ref.IMAGE_SEED)), save=False
            )
            image.save()
            article = Article.objects.create(
                title=ref.TITLE,
                slug=ref.SLUG,
                standfirst=ref.STANDFIRST,
                body=ref.BODY,
                category=Category.objects.get(slug=ref.CATEGORY),
                article_type=Article.Type.NEWS,
                status=Article.Status.PUBLISHED,
                published_at=timezone.now() - datetime.timedelta(minutes=30),
                lead_image=image,
            )
            article.tags.set(
                Tag.objects.get_or_create(slug=slug, defaults={"name": slug.capitalize()})[0]
                for slug in ref.TAGS
            )
            Byline.objects.create(article=article, author=Author.objects.order_by("pk").first())
            for position, (label, url) in enumerate(ref.SOURCES):
                Source.objects.create(article=article, label=label, url=url, position=position)
            for number, (name, text) in enumerate(ref.COMMENTS):
                Comment.objects.create(
                    article=article,
                    name=name,
                    email=f"lecteur{number}@example.org",
                    text=text,
                    status=Comment.Status.APPROVED,
                    approved_at=timezone.now(),
                )
            refresh_counts([article.pk])
    # Renditions are made by the task worker when a page misses them: make them now,
    # so that no measured page queues any.
    for image in Image.objects.all():
        renditions.generate_renditions(image)
    article = Article.objects.select_related("category").get(pk=article.pk)
    out.write_text(
        json.dumps(
            {
                "article_id": article.pk,
                "pages": {
                    "article": article.get_absolute_url(),
                    "front": "/",
                    "category": article.category.get_absolute_url(),
                    "search": f"/recherche/?q={SEARCH_QUERY}",
                },
                "story": {
                    "title": article.title,
                    "standfirst": article.standfirst,
                    "body": article.body_html,
                },
            },
            ensure_ascii=False,
            indent=2,
        )
    )


def big(articles: int, comments: int, parts: int) -> None:
    import multiprocessing

    import reference_article as ref
    from django.db import connections, transaction

    from manchette.articles.models import Article
    from manchette.comments.moderation import refresh_counts
    from manchette.search.backends import get_backend

    started = time.monotonic()
    shared = prepare_vocabulary()
    # Each process generates, inserts and indexes its share of the batches: generating
    # and analysing French text is what takes time, and both cores can do it at once.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    workers = [
        context.Process(target=load_part, args=(articles, part, parts, shared))
        for part in range(parts)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if any(worker.exitcode != 0 for worker in workers):
        raise SystemExit("a loading process failed")
    with transaction.atomic():
        get_backend().optimize()
    log(f"  {articles} articles, indexed, in {time.monotonic() - started:.0f} s")
    article = Article.objects.get(slug=ref.SLUG)
    step = time.monotonic()
    with transaction.atomic():
        load_comments(article, comments)
        refresh_counts([article.pk])
    log(f"  {comments} comments in {time.monotonic() - step:.0f} s")


def prepare_vocabulary() -> dict:
    """Topics and 120 authors for the generated articles, created once before the
    loading processes start; what they need to know of them."""
    from django.utils import timezone
    from search_corpus import TAGS, Writer

    from manchette.articles.models import Author, Category, Tag
    from manchette.lib.slugs import slugify_fr

    tags = {
        name: Tag.objects.get_or_create(slug=slugify_fr(name), defaults={"name": name})[0].pk
        for names in TAGS.values()
        for name in names
    }
    taken = set(Author.objects.values_list("slug", flat=True))
    authors = Author.objects.bulk_create(
        Author(name=name, slug=slugify_fr(name))
        for name in Writer(SEED).author_names(120)
        if slugify_fr(name) not in taken
    )
    categories = {c.slug: c.pk for c in Category.objects.all()}
    return {
        "now": timezone.now(),
        "tags": tags,
        "authors": [author.pk for author in authors],
        "categories": categories,
        "fallback": categories.get("sciences") or next(iter(categories.values())),
    }


def load_part(count: int, part: int, parts: int, shared: dict) -> None:
    """Batches part, part + parts, part + 2 × parts…: generated articles spread over
    five years before the demo content (which is at most a week old), 97 % published,
    1 % scheduled, 2 % drafts, as in search_bench; then indexed as a save would."""
    from django.db import connection
    from search_corpus import Writer, store_articles

    from manchette.search.indexing import index_articles

    # The other process may hold the write lock while it indexes a batch.
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout = 600000")
    for batch_number, start in enumerate(range(0, count, BATCH)):
        if batch_number % parts != part:
            continue
        # One seed per batch: the same data whatever the number of processes.
        batch = store_articles(
            Writer(SEED + 1 + batch_number),
            random.Random(SEED - 1 - batch_number),
            shared["now"],
            range(start, min(start + BATCH, count)),
            # Older than the demo content, so the front page keeps its look.
            newest=8 * 86400,
            category_ids=shared["categories"],
            tag_ids=shared["tags"],
            author_ids=shared["authors"],
            fallback_category=shared["fallback"],
        )
        index_articles(article.pk for article in batch)


def load_comments(article, count: int) -> None:
    """Approved comments in threads: about 70 % start a thread, the others answer one
    (a few answer an answer), dated between publication and now."""
    from django.db.models import F
    from django.utils import timezone
    from search_corpus import FIRST_NAMES, LAST_NAMES, Writer

    from manchette.comments.models import Comment

    rng = random.Random(SEED + 2)
    writer = Writer(SEED + 3)
    words = writer._vocabulary(article.category.slug if article.category else "politique")
    start = article.published_at
    span = (timezone.now() - datetime.timedelta(minutes=1) - start).total_seconds()

    def comment(number: int, **fields) -> Comment:
        when = start + datetime.timedelta(seconds=span * number / max(count, 1))
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        return Comment(
            article=article,
            name=f"{first} {last[0]}.",
            email=f"lecteur{number}@example.org",
            text=" ".join(writer.sentence(words) for _ in range(rng.randint(1, 4)))
            + f" ({number})",  # never twice the same text
            status=Comment.Status.APPROVED,
            created_at=when,
            approved_at=when,
            **fields,
        )

    kinds = ["top" if n < 20 or rng.random() < 0.7 else "reply" for n in range(count)]
    # Each answer comes after the comment it answers, among the 200 latest of its kind.
    firsts, seconds, tops_seen = [], [], 0
    for number, kind in enumerate(kinds):
        if kind == "top":
            tops_seen += 1
        elif firsts and rng.random() < 0.2:
            seconds.append((number, rng.randrange(max(0, len(firsts) - 200), len(firsts))))
        else:
            firsts.append((number, rng.randrange(max(0, tops_seen - 200), tops_seen)))
    tops = Comment.objects.bulk_create(comment(n) for n, kind in enumerate(kinds) if kind == "top")
    Comment.objects.filter(pk__in=[c.pk for c in tops]).update(thread=F("pk"))
    replies = Comment.objects.bulk_create(
        comment(n, parent=tops[i], thread_id=tops[i].pk, depth=1) for n, i in firsts
    )
    Comment.objects.bulk_create(
        comment(n, parent=replies[i], thread_id=replies[i].thread_id, depth=2) for n, i in seconds
    )


def count_comments(domain: str) -> None:
    from django.db.models import Count

    from manchette.comments.models import Comment

    rows = (
        Comment.objects.filter(email__endswith=f"@{domain}")
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    print(json.dumps({row["status"]: row["n"] for row in rows}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("reference").add_argument("out", type=Path)
    big_parser = commands.add_parser("big")
    big_parser.add_argument("--articles", type=int, default=100_000)
    big_parser.add_argument("--comments", type=int, default=5_000)
    big_parser.add_argument("--processes", type=int, default=os.cpu_count() or 2)
    commands.add_parser("count-comments").add_argument("--domain", default="bench.example")
    args = parser.parse_args()

    import django

    django.setup()
    if args.command == "reference":
        reference(args.out)
    elif args.command == "big":
        big(args.articles, args.comments, max(1, args.processes))
    else:
        count_comments(args.domain)


if __name__ == "__main__":
    main()
