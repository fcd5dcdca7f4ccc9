"""Addresses of the comments: posting, feeds, a commenter's own data."""

from django.urls import path

from manchette.pagecache import tags
from manchette.pagecache.pages import public_page

from . import feeds, privacy, views

app_name = "comments"
urlpatterns = [
    path("poster/<int:article_id>/", views.post, name="post"),
    path("jeton/", views.form_token, name="token"),
    path("flux/", public_page(tags.ALL)(feeds.SiteCommentsFeed()), name="feed"),
    path(
        "flux/article/<int:article_id>/",
        public_page(article_id=tags.article)(feeds.ArticleCommentsFeed()),
        name="article-feed",
    ),
    path("mes-donnees/", privacy.request_link, name="my-data"),
    path("mes-donnees/<str:token>/", privacy.manage, name="my-data-manage"),
    path("desabonnement/<str:token>/", privacy.unsubscribe, name="unsubscribe"),
]
