"""Where a page's time goes: cProfile and the SQL of a few renders.

    DATABASE_URL=sqlite:///var/bench/bench-100000.sqlite3 \
        .venv/bin/python tools/profile_pages.py [--top 15] [--renders 5] [path ...]

Renders each page (by default the benchmark's pages, found in the data the
way tools/bench.py finds them) through Django's test client with production
settings, after one render to warm imports: the query count of one render,
the slowest queries, and the functions with the most cumulative time over
`--renders` renders. The standard library's profiler, so nothing to install.
"""

import argparse
import cProfile
import io
import os
import pstats
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup():
    os.environ.setdefault("ENV_FILE", os.devnull)
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tools"))
    import django

    django.setup()


def profile(path, *, renders, top):
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    client = Client()
    cache.clear()
    status = client.get(path).status_code
    queries = []

    def record(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append((time.perf_counter() - started, sql))

    cache.clear()
    with connection.execute_wrapper(record):
        client.get(path)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    for _ in range(renders):
        cache.clear()
        profiler.enable()
        client.get(path)
        profiler.disable()
    per_render = (time.perf_counter() - started) / renders * 1000
    print(f"\n=== {path}  status {status}  {per_render:.1f} ms/render")
    total_sql = sum(t for t, _ in queries) * 1000
    print(f"  {len(queries)} queries, {total_sql:.1f} ms of SQL; slowest:")
    for seconds, sql in sorted(queries, reverse=True)[:3]:
        print(f"    {seconds * 1000:7.2f} ms  {sql[:160]}")
    for order, restriction, title in [
        ("cumulative", rf"{ROOT}/(newsroom|devices)/", "the project's own code"),
        ("tottime", "", "all code, by time spent in the function itself"),
    ]:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).sort_stats(order)
        stats.print_stats(*filter(None, [restriction]), top)
        lines = [line for line in out.getvalue().splitlines() if line.strip()]
        print(f"  Top {top} by {order} time, {title}, over {renders} renders:")
        print(
            "\n".join(
                "  " + line.replace(str(ROOT) + "/", "") for line in lines[-top - 1 :]
            )
        )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--renders", type=int, default=5)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args(argv)
    setup()
    from bench import find_pages

    paths = args.paths or list(find_pages().values())
    for path in paths:
        profile(path, renders=args.renders, top=args.top)


if __name__ == "__main__":
    main()
