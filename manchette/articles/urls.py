"""Public addresses of the news site, in French (see DESIGN.md)."""

from django.urls import path, register_converter

from . import converters, views

register_converter(converters.FourDigits, "yyyy")
register_converter(converters.TwoDigits, "dd")

app_name = "articles"
urlpatterns = [
    path("", views.home, name="home"),
    path("sujet/<slug:slug>/", views.tag, name="tag"),
    path("auteur/<slug:slug>/", views.author, name="author"),
    path("page/<slug:slug>/", views.page, name="page"),
    path("partager/mastodon/", views.share_on_mastodon, name="share-mastodon"),
    path("<slug:category>/", views.category, name="category"),
    path(
        "<slug:category>/<yyyy:year>/<dd:month>/<dd:day>/<slug:slug>/",
        views.article,
        name="article",
    ),
]
