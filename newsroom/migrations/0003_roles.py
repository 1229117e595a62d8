"""The newsroom's two roles, as groups every fresh database starts with.

The lists are written out here rather than imported, so this migration keeps
meaning what it meant when it ran; later changes to a role come in later
migrations. The rules that use these permissions are in newsroom.permissions.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
CONTRIBUTORS = "Contributors"

NEWSROOM_MODELS = [
    "article",
    "author",
    "authorlink",
    "byline",
    "correction",
    "section",
    "sharelink",
    "tag",
]

ROLES = {
    EDITORS: [
        *(
            ("newsroom", f"{action}_{model}")
            for model in NEWSROOM_MODELS
            for action in ("add", "change", "delete", "view")
        ),
        ("newsroom", "publish_article"),
        ("newsroom", "edit_others_article"),
        # To link an author to the account they sign in with.
        ("auth", "view_user"),
    ],
    CONTRIBUTORS: [
        ("newsroom", "add_article"),
        ("newsroom", "change_article"),
        ("newsroom", "view_article"),
        ("newsroom", "add_byline"),
        ("newsroom", "change_byline"),
        ("newsroom", "delete_byline"),
        ("newsroom", "view_byline"),
        ("newsroom", "view_correction"),
        ("newsroom", "view_author"),
        ("newsroom", "view_section"),
        ("newsroom", "view_tag"),
    ],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations have run; this
    # one needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in codes:
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[EDITORS, CONTRIBUTORS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("newsroom", "0002_article_workflow_and_share_links"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
