from django.db import migrations

# Related stories walk each tag's stories newest first (see
# ArticleQuerySet.related_to). The tags' table is the one Django makes for
# the many-to-many field, so its index is added here rather than in Meta.
INDEX = "newsroom_article_tags_tag_article_idx"


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0010_autosaved_drafts_and_send_back_notes")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {INDEX} ON newsroom_article_tags (tag_id, article_id)",
            f"DROP INDEX {INDEX}",
        )
    ]
