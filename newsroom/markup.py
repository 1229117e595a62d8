"""Article bodies: Markdown in, sanitised HTML out.

Rendering happens once, when a story is saved; pages serve the stored HTML.
Sanitising is an allowlist (nh3): whatever an author types, only these tags,
attributes and URL schemes reach a reader.
"""

import html as html_entities
import re
import secrets

import markdown
import nh3

from devices import embeds

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del",
    "details", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "small", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "time", "tr", "u", "ul",
}  # fmt: skip

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "time": {"datetime"},
    "ol": {"start"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
}

ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

MARKDOWN_EXTENSIONS = ["extra", "sane_lists", "smarty"]


def sanitise_html(html: str, **options) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        **options,
    )


def absolutise_html(html: str, *, base: str) -> str:
    """`html` sanitised again, with every relative address resolved against
    `base`, for readers outside the site (feed readers, aggregators)."""
    return sanitise_html(html, url_relative=("rewrite_with_base", base))


def render_markdown(text: str) -> str:
    """Turn an author's Markdown into HTML that is safe to show anyone.

    Embed lines become placeholders that `render_bodies` fills at request
    time. They are swapped for random tokens while Markdown and the sanitiser
    run, and the placeholders (built from validated slugs only) go in after.
    """
    found = {}

    def stash(embed):
        token = f"embed{secrets.token_hex(8)}"
        found[token] = embed
        return f"\n\n{token}\n\n"

    text = embeds.replace_embed_lines(text, stash)
    html = markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS, output_format="html")
    html = sanitise_html(html)
    for token, embed in found.items():
        html = html.replace(f"<p>{token}</p>", embed.placeholder())
        # Inside a code block the line stays the text the author typed.
        html = html.replace(token, embed.line())
    return html


def render_bodies(articles, *, plain: bool = False) -> dict[int, str]:
    """The body HTML of each story, ready to show, keyed by primary key.

    This is where embeds are filled in from current data at request time, in
    a fixed number of queries for the whole batch. `plain=True` asks for HTML
    fit for feed readers: static tables, no scripts.
    """
    articles = list(articles)
    bodies = embeds.render_placeholders(
        [article.body_html for article in articles], plain=plain
    )
    return {article.pk: body for article, body in zip(articles, bodies, strict=True)}


# Reading time, as editors are shown it while writing: a steady adult reading
# pace for screen text. Embeds are not counted; readers scan tables.
WORDS_PER_MINUTE = 230
TAG = re.compile(r"<[^>]*>")


def reading_time(html: str) -> tuple[int, int]:
    """The words of a rendered body and the minutes they take to read (at
    least one for any text)."""
    # Tags become spaces, so "<p>one</p><p>two</p>" is two words.
    text = html_entities.unescape(TAG.sub(" ", html or ""))
    words = len(text.split())
    return words, -(-words // WORDS_PER_MINUTE)
