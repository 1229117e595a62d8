"""Benchmark: what each page costs against the framework's floor, and whether
that cost stays flat as the archive grows.

    make bench                                  # 100,000 stories, SQLite
    make bench BENCH_ARGS="--stories 100000 --compare 1000"
    DATABASE_URL=postgres://... make bench      # an empty (test) database
    DATABASE_URL=postgres://... make bench BENCH_ARGS=--keep   # fill it once

Steps, on this machine only (127.0.0.1):

1. a database per size, filled by `manage.py make_bench_data` (SQLite files
   are kept under var/bench/ and reused; with DATABASE_URL the database is
   flushed and filled again, so give it a throwaway one; one size only);
2. collectstatic, then gunicorn with the production settings (plus the
   bench-only URLconf of tools/bench_urls.py) on a free port, 2 sync workers,
   one server per size;
3. wrk, `--connections` connections for `--seconds` per run, over each page
   cold (every configured cache emptied before each request, see
   tools/bench_wsgi.py) and warm, and over the floor (a Django view returning
   the story page's size from memory, never cached) and the same bytes as a
   static file through whitenoise; also, for each page, a static file of
   that page's own size, since a warm page costs what its bytes cost (the
   feed is several times the story's size); `--rounds` rounds, every run of
   a round back to back, sizes interleaved, so a busy moment on the machine
   hits all alike;
4. a table: requests/s, p50, p99 and queries per request, each page's ratio
   to the floor, to the static file and to the static file of its own size
   (medians of per-round ratios), worker RSS, and with --compare each page's
   cost at the big size against the small one; written as JSON under
   var/bench/.

Not part of `make test`: timings belong here, never in tests.
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
TOOLS = ROOT / "tools"
OUT = ROOT / "var" / "bench"
HOST = "127.0.0.1"
WORKERS = 2
STATIC_NAME = "bench-floor.html"
# A static file of each page's own size: "same-size static <page>".
SAME_SIZE = "same-size static"
DRAIN_TRIES = 10  # of up to 30 s each

# The pages, as names; `find_pages` turns them into paths in the data.
PAGES = [
    "home",
    "story",
    "device",
    "compare",
    "section",
    "feed",
    "launches.ics",
    "search",
]
BASELINES = ["floor", "static"]

WRK_SCRIPT = """
wrk.headers["X-Forwarded-Proto"] = "https"
%(cold)s
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) not_ok = 0 end
function response(status, headers, body)
  if status ~= 200 then not_ok = not_ok + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("not_ok") end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %%d, "seconds": %%.3f, "not_ok": %%d, "errors": %%d, ' ..
    '"p50": %%d, "p99": %%d}\\n',
    summary.requests, summary.duration / 1e6, bad,
    e.connect + e.read + e.write + e.timeout, latency:percentile(50),
    latency:percentile(99)))
end
"""


def deepest_full_page(section):
    """The deepest page of `section` a reader can reach that shows a full page
    of stories: the last page holds anything from one story to a full page,
    so comparing last pages across sizes would compare different work."""
    from django.conf import settings

    from newsroom.core.pagination import MAX_PAGES
    from newsroom.listings import public_stories

    per_page = settings.NEWSROOM_PAGE_SIZE
    count = public_stories().filter(section=section).count()
    return max(1, min(count // per_page, MAX_PAGES))


def find_pages():
    """Inside Django: {page name: path} in the benchmark data."""
    from django.urls import reverse

    from devices.comparison import compare_path
    from devices.models import Device
    from newsroom.models import Article, Section

    story = Article.objects.get(slug="bench-story-0")
    one, two = sorted(
        Device.objects.filter(slug__in=["bench-device-0", "bench-device-1"]),
        key=lambda device: device.slug,
    )
    section = Section.objects.get(slug="bench-0")
    return {
        "home": reverse("newsroom:home"),
        "story": story.get_absolute_url(),
        "device": one.get_absolute_url(),
        "compare": compare_path([one.slug, two.slug]),
        "section": f"{section.get_absolute_url()}?page={deepest_full_page(section)}",
        "feed": reverse("newsroom:feed"),
        "launches.ics": reverse("devices:launches-ics"),
        "search": reverse("newsroom:search") + "?q=periscope",
    }


def describe_pages():
    """Inside Django: print the pages, their queries (cold) and the story's size."""
    import django

    django.setup()
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client

    client = Client(headers={"X-Forwarded-Proto": "https"}, secure=True)
    found = {}
    for name, path in find_pages().items():
        for cache in caches.all(initialized_only=False):
            cache.clear()
        queries = []

        def count(execute, sql, *rest, queries=queries):
            queries.append(sql)
            return execute(sql, *rest)

        with connection.execute_wrapper(count):
            response = client.get(path)
        found[name] = {
            "path": path,
            "status": response.status_code,
            "queries": len(queries),
            "bytes": len(response.content),
        }
    print(json.dumps(found))


def environment(database_url, static_root):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DEBUG"))
    }
    env.update(
        ENV_FILE=os.devnull,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=f"{HOST},testserver",
        SITE_URL=f"https://{HOST}",
        BEHIND_TLS_PROXY="true",
        SECURE_SSL_REDIRECT="true",
        MEDIA_ROOT=str(OUT / "media"),
        STATIC_ROOT=str(static_root),
        LOG_LEVEL="WARNING",
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="bench_settings",
        PYTHONPATH=os.pathsep.join([str(TOOLS), str(ROOT)]),
    )
    return env


def manage(env, *arguments, quiet=True):
    subprocess.run(
        [str(BIN / "python"), "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def prepare(size, args):
    """The database URL for `size` stories, filled if it is not yet."""
    if os.environ.get("DATABASE_URL"):
        url = os.environ["DATABASE_URL"]
        env = environment(url, OUT / "static")
        print(f"Filling {url.split('@')[-1]} with {size} stories ...", flush=True)
        manage(env, "migrate", "--noinput")
        if args.keep:
            manage(env, "make_bench_data", "--stories", str(size), "--keep")
            return url
        manage(env, "flush", "--noinput")
        manage(env, "make_bench_data", "--stories", str(size), quiet=False)
        return url
    path = OUT / f"bench-{size}.sqlite3"
    done = path.with_suffix(".done")
    url = f"sqlite:///{path}"
    env = environment(url, OUT / "static")
    if not done.exists() or args.rebuild:
        path.unlink(missing_ok=True)
        done.unlink(missing_ok=True)
        print(f"Generating {size} stories in {path.name} ...", flush=True)
        started = time.monotonic()
        manage(env, "migrate", "--noinput")
        manage(env, "make_bench_data", "--stories", str(size), quiet=False)
        print(f"  done in {time.monotonic() - started:.0f} s", flush=True)
        done.touch()
    else:
        # A kept database gets the migrations (indexes) added since.
        manage(env, "migrate", "--noinput")
    return url


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def fetch(port, path):
    request = urllib.request.Request(
        f"http://{HOST}:{port}{path}", headers={"X-Forwarded-Proto": "https"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


class Server:
    def __init__(self, size, url, floor_bytes, static_root):
        self.size, self.port = size, free_port()
        env = environment(url, static_root)
        env["BENCH_FLOOR_BYTES"] = str(floor_bytes)
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "bench_wsgi",
                f"--bind={HOST}:{self.port}",
                f"--workers={WORKERS}",
                "--worker-class=sync",
                "--access-logfile=/dev/null",
                "--no-control-socket",
            ],
            cwd=ROOT,
            env=env,
        )
        for _ in range(150):
            if self.process.poll() is not None:
                raise SystemExit("gunicorn exited before it answered")
            try:
                fetch(self.port, "/healthz")
                return
            except OSError:
                time.sleep(0.2)
        raise SystemExit("gunicorn did not answer within 30 s")

    def drain(self):
        """Wait until the workers have finished what wrk left queued (slow
        pages outlast the run), so the next run starts on idle workers."""
        for _ in range(DRAIN_TRIES):
            try:
                fetch(self.port, "/healthz")
                return
            except OSError:
                continue

    def worker_rss_mib(self):
        """The largest resident memory among the workers."""
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        largest = 0
        for child in children:
            try:
                status = Path(f"/proc/{child}/status").read_text()
            except FileNotFoundError:
                continue
            for line in status.splitlines():
                if line.startswith("VmRSS:"):
                    largest = max(largest, int(line.split()[1]))
        return largest / 1024

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def run_wrk(port, path, *, cold, args, scripts):
    script = scripts / ("cold.lua" if cold else "warm.lua")
    command = ["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s"]
    command += ["--timeout", "10s", "-s", str(script), f"http://{HOST}:{port}{path}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next((x for x in output.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"wrk gave no result:\n{output}")
    result = json.loads(line[len("RESULT ") :])
    result["rps"] = result["requests"] / result["seconds"]
    return result


def measure(servers, paths, args):
    """{size: {run name: [result per round]}}, runs interleaved."""
    scripts = OUT / "wrk"
    scripts.mkdir(parents=True, exist_ok=True)
    (scripts / "cold.lua").write_text(
        WRK_SCRIPT % {"cold": 'wrk.headers["X-Bench-Cold"] = "1"'}
    )
    (scripts / "warm.lua").write_text(WRK_SCRIPT % {"cold": ""})
    runs = [(name, cold) for name in args.pages for cold in (True, False)]
    runs += [(name, False) for name in BASELINES]
    runs += [(f"{SAME_SIZE} {name}", False) for name in args.pages]
    results = {server.size: {} for server in servers}
    rss = {server.size: 0.0 for server in servers}
    for number in range(1, args.rounds + 1):
        print(f"Round {number}/{args.rounds} ...", flush=True)
        for name, cold in runs:
            for server in servers:
                key = (
                    f"{name} cold"
                    if cold
                    else name
                    if is_baseline(name)
                    else f"{name} warm"
                )
                result = run_wrk(
                    server.port,
                    paths[server.size][name],
                    cold=cold,
                    args=args,
                    scripts=scripts,
                )
                results[server.size].setdefault(key, []).append(result)
                rss[server.size] = max(rss[server.size], server.worker_rss_mib())
                server.drain()
    return results, rss


def is_baseline(name):
    return name in BASELINES or name.startswith(SAME_SIZE)


def median(values):
    return statistics.median(values) if values else float("nan")


def ratio(top, bottom):
    return top / bottom if bottom else float("nan")


def summarise(results, rss, described, sizes):
    """Rows per size: medians and per-round ratios."""
    summary = {}
    small = sizes[-1] if len(sizes) > 1 else None
    for size in sizes:
        runs = results[size]
        floor, static = runs["floor"], runs["static"]
        rows = {}
        for key, rounds in runs.items():
            if key.startswith(SAME_SIZE):
                continue
            page = key if is_baseline(key) else key.rsplit(" ", 1)[0]
            same_size = runs.get(f"{SAME_SIZE} {page}")
            row = {
                "rps": median([r["rps"] for r in rounds]),
                "p50_ms": median([r["p50"] / 1000 for r in rounds]),
                "p99_ms": median([r["p99"] / 1000 for r in rounds]),
                "not_ok": sum(r["not_ok"] + r["errors"] for r in rounds),
                "queries": described[size].get(page, {}).get("queries"),
                "to_floor": median(
                    [
                        ratio(r["rps"], f["rps"])
                        for r, f in zip(rounds, floor, strict=True)
                    ]
                ),
                "to_static": median(
                    [
                        ratio(r["rps"], s["rps"])
                        for r, s in zip(rounds, static, strict=True)
                    ]
                ),
                "to_same_size_static": median(
                    [
                        ratio(r["rps"], s["rps"])
                        for r, s in zip(rounds, same_size or [], strict=True)
                    ]
                )
                if same_size
                else None,
            }
            if small is not None and size != small:
                # Time per request at this size over the small one's, per round.
                row[f"cost_vs_{small}"] = median(
                    [
                        ratio(s["rps"], r["rps"])
                        for r, s in zip(rounds, results[small][key], strict=True)
                    ]
                )
            rows[key] = row
        summary[size] = {"rows": rows, "worker_rss_mib": rss[size]}
    return summary


def table(summary, sizes):
    lines = []
    small = sizes[-1] if len(sizes) > 1 else None
    for size in sizes:
        block = summary[size]
        lines.append(
            f"\n{size} stories (largest worker RSS {block['worker_rss_mib']:.0f} MiB)"
        )
        head = f"  {'page':18} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'queries':>7}"
        head += f" {'×floor':>7} {'×static':>7} {'×same':>7}"
        if small is not None and size != small:
            head += f" {'cost vs ' + str(small):>12}"
        lines.append(head)
        for key, row in block["rows"].items():
            line = f"  {key:18} {row['rps']:8.1f}"
            line += f" {row['p50_ms']:7.1f} {row['p99_ms']:7.1f}"
            queries = "" if row["queries"] is None else str(row["queries"])
            line += f" {queries:>7} {row['to_floor']:7.4f} {row['to_static']:7.4f}"
            same = row["to_same_size_static"]
            line += f" {'':>7}" if same is None else f" {same:7.4f}"
            if f"cost_vs_{small}" in row:
                line += f" {row[f'cost_vs_{small}']:11.2f}×"
            if row["not_ok"]:
                line += f"  ({row['not_ok']} not 200)"
            lines.append(line)
    lines.append(
        "\n×floor, ×static, ×same: requests/s over the floor's, the story-size"
        " static file's and the static file's of the page's own size (medians"
        " of per-round ratios)."
    )
    return "\n".join(lines)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Page cost against the framework floor, at scale."
    )
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument(
        "--compare", type=int, metavar="N", help="also measure N stories, interleaved"
    )
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seconds", type=int, default=5, help="per wrk run")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--pages", nargs="+", choices=PAGES, default=PAGES)
    parser.add_argument("--rebuild", action="store_true", help="regenerate the data")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="with DATABASE_URL: reuse the data if it has this many stories",
    )
    parser.add_argument("--json", type=Path, help="where to write the results")
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.seconds < 1 or args.connections < 1:
        parser.error("rounds, seconds and connections must be at least 1")
    if args.compare and os.environ.get("DATABASE_URL"):
        parser.error("--compare needs two databases: use SQLite (no DATABASE_URL)")
    return args


def main(argv=None):
    if "--describe" in (argv or sys.argv[1:]):
        describe_pages()
        return 0
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    OUT.mkdir(parents=True, exist_ok=True)
    sizes = [args.stories] + ([args.compare] if args.compare else [])
    urls = {size: prepare(size, args) for size in sizes}
    static_root = OUT / "static"
    env = environment(urls[sizes[0]], static_root)
    manage(env, "collectstatic", "--noinput")
    described, paths = {}, {}
    for size in sizes:
        listed = subprocess.run(
            [str(BIN / "python"), str(Path(__file__)), "--describe"],
            cwd=ROOT,
            env=environment(urls[size], static_root),
            check=True,
            capture_output=True,
            text=True,
        )
        described[size] = json.loads(listed.stdout)
        broken = {n: p for n, p in described[size].items() if p["status"] != 200}
        if broken:
            raise SystemExit(f"Pages that do not answer 200 at {size}: {broken}")
    # The floor and the static file carry the story page's size (big data).
    floor_bytes = described[sizes[0]]["story"]["bytes"]
    (static_root / STATIC_NAME).write_bytes(b"x" * floor_bytes)
    for size in sizes:
        paths[size] = {name: found["path"] for name, found in described[size].items()}
        paths[size]["floor"] = "/bench-floor/"
        paths[size]["static"] = f"/static/{STATIC_NAME}"
        for name, found in described[size].items():
            same = f"bench-{size}-{name.replace('.', '-')}.html"
            (static_root / same).write_bytes(b"x" * found["bytes"])
            paths[size][f"{SAME_SIZE} {name}"] = f"/static/{same}"
    servers = []
    try:
        for size in sizes:
            servers.append(Server(size, urls[size], floor_bytes, static_root))
        for server in servers:
            for path in paths[server.size].values():
                status, _ = fetch(server.port, path)
                if status != 200:
                    raise SystemExit(f"{path} answered {status} at {server.size}")
        results, rss = measure(servers, paths, args)
    finally:
        for server in servers:
            server.stop()
    summary = summarise(results, rss, described, sizes)
    print(table(summary, sizes))
    target = args.json or OUT / f"bench-{'-'.join(map(str, sizes))}.json"
    target.write_text(
        json.dumps(
            {
                "sizes": sizes,
                "database": "postgresql"
                if os.environ.get("DATABASE_URL", "").startswith("postgres")
                else "sqlite",
                "rounds": args.rounds,
                "seconds": args.seconds,
                "connections": args.connections,
                "pages": {size: described[size] for size in sizes},
                "summary": summary,
                "raw": results,
            },
            indent=2,
        )
    )
    print(f"\nWritten to {target}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(TOOLS))
    sys.exit(main())
