"""On SQLite only: the FTS5 table of the articles' analysed text, rowid = article id.

The text is analysed in Python (see manchette.search.analysis) before it is stored, so
the tokenizer only has to split on spaces; `remove_diacritics 2` is a second safety net.
The search backend writes the rows; a trigger drops a row with its search_searchdocument
row, so a deleted or unpublished article leaves the index however it is removed. If a
later migration makes Django rebuild search_searchdocument (SQLite "remakes" a table for
most column changes), it must recreate the trigger.
"""

from django.db import migrations

FORWARDS = [
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title, standfirst, body, topics, authors,
        tokenize = 'unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
        DELETE FROM search_fts WHERE rowid = old.article_id;
    END
    """,
]
BACKWARDS = ["DROP TRIGGER IF EXISTS search_fts_delete", "DROP TABLE IF EXISTS search_fts"]


def run_on_sqlite(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_documents")]

    operations = [migrations.RunPython(run_on_sqlite(FORWARDS), run_on_sqlite(BACKWARDS))]
