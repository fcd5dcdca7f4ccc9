"""The demo newsroom loads in one command, and loading it again changes nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from manchette.articles.models import Article, Category, Page

pytestmark = pytest.mark.django_db


def test_the_demo_loads_enough_content_to_show_the_site(client):
    call_command("load_demo", stdout=StringIO())

    articles = Article.objects.published()
    assert articles.count() >= 12
    assert Category.objects.filter(articles__isnull=False).distinct().count() >= 6
    assert articles.exclude(article_type="news").values("article_type").distinct().count() >= 3
    assert articles.filter(corrections__isnull=False).exists()
    assert articles.filter(sources__isnull=False).exists()
    assert all(a.lead_image_id for a in articles)
    assert Page.objects.filter(role=Page.Role.PRINCIPLES).exists()
    assert client.get("/").status_code == 200
    for article in articles:
        assert client.get(article.get_absolute_url()).status_code == 200


def test_loading_it_twice_changes_nothing():
    call_command("load_demo", stdout=StringIO())
    before = list(Article.objects.values_list("pk", "slug", "published_at", "lead_image_id"))

    out = StringIO()
    call_command("load_demo", stdout=out)

    assert list(Article.objects.values_list("pk", "slug", "published_at", "lead_image_id")) == (
        before
    )
    assert "créé rien" in out.getvalue()
