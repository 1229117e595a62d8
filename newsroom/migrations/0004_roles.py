"""The newsroom's two roles, as groups every fresh database starts with.

The data is frozen here as it stood when the roles were made, so this
migration means the same whatever newsroom.permissions says later. The live
ROLES there are synced after every migrate, so later changes and later
models join their roles without a migration of their own.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
CONTRIBUTORS = "Contributors"

# (app label, codename); "*" is every permission of that app.
ROLES = {
    EDITORS: [
        ("newsroom", "*"),
        ("devices", "*"),
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
        ("newsroom", "add_articledevice"),
        ("newsroom", "change_articledevice"),
        ("newsroom", "delete_articledevice"),
        ("newsroom", "view_articledevice"),
        ("newsroom", "add_articlelaunchevent"),
        ("newsroom", "change_articlelaunchevent"),
        ("newsroom", "delete_articlelaunchevent"),
        ("newsroom", "view_articlelaunchevent"),
        ("devices", "view_brand"),
        ("devices", "view_cameramodule"),
        ("devices", "view_device"),
        ("devices", "view_devicealias"),
        ("devices", "view_launchevent"),
        ("devices", "view_partnership"),
        ("devices", "view_source"),
        ("devices", "view_specclaim"),
        ("devices", "view_specfield"),
    ],
}


def create_roles(apps, schema_editor):
    using = schema_editor.connection.alias
    # Permissions are normally made once all migrations have run; the roles
    # need them now. Migration states hold app configs without
    # `models_module`, which create_permissions takes to mean "no models".
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0, using=using)
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLES.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        for app_label, codename in wanted:
            permissions = Permission.objects.using(using).filter(
                content_type__app_label=app_label
            )
            if codename != "*":
                permissions = permissions.filter(codename=codename)
            group.permissions.add(*permissions)


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
