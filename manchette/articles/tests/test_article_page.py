"""The reference article page, as a reader sees it."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from manchette.articles.models import Article, Correction, Page

from .builders import add_authors, add_sources, add_tags, make_article

pytestmark = pytest.mark.django_db


def test_it_shows_every_element_of_the_reference_page(client):
    article = make_article(
        title="Élysée : l’été sera long",
        standfirst="Le chapô dit l’essentiel.",
        body="<p>Intro.</p><h2>Les enjeux</h2><p>Suite du texte.</p>",
        article_type=Article.Type.ANALYSIS,
        how_we_worked="Nous avons lu tous les rapports.",
    )
    add_authors(article, "Claire Martin", "Paul Durand")
    add_tags(article, "Climat")
    add_sources(article, 2)
    Correction.objects.create(article=article, text="Une date était fausse.")
    Page.objects.create(title="Nos principes", slug="principes", role=Page.Role.PRINCIPLES)
    Page.objects.create(title="Corrections", slug="corrections", role=Page.Role.CORRECTIONS)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Élysée\u202f: l’été sera long</h1>" in html
    assert ">Politique</a>" in html
    assert ">Analyse</span>" in html
    assert "Le chapô dit l’essentiel." in html
    assert "Claire Martin</a> et <a" in html
    assert "Publié le" in html
    assert "<h2>Les enjeux</h2>" in html
    assert html.count("Source\u202f:") == 2 or html.count("Source :") == 2
    assert "https://example.org/1" in html
    assert "Une date était fausse." in html
    assert "Comment nous avons travaillé" in html
    assert "/sujet/climat/" in html
    assert "/page/principes/" in html and "/page/corrections/" in html
    assert 'id="commentaires"' in html
    assert html.count('class="share-bar"') == 2


def test_the_byline_gives_french_dates_and_the_update(client):
    published = timezone.make_aware(datetime.datetime(2026, 11, 23, 18, 5))
    article = make_article(
        published_at=published, updated_at=published + datetime.timedelta(hours=2)
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert "23\u00a0novembre 2026 à 18\u00a0h\u00a005" in html
    assert "mis à jour le" in html
    assert "23\u00a0novembre 2026 à 20\u00a0h\u00a005" in html


def test_the_share_bar_links_each_network_without_loading_anything(client):
    article = make_article(title="Un titre")
    html = client.get(article.get_absolute_url()).content.decode()

    for host in (
        "www.facebook.com/sharer",
        "x.com/intent",
        "www.linkedin.com/sharing",
        "wa.me/",
        "bsky.app/intent",
        "www.pinterest.com/pin/create",
    ):
        assert f'href="https://{host}' in html
    assert "/partager/mastodon/?text=" in html
    assert 'href="mailto:?subject=' in html
    assert "Copier le lien" in html
    assert 'aria-label="Partager sur Facebook (nouvelle fenêtre)"' in html
    # No script, style, font or image from another host.
    assert '<script src="http' not in html
    assert '<link rel="stylesheet" href="http' not in html
    assert 'src="https://' not in html


def test_the_page_runs_the_same_number_of_queries_whatever_it_shows(
    client, django_assert_num_queries
):
    small = make_article(title="Petit")
    add_authors(small, "Une Autrice")
    add_tags(small, "Un")
    add_sources(small, 1)
    big = make_article(title="Grand")
    add_authors(big, "A Un", "B Deux", "C Trois", "D Quatre")
    add_tags(big, "Un", "Deux", "Trois", "Quatre", "Cinq", "Six")
    add_sources(big, 8)
    for number in range(3):
        Correction.objects.create(article=big, text=f"Correction {number}")
    client.get(small.get_absolute_url())  # fill the navigation cache

    with django_assert_num_queries(8) as small_queries:
        client.get(small.get_absolute_url())
    with django_assert_num_queries(len(small_queries.captured_queries)):
        client.get(big.get_absolute_url())


def test_a_wrong_category_in_the_address_redirects_to_the_right_one(client):
    article = make_article()
    wrong = article.get_absolute_url().replace("/politique/", "/culture/")

    response = client.get(wrong)

    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


@pytest.mark.parametrize(
    "path",
    [
        "/politique/2026/02/31/nope/",
        "/politique/2026/13/01/nope/",
        "/politique/2026/11/23/inconnu/",
        "/rubrique-inconnue/",
        "/sujet/inconnu/",
        "/auteur/inconnu/",
        "/page/inconnue/",
    ],
)
def test_unknown_addresses_get_the_french_404(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.REVIEW])
def test_an_unpublished_article_is_hidden_from_readers(client, status):
    article = make_article(status=status)

    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_scheduled_article_appears_at_its_time_without_cron(client):
    article = make_article(hours_ago=-2)
    assert article.status == Article.Status.SCHEDULED
    url = article.get_absolute_url()

    assert client.get(url).status_code == 404
    assert article not in Article.objects.published()

    Article.objects.filter(pk=article.pk).update(
        published_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert client.get(url).status_code == 200


def test_staff_see_a_scheduled_article_at_its_address(client, admin_user):
    article = make_article(hours_ago=-5)
    client.force_login(admin_user)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "Aperçu" in response.content.decode()


def test_the_preview_link_shows_a_draft_to_anyone_who_has_it(client):
    article = make_article(status=Article.Status.DRAFT, title="Brouillon secret")

    response = client.get(reverse("desk:preview", kwargs={"token": article.preview_token()}))

    assert response.status_code == 200
    assert "Brouillon secret" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_forged_preview_link_is_a_404(client):
    assert client.get("/redaction/apercu/faux-jeton/").status_code == 404


def test_related_articles_prefer_shared_topics(client):
    article = make_article(title="Sujet principal")
    add_tags(article, "Climat", "Énergie")
    close = make_article(title="Très proche", hours_ago=30)
    add_tags(close, "Climat", "Énergie")
    loose = make_article(title="Un peu proche", hours_ago=2)
    add_tags(loose, "Climat")

    related = client.get(article.get_absolute_url()).context["related"]

    assert [item.title for item in related][:2] == ["Très proche", "Un peu proche"]
