"""Whatever text an editor pastes, the importer reads it or says in French why it cannot."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from manchette.articles.models import Article, Category
from manchette.importers.pasted_text import (
    PastedTextError,
    body_html,
    create_article,
    parse_pasted_text,
    summary,
)

FUZZ = settings(max_examples=300)
WITH_DATABASE = settings(
    max_examples=50,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

# Lines that mean something to the reader of a news page, to be shuffled with noise.
LINES = [
    "Société", "Politique", "Bordeaux : le vélo gagne du terrain", "Partager", "Pinterest",
    "Par Jeanne Dupont", "Par Jeanne Dupont et Paul Martin", "Source : AFP", "Avec AFP",
    "Source : https://exemple.fr/article", "Source :", "Lire aussi : un autre article",
    "Publié le 3 mai 2024 à 10h00", "© Photo AFP", "Photo : Jean Dupont / AFP",
    "Un cycliste traverse le pont au lever du jour.", "Commentaires", "Articles liés",
    "Abonnez-vous à notre lettre d’information", "Publicité", "—", "***", "",
    "Des pistes plus larges depuis le printemps",
    "Depuis avril, la métropole a élargi quatre axes et le trafic a augmenté.",
    "\ufeff", "\r", "\x00", "\u2028", "\x0c", " " * 10, "x" * 2000, "«", "»",
]  # fmt: skip
PAGES = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(LINES), st.text(max_size=30)), max_size=25).map(
        lambda lines: "\n".join(lines)
    ),
)
SOURCE_URLS = st.one_of(
    st.just(""),
    st.sampled_from(["https://exemple.fr/a", "javascript:alert(1)", "http://", "//x", "\x00"]),
    st.text(max_size=20),
)


@FUZZ
@given(PAGES, SOURCE_URLS)
@example("", "")
@example("\x00\n\x00", "http://")
@example("Titre\n" + "x" * 100_000, "")
def test_any_text_is_read_into_a_page_or_a_french_reason(text: str, source_url: str):
    page = parse_pasted_text(text, source_url=source_url)

    if page.error is not None:
        assert not page.headline
        assert page.error.startswith(("Le texte est vide", "Aucun titre reconnu"))
    else:
        assert page.headline and page.headline == page.headline.strip()
    # What the command and the desk show next never fails either.
    assert summary(page)
    body = body_html(page)
    assert "<script" not in body.lower()
    assert page.import_ref.startswith("text:")


@pytest.fixture
def category(db) -> Category:
    return Category.objects.create(name="Société", slug="societe")


@WITH_DATABASE
@given(PAGES, st.booleans())
@example("Un titre\nUn paragraphe entier, avec son point.", True)
def test_making_the_article_succeeds_or_raises_a_pasted_text_error(
    category, text: str, publish: bool
):
    page = parse_pasted_text(text)

    try:
        article = create_article(page, publish=publish)
    except PastedTextError as error:
        event("refused")  # see --hypothesis-show-statistics
        assert str(error).strip()
        # Refused: nothing half-made is left behind.
        assert page.error or Article.objects.filter(import_ref=page.import_ref).exists()
    else:
        event("created")
        assert page.error is None
        article.refresh_from_db()
        assert article.title == page.headline
        assert article.import_ref == page.import_ref
