"""Benchmark: the home page costs the same with 100 and with 10,000 stories.

    make bench

Builds a throwaway SQLite database, fills it with stories in bulk, and
renders the home page through Django's test client: the number of queries
and the median and best time of BENCH_ROUNDS renders, for each size, as a
table. Exits 1 if the query count grows with the number of stories or the
best time more than doubles. Not part of `make test`: timings belong here.
"""

import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = [100, 10_000]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))
MAX_TIME_RATIO = 2.0


def configure(folder):
    os.environ.update(
        ENV_FILE=os.devnull,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=f"sqlite:///{folder / 'bench.sqlite3'}",
        CACHE_URL="locmemcache://",
        MEDIA_ROOT=str(folder / "media"),
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
    )
    sys.path.insert(0, str(ROOT))
    os.environ["STATIC_ROOT"] = str(folder / "static")
    import django

    django.setup()
    from django.core.management import call_command

    # The production static storage, as gunicorn would serve it.
    call_command("collectstatic", interactive=False, verbosity=0)


def add_stories(count, start):
    import datetime as dt

    from django.utils import timezone

    from newsroom.markup import render_markdown
    from newsroom.models import Article, Author, Byline, Section, Tag

    sections = [
        Section.objects.get_or_create(slug=f"s{n}", defaults={"name": f"Section {n}"})[
            0
        ]
        for n in range(6)
    ]
    tags = [
        Tag.objects.get_or_create(slug=f"t{n}", defaults={"name": f"Tag {n}"})[0]
        for n in range(20)
    ]
    author, _ = Author.objects.get_or_create(slug="desk", defaults={"name": "Desk"})
    body = "A paragraph of **news** about a phone.\n\n" * 5
    html = render_markdown(body)
    now = timezone.now()
    stories = Article.objects.bulk_create(
        Article(
            title=f"Story {n}",
            slug=f"story-{n}",
            dek="Why it matters.",
            body=body,
            body_html=html,
            section=sections[n % len(sections)],
            status=Article.Status.PUBLISHED,
            published_at=now - dt.timedelta(minutes=n + 1),
        )
        for n in range(start, start + count)
    )
    Byline.objects.bulk_create(
        Byline(article=story, author=author, position=0) for story in stories
    )
    Article.tags.through.objects.bulk_create(
        Article.tags.through(article=story, tag=tags[i % len(tags)])
        for i, story in enumerate(stories)
    )


def measure():
    from django.db import connection
    from django.test import Client

    client = Client()
    assert client.get("/").status_code == 200  # warm caches and imports
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get("/")
    timings = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        response = client.get("/")
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200
    return (
        len(queries),
        statistics.median(timings) * 1000,
        min(timings) * 1000,
    )


def main():
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as folder:
        configure(Path(folder))
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        results = []
        total = 0
        for size in SIZES:
            add_stories(size - total, total)
            total = size
            results.append((size, *measure()))
    print(
        f"\n  {'stories':>8}  {'queries':>7}  {'median ms':>9}  {'best ms':>7}"
        f"  ({ROUNDS} renders)"
    )
    for size, queries, median, best in results:
        print(f"  {size:>8}  {queries:>7}  {median:>9.1f}  {best:>7.1f}")
    # The best render is the one least disturbed by other work on the machine.
    (_, small_q, _, small_ms), (_, big_q, _, big_ms) = results
    missed = []
    if big_q != small_q:
        missed.append(f"query count grew from {small_q} to {big_q}")
    if big_ms > small_ms * MAX_TIME_RATIO:
        missed.append(f"time grew {big_ms / small_ms:.1f}x")
    verdict = "MISSED: " + "; ".join(missed) if missed else "Same query count;"
    if not missed:
        verdict += f" best time x{big_ms / small_ms:.2f}."
    print("\n  " + verdict)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
