"""Reader search: public stories, and the devices, brands, launch events and
sources whose names match.

PostgreSQL gets full-text search over each story's stored vector (GIN index,
English stemming, ranking, web-search syntax: "a phrase", -word) with
`SearchHeadline` snippets. SQLite, the embedded default, finds every word or
quoted phrase in the headline, standfirst or body and leaves out stories
holding a -word, through an FTS5 index of trigrams (migration 0013): a word
is still found inside a longer one, as plain matching did. That index is a
second table, but triggers in the database keep it in step with every write
to stories, bulk updates and reverts included. Words shorter than three
letters have no trigram: they are looked for among the stories the other
words found, or alone among the newest stories. An SQLite without FTS5 (or
older than 3.34) falls back to plain matching: it reads stories newest first
until enough match, every story for a rare word.

Only the newest MAX_CANDIDATES public stories that match are searched, so
with an index a search costs the same in a large archive as in a small one.
Among them, a story that covers a device matching the words (it embeds it
or lists it) ranks above one that only mentions it, then headline matches
(on PostgreSQL, its rank), then the newest.
"""

import functools
import html
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.utils import timezone
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
# The most stories a search looks at: the newest public ones that match. The
# database finds them walking its index newest first and stops there, so
# ranking and counting them costs the same however large the archive grows,
# and the newest stories are the ones readers of news look for. 25 pages.
MAX_CANDIDATES = 500
# Trigrams: the SQLite index cannot find anything shorter.
MIN_INDEXED_LENGTH = 3


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


@dataclass
class StoryResults:
    """The stories a search found, best first: their ids, and `load`, which
    reads the stories of some ids ready to show. A paginator slices it, so
    only a page of stories is read.

    `more`: more stories match than the MAX_CANDIDATES searched. `short_words`:
    words too short for the index, looked for among those only."""

    ids: list[int] = field(default_factory=list)
    load: Callable | None = None
    more: bool = False
    short_words: list[str] = field(default_factory=list)
    only_short: bool = False

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        ids = self.ids[index] if isinstance(index, slice) else [self.ids[index]]
        found = {story.pk: story for story in self.load(ids)} if ids else {}
        stories = [found[pk] for pk in ids if pk in found]
        return stories if isinstance(index, slice) else stories[0]

    @property
    def count_label(self) -> str:
        """How many stories match, as the page says it: past the bound, all
        it knows is that there are more (unless short words thinned them)."""
        if self.more and not self.short_words:
            return f"more than {MAX_CANDIDATES}"
        return str(len(self.ids))

    @property
    def counted(self) -> str:
        noun = "story" if self.count_label == "1" else "stories"
        label = self.count_label
        return f"{label[:1].upper()}{label[1:]} {noun}"


def search_stories(terms: SearchTerms) -> StoryResults:
    """Public stories matching `terms`, best first, among the newest
    MAX_CANDIDATES that match; each loaded with a `snippet` source for
    `snippet()`. Two queries, whatever the archive: the ranked ids of the
    candidates, then the stories of a page (and what their cards need)."""
    if not terms.include:
        return StoryResults()
    now = timezone.now()
    stories = Article.objects.published(now=now)
    if connection.vendor == "postgresql":
        return _full_text(stories, terms)
    covers = _covers(terms)
    if fts5_trigram_available():
        return _indexed(stories, terms, covers, now)
    return _word_match(stories, terms, covers)


def _covers(terms):
    """Whether a story covers a device the words name (embeds or lists it)."""
    devices = Device.objects.matching(terms.name_text).values("pk")
    return Exists(
        ArticleDevice.objects.filter(article=OuterRef("pk"), device__in=devices)
    )


def _newest(stories):
    """The newest of `stories`, one past the bound: a walk down the primary
    key that stops there. The one past tells that more match."""
    return stories.order_by("-pk").values("pk")[: MAX_CANDIDATES + 1]


def _ranked(candidates, *, rank, keep=None, load, **found):
    """The ids of the candidates, best first (one query), without the one
    past the bound and those `keep` (a Q; None keeps all) leaves out."""
    keep = ExpressionWrapper(keep, BooleanField()) if keep else Value(True)
    rows = list(
        candidates.annotate(rank=rank, keep=keep)
        .order_by("-rank", "-published_at", "-pk")
        .values_list("pk", "keep")
    )
    more = len(rows) > MAX_CANDIDATES
    if more:
        rows.remove(min(rows))  # the oldest, by id
    ids = [pk for pk, kept in rows if kept]
    return StoryResults(ids, load, more, **found)


def _full_text(stories, terms):
    from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank

    query = SearchQuery(terms.text, search_type="websearch", config="english")
    # Many matches: the planner walks the primary key newest first, reading
    # each story's vector, and stops at the bound; few: it reads them off
    # the GIN index. Either way the work follows the matches taken, not the
    # archive.
    candidates = _newest(stories.filter(search_vector=query))
    # Asked of the candidates' links as a set: asked story by story (as
    # EXISTS), PostgreSQL would rather hash every link to a matching device
    # in the archive.
    devices = Device.objects.matching(terms.name_text).values("pk")
    links = ArticleDevice.objects.filter(article__in=candidates, device__in=devices)
    covers = Q(pk__in=links.values("article"))
    rank = SearchRank(F("search_vector"), query) + Case(
        When(covers, then=Value(1.0)), default=Value(0.0), output_field=FloatField()
    )

    def load(ids):
        return (
            stories.filter(pk__in=ids)
            .for_cards()
            .annotate(
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
                )
            )
        )

    return _ranked(stories.filter(pk__in=candidates), rank=rank, load=load)


def _in_story(term):
    return Q(title__icontains=term) | Q(dek__icontains=term) | Q(body__icontains=term)


def _word_rank(terms, covers):
    """Covering a matching device counts most, then every term in the
    headline."""
    in_title = Q()
    for term in terms.include:
        in_title &= Q(title__icontains=term)
    return _points(covers, 2) + _points(in_title, 1)


def _points(condition, points):
    return Case(
        When(condition, then=Value(points)),
        default=Value(0),
        output_field=IntegerField(),
    )


def _loader(stories):
    def load(ids):
        # The snippet is cut from the standfirst and body here.
        return stories.filter(pk__in=ids).for_listing().defer("body_html")

    return load


def _word_match(stories, terms, covers):
    # Without the index: every term looked for in each story, newest first,
    # until enough match (all of them, when few do).
    matches = Q()
    for term in terms.include:
        matches &= _in_story(term)
    for term in terms.exclude:
        matches &= ~_in_story(term)
    candidates = _newest(stories.filter(matches))
    return _ranked(
        stories.filter(pk__in=candidates),
        rank=_word_rank(terms, covers),
        load=_loader(stories),
    )


@functools.cache
def fts5_trigram_available() -> bool:
    """Whether the running SQLite has FTS5 with trigrams, as migration 0013
    needed to create the index: tried once, on a database in memory."""
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE probe USING fts5(text, tokenize=trigram)")
    except sqlite3.OperationalError:
        return False
    finally:
        probe.close()
    return True


def _phrase(term):
    """`term` as an FTS5 string: the trigram index finds it as a substring."""
    return '"' + term.replace('"', '""') + '"'


# The newest public stories the index finds, one past the bound. FTS5 hands
# out its matches by rowid (the story's id) newest first and stops at the
# limit; the publication rule of ArticleQuerySet.published is checked on the
# way, so drafts and scheduled stories take no place among the candidates.
INDEXED_CANDIDATES = """
SELECT f.rowid FROM newsroom_article_fts AS f
JOIN newsroom_article AS a ON a.id = f.rowid
WHERE newsroom_article_fts MATCH %s AND a.status = %s AND a.published_at <= %s
ORDER BY f.rowid DESC LIMIT %s
"""


def _indexed(stories, terms, covers, now):
    def indexed(term):
        return len(term) >= MIN_INDEXED_LENGTH

    find = [_phrase(term) for term in terms.include if indexed(term)]
    # What the index cannot look for, it leaves to a filter of the candidates.
    keep = Q()
    for term in terms.include:
        if not indexed(term):
            keep &= _in_story(term)
    for term in terms.exclude:
        if not (find and indexed(term)):
            keep &= ~_in_story(term)
    short_words = [term for term in terms.include + terms.exclude if not indexed(term)]
    if find:
        match = " AND ".join(find)
        leave_out = [_phrase(term) for term in terms.exclude if indexed(term)]
        if leave_out:
            match = f"({match}) NOT ({' OR '.join(leave_out)})"
        published_at = connection.ops.adapt_datetimefield_value(now)
        params = [match, Article.Status.PUBLISHED, published_at, MAX_CANDIDATES + 1]
        candidates = stories.filter(pk__in=RawSQL(INDEXED_CANDIDATES, params))
    else:
        candidates = stories.filter(pk__in=_newest(stories))
    return _ranked(
        candidates,
        rank=_word_rank(terms, covers),
        keep=keep,
        load=_loader(stories),
        short_words=short_words,
        only_short=not find,
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
