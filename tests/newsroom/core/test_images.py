"""Uploads: which files are refused and why, what is served, renditions."""

import io
import re
import struct
import zlib

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from easy_thumbnails.signals import thumbnail_created
from PIL import Image

from newsroom.core import images
from newsroom.models import Article
from tests.factories import ArticleFactory, SectionFactory, UserFactory
from tests.newsroom.admin.helpers import (
    ADD,
    change_url,
    form_data,
    messages_of,
    post_edited,
)
from tests.pages import squeezed

pytestmark = pytest.mark.django_db


def image_bytes(fmt="PNG", size=(64, 48), mode="RGB", **save_options):
    buffer = io.BytesIO()
    Image.new(mode, size, "teal").save(buffer, fmt, **save_options)
    return buffer.getvalue()


def upload(data, name="hero.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type)


def bomb_png():
    """A PNG whose header claims 60000 x 60000 pixels, built from a real one."""
    data = bytearray(image_bytes("PNG", size=(8, 8), mode="1"))
    # IHDR starts after the 8-byte signature and 8 bytes of length + type.
    data[16:24] = struct.pack(">II", 60000, 60000)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def exif_jpeg():
    """A 60 x 40 JPEG that says "rotate me" and where it was taken."""
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to show upright.
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (48.0, 51.0, 24.0)
    gps[3] = "E"
    gps[4] = (2.0, 21.0, 3.0)
    return image_bytes("JPEG", size=(60, 40), exif=exif)


BAD_UPLOADS = {
    # Each rule in the words the editor reads; the numbers are the documented
    # limits (20 MB, 40 megapixels), not whatever the settings say.
    "decompression bomb": (bomb_png, "Too many pixels (more than 179 MP"),
    "truncated JPEG": (
        lambda: image_bytes("JPEG", size=(400, 300))[:600],
        "truncated or damaged",
    ),
    "text renamed .jpg": (lambda: b"Not a picture at all.\n" * 10, "not a JPEG"),
    "SVG": (
        lambda: (
            b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
            b'<rect width="10" height="10"/></svg>'
        ),
        "SVG and other formats are not accepted",
    ),
    "GIF": (lambda: image_bytes("GIF"), "This is a GIF image"),
    "too many pixels": (
        lambda: image_bytes("PNG", size=(8000, 5001), mode="1"),
        "Too many pixels (40.01 MP; the limit is 40 MP): 8000×5001 pixels",
    ),
    "a real 100 MP photo": (
        lambda: image_bytes("JPEG", size=(12000, 8334), mode="L", quality=30),
        "Too many pixels (100 MP; the limit is 40 MP): 12000×8334 pixels",
    ),
    "over 20 MB": (
        lambda: image_bytes("PNG") + b"\0" * (20 * 1024 * 1024),
        "the limit is 20 MB",
    ),
}


@pytest.mark.parametrize("kind", BAD_UPLOADS)
def test_each_bad_upload_is_refused_naming_the_rule(kind):
    make, rule = BAD_UPLOADS[kind]
    with pytest.raises(ValidationError) as refused:
        images.ImageUploadField().clean(upload(make()))
    assert rule in " ".join(refused.value.messages)


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(role="Editors"))
    return client


def post_with_hero(client, data, *, name="hero.jpg", alt="A phone on a table"):
    return post_edited(
        client,
        ADD,
        title="With a picture",
        slug="with-a-picture",
        body="Text typed by the editor.",
        section=SectionFactory().pk,
        hero_alt=alt,
        hero_image=upload(data, name=name),
    )


@pytest.mark.parametrize("kind", ["decompression bomb", "SVG", "truncated JPEG"])
def test_bad_upload_in_the_admin_is_a_form_error_not_a_500(editor_client, kind):
    make, rule = BAD_UPLOADS[kind]
    response = post_with_hero(editor_client, make(), name="innocent.jpg")
    assert response.status_code == 200
    assert rule in response.content.decode()
    assert not Article.objects.exists()


def test_served_image_has_no_exif_and_is_upright(editor_client):
    response = post_with_hero(editor_client, exif_jpeg(), name="IMG_0001.JPG")
    assert response.status_code == 302
    story = Article.objects.get()
    with Image.open(story.hero_image.path) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (40, 60)  # the orientation was applied
        exif = stored.getexif()
        assert not exif.get_ifd(0x8825)
        assert 0x010F not in exif and 0x0112 not in exif
    assert story.hero_image.name.endswith(".jpg")


def test_file_type_comes_from_content_not_name(editor_client):
    response = post_with_hero(editor_client, image_bytes("WEBP"), name="photo.jpg")
    assert response.status_code == 302
    assert Article.objects.get().hero_image.name.endswith(".webp")


@pytest.fixture
def renditions_made():
    """The names of the renditions easy-thumbnails makes while it is used."""
    made = []

    def count(sender, **kwargs):
        made.append(sender.name)

    thumbnail_created.connect(count)
    yield made
    thumbnail_created.disconnect(count)


def test_renditions_are_made_once_and_reused(renditions_made):
    story = ArticleFactory()
    story.hero_image.save("wide.png", upload(image_bytes("PNG", size=(2000, 1000))))
    images.make_renditions(story.hero_image)
    # 480, 960, 1440 and the full 2000 pixels, and the small widths of
    # avatars, logos and admin lists (64, 96, 128, 192), in WebP and PNG.
    assert len(renditions_made) == 16
    assert images.make_renditions(Article.objects.get().hero_image) == 0
    first = images.renditions(story.hero_image)
    # Even with the cache emptied, the stored renditions are found again.
    cache.clear()
    second = images.renditions(Article.objects.get().hero_image)
    assert len(renditions_made) == 16
    assert first == second
    assert [r.width for r in first.webp] == [480, 960, 1440, 2000]
    assert all(r.url.endswith(".webp") for r in first.webp)
    assert all(r.url.endswith(".png") for r in first.fallback)


def test_story_page_uses_srcset_with_dimensions(client):
    story = ArticleFactory(hero_alt="The 12S Ultra's camera bump")
    story.hero_image.save("bump.jpg", upload(image_bytes("JPEG", size=(1200, 800))))
    story.save()
    images.make_renditions(story.hero_image)
    page = squeezed(client.get(story.get_absolute_url()).content.decode())
    assert 'type="image/webp"' in page
    assert "480w" in page and "960w" in page and "1200w" in page
    assert 'width="1200" height="800"' in page
    assert 'alt="The 12S Ultra&#x27;s camera bump"' in page
    assert "sizes=" in page


def test_alt_text_is_required_with_an_image(editor_client):
    response = post_with_hero(editor_client, image_bytes("JPEG"), alt="")
    assert "Describe the hero image" in response.content.decode()
    assert not Article.objects.exists()


# --- The media storage refuses the file ---------------------------------------


@pytest.fixture
def unwritable_media(settings, tmp_path):
    """Media under a regular file: every mkdir fails with ENOTDIR.

    Tests run as root, for whom a read-only folder is still writable; a path
    beneath a plain file cannot be created by anyone.
    """
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocker / "media"
    return settings.MEDIA_ROOT


def test_failed_upload_keeps_the_new_story_text(editor_client, unwritable_media):
    response = post_with_hero(editor_client, image_bytes("JPEG"))
    story = Article.objects.get()
    assert response.status_code == 302
    assert response.url == change_url(story)
    assert story.body == "Text typed by the editor."
    assert not story.hero_image
    shown = messages_of(editor_client.get(response.url))
    assert any("could not be stored" in m and "Everything else" in m for m in shown)


def test_failed_upload_keeps_an_edit_and_the_old_image(
    editor_client, settings, tmp_path
):
    story = ArticleFactory(hero_alt="Old picture")
    story.hero_image.save("old.png", upload(image_bytes("PNG")))
    old_name = story.hero_image.name
    page = editor_client.get(change_url(story))
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    settings.MEDIA_ROOT = blocker / "media"
    data = form_data(
        page, body="A fresh paragraph.", hero_image=upload(image_bytes("JPEG"))
    )
    response = editor_client.post(change_url(story), data)
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.body == "A fresh paragraph."
    assert story.hero_image.name == old_name


def test_author_photo_goes_through_the_same_checks(editor_client):
    page = editor_client.get("/admin/newsroom/author/add/")
    response = editor_client.post(
        "/admin/newsroom/author/add/",
        form_data(
            page,
            name="Dana Okafor",
            slug="dana-okafor",
            avatar=upload(BAD_UPLOADS["SVG"][0](), name="me.png"),
        ),
    )
    assert response.status_code == 200
    assert "SVG and other formats are not accepted" in response.content.decode()


# --- Renditions are made on upload, never for a reader ------------------------


def media_files(media_root):
    return sorted(str(p.relative_to(media_root)) for p in media_root.rglob("*.*"))


def rendition_width(url, media_root):
    with Image.open(media_root / url.removeprefix("/media/")) as made:
        return made.width


def published_with_hero(client, data, name="hero.png"):
    """An editor uploads `data` as the hero image of a published story."""
    response = post_with_hero(client, data, name=name)
    assert response.status_code == 302, response.content.decode()[:2000]
    story = Article.objects.get()
    story.status, story.published_at = Article.Status.PUBLISHED, timezone.now()
    story.save()
    return story


READER_PAGES = ["story", "/", "/feed/", "/feed/atom/", "/feed.json", "/sitemap.xml"]


def test_a_readers_request_makes_no_rendition(
    editor_client, media_root, renditions_made
):
    story = published_with_hero(editor_client, image_bytes("PNG", size=(2400, 1600)))
    made_on_upload = len(renditions_made)
    assert made_on_upload == 16
    stored = media_files(media_root)
    reader = Client()
    for page in READER_PAGES:
        cache.clear()  # nothing remembered: each page finds them afresh
        address = story.get_absolute_url() if page == "story" else page
        assert reader.get(address).status_code == 200, address
    assert len(renditions_made) == made_on_upload
    assert media_files(media_root) == stored


def test_an_image_stored_without_the_upload_step_is_left_out(client, media_root):
    """A row written by a script: the page leaves the image out rather than
    make renditions or send the stored copy at full size."""
    story = ArticleFactory(hero_alt="Raw")
    story.hero_image.save("raw.png", upload(image_bytes("PNG", size=(3000, 2000))))
    stored = media_files(media_root)
    page = client.get(story.get_absolute_url()).content.decode()
    assert f'src="{story.hero_image.url}"' not in page
    assert "<picture>" not in page
    assert media_files(media_root) == stored
    # manage.py make_renditions catches up, once.
    call_command("make_renditions", stdout=io.StringIO())
    cache.clear()
    assert "<picture>" in client.get(story.get_absolute_url()).content.decode()
    out = io.StringIO()
    call_command("make_renditions", stdout=out)
    assert out.getvalue().startswith("0 renditions made")


def img_src(page):
    return re.search(r'<img[^>]* src="([^"]+)"', page).group(1)


@pytest.mark.parametrize(
    ("size", "widest"),
    [((1200, 800), 1200), ((3900, 2600), 2000), ((6000, 1000), 2000)],
    ids=["narrower than the cap", "wider", "a panorama"],
)
def test_the_page_src_is_a_bounded_rendition(editor_client, media_root, size, widest):
    story = published_with_hero(editor_client, image_bytes("PNG", size=size))
    page = Client().get(story.get_absolute_url()).content.decode()
    src = img_src(page)
    assert "/renditions/" in src
    # Never wider than 2,000 px, never wider than the image itself.
    assert rendition_width(src, media_root) == widest
    widths = [int(w) for w in re.findall(r" (\d+)w", page)]
    assert max(widths) == widest
    assert f'width="{widest}"' in page


@pytest.mark.parametrize(
    ("size", "kept"),
    [((4000, 2000), (4000, 2000)), ((4800, 3200), (2400, 1600))],
    ids=["at the limit", "over it: halved"],
)
def test_the_kept_copy_is_at_most_4000_pixels_on_its_longer_side(
    editor_client, size, kept
):
    data = image_bytes("JPEG", size=size)
    story = published_with_hero(editor_client, data, name="big.jpg")
    with Image.open(story.hero_image.path) as stored:
        assert stored.size == kept


def test_a_jpeg_comment_is_not_kept(editor_client):
    data = image_bytes("JPEG", size=(60, 40), comment=b"shot at 12 Home Street")
    story = published_with_hero(editor_client, data, name="c.jpg")
    assert b"Home Street" not in story.hero_image.read()


@pytest.mark.parametrize(
    "mode", ["RGBA", "P", "LA", "L", "1", "I;16", "CMYK"], ids=str.lower
)
def test_every_image_mode_gets_renditions(mode, renditions_made):
    fmt = "JPEG" if mode == "CMYK" else "PNG"
    cleaned = images.clean_image(image_bytes(fmt, size=(700, 500), mode=mode))
    story = ArticleFactory()
    story.hero_image.save(f"m.{fmt.lower()}", upload(cleaned.content))
    # 480 and 700 px, and the small ones (64, 96, 128, 192), in two formats.
    assert images.make_renditions(story.hero_image) == 12
    assert images.renditions(story.hero_image).width == 700
