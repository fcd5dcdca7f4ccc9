"""Re-indexes an article whenever anything it is found by changes, from any screen or importer."""

from __future__ import annotations

import threading
from collections.abc import Iterable

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from manchette.articles.models import Article, Author, Byline, Tag

from .indexing import index_articles
from .models import SearchDocument

# Articles being deleted right now, in this thread. Deleting an article deletes its
# bylines first, and re-indexing it from their signals would write a fresh index row
# for an article about to disappear (a foreign key error at commit).
_deleting = threading.local()


def _being_deleted() -> set[int]:
    if not hasattr(_deleting, "ids"):
        _deleting.ids = set()
    return _deleting.ids


def _reindex(article_ids: Iterable[int]) -> None:
    index_articles(set(article_ids) - _being_deleted())


@receiver(post_save, sender=Article)
def article_saved(sender, instance: Article, raw: bool = False, **kwargs) -> None:
    # Publish, update, unpublish, archive, schedule: every save decides afresh.
    if not raw:  # loaddata: related rows may not exist yet; rebuild_search_index after
        index_articles([instance.pk])


@receiver(pre_delete, sender=Article)
def article_deleting(sender, instance: Article, **kwargs) -> None:
    _being_deleted().add(instance.pk)


@receiver(post_delete, sender=Article)
def article_deleted(sender, instance: Article, **kwargs) -> None:
    # Its index row went with it (on delete cascade, and the FTS5 trigger on SQLite).
    _being_deleted().discard(instance.pk)


@receiver(m2m_changed, sender=Article.tags.through)
def tags_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    if not reverse:  # article.tags.add(…), .remove(…), .set(…), .clear()
        if action in {"post_add", "post_remove", "post_clear"}:
            _reindex([instance.pk])
    elif action == "pre_clear":  # tag.articles.clear(): the articles are unknown after
        instance._search_article_ids = list(instance.articles.values_list("pk", flat=True))
    elif action == "post_clear":
        _reindex(getattr(instance, "_search_article_ids", []))
    elif action in {"post_add", "post_remove"}:
        _reindex(pk_set or [])


@receiver([post_save, post_delete], sender=Byline)
def byline_changed(sender, instance: Byline, raw: bool = False, **kwargs) -> None:
    if not raw:
        _reindex([instance.article_id])


@receiver(pre_save, sender=Tag)
@receiver(pre_save, sender=Author)
def remember_name(sender, instance: Tag | Author, raw: bool = False, **kwargs) -> None:
    if instance.pk and not raw:
        instance._search_old_name = (
            sender.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
        )


@receiver(post_save, sender=Tag)
def tag_saved(sender, instance: Tag, created: bool, **kwargs) -> None:
    if not created and instance.name != getattr(instance, "_search_old_name", instance.name):
        _reindex(SearchDocument.objects.filter(article__tags=instance).values_list("pk", flat=True))


@receiver(post_save, sender=Author)
def author_saved(sender, instance: Author, created: bool, **kwargs) -> None:
    if not created and instance.name != getattr(instance, "_search_old_name", instance.name):
        _reindex(
            SearchDocument.objects.filter(article__bylines__author=instance).values_list(
                "pk", flat=True
            )
        )


@receiver(pre_delete, sender=Tag)
def tag_deleting(sender, instance: Tag, **kwargs) -> None:
    # Its links to articles vanish without an m2m signal; remember whom to re-index.
    instance._search_article_ids = list(
        SearchDocument.objects.filter(article__tags=instance).values_list("pk", flat=True)
    )


@receiver(post_delete, sender=Tag)
def tag_deleted(sender, instance: Tag, **kwargs) -> None:
    _reindex(getattr(instance, "_search_article_ids", []))
