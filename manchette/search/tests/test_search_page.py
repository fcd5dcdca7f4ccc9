"""The search page as a reader sees it: form, count, results, pages, empty states."""

from __future__ import annotations

import pytest

from manchette.articles.models import Article, Category
from manchette.articles.tests.builders import add_authors, add_tags, make_article


def test_the_page_shows_the_form_the_count_and_the_results(client, backend):
    make_article(title="La réforme des retraites", standfirst="Le texte arrive au Sénat.")
    make_article(title="Retraites : le vote", hours_ago=5)
    make_article(title="Sans rapport")

    response = client.get("/recherche/", {"q": "retraite"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Recherche</h1>" in html
    assert '<meta name="robots" content="noindex">' in html
    assert "search/search.css" in html
    assert "2 résultats pour «\u202fretraite\u202f»" in html
    assert "La réforme des <mark>retraites</mark>" in html
    assert "Sans rapport" not in html
    assert response.context["query"] == "retraite"
    # The header's field shows the query too.
    assert 'id="recherche-q" type="search" name="q" value="retraite"' in html


def test_one_result_is_singular(client, backend):
    make_article(title="La réforme des retraites")

    html = client.get("/recherche/", {"q": "retraite"}).content.decode()

    assert "1 résultat pour «\u202fretraite\u202f»" in html


def test_every_filter_has_a_label(client, backend):
    Category.objects.create(name="Culture", slug="culture")

    html = client.get("/recherche/").content.decode()

    for name in ("q", "rubrique", "genre", "du", "au"):
        assert f'<label for="id_{name}">' in html
        assert f'id="id_{name}"' in html
    assert '<option value="culture">Culture</option>' in html
    assert '<option value="analysis">Analyse</option>' in html


def test_filters_are_kept_in_the_form_and_applied(client, backend):
    culture = Category.objects.create(name="Culture", slug="culture")
    make_article(title="Festival de théâtre", category=culture)
    make_article(title="Théâtre politique")

    response = client.get(
        "/recherche/", {"q": "théâtre", "rubrique": "culture", "du": "2000-01-01"}
    )

    html = response.content.decode()
    assert [r.article.title for r in response.context["page_obj"]] == ["Festival de théâtre"]
    assert '<option value="culture" selected>Culture</option>' in html
    assert 'value="2000-01-01"' in html


def test_a_bad_date_is_ignored_with_a_note(client, backend):
    make_article(title="Théâtre politique")

    response = client.get("/recherche/", {"q": "théâtre", "du": "31/02/2020x"})

    html = response.content.decode()
    assert response.context["total"] == 1
    assert "La date «\u202f31/02/2020x\u202f» n’a pas été comprise" in html


def test_inverted_dates_are_put_back_in_order(client, backend):
    make_article(title="Théâtre politique")

    response = client.get("/recherche/", {"q": "théâtre", "du": "2100-01-01", "au": "2000-01-01"})

    assert response.context["total"] == 1
    assert "Les dates étaient inversées" in response.content.decode()


def test_pages_keep_the_query_and_the_filters(client, backend, settings):
    settings.ARTICLES_PER_PAGE = 2
    for number in range(5):
        make_article(title=f"Retraites, épisode {number}", hours_ago=number + 1)

    first = client.get("/recherche/", {"q": "retraites", "genre": "news"})
    third = client.get("/recherche/", {"q": "retraites", "genre": "news", "page": "3"})
    beyond = client.get("/recherche/", {"q": "retraites", "page": "99"})

    html = first.content.decode()
    assert "5 résultats" in html
    assert "Page 1 sur 3" in html
    assert 'rel="next" href="?q=retraites&amp;genre=news&amp;page=2"' in html
    assert len(third.context["page_obj"]) == 1
    assert 'rel="prev" href="?q=retraites&amp;genre=news&amp;page=2"' in third.content.decode()
    assert beyond.context["page_obj"].number == 3  # the last page, not an error
    assert len(beyond.context["page_obj"]) == 1


def test_no_results_suggests_what_to_do(client, backend):
    Category.objects.create(name="Culture", slug="culture")
    make_article(title="Théâtre politique")

    response = client.get("/recherche/", {"q": "zzyzx", "genre": "opinion"})

    html = response.content.decode()
    assert "Aucun résultat pour «\u202fzzyzx\u202f»" in html
    assert "Vérifiez l’orthographe" in html
    assert "moins de mots" in html
    assert 'href="/recherche/?q=zzyzx"' in html  # the same search without filters
    assert 'href="/culture/">Culture</a>' in html


def test_an_empty_query_shows_the_latest_articles_and_topics(client, backend):
    article = make_article(title="Dernière heure")
    add_tags(article, "Climat")
    make_article(title="Brouillon", status=Article.Status.DRAFT)

    response = client.get("/recherche/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Derniers articles" in html
    assert "Dernière heure" in html
    assert "Brouillon" not in html
    assert "Sujets du moment" in html
    assert 'href="/sujet/climat/">Climat</a>' in html


def test_a_query_of_stop_words_says_so(client, backend):
    make_article(title="Dernière heure")

    html = client.get("/recherche/", {"q": "le la les"}).content.decode()

    assert "ne contient que des mots trop courants" in html
    assert "Dernière heure" in html


def test_the_query_is_escaped_everywhere(client, backend):
    make_article(title="Théâtre")

    html = client.get("/recherche/", {"q": '<script>alert("x")</script> théâtre'}).content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; théâtre" in html


@pytest.mark.parametrize("count", [3, 15])
def test_a_page_of_results_costs_a_fixed_number_of_queries(
    client, backend, settings, django_assert_max_num_queries, count
):
    settings.ARTICLES_PER_PAGE = 10
    for number in range(count):
        article = make_article(title=f"Retraites {number}")
        add_authors(article, "Jeanne Dupont", "Paul Martin")
        add_tags(article, "Social")
    client.get("/recherche/", {"q": "retraites"})  # fills the navigation cache

    # categories for the form, the search, the articles, their bylines, images
    with django_assert_max_num_queries(6):
        response = client.get("/recherche/", {"q": "retraites", "rubrique": "politique"})
    assert response.context["total"] == count


def test_an_empty_search_page_costs_a_fixed_number_of_queries(
    client, backend, django_assert_max_num_queries
):
    for number in range(8):
        article = make_article(title=f"Article {number}")
        add_tags(article, f"Sujet {number}")
        add_authors(article, "Jeanne Dupont")
    client.get("/recherche/")

    with django_assert_max_num_queries(7):
        client.get("/recherche/")


def test_only_get_is_allowed(client, backend):
    assert client.post("/recherche/", {"q": "x"}).status_code == 405
