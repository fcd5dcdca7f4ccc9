"""Moderation rules: how a new comment is screened, what a moderator's decision does, and
the newsroom's replies."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from manchette.articles.models import Article
from manchette.pagecache.changes import articles_changed

from . import spam
from .models import Comment


def screen(
    comment: Comment, *, permalink: str = "", known_commenter: bool = False, timed: bool = True
) -> tuple[str, str]:
    """The status a new comment gets, and why, from the site's rules. `known_commenter`:
    this browser posted an approved comment with this same address (browser.py); a typed
    address alone proves nothing. `timed`: the form carried its signed form time."""
    rule = site_rules(comment.name, comment.website, comment.text)
    if rule is not None and rule[0] == Comment.Status.SPAM:
        return rule
    if spam.akismet_says_spam(comment, permalink=permalink):
        return Comment.Status.SPAM, _("signalé par le service anti-spam")
    if rule is not None:
        return rule
    policy = settings.COMMENTS_POLICY
    if policy == "hold_all":
        return Comment.Status.PENDING, ""
    if policy == "hold_first" and not known_commenter:
        return Comment.Status.PENDING, _("premier commentaire")
    if not timed and not known_commenter:
        return Comment.Status.PENDING, _("envoyé sans JavaScript : délai de saisie non vérifié")
    return Comment.Status.APPROVED, ""


def site_rules(name: str, website: str, text: str) -> tuple[str, str] | None:
    """The status and reason the site's word and link rules give a comment, if any: the
    part of screen() that also applies to imported comments (which are not sent to the
    anti-spam service, nor put through COMMENTS_POLICY)."""
    words = f"{name} {website} {text}"
    if word := spam.contains_word(words, settings.COMMENTS_REJECT_WORDS):
        return Comment.Status.SPAM, _("mot refusé : %s") % word
    if word := spam.contains_word(words, settings.COMMENTS_HOLD_WORDS):
        return Comment.Status.PENDING, _("mot à vérifier : %s") % word
    if spam.link_count(text) > settings.COMMENTS_MAX_LINKS:
        return Comment.Status.PENDING, _("trop de liens")
    return None


def moderate(comments: Comment | Iterable[Comment], decision: str) -> int:
    """Apply a moderator's decision (a Comment.Status) and everything that follows from
    it: counts on the articles, notices of newly approved comments."""
    from .notifications import comment_approved

    items = [comments] if isinstance(comments, Comment) else list(comments)
    newly_approved = [c for c in items if c.status != decision and decision == "approved"]
    now = timezone.now()
    with transaction.atomic():
        for comment in items:
            comment.status = decision
            if decision == Comment.Status.APPROVED and comment.approved_at is None:
                comment.approved_at = now
        Comment.objects.bulk_update(items, ["status", "approved_at"])
        refresh_counts({c.article_id for c in items})
    for comment in newly_approved:
        transaction.on_commit(lambda comment=comment: comment_approved(comment))
    return len(items)


def log_decision(comments: list[Comment], decision: str, *, by) -> None:
    """Who decided what, in the newsroom's journal (the desk's history of each comment)."""
    LogEntry.objects.log_actions(
        user_id=by.pk,
        queryset=comments,
        action_flag=CHANGE,
        change_message=_("État : %s") % Comment.Status(decision).label,
    )


def staff_signature(user) -> tuple[str, str]:
    """The name and address a newsroom reply is signed with."""
    profile = getattr(user, "author", None)
    name = (profile.name if profile else "") or user.get_full_name() or user.get_username()
    return name[:100], user.email or settings.DEFAULT_FROM_EMAIL


def reply_as_newsroom(comment: Comment, text: str, *, by) -> Comment:
    """An approved reply to `comment`, signed by `by` for the newsroom; `comment` is
    approved first if it was not, and the normal approval notices follow. Both go in
    the journal."""
    from .posting import reply_parent  # posting.py imports this module

    name, email = staff_signature(by)
    with transaction.atomic():
        if not comment.is_approved:
            moderate(comment, Comment.Status.APPROVED)
            log_decision([comment], Comment.Status.APPROVED, by=by)
        reply = Comment.objects.create(
            article=comment.article,
            parent=reply_parent(comment.article, comment.pk),
            name=name,
            email=email,
            text=text,
            status=Comment.Status.PENDING,
            by_staff=by,
        )
        moderate(reply, Comment.Status.APPROVED)
        LogEntry.objects.log_actions(
            user_id=by.pk,
            queryset=[reply],
            action_flag=ADDITION,
            change_message=[{"added": {}}],
            single_object=True,
        )
    return reply


def refresh_counts(article_ids: Iterable[int]) -> None:
    """Recount approved comments of these articles, in one statement, and refresh the
    pages showing them."""
    article_ids = list(article_ids)
    approved = (
        Comment.objects.filter(article=OuterRef("pk"), status=Comment.Status.APPROVED)
        .order_by()
        .values("article")
        .annotate(total=Count("pk"))
        .values("total")
    )
    articles = Article.objects.filter(pk__in=article_ids)
    with transaction.atomic():
        # Lock the rows first. On PostgreSQL an UPDATE that waits for another post's
        # lock on the article counts with the snapshot taken before it waited, missing
        # that post's comment; the UPDATE after the lock counts every committed one.
        # (NO KEY: a new comment's foreign key check holds a KEY SHARE lock on the row.)
        list(articles.select_for_update(no_key=True).order_by("pk").values_list("pk"))
        articles.update(comment_count=Coalesce(Subquery(approved), 0))
    articles_changed(article_ids)


def pending_count() -> int:
    return Comment.objects.pending().count()
