"""Clean the text already stored, as input is cleaned from now on.

Rows saved before newsroom.core.text cleaned input may hold CR LF line
endings (every text saved from a browser) and pasted control characters;
every text column of every table of the app gets the same cleaning.
"""

from django.db import migrations

from newsroom.core.text import clean_stored_rows


def clean_stored_text(apps, schema_editor):
    for model in apps.get_app_config("newsroom").get_models():
        clean_stored_rows(model)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0006_bounded_dates"),
    ]

    operations = [
        migrations.RunPython(clean_stored_text, migrations.RunPython.noop),
    ]
