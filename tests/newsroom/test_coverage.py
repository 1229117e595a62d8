"""A story's covered devices and events follow its embeds, whatever its line
breaks."""

import pytest

from newsroom.coverage import sync_coverage
from tests.devices.factories import DeviceFactory, LaunchEventFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

LINE_BREAKS = {"LF": "\n", "CR LF": "\r\n", "CR": "\r"}


@pytest.mark.parametrize("join", LINE_BREAKS.values(), ids=LINE_BREAKS.keys())
def test_every_embedded_record_is_covered(join):
    ultra = DeviceFactory(slug="ultra")
    old = DeviceFactory(slug="old-ultra")
    launch = LaunchEventFactory(slug="ultra-launch")
    body = join.join(
        [
            "Intro.",
            "",
            "[[specs ultra]]  ",
            "Middle.",
            "[[event ultra-launch]]\t",
            "",
            "[[compare ultra old-ultra]]",
            "",
            "End.",
        ]
    )
    story = ArticleFactory(body=body)
    sync_coverage(article=story)
    assert set(story.devices.all()) == {ultra, old}
    assert list(story.launch_events.all()) == [launch]


def test_a_mixed_body_keeps_the_links_of_every_line():
    ultra = DeviceFactory(slug="ultra")
    old = DeviceFactory(slug="old-ultra")
    story = ArticleFactory(body="[[specs ultra]]\r\n\r[[cameras old-ultra]]\nEnd.")
    sync_coverage(article=story)
    assert set(story.devices.all()) == {ultra, old}
    story.body = "[[specs ultra]]\r\rNo more cameras.\r\n"
    story.save()
    sync_coverage(article=story)
    assert list(story.devices.all()) == [ultra]
