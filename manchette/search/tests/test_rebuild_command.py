"""The rebuild_search_index command: a fresh index and a short French report."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from manchette.articles.models import Article
from manchette.articles.tests.builders import make_article
from manchette.search.models import SearchDocument

from .conftest import titles


def test_it_rebuilds_the_index_and_reports_in_french(backend):
    make_article(title="Grève des cheminots")
    make_article(title="Pont fermé")
    make_article(title="Brouillon", status=Article.Status.DRAFT)
    SearchDocument.objects.all().delete()  # as after a raw restore
    assert titles("cheminots") == []
    out = StringIO()

    call_command("rebuild_search_index", stdout=out)

    assert "Index de recherche reconstruit" in out.getvalue()
    assert "2 articles indexés" in out.getvalue()
    assert titles("cheminots") == ["Grève des cheminots"]
