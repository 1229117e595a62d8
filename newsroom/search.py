"""Reader search: public stories, and the devices, brands, launch events and
sources whose names match.

PostgreSQL gets full-text search over each story's stored vector (GIN index,
English stemming, ranking, web-search syntax: "a phrase", -word) with
`SearchHeadline` snippets. SQLite, the embedded default, matches every word
or quoted phrase in the headline, standfirst or body and leaves out stories
holding a -word, headline matches first. FTS5 would need a second table kept
in step with every write to stories (including bulk updates and reverts),
so plain matching is used: it is exact, and an embedded site is small.

On both, a story that covers a device matching the words (it embeds it or
lists it) ranks above one that only mentions it.
"""

import html
import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.utils.safestring import mark_safe

from devices.models import Device
from devices.search import RecordMatches, find_records
from newsroom.models import Article, ArticleDevice

MAX_QUERY_LENGTH = 200
# Words and phrases beyond this many are ignored on SQLite, where each is a
# condition of its own; PostgreSQL parses the whole query in one go.
MAX_TERMS = 12
# Characters of tsquery syntax that mean nothing as words on SQLite.
SYNTAX = "'\"&|!:*()<>\\"
TERM = re.compile(r'(-?)"([^"]*)"?|(\S+)')
SNIPPET_WORDS = 30
# Marks around matched words inside PostgreSQL's headline: control characters
# that stored text never holds (newsroom.core.text drops them), so the
# snippet can be escaped first and marked after.
START, STOP = "\x02", "\x03"


@dataclass
class SearchTerms:
    """What the reader asked for, cleaned: the query as kept, whether it had
    to be cut, and its words and phrases to find and to leave out."""

    text: str
    was_cut: bool = False
    include: list = field(default_factory=list)
    exclude: list = field(default_factory=list)

    @property
    def words(self) -> list[str]:
        """Every single word wanted, phrases split: what names must hold."""
        return [word for term in self.include for word in term.split()]

    @property
    def name_text(self) -> str:
        return " ".join(self.words)


def parse_query(raw: str | None) -> SearchTerms:
    """The reader's query without control characters (PostgreSQL refuses NUL
    bytes), capped in length, split into terms."""
    printable = "".join(ch if ch.isprintable() else " " for ch in raw or "")
    text = " ".join(printable.split())
    terms = SearchTerms(text[:MAX_QUERY_LENGTH], was_cut=len(text) > MAX_QUERY_LENGTH)
    for match in TERM.finditer(terms.text):
        negated, phrase, bare = match.groups()
        if bare is not None:
            negated, phrase = ("-", bare[1:]) if bare.startswith("-") else ("", bare)
        words = " ".join(w.strip(SYNTAX) for w in phrase.split())
        words = " ".join(words.split())
        if words:
            (terms.exclude if negated else terms.include).append(words)
    terms.include = terms.include[:MAX_TERMS]
    terms.exclude = terms.exclude[:MAX_TERMS]
    return terms


def search_stories(terms: SearchTerms):
    """Public stories matching `terms`, best first, each with a `snippet`
    source for `snippet()`."""
    stories = Article.objects.published()
    if not terms.include:
        return stories.none()
    matched_devices = Device.objects.matching(terms.name_text).values("pk")
    covers = Exists(
        ArticleDevice.objects.filter(article=OuterRef("pk"), device__in=matched_devices)
    )
    if connection.vendor == "postgresql":
        return _full_text(stories, terms, covers)
    return _word_match(stories, terms, covers)


def _full_text(stories, terms, covers):
    from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank

    query = SearchQuery(terms.text, search_type="websearch", config="english")
    return (
        stories.filter(search_vector=query)
        .annotate(
            rank=SearchRank(F("search_vector"), query)
            + Case(
                When(covers, then=Value(1.0)),
                default=Value(0.0),
                output_field=FloatField(),
            ),
            headline=SearchHeadline(
                "body",
                query,
                config="english",
                start_sel=START,
                stop_sel=STOP,
                max_words=SNIPPET_WORDS,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "-published_at")
    )


def _in_story(term):
    return Q(title__icontains=term) | Q(dek__icontains=term) | Q(body__icontains=term)


def _word_match(stories, terms, covers):
    matches = Q()
    for term in terms.include:
        matches &= _in_story(term)
    for term in terms.exclude:
        matches &= ~_in_story(term)
    in_title = Q()
    for term in terms.include:
        in_title &= Q(title__icontains=term)
    return (
        stories.filter(matches)
        .annotate(
            rank=Case(
                When(covers, then=Value(2)),
                default=Value(0),
                output_field=IntegerField(),
            )
            + Case(
                When(in_title, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .order_by("-rank", "-published_at")
    )


# --- Snippets -------------------------------------------------------------

# An embed line, or the start of one that a headline fragment cut short.
EMBED_LINE = re.compile(r"\[\[[^\]]*(\]\]|$)")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
MARKUP = re.compile(r"[#*_>`|~]+")


def plain_text(markdown: str) -> str:
    """A story body as words to quote: no embed lines, link targets or
    Markdown marks."""
    text = EMBED_LINE.sub(" ", markdown)
    text = LINK.sub(r"\1", text)
    return " ".join(MARKUP.sub(" ", text).split())


def _mark(text, terms):
    """`text` escaped, with every wanted word wrapped in <mark>."""
    words = sorted({w for term in terms.include for w in term.split()}, key=len)
    if not words:
        return html.escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in reversed(words)), re.I)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(html.escape(text[last : match.start()]))
        out.append(f"<mark>{html.escape(match.group())}</mark>")
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def _window(text, terms):
    """About SNIPPET_WORDS words of `text` around the first wanted word."""
    words = text.split()
    wanted = [w.lower() for term in terms.include for w in term.split()]
    first = next(
        (i for i, word in enumerate(words) if any(w in word.lower() for w in wanted)),
        0,
    )
    start = max(0, first - SNIPPET_WORDS // 3)
    part = " ".join(words[start : start + SNIPPET_WORDS])
    before = "… " if start else ""
    after = " …" if start + SNIPPET_WORDS < len(words) else ""
    return f"{before}{part}{after}"


def snippet(story, terms: SearchTerms) -> str:
    """A short passage of the story with the matching words marked, safe to
    show: the text is escaped, only the <mark> elements are ours."""
    headline = getattr(story, "headline", None)
    if headline is not None:
        marked = html.escape(plain_text(headline))
        marked = marked.replace(START, "<mark>").replace(STOP, "</mark>")
        return mark_safe(marked)
    text = plain_text(f"{story.dek} {story.body}")
    return mark_safe(_mark(_window(text, terms), terms))


# --- Everything at once -----------------------------------------------------

RECORDS_SHOWN = 10


@dataclass
class RecordGroup:
    """One kind of record in the results: the first few, and how many."""

    kind: str
    label: str
    items: list
    count: int
    one: str  # what one of them is called, for "1 brand"

    @property
    def counted(self) -> str:
        return f"{self.count} {self.one if self.count == 1 else self.label.lower()}"


def _group(kind, label, one, queryset):
    items = list(queryset[: RECORDS_SHOWN + 1])
    count = len(items) if len(items) <= RECORDS_SHOWN else queryset.count()
    return RecordGroup(kind, label, items[:RECORDS_SHOWN], count, one)


def record_groups(terms: SearchTerms) -> list[RecordGroup]:
    """Devices, brands, launch events and sources matching the words, in
    that order, each kind with its count."""
    found: RecordMatches = find_records(terms.name_text)
    return [
        _group("devices", "Devices", "device", found.devices),
        _group("brands", "Brands", "brand", found.brands),
        _group("events", "Launch events", "launch event", found.events),
        _group("sources", "Sources", "source", found.sources),
    ]
