"""The search index's own table: what the engine filters and sorts on for each public article."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from manchette.articles.models import Article, Category


class SearchDocument(models.Model):
    """One row per published or scheduled article, written by `indexing` on every change.

    It holds a copy of the article's publication fields, so that a search filters, counts
    and sorts its matches without reading the articles table (whose rows carry the
    bodies: reading them per match made common words several times slower). The
    publication rule itself is still applied at query time, and the articles shown are
    loaded through Article.objects.published().

    The text goes to the engine: on SQLite the FTS5 table `search_fts` (same rowid as the
    article), on PostgreSQL `vector`, indexed by GIN. Both are set up by this app's
    migrations, each only on its own database.
    """

    article = models.OneToOneField(
        Article, primary_key=True, on_delete=models.CASCADE, related_name="search_document"
    )
    status = models.CharField(max_length=20)
    published_at = models.DateTimeField()
    pub_date = models.DateField(null=True)
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="+")
    article_type = models.CharField(max_length=20)
    # PostgreSQL only; its GIN index is made by a migration (SQLite could not build it).
    vector = SearchVectorField(null=True, editable=False)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("document indexé")
        verbose_name_plural = _("documents indexés")
        indexes = [
            # Covers SQLite's lookup of each match's fields, so it never reads the table.
            models.Index(
                fields=[
                    "article",
                    "published_at",
                    "status",
                    "pub_date",
                    "category",
                    "article_type",
                ],
                name="search_document_lookup",
            )
        ]

    def __str__(self) -> str:
        return f"Index de l’article {self.article_id}"
