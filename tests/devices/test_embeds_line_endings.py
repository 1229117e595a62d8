"""The embed line pattern reads a body whatever its line breaks.

Browsers send a textarea's line breaks as CR LF; old Macs and some paste
sources give a lone CR; files have LF; a body edited in several places can mix
them. Each must give the same embeds, and trailing spaces or tabs typed after
an embed must not hide it.
"""

import pytest
from django.core.exceptions import ValidationError

from devices.embeds import Embed, find_embeds, replace_embed_lines, validate_embeds
from tests.devices.factories import DeviceFactory, LaunchEventFactory

pytestmark = pytest.mark.django_db

LINES = [
    "Intro paragraph.",
    "",
    "[[specs ultra]]",
    "",
    "Between the tables.",
    "",
    "[[cameras ultra]]",
    "[[event ultra-launch]]",
    "",
    "[[compare ultra old-ultra]]",
    "",
    "Last paragraph.",
]

EXPECTED = [
    Embed("specs", ("ultra",)),
    Embed("cameras", ("ultra",)),
    Embed("event", ("ultra-launch",)),
    Embed("compare", ("ultra", "old-ultra")),
]


def join_mixed(lines):
    breaks = ["\r\n", "\n", "\r"]
    return "".join(
        line + breaks[index % len(breaks)] for index, line in enumerate(lines)
    )


BODIES = {
    "LF": "\n".join(LINES),
    "CR LF": "\r\n".join(LINES),
    "lone CR": "\r".join(LINES),
    "mixed": join_mixed(LINES),
    "CR LF, trailing spaces and tabs": "\r\n".join(
        line + (" \t " if line.startswith("[[") else "") for line in LINES
    ),
    "tabs inside the brackets": "\r\n".join(
        line.replace(" ", "\t") if line.startswith("[[") else line for line in LINES
    ),
}


@pytest.fixture
def records():
    ultra = DeviceFactory(slug="ultra")
    DeviceFactory(slug="old-ultra")
    LaunchEventFactory(slug="ultra-launch", devices=[ultra])


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_every_embed_is_found(body):
    assert find_embeds(body) == EXPECTED


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_known_slugs_pass_whatever_the_line_breaks(records, body):
    validate_embeds(body)


@pytest.mark.parametrize("join", ["\r\n", "\r", "\n"], ids=["CR LF", "CR", "LF"])
def test_a_misspelt_slug_on_a_middle_line_is_named(records, join):
    body = join.join(["First.", "", "[[specs ultar]]", "", "Second."])
    with pytest.raises(ValidationError) as error:
        validate_embeds(body)
    assert error.value.messages == ["No device has the slug “ultar”."]


@pytest.mark.parametrize("join", ["\r\n", "\r", "\n"], ids=["CR LF", "CR", "LF"])
def test_a_malformed_middle_line_is_named(join):
    body = join.join(["First.", "", "[[spec ultra]]  ", "", "Second."])
    with pytest.raises(ValidationError, match="“\\[\\[spec ultra\\]\\]” is not an"):
        validate_embeds(body)


def test_replacing_keeps_the_line_breaks_and_other_text():
    body = "One.\r\n\r\n[[specs ultra]] \t\r\n\r\nTwo.\r[[event x]]\rThree."
    replaced = replace_embed_lines(body, lambda embed: f"<{embed.kind}>")
    assert replaced == "One.\r\n\r\n<specs>\r\n\r\nTwo.\r<event>\rThree."


@pytest.mark.parametrize(
    "text",
    [
        "See [[specs ultra]] for more.\r\n",
        "    [[specs ultra]]\r\n",  # four spaces: a code block
        "\t[[specs ultra]]\r\n",  # a tab: a code block too
        "[[specs ultra]] and more\r\n",
    ],
)
def test_an_embed_must_be_alone_on_its_line(text):
    assert find_embeds(text) == []
