"""The story form's writing aids: the embed suggestions and body check that
its scripts ask, who may ask them, and what the form carries for them."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from devices.models import DeviceAlias
from newsroom.admin.writing import TITLE_SHOWN
from newsroom.markup import WORDS_PER_MINUTE
from tests.devices.factories import DeviceFactory, LaunchEventFactory
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

SUGGESTIONS = "/admin/newsroom/article/writing/embeds/"
CHECK = "/admin/newsroom/article/writing/check/"


@pytest.fixture
def records():
    ultra = DeviceFactory(name="Xiaomi 12S Ultra", slug="xiaomi-12s-ultra")
    DeviceAlias.objects.create(
        device=ultra, name="12 Ultra", kind=DeviceAlias.Kind.LEAKED
    )
    DeviceFactory(name="Xiaomi 11 Ultra", slug="xiaomi-11-ultra")
    # A device with no specs at all, and an event with no venue or time.
    DeviceFactory(name="Nothing Phone", slug="nothing-phone")
    LaunchEventFactory(title="Xiaomi 12S launch", slug="xiaomi-12s-launch")


@pytest.fixture
def editor(client):
    client.force_login(UserFactory(role="Editors"))
    return client


@pytest.fixture
def contributor(client):
    client.force_login(UserFactory(role="Contributors"))
    return client


def lines(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return [result["line"] for result in response.json()["results"]]


def test_the_picker_finds_a_device_by_what_it_is_called(editor, records):
    found = lines(editor.get(SUGGESTIONS, {"q": "12S ultra"}))
    assert found[:2] == ["[[specs xiaomi-12s-ultra]]", "[[cameras xiaomi-12s-ultra]]"]
    assert "[[specs xiaomi-11-ultra]]" not in found
    # A leaked name and a slug find it too.
    assert "[[specs xiaomi-12s-ultra]]" in lines(
        editor.get(SUGGESTIONS, {"q": "12 ultra"})
    )
    assert "[[cameras xiaomi-12s-ultra]]" in lines(
        editor.get(SUGGESTIONS, {"q": "xiaomi-12s-u"})
    )


def test_the_picker_finds_events_and_comparisons(editor, records):
    assert lines(editor.get(SUGGESTIONS, {"q": "event 12S"})) == [
        "[[event xiaomi-12s-launch]]"
    ]
    assert "[[event xiaomi-12s-launch]]" in lines(
        editor.get(SUGGESTIONS, {"q": "launch"})
    )
    assert lines(editor.get(SUGGESTIONS, {"q": "12S Ultra vs 11 Ultra"})) == [
        "[[compare xiaomi-12s-ultra xiaomi-11-ultra]]"
    ]


def test_a_kind_typed_first_keeps_to_that_kind(editor, records):
    # What the [[ suggestions send: the text after the brackets.
    assert lines(editor.get(SUGGESTIONS, {"q": "cameras 12s"})) == [
        "[[cameras xiaomi-12s-ultra]]"
    ]
    result = editor.get(SUGGESTIONS, {"q": "specs nothing"}).json()["results"][0]
    assert result == {
        "line": "[[specs nothing-phone]]",
        "kind": "specs",
        "label": "Nothing Phone",
        "shows": "the device's spec table, with confidence marks",
    }


@pytest.mark.parametrize(
    "query",
    [
        "",
        "[[",
        "]]]]",
        "%",
        "_",
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        "\x00",
        "vs",
        " vs vs vs ",
        "a" * 5000,
        "\u202e\ufffe",
    ],
)
def test_hostile_queries_get_an_answer(editor, records, query):
    response = editor.get(SUGGESTIONS, {"q": query})
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


def test_a_wildcard_is_searched_as_a_character(editor, records):
    assert lines(editor.get(SUGGESTIONS, {"q": "%"})) == []


def check(client, body):
    response = client.post(CHECK, {"body": body})
    assert response.status_code == 200, response.content
    return response.json()


def test_each_embed_line_is_judged_as_the_save_would(editor, records):
    body = (
        "Intro.\r\n\r\n[[specs xiaomi-12s-ultra]]\r\n"
        "[[specs xiaomi-12s-ultr]]\r\n[[spex nothing-phone]]\r\n"
        "[[event no-such-day]]\r\n"
    )
    result = check(editor, body)
    assert [(e["number"], e["ok"]) for e in result["embeds"]] == [
        (3, True),
        (4, False),
        (5, False),
        (6, False),
    ]
    first, unknown, typo, event = result["embeds"]
    assert first["line"] == "[[specs xiaomi-12s-ultra]]"
    assert first["shows"] == "the device's spec table, with confidence marks"
    assert unknown["problems"] == ["No device has the slug “xiaomi-12s-ultr”."]
    assert "is not an embed" in typo["problems"][0]
    assert event["problems"] == ["No launch event has the slug “no-such-day”."]


def test_lone_cr_and_mixed_line_breaks_count_as_lines(editor, records):
    result = check(editor, "One.\rTwo.\n\r\n[[specs nothing]]")
    assert result["embeds"][0]["number"] == 4


def test_words_and_reading_time(editor):
    assert check(editor, "")["words"] == 0
    body = "**Bold** start.\r\n\r\n" + "word " * (WORDS_PER_MINUTE + 1)
    result = check(editor, body)
    assert result["words"] == WORDS_PER_MINUTE + 3
    assert result["reading_minutes"] == 2
    # Embeds and Markdown marks are not words.
    assert check(editor, "One two.\n\n[[specs xiaomi-12s-ultra]]\n")["words"] == 2


def test_images_without_alt_text_are_named(editor):
    body = "![](https://example.com/a.jpg)\n![ ](b.png)\n![A phone](c.png)"
    assert check(editor, body)["images_without_alt"] == [
        "https://example.com/a.jpg",
        "b.png",
    ]


@pytest.mark.parametrize(
    "body",
    ["\x00\x0b\x0c", "[[" * 2000, "<script>alert(1)</script>", "[[specs \u202e]]"],
)
def test_hostile_bodies_get_an_answer(editor, body):
    response = editor.post(CHECK, {"body": body})
    assert response.status_code == 200


def test_contributors_use_the_aids(contributor, records):
    assert lines(contributor.get(SUGGESTIONS, {"q": "12S"}))
    assert check(contributor, "[[specs xiaomi-12s-ultra]]")["embeds"][0]["ok"]


def test_people_who_cannot_write_stories_are_refused(client, records):
    # Signed out: the admin's sign-in page, never the records.
    for response in (client.get(SUGGESTIONS, {"q": "12S"}), client.post(CHECK)):
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    # A reader's account is not staff.
    client.force_login(UserFactory(is_staff=False))
    assert client.get(SUGGESTIONS, {"q": "12S"}).status_code == 302
    # Staff who may not write stories.
    reader = UserFactory()
    reader.user_permissions.add(Permission.objects.get(codename="view_device"))
    client.force_login(reader)
    response = client.get(SUGGESTIONS, {"q": "12S"})
    assert response.status_code == 403
    assert "xiaomi" not in response.content.decode()
    assert client.post(CHECK, {"body": "x"}).status_code == 403


def test_the_check_needs_the_csrf_token(records):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(role="Editors"))
    assert client.post(CHECK, {"body": "[[specs x]]"}).status_code == 403


@pytest.mark.parametrize(
    ("address", "method", "status"),
    [
        (SUGGESTIONS, "post", 405),
        (SUGGESTIONS, "put", 405),
        (SUGGESTIONS, "delete", 405),
        (SUGGESTIONS, "patch", 405),
        (SUGGESTIONS, "head", 200),
        (SUGGESTIONS, "options", 200),
        (CHECK, "get", 405),
        (CHECK, "head", 405),
        (CHECK, "put", 405),
        (CHECK, "delete", 405),
        (CHECK, "patch", 405),
        (CHECK, "options", 200),
    ],
)
def test_every_method_gets_a_sane_answer(editor, address, method, status):
    response = getattr(editor, method)(address)
    assert response.status_code == status
    if status == 405:
        assert "GET" in response["Allow"] or "POST" in response["Allow"]


def test_the_body_field_carries_the_aids(editor, settings):
    settings.SITE_URL = "https://news.example"
    story = ArticleFactory(slug="xiaomi-12s-launch-date")
    page = editor.get(f"/admin/newsroom/article/{story.pk}/change/").content.decode()
    assert f'data-suggestions-url="{SUGGESTIONS}"' in page
    assert f'data-check-url="{CHECK}"' in page
    assert f'data-preview-url="/preview/{story.pk}/"' in page
    assert f'data-title-shown="{TITLE_SHOWN}"' in page
    day = timezone.localdate(story.published_at)
    assert f'data-address="https://news.example/news/{day:%Y/%m/%d}/"' in page
    assert 'data-address-is-final="true"' in page
    for script in ("writing-aids.js", "embed-picker.js", "live-preview.js"):
        assert f"admin/js/{script}" in page
    # The Markdown help works without scripts; the rest waits for them.
    assert "Markdown and embed help" in page
    assert 'role="toolbar"' in page


def test_a_new_story_has_no_preview_address_yet(editor):
    page = editor.get("/admin/newsroom/article/add/").content.decode()
    assert 'data-preview-url=""' in page
    assert 'data-address-is-final="false"' in page


def test_json_is_not_html(editor, records):
    response = editor.get(SUGGESTIONS, {"q": "<b>"})
    json.loads(response.content)
    assert "<b>" not in response.content.decode()
