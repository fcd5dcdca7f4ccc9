"""The comments app: readers' comments, their moderation, spam defence and privacy."""

from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "manchette.comments"
    verbose_name = "Commentaires"
