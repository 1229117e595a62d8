import pytest
from django.contrib.auth import get_user_model

from newsroom.models import Article
from tests.factories import AuthorFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("ed", "ed@example.com", "pw")
    client.force_login(user)
    return client


def article_form(**overrides):
    section = SectionFactory()
    author = AuthorFactory()
    tag = TagFactory()
    data = {
        "title": "Xiaomi sets a date",
        "slug": "xiaomi-sets-a-date",
        "dek": "July 4.",
        "body": "The launch is on **Monday**.\n\n<script>alert(1)</script>",
        "hero_alt": "",
        "hero_caption": "",
        "hero_credit": "",
        "section": section.pk,
        "tags": [tag.pk],
        "status": "published",
        "published_at_0": "2022-06-28",
        "published_at_1": "09:30:00",
        "bylines-TOTAL_FORMS": "1",
        "bylines-INITIAL_FORMS": "0",
        "bylines-MIN_NUM_FORMS": "0",
        "bylines-MAX_NUM_FORMS": "1000",
        "bylines-0-author": author.pk,
        "bylines-0-position": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        "corrections-MIN_NUM_FORMS": "0",
        "corrections-MAX_NUM_FORMS": "1000",
        "share_links-TOTAL_FORMS": "0",
        "share_links-INITIAL_FORMS": "0",
        "share_links-MIN_NUM_FORMS": "0",
        "share_links-MAX_NUM_FORMS": "1000",
    }
    for prefix in ("device_links", "launch_event_links"):
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    data.update(overrides)
    return data


def test_editor_adds_and_publishes_a_story(editor_client):
    response = editor_client.post("/admin/newsroom/article/add/", article_form())
    assert response.status_code == 302, response.context["adminform"].errors
    story = Article.objects.get(slug="xiaomi-sets-a-date")
    assert story.is_public
    assert [b.author for b in story.bylines.all()]
    assert "<strong>Monday</strong>" in story.body_html
    assert "<script" not in story.body_html
    assert editor_client.get(story.get_absolute_url()).status_code == 200


def test_admin_form_lists_story_and_view_on_site(editor_client):
    editor_client.post("/admin/newsroom/article/add/", article_form())
    story = Article.objects.get()
    listing = editor_client.get("/admin/newsroom/article/?status__exact=published")
    assert "Xiaomi sets a date" in listing.content.decode()
    change = editor_client.get(f"/admin/newsroom/article/{story.pk}/change/")
    assert "View on site" in change.content.decode()


def test_hero_image_without_alt_text_is_a_form_error(editor_client, tmp_path):
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (40, 20), "red").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "hero.png"
    response = editor_client.post(
        "/admin/newsroom/article/add/", article_form(hero_image=buffer)
    )
    assert response.status_code == 200
    assert "Describe the hero image" in response.content.decode()
    assert not Article.objects.exists()


def test_slug_is_prepopulated_from_the_title(editor_client):
    page = editor_client.get("/admin/newsroom/article/add/").content.decode()
    assert "prepopulated_fields" in page or "data-prepopulated-fields" in page


BROWSER_BODY = (
    "Xiaomi has set a date.\r\n\r\n[[specs {slug}]]  \r\n\r\n"
    "More on the launch.\r\n\r\n[[event ultra-launch]]\r\n\r\nThe end."
)


def test_a_misspelt_slug_typed_in_a_browser_is_refused_and_kept(editor_client):
    from tests.devices.factories import DeviceFactory, LaunchEventFactory

    DeviceFactory(slug="xiaomi-12s-ultra")
    LaunchEventFactory(slug="ultra-launch")
    body = BROWSER_BODY.format(slug="xiaomi-12s-ultar")
    response = editor_client.post(
        "/admin/newsroom/article/add/", article_form(body=body)
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["body"] == [
        "No device has the slug “xiaomi-12s-ultar”."
    ]
    page = response.content.decode()
    assert "No device has the slug “xiaomi-12s-ultar”." in page
    # What was typed is all still there to fix.
    assert "More on the launch." in page
    assert "[[specs xiaomi-12s-ultar]]" in page
    assert not Article.objects.exists()


def test_a_body_typed_in_a_browser_keeps_its_embeds(editor_client):
    from tests.devices.factories import DeviceFactory, LaunchEventFactory

    ultra = DeviceFactory(slug="xiaomi-12s-ultra")
    launch = LaunchEventFactory(slug="ultra-launch")
    body = BROWSER_BODY.format(slug="xiaomi-12s-ultra")
    response = editor_client.post(
        "/admin/newsroom/article/add/", article_form(body=body)
    )
    assert response.status_code == 302
    story = Article.objects.get()
    assert story.body_html.count('class="embed-placeholder"') == 2
    assert "[[" not in story.body_html
    assert list(story.devices.all()) == [ultra]
    assert list(story.launch_events.all()) == [launch]
    page = editor_client.get(story.get_absolute_url()).content.decode()
    assert "[[specs" not in page
    assert "specs</caption>" in page
