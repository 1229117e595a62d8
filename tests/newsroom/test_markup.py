import re

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


# Browsers send CR LF; pasted text can carry lone CRs; edits mix them.
LINE_BREAKS = {"LF": "\n", "CR LF": "\r\n", "CR": "\r"}


@pytest.mark.parametrize("join", LINE_BREAKS.values(), ids=LINE_BREAKS.keys())
def test_paragraphs_and_embeds_whatever_the_line_breaks(join):
    body = join.join(
        [
            "First paragraph,",
            "still the first.",
            "",
            "[[specs ultra]] \t",
            "[[compare ultra old-ultra]]",
            "",
            "Last paragraph.\t",
        ]
    )
    html = render_markdown(body)
    assert "<p>First paragraph,\nstill the first.</p>" in html
    assert 'data-embed="specs" data-slugs="ultra"></div>' in html
    assert 'data-embed="compare" data-slugs="ultra old-ultra"></div>' in html
    # Trailing whitespace is Markdown's own business (two spaces: a line break).
    assert re.search(r"<p>Last paragraph\.\s*</p>", html)
    assert "[[" not in html
    assert "\r" not in html


def test_mixed_line_breaks_render_like_lf():
    mixed = "One.\r\n\r\n[[specs ultra]]\r\rTwo,\ncontinued.\r\n\n- a\r- b\n"
    assert render_markdown(mixed) == render_markdown(
        mixed.replace("\r\n", "\n").replace("\r", "\n")
    )


def test_an_embed_in_a_code_block_typed_in_a_browser_stays_text():
    html = render_markdown("```\r\n[[specs ultra]]\r\n```\r\n")
    assert "embed-placeholder" not in html
    assert "[[specs ultra]]" in html
