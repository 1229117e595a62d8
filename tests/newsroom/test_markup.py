import pytest

from newsroom.markup import render_markdown


def test_markdown_features_survive():
    html = render_markdown(
        "## Specs\n\n| Camera | MP |\n|---|---|\n| Main | 50 |\n\n"
        "> A quote\n\n[Link](https://example.com)"
    )
    assert "<h2>Specs</h2>" in html
    assert "<td>50</td>" in html
    assert "<blockquote>" in html
    assert 'href="https://example.com"' in html


@pytest.mark.parametrize(
    ("source", "forbidden"),
    [
        ("<script>alert(1)</script>", "<script"),
        ('<img src="x.png" onerror="alert(1)">', "onerror"),
        ("[click](javascript:alert(1))", "javascript:"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "data:"),
        ('<iframe src="https://evil.example"></iframe>', "<iframe"),
        ('<p style="background:url(javascript:alert(1))">x</p>', "style="),
        ("<svg><script>alert(1)</script></svg>", "<svg"),
        ('<form action="/admin/"><input name="x"></form>', "<form"),
    ],
)
def test_hostile_markup_is_removed(source, forbidden):
    assert forbidden not in render_markdown(source).lower()


def test_links_do_not_leak_the_opener():
    assert 'rel="noopener noreferrer"' in render_markdown("[x](https://example.com)")
