"""On PostgreSQL only: unaccent, a French configuration that uses it, and the GIN index.

`manchette_french` is PostgreSQL's `french` with accents removed before stemming, so
"electricite" and "électricité" give the same lexeme, as on SQLite. The GIN index is
made here rather than in the model's Meta because SQLite cannot build one.

The planner does not count the cost of reading each row's vector, so for a common word
it may take a sequential scan for cheaper than the GIN index, when it is ten times
slower (bench/search_bench.py): no parallel scans of the table, which make that
mistake likelier, and a small pending list for the index (entries written since the
last merge, which every query must read through and the planner counts against the
index); indexing.rebuild_index merges it after a rebuild.
"""

from django.db import migrations

FORWARDS = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS manchette_french",
    "CREATE TEXT SEARCH CONFIGURATION manchette_french (COPY = pg_catalog.french)",
    """
    ALTER TEXT SEARCH CONFIGURATION manchette_french
        ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem
    """,
    "ALTER TABLE search_searchdocument SET (parallel_workers = 0)",
    """
    CREATE INDEX search_document_vector ON search_searchdocument
        USING gin (vector) WITH (gin_pending_list_limit = 256)
    """,
]
# The extension stays: other schemas or apps may use it.
BACKWARDS = [
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_searchdocument RESET (parallel_workers)",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS manchette_french",
]


def run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_sqlite_fts")]

    operations = [
        migrations.RunPython(run_on_postgresql(FORWARDS), run_on_postgresql(BACKWARDS))
    ]
