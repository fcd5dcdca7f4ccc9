"""Who may see an article readers cannot see yet (a draft, a scheduled article): whoever
may edit it, that is an editor, or the member of the newsroom who wrote or signs it."""

from __future__ import annotations

from django.db.models import Q

from .models import Article


def is_editor(user) -> bool:
    return user.has_perm("articles.publish_article")


def own_articles(user) -> Q:
    """The articles a user created or signs: the only ones an author works on."""
    return Q(created_by=user) | Q(authors__user=user)


def may_edit(user, article: Article) -> bool:
    """The one rule for unpublished articles: the desk's screens, the article's address,
    the desk's "voir sur le site" shortcut and preview pages all ask it. An id alone is
    never enough."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if not user.has_perm("articles.change_article"):
        return False
    if is_editor(user):
        return True
    if article.created_by_id == user.pk:
        return True
    return article.bylines.filter(author__user=user).exists()
