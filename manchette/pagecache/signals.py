"""Every write that changes what readers see, from any screen, command or importer,
turned into the tags (and lost addresses) it touches. Bulk writes that skip model
signals go through comments.moderation.refresh_counts or changes.site_wide()."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils import timezone

from manchette.articles.models import (
    Article,
    Author,
    Byline,
    Category,
    Correction,
    Page,
    Source,
    Tag,
)
from manchette.comments.models import Comment
from manchette.images.models import Image, Rendition

from . import schedule, tags
from .changes import changed, suspended


def _public_path(article: Article) -> list[str]:
    return [article.get_absolute_url()] if article.pub_date else []


def _before(article: Article) -> tuple[set[str], list[str]]:
    """What the article showed before this change: its tags and its address."""
    return tags.of_article(article), _public_path(article)


@receiver(pre_save, sender=Article)
def article_saving(sender, instance: Article, raw: bool = False, **kwargs) -> None:
    if raw or suspended() or instance.pk is None:
        return
    old = Article.objects.select_related("category").filter(pk=instance.pk).first()
    instance._pages_before = _before(old) if old else (set(), [])


@receiver(post_save, sender=Article)
def article_saved(sender, instance: Article, raw: bool = False, **kwargs) -> None:
    if raw or suspended():
        return
    old_tags, old_paths = getattr(instance, "_pages_before", (set(), []))
    changed(tags.of_article(instance) | old_tags, old_paths)
    schedule.recompute()
    if instance.status == Article.Status.SCHEDULED and instance.published_at > timezone.now():
        _announce_when_due(instance)


def _announce_when_due(article: Article) -> None:
    from .tasks import scheduled_article_due

    if scheduled_article_due.get_backend().supports_defer:
        scheduled_article_due.using(run_after=article.published_at).enqueue(article.pk)


@receiver(pre_delete, sender=Article)
def article_deleting(sender, instance: Article, **kwargs) -> None:
    if not suspended():
        instance._pages_before = _before(instance)


@receiver(post_delete, sender=Article)
def article_deleted(sender, instance: Article, **kwargs) -> None:
    if not suspended():
        changed(*getattr(instance, "_pages_before", (set(), [])))
        schedule.recompute()


@receiver(m2m_changed, sender=Article.tags.through)
def article_topics_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs):
    if suspended() or not action.startswith(("post_", "pre_clear")):
        return
    if not reverse:  # article.tags.add(…), .remove(…), .set(…), .clear()
        if action == "pre_clear":
            instance._topics_before = {tags.topic(t.slug) for t in instance.tags.all()}
            return
        touched = {tags.topic(t.slug) for t in Tag.objects.filter(pk__in=pk_set or [])}
        changed(tags.of_article(instance) | touched | getattr(instance, "_topics_before", set()))
    elif action == "pre_clear":  # tag.articles.clear()
        instance._articles_before = list(instance.articles.values_list("pk", flat=True))
    else:
        ids = pk_set if action != "post_clear" else getattr(instance, "_articles_before", [])
        changed(tags.of_articles(ids or []) | {tags.topic(instance.slug)})


@receiver([post_save, post_delete], sender=Byline)
def byline_changed(sender, instance: Byline, raw: bool = False, **kwargs) -> None:
    if raw or suspended():
        return
    changed({tags.ALL, tags.article(instance.article_id), tags.author(instance.author.slug)})


@receiver([post_save, post_delete], sender=Source)
@receiver([post_save, post_delete], sender=Correction)
def article_part_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw and not suspended():
        changed({tags.article(instance.article_id)})


@receiver([post_save, post_delete], sender=Category)
@receiver([post_save, post_delete], sender=Page)
def site_changed(sender, raw: bool = False, **kwargs) -> None:
    # The navigation and the footer list them on every page.
    if not raw and not suspended():
        changed({tags.SITE})


@receiver(pre_save, sender=Tag)
@receiver(pre_save, sender=Author)
def listing_saving(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw and not suspended() and instance.pk:
        instance._slug_before = (
            sender.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
        )


@receiver(post_save, sender=Tag)
@receiver(post_save, sender=Author)
@receiver(pre_delete, sender=Tag)
@receiver(pre_delete, sender=Author)
def listing_changed(sender, instance, raw: bool = False, created: bool = False, **kwargs):
    """A renamed (or removed) topic or author: its listing, and every page naming it
    through one of its articles. A new one is on no page yet."""
    if raw or created or suspended():
        return
    make = tags.topic if sender is Tag else tags.author
    own = {make(instance.slug)}
    if before := getattr(instance, "_slug_before", None):
        own.add(make(before))
    changed(tags.of_articles(instance.articles.values_list("pk", flat=True)) | own)


@receiver(post_save, sender=Image)
@receiver(post_delete, sender=Rendition)
@receiver(post_save, sender=Rendition)
def image_changed(sender, instance, raw: bool = False, created: bool = False, **kwargs):
    """A caption, a credit, a focal point or a new rendition: the pages showing it."""
    if raw or suspended() or (sender is Image and created):
        return
    image_id = instance.pk if sender is Image else instance.image_id
    users = Article.objects.filter(lead_image_id=image_id).values_list("pk", flat=True)
    found = tags.of_articles(users)
    if Author.objects.filter(photo_id=image_id).exists():
        found.add(tags.SITE)
    changed(found)


@receiver([post_save, post_delete], sender=Comment)
def comment_changed(sender, instance: Comment, raw: bool = False, **kwargs) -> None:
    # Pending comments show nowhere; counts and bulk moderation go through
    # moderation.refresh_counts, which announces its articles itself.
    if not raw and not suspended() and instance.status == Comment.Status.APPROVED:
        changed({tags.article(instance.article_id)})
