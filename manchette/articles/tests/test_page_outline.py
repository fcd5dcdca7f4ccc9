"""What the Nu Html Checker and axe-core hold pages to (issue 8): headings that never
skip a level, and <time datetime> values HTML accepts (at most three decimals)."""

from __future__ import annotations

import re

import pytest

from manchette.comments.tests.builders import make_comment

from .builders import add_tags, make_article

pytestmark = pytest.mark.django_db

HEADING = re.compile(r"<h([1-6])[\s>]")
DATETIME = re.compile(r'<time datetime="([^"]+)"')


def skipped_levels(html: str) -> list[str]:
    levels = [int(level) for level in HEADING.findall(html)]
    return [f"h{a} → h{b}" for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]


def test_listings_never_skip_a_heading_level(client):
    article = make_article(title="Sur le climat")
    add_tags(article, "Climat")

    for path in ["/", "/politique/", "/sujet/climat/"]:
        html = client.get(path).content.decode()
        assert "teaser__title" in html, path
        assert skipped_levels(html) == [], path


def test_the_comment_confirmation_page_never_skips_a_heading_level():
    from django.test import Client

    article = make_article(title="Sur le climat")
    # A form sent without its CSRF cookie (no script ran): the page asks to confirm.
    answer = Client(enforce_csrf_checks=True).post(
        f"/commentaires/poster/{article.pk}/", {"text": "Bonjour", "name": "Léa"}
    )

    assert answer.status_code == 403
    html = answer.content.decode()
    assert "laisser-un-commentaire-titre" in html
    assert skipped_levels(html) == []


def test_time_values_are_valid_html(client):
    article = make_article(title="Sur le climat")
    make_comment(article)

    html = client.get(article.get_absolute_url()).content.decode()

    values = DATETIME.findall(html)
    assert len(values) >= 2
    for value in values:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", value), value
