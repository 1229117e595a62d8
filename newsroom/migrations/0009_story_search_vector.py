import django.contrib.postgres.search
from django.db import migrations

# PostgreSQL only: fill the stored vector of every story (the same weights as
# `newsroom.models.articles.story_vector`) and index it with GIN. SQLite has no
# tsvector; there the column stays empty and search matches words instead.
FILL = """
UPDATE newsroom_article SET search_vector =
    setweight(to_tsvector('english', coalesce(title, '')), 'A')
    || setweight(to_tsvector('english', coalesce(dek, '')), 'B')
    || setweight(to_tsvector('english', coalesce(body, '')), 'C')
"""
INDEX = "CREATE INDEX article_search_idx ON newsroom_article USING gin (search_vector)"
DROP = "DROP INDEX IF EXISTS article_search_idx"


def on_postgresql(*statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0008_authors_sections_tags_versions"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False,
                help_text="The story's words for full-text search, kept current "
                "on save (PostgreSQL only; empty elsewhere).",
                null=True,
            ),
        ),
        migrations.RunPython(on_postgresql(FILL, INDEX), on_postgresql(DROP)),
    ]
