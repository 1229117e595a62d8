"""The newsroom's two roles, as groups every fresh database starts with.

What each role holds is defined once, in newsroom.permissions.ROLES; the same
sync also runs after every migrate, so later models join their roles without
a migration of their own.
"""

from django.db import migrations

from newsroom.permissions import CONTRIBUTORS, EDITORS, sync_roles


def create_roles(apps, schema_editor):
    sync_roles(apps=apps, using=schema_editor.connection.alias)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.using(
        schema_editor.connection.alias
    ).filter(name__in=[EDITORS, CONTRIBUTORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("devices", "0001_initial"),
        ("newsroom", "0003_article_workflow_and_share_links"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
