"""Approved comments of an article, arranged in threads, a page of threads at a time."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page, Paginator

from manchette.articles.models import Article

from .models import Comment


@dataclass
class Node:
    comment: Comment
    replies: list[Node] = field(default_factory=list)


def thread_page(article: Article, number: str | int | None) -> tuple[Page, list[Node]]:
    """One page of top comments with all their approved replies: two queries, however
    long the threads are (three with the page count)."""
    roots = Comment.objects.approved().filter(article=article, parent__isnull=True)
    page = Paginator(roots, settings.COMMENTS_THREADS_PER_PAGE).get_page(number)
    top = list(page.object_list)
    replies = Comment.objects.approved().filter(
        thread_id__in=[c.pk for c in top], parent__isnull=False
    )
    nodes = {comment.pk: Node(comment) for comment in top}
    for reply in replies:
        nodes[reply.pk] = Node(reply)
    for reply in replies:
        # A reply whose parent is not approved shows at the top of its thread.
        parent = nodes.get(reply.parent_id) or nodes.get(reply.thread_id)
        if parent is not None:
            parent.replies.append(nodes[reply.pk])
    return page, [nodes[c.pk] for c in top]
