"""A backup brings back every row of every model and every uploaded file."""

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import CommandError, call_command
from django.db import connection

from newsroom.models import Article, Section

pytestmark = pytest.mark.django_db(transaction=True)


def every_row():
    """Every model of every installed app, serialised in primary-key order,
    so models added later (devices, specs, revisions) are compared too."""
    return {
        model._meta.label: serializers.serialize(
            "json", model._default_manager.order_by("pk")
        )
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def every_file(root):
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def demo_site(media_root):
    call_command("load_demo", verbosity=0)
    (media_root / "heroes" / "2022" / "07").mkdir(parents=True)
    (media_root / "heroes" / "2022" / "07" / "leica.jpg").write_bytes(b"\xff\xd8jpeg")
    (media_root / "avatars").mkdir()
    (media_root / "avatars" / "editor.png").write_bytes(b"\x89PNG portrait")
    assert Article.objects.exists()
    return media_root


def test_backup_and_restore_round_trip_the_demo_site(demo_site, tmp_path, capsys):
    rows, files = every_row(), every_file(demo_site)

    call_command("backup", output_dir=tmp_path / "backups")
    folder = capsys.readouterr().out.strip()
    assert "newsroom-" in folder

    # Disaster: stories deleted, a section renamed, uploads lost.
    Article.objects.all().delete()
    Section.objects.filter(pk=Section.objects.first().pk).update(name="Gone")
    Section.objects.create(name="Written after the backup", slug="after")
    for path in demo_site.rglob("*.jpg"):
        path.unlink()
    (demo_site / "stray.txt").write_text("written after the backup")
    assert every_row() != rows

    call_command("restore", folder, interactive=False)

    assert every_row() == rows
    assert every_file(demo_site) == files


def test_restore_without_a_backup_says_so(tmp_path, settings):
    settings.BACKUP_DIR = tmp_path / "empty"
    with pytest.raises(CommandError, match="No backups"):
        call_command("restore", interactive=False)


def test_restore_of_a_folder_that_is_no_backup_changes_nothing(tmp_path):
    Section.objects.create(name="Phones", slug="phones")
    with pytest.raises(CommandError, match="not a Newsroom backup"):
        call_command("restore", tmp_path, interactive=False)
    assert Section.objects.filter(slug="phones").exists()


def test_the_newest_backup_is_restored_unless_one_is_named(tmp_path, settings, capsys):
    settings.BACKUP_DIR = tmp_path / "backups"
    Section.objects.create(name="Phones", slug="phones")
    call_command("backup")
    first = capsys.readouterr().out.strip()
    Section.objects.create(name="Cameras", slug="cameras")
    call_command("backup")
    Section.objects.all().delete()

    call_command("restore", interactive=False)
    assert set(Section.objects.values_list("slug", flat=True)) == {"phones", "cameras"}

    call_command("restore", first, interactive=False)
    assert set(Section.objects.values_list("slug", flat=True)) == {"phones"}


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump runs for PostgreSQL only"
)
def test_connection_options_of_database_url_reach_pg_dump(tmp_path):
    """sslmode from DATABASE_URL reaches pg_dump: asking it to verify the
    server against a root certificate that does not exist makes it fail,
    where the same backup without the option succeeds."""
    options = connection.settings_dict.setdefault("OPTIONS", {})
    saved = dict(options)
    options.update(sslmode="verify-full", sslrootcert=str(tmp_path / "missing.crt"))
    try:
        with pytest.raises(CommandError, match=r"(?i)ssl|certificate"):
            call_command("backup", output_dir=tmp_path / "backups")
    finally:
        options.clear()
        options.update(saved)
    assert not list((tmp_path / "backups").iterdir())  # no half-made backup
    call_command("backup", output_dir=tmp_path / "backups")
