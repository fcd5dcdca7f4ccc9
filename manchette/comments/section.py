"""What the comments section of an article page shows: threads, form, notices."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from manchette.articles.models import Article
from manchette.pagecache.pages import keep_private

from . import browser
from .forms import CommentForm
from .models import Comment
from .posting import closed_reason
from .threads import Node, thread_page

# The address a reader is sent back to after posting without JavaScript names their
# comment; only the browser holding browser.POSTED_COOKIE for it sees it there.
POSTED_PARAM = "commentaire"
# Pages of threads kept as shared fragments: any number beyond is still shown, not kept.
MAX_KEPT_PAGE = 1000


def posted_url(comment: Comment) -> str:
    return f"{comment.article.get_absolute_url()}?{POSTED_PARAM}={comment.pk}#{comment.anchor}"


def notice(comment) -> str:
    if comment.is_approved:
        return _("Merci ! Votre commentaire est publié.")
    return _("Merci ! Votre commentaire est en attente de modération.")


def _posted(request: HttpRequest, article: Article) -> Comment | None:
    """The comment this browser just posted, when the address names it and the browser's
    short-lived cookie proves it posted it: a link passed on shows nothing more."""
    asked = request.GET.get(POSTED_PARAM)
    if asked is None:
        return None
    # Whatever it shows, the answer is this reader's (the page cache neither reads nor
    # stores addresses with this parameter; this keeps shared caches out too).
    keep_private(request)
    posted = browser.just_posted(request)
    if posted is None or asked != str(posted):
        return None
    return Comment.objects.filter(pk=posted, article=article).first()


class CommentsSection:
    """The section as this request asks for it. Queries for the threads run only when it
    is rendered, so a page whose section comes from the fragment cache makes none."""

    def __init__(
        self, request: HttpRequest, article: Article, form: CommentForm | None = None
    ) -> None:
        self.request = request
        self.article = article
        self.page_asked = request.GET.get("commentaires", "")
        self.typed_form = form
        self.reply_to = None
        reply_id = request.GET.get("repondre", "")
        if form is None and reply_id.isdigit():
            self.reply_to = (
                Comment.objects.approved().filter(article=article, pk=int(reply_id)).first()
            )
        self.closed = closed_reason(article)
        self.posted = _posted(request, article)

    def form(self) -> CommentForm:
        if self.typed_form is not None:
            return self.typed_form
        form = CommentForm()
        if self.reply_to is not None:
            form.initial["parent"] = self.reply_to.pk
        return form

    def shared_name(self) -> str | None:
        """The fragment name of this section when every reader would see it alike: not
        with a reader's own comment, reply target or typed form."""
        if self.posted or self.reply_to is not None or self.typed_form is not None:
            return None
        number = int(self.page_asked) if self.page_asked.isdigit() else 1
        if number > MAX_KEPT_PAGE:
            return None
        return f"comments:{number}:{'closed' if self.closed else 'open'}"

    def render(self) -> str:
        page, threads = thread_page(self.article, self.page_asked or None)
        return render_to_string(
            "comments/section.html",
            {
                "article": self.article,
                "comment_page": page,
                "threads": threads,
                "comment_form": self.form(),
                "comments_closed": self.closed,
                "posted_comment": self.posted,
                "posted_comment_node": Node(self.posted) if self.posted else None,
                "reply_to": self.reply_to,
            },
            request=self.request,
        )
