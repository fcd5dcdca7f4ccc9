"""Reading comments: threads, pagination, counts, avatars, and no e-mail anywhere."""

from __future__ import annotations

import pytest

from manchette.articles.tests.builders import make_article
from manchette.comments.models import Comment
from manchette.comments.moderation import moderate, refresh_counts

from .builders import make_comment

pytestmark = pytest.mark.django_db


def test_approved_comments_show_oldest_first_with_replies_under_them(client):
    article = make_article()
    first = make_comment(article, name="Alice", text="Premier avis.")
    make_comment(article, name="Bruno", text="Second avis.")
    make_comment(article, name="Chloé", text="Réponse à Alice.", parent=first)
    make_comment(article, name="Denis", text="En attente.", status=Comment.Status.PENDING)
    make_comment(article, name="Eve", text="Du spam.", status=Comment.Status.SPAM)

    html = client.get(article.get_absolute_url()).content.decode()

    assert html.index("Premier avis.") < html.index("Réponse à Alice.") < html.index("Second avis.")
    assert "En attente." not in html and "Du spam." not in html
    assert 'class="comment-list comment-list--replies"' in html
    assert ">Répondre<" in html


def test_a_newly_approved_comment_shows_on_the_very_next_view(client):
    article = make_article()
    comment = make_comment(article, text="Bientôt visible.", status=Comment.Status.PENDING)
    assert "Bientôt visible." not in client.get(article.get_absolute_url()).content.decode()

    moderate(comment, Comment.Status.APPROVED)

    html = client.get(article.get_absolute_url()).content.decode()
    assert "Bientôt visible." in html
    assert "1 commentaire<" in html


def test_counts_show_on_listings_and_on_the_article(client):
    article = make_article(title="Article commenté")
    for _ in range(3):
        make_comment(article)
    refresh_counts([article.pk])

    assert "3 commentaires</a>" in client.get("/politique/").content.decode()
    assert "3 commentaires</h2>" in client.get(article.get_absolute_url()).content.decode()


def test_threads_are_paginated_past_the_setting(client, settings):
    settings.COMMENTS_THREADS_PER_PAGE = 2
    article = make_article()
    for number in range(5):
        top = make_comment(article, text=f"Fil {number}")
        make_comment(article, text=f"Réponse au fil {number}", parent=top)

    first = client.get(article.get_absolute_url()).content.decode()
    third = client.get(article.get_absolute_url() + "?commentaires=3").content.decode()

    assert "Fil 0" in first and "Réponse au fil 1" in first and "Fil 2" not in first
    assert "Fil 4" in third and "Réponse au fil 4" in third
    assert "?commentaires=2#commentaires" in first


def test_the_page_makes_the_same_queries_however_many_comments(client, django_assert_num_queries):
    small = make_article(title="Peu")
    make_comment(small)
    big = make_article(title="Beaucoup")
    for number in range(20):
        top = make_comment(big, text=f"Fil {number}")
        make_comment(big, parent=make_comment(big, parent=top))
    client.get(small.get_absolute_url())
    with django_assert_num_queries(10) as counted:
        client.get(small.get_absolute_url())
    with django_assert_num_queries(len(counted.captured_queries)):
        client.get(big.get_absolute_url())


def test_no_email_address_appears_in_the_page(client):
    article = make_article()
    make_comment(article, email="secret.lecteur@example.org", website="https://site.example")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "secret.lecteur" not in html
    assert "example.org" not in html.replace("https://example.org/", "")


def test_avatars_are_drawn_locally_from_the_name(client):
    article = make_article()
    make_comment(article, name="Jeanne d’Arc")

    html = client.get(article.get_absolute_url()).content.decode()

    assert '<span class="avatar avatar--' in html and ">JD</span>" in html
    assert "gravatar" not in html.lower()
