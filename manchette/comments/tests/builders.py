"""Builders for comment tests: a valid form submission, and stored comments."""

from __future__ import annotations

from manchette.articles.models import Article
from manchette.comments import spam
from manchette.comments.models import Comment


def form_data(**overrides) -> dict:
    data = {
        "text": "Un avis argumenté sur l’article.",
        "name": "Jeanne Lecteur",
        "email": "jeanne@example.org",
        "website": "",
        "timestamp": spam.form_timestamp(),
        "honeypot": "",
        "parent": "",
    }
    data.update(overrides)
    return data


def make_comment(article: Article, **fields) -> Comment:
    fields.setdefault("name", "Paul Lecteur")
    fields.setdefault("email", "paul@example.org")
    fields.setdefault("text", f"Commentaire numéro {Comment.objects.count() + 1}.")
    fields.setdefault("status", Comment.Status.APPROVED)
    return Comment.objects.create(article=article, **fields)


def alice_comment(article: Article, **fields) -> Comment:
    alice = {"name": "Alice Martin", "email": "alice@example.org", "text": "Un avis argumenté."}
    return make_comment(article, **{**alice, **fields})
