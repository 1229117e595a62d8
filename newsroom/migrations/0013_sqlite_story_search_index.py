from django.db import OperationalError, migrations

# SQLite only: an FTS5 index of every story's headline, standfirst and body
# for reader search (newsroom/search.py), so a search finds the newest
# matching stories without reading every body. It holds no copy of the text
# (external content: it reads newsroom_article), and triggers keep it in step
# with every write, save() or not: bulk updates, reverts, imports. Trigrams
# keep the substring matching search had ("scope" finds "periscope").
#
# SQLite drops a table's triggers with it, and Django's SQLite schema editor
# rebuilds a table (copy, drop, rename) for most field changes: a later
# migration that does so to newsroom_article must create the triggers again
# (tests/newsroom/test_search_index.py checks that they exist).
TABLE = """
CREATE VIRTUAL TABLE newsroom_article_fts USING fts5(
    title, dek, body,
    content='newsroom_article', content_rowid='id',
    tokenize='trigram'
)
"""
TRIGGERS = [
    """
    CREATE TRIGGER newsroom_article_fts_insert AFTER INSERT ON newsroom_article
    BEGIN
        INSERT INTO newsroom_article_fts (rowid, title, dek, body)
        VALUES (new.id, new.title, new.dek, new.body);
    END
    """,
    """
    CREATE TRIGGER newsroom_article_fts_delete AFTER DELETE ON newsroom_article
    BEGIN
        INSERT INTO newsroom_article_fts (newsroom_article_fts, rowid, title, dek, body)
        VALUES ('delete', old.id, old.title, old.dek, old.body);
    END
    """,
    # Only when the words change: saving a story rewrites every column, and
    # a status or date change has nothing to reindex.
    """
    CREATE TRIGGER newsroom_article_fts_update
    AFTER UPDATE OF title, dek, body ON newsroom_article
    WHEN old.title IS NOT new.title OR old.dek IS NOT new.dek
        OR old.body IS NOT new.body
    BEGIN
        INSERT INTO newsroom_article_fts (newsroom_article_fts, rowid, title, dek, body)
        VALUES ('delete', old.id, old.title, old.dek, old.body);
        INSERT INTO newsroom_article_fts (rowid, title, dek, body)
        VALUES (new.id, new.title, new.dek, new.body);
    END
    """,
]
FILL = "INSERT INTO newsroom_article_fts (newsroom_article_fts) VALUES ('rebuild')"
DROP = [
    "DROP TRIGGER IF EXISTS newsroom_article_fts_insert",
    "DROP TRIGGER IF EXISTS newsroom_article_fts_delete",
    "DROP TRIGGER IF EXISTS newsroom_article_fts_update",
    "DROP TABLE IF EXISTS newsroom_article_fts",
]


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    try:
        schema_editor.execute(TABLE)
    except OperationalError:
        # This SQLite has no FTS5, or one older than 3.34 without the
        # trigram tokenizer: search falls back to reading every story.
        return
    for trigger in TRIGGERS:
        schema_editor.execute(trigger)
    schema_editor.execute(FILL)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0012_listing_indexes_newest_first")]

    operations = [migrations.RunPython(create_index, drop_index)]
