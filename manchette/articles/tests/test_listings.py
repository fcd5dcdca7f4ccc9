"""Front page, category, topic and author pages."""

from __future__ import annotations

import pytest

from manchette.articles.models import Article, Category

from .builders import add_authors, add_tags, make_article

pytestmark = pytest.mark.django_db


def test_the_front_page_shows_the_lead_story_then_each_category(client):
    culture = Category.objects.create(name="Culture", slug="culture", position=2)
    lead = make_article(title="La grande affaire", featured=True, hours_ago=5)
    make_article(title="Dernière minute", hours_ago=1)
    make_article(title="Un festival", category=culture, hours_ago=3)

    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "À la une</h1>" in html
    assert response.context["lead"] == lead
    assert [s["category"].name for s in response.context["sections"]] == ["Politique", "Culture"]
    assert (
        html.index("La grande affaire") < html.index("Dernière minute") < html.index("Un festival")
    )
    assert html.count("La grande affaire</a>") == 1


def test_the_front_page_keeps_the_same_query_count_as_content_grows(
    client, django_assert_max_num_queries
):
    for number in range(3):
        category = Category.objects.create(name=f"R{number}", slug=f"r{number}")
        make_article(title=f"A{number}", category=category)
    client.get("/")
    with django_assert_max_num_queries(6) as before:
        client.get("/")
    first_count = len(before.captured_queries)
    for number in range(3, 9):
        category = Category.objects.create(name=f"R{number}", slug=f"r{number}")
        for _ in range(5):
            article = make_article(title=f"A{number}", category=category)
            add_authors(article, "Jeanne Dupont")
    client.get("/")  # new categories refresh the cached navigation once
    with django_assert_max_num_queries(first_count):
        client.get("/")


def test_the_front_page_hides_drafts_and_scheduled_articles(client):
    make_article(title="Brouillon", status=Article.Status.DRAFT)
    make_article(title="Demain", hours_ago=-20)
    make_article(title="Publié")

    html = client.get("/").content.decode()

    assert "Publié" in html
    assert "Brouillon" not in html
    assert "Demain" not in html


def test_a_category_page_lists_its_articles_paginated(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    for number in range(5):
        make_article(title=f"Article {number}", hours_ago=number + 1)

    first = client.get("/politique/")
    third = client.get("/politique/?page=3")

    assert first.status_code == 200
    assert [a.title for a in first.context["articles"]] == ["Article 0", "Article 1"]
    assert "Page 1 sur 3" in first.content.decode()
    assert 'rel="next" href="?page=2"' in first.content.decode()
    assert [a.title for a in third.context["articles"]] == ["Article 4"]


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999", "1.5", "%00", "2" * 400])
def test_a_malformed_page_number_never_breaks_the_listing(client, page):
    make_article()

    response = client.get("/politique/", {"page": page})

    assert response.status_code == 200


def test_a_topic_page_lists_the_articles_on_that_topic(client):
    article = make_article(title="Sur le climat")
    add_tags(article, "Climat")
    make_article(title="Autre chose")

    response = client.get("/sujet/climat/")

    assert response.status_code == 200
    assert [a.title for a in response.context["articles"]] == ["Sur le climat"]


def test_an_author_page_shows_the_bio_and_their_articles(client):
    article = make_article(title="Signé")
    (author,) = add_authors(article, "Lina Morel")
    author.bio = "Journaliste au service politique."
    author.save()
    make_article(title="Pas d’elle")

    response = client.get("/auteur/lina-morel/")

    html = response.content.decode()
    assert "Lina Morel</h1>" in html
    assert "Journaliste au service politique." in html
    assert [a.title for a in response.context["articles"]] == ["Signé"]


def test_listings_make_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for number in range(10):
        article = make_article(title=f"N{number}")
        add_authors(article, "Un Auteur", "Une Autrice")
        add_tags(article, "Climat")
    client.get("/politique/")

    with django_assert_max_num_queries(6):
        client.get("/politique/")
    with django_assert_max_num_queries(7):
        client.get("/sujet/climat/")
    with django_assert_max_num_queries(7):
        client.get("/auteur/un-auteur/")
