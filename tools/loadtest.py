"""Load test: gunicorn with production settings, driven by wrk on 127.0.0.1.

    make loadtest                      # temporary SQLite, 64 connections, 60 s
    make loadtest DATABASE_URL=postgres://...   # an existing (test) database

Steps: a throwaway environment (DEBUG off, a generated SECRET_KEY, HTTPS
signalled by X-Forwarded-Proto as a TLS proxy would), migrate, load_demo,
collectstatic; gunicorn on 127.0.0.1:LOADTEST_PORT; every page in
PAGE_KINDS is fetched once and must answer 200 (a missing page stops the run,
it is never load-tested as a 404); a warm-up; then wrk for LOADTEST_SECONDS
at LOADTEST_CONNECTIONS while the workers' memory is sampled every second.

Bars (exit status 1 when one is missed): no 5xx, no socket errors, worker
memory (RSS, all workers) of the last 10 s within 10% of the first 10 s.

The pages come from the demo data, one list per kind of page. When an app
adds a page type, add a line to PAGE_KINDS.
"""

import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
HOST = "127.0.0.1"
PORT = int(os.environ.get("LOADTEST_PORT", "8120"))
CONNECTIONS = int(os.environ.get("LOADTEST_CONNECTIONS", "64"))
SECONDS = int(os.environ.get("LOADTEST_SECONDS", "60"))
WARMUP_SECONDS = 5
WORKERS = int(os.environ.get("WORKERS", "3"))
MEMORY_TOLERANCE = 0.10
WINDOW = 10  # seconds compared at each end of the run

# Each kind of page, as (name, function returning paths from the demo data).
# The functions run inside Django and get `site.model("app.Model")` and
# `site.reverse(name)`. A kind with no page in the demo data stops the run.
PAGE_KINDS = [
    ("home", lambda site: [site.reverse("newsroom:home")]),
    (
        "story",
        lambda site: [
            story.get_absolute_url()
            for story in site.model("newsroom.Article").objects.published()[:10]
        ],
    ),
    *[
        (
            kind,
            lambda site, label=label: [
                item.get_absolute_url() for item in site.model(label).objects.all()[:5]
            ],
        )
        for kind, label in [
            ("section", "newsroom.Section"),
            ("tag", "newsroom.Tag"),
            ("author", "newsroom.Author"),
            ("device", "devices.Device"),
            ("brand", "devices.Brand"),
            ("launch", "devices.LaunchEvent"),
        ]
    ],
    ("archive", lambda site: [site.reverse("newsroom:archive")]),
    (
        "device and launch indexes",
        lambda site: [
            site.reverse("devices:device-list"),
            site.reverse("devices:launch-list"),
        ],
    ),
    (
        "compare",
        lambda site: [
            site.reverse(
                "devices:compare",
                # The canonical order (alphabetical): the other one redirects.
                kwargs={"slugs": "xiaomi-11-ultra-vs-xiaomi-12s-ultra"},
            ),
            site.reverse(
                "devices:compare",
                kwargs={"slugs": "xiaomi-11-ultra-vs-xiaomi-12s-vs-xiaomi-12s-ultra"},
            ),
            site.reverse("devices:compare-picker"),
        ],
    ),
    (
        "device finder",
        lambda site: [
            site.reverse("devices:device-list")
            + "?partner=leica&min_main_mp=50&min_battery_mah=4000&sort=name"
        ],
    ),
    (
        "device suggestions",
        lambda site: [
            site.reverse("devices:device-suggest") + query
            for query in ("?q=xiaomi", "?q=12s+ultra", "?q=mi+11", "?q=x")
        ],
    ),
    ("opensearch", lambda site: [site.reverse("opensearch")]),
    (
        "feeds and calendars",
        lambda site: [
            site.reverse(name)
            for name in [
                "newsroom:feed",
                "newsroom:feed-atom",
                "newsroom:feed-json",
                "devices:launches-ics",
            ]
        ],
    ),
    ("sitemap", lambda site: ["/sitemap.xml"]),
    (
        "search",
        lambda site: [
            site.reverse("newsroom:search") + "?q=Leica",
            site.reverse("newsroom:search") + "?q=Xiaomi+12+Ultra",
            site.reverse("newsroom:search") + "?q=%22leica+cameras%22+-zeiss",
        ],
    ),
    (
        "archive month",
        lambda site: [
            site.reverse(
                "newsroom:archive-month", kwargs={"year": d.year, "month": d.month}
            )
            for d in site.model("newsroom.Article")
            .objects.published()
            .dates("published_at", "month")
        ][:3],
    ),
]

WRK_SCRIPT = """
local paths = {%(paths)s}
local threads = {}
local counter = 0
wrk.headers["X-Forwarded-Proto"] = "https"
function setup(thread) table.insert(threads, thread) end
function init(args) server_errors = 0 ; others = 0 ; counter = math.random(#paths) end
function request()
  counter = counter %% #paths + 1
  return wrk.format("GET", paths[counter])
end
function response(status, headers, body)
  if status >= 500 then server_errors = server_errors + 1
  elseif status ~= 200 then others = others + 1 end
end
function done(summary, latency, requests)
  local five = 0 ; local other = 0
  for _, t in ipairs(threads) do
    five = five + t:get("server_errors") ; other = other + t:get("others")
  end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %%d, "seconds": %%.3f, "server_errors": %%d, ' ..
    '"not_ok": %%d, "connect": %%d, "read": %%d, "write": %%d, "timeout": %%d, ' ..
    '"status_errors": %%d, "p50": %%d, "p90": %%d, "p99": %%d, "max": %%d}\\n',
    summary.requests, summary.duration / 1e6, five, other, e.connect, e.read,
    e.write, e.timeout, e.status, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max))
end
"""


def print_paths():
    """Inside Django: print {kind: [paths]} from the demo data as JSON."""
    from types import SimpleNamespace

    import django

    django.setup()
    from django.apps import apps
    from django.urls import reverse

    site = SimpleNamespace(model=apps.get_model, reverse=reverse)
    print(json.dumps({name: find(site) for name, find in PAGE_KINDS}))


def environment(workdir):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DEBUG"))
    }
    env.update(
        ENV_FILE=os.devnull,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        SITE_URL=f"https://{HOST}",
        BEHIND_TLS_PROXY="true",
        SECURE_SSL_REDIRECT="true",
        MEDIA_ROOT=str(workdir / "media"),
        STATIC_ROOT=str(workdir / "static"),
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'load.sqlite3'}")
    return env


def manage(env, *arguments):
    subprocess.run(
        [str(BIN / "python"), "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def worker_rss_kib(master_pid):
    """Resident memory of all gunicorn workers (the master's children)."""
    total = 0
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    for pid in children.read_text().split():
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


def fetch(path):
    request = urllib.request.Request(
        f"http://{HOST}:{PORT}{path}", headers={"X-Forwarded-Proto": "https"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_until_up(server):
    for _ in range(100):
        if server.poll() is not None:
            raise SystemExit("gunicorn exited before it answered")
        try:
            fetch("/healthz")
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer within 20 s")


def run_wrk(script, seconds, sample_pid=None):
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s"]
    command += ["-s", str(script), f"http://{HOST}:{PORT}/"]
    wrk = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    samples = []
    while wrk.poll() is None:
        if sample_pid:
            samples.append(worker_rss_kib(sample_pid))
        time.sleep(1)
    output = wrk.stdout.read()
    line = next((x for x in output.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"wrk gave no result:\n{output}")
    return json.loads(line[len("RESULT ") :]), samples


def main():
    if "--paths" in sys.argv:
        print_paths()
        return 0
    if subprocess.run(["which", "wrk"], capture_output=True).returncode != 0:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    with tempfile.TemporaryDirectory(prefix="newsroom-load-") as folder:
        workdir = Path(folder)
        env = environment(workdir)
        print("Preparing: migrate, load_demo, collectstatic ...", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        manage(env, "collectstatic", "--noinput")
        listed = subprocess.run(
            [str(BIN / "python"), __file__, "--paths"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        kinds = json.loads(listed.stdout)
        paths = [path for found in kinds.values() for path in found]
        for name, found in kinds.items():
            print(f"  {name:14} {len(found)} page(s)")
        empty = [name for name, found in kinds.items() if not found]
        if empty:
            raise SystemExit(f"The demo data has no page of kind: {empty}")

        script = workdir / "paths.lua"
        quoted = ", ".join(json.dumps(path) for path in paths)
        script.write_text(WRK_SCRIPT % {"paths": quoted})
        server = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "newsroom.wsgi",
                f"--bind={HOST}:{PORT}",
                f"--workers={WORKERS}",
                "--access-logfile=/dev/null",
                "--no-control-socket",
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            wait_until_up(server)
            broken = {path: s for path in paths if (s := fetch(path)) != 200}
            if broken:
                raise SystemExit(f"Pages that do not answer 200: {broken}")
            print(
                f"Warm-up {WARMUP_SECONDS} s, then {SECONDS} s at "
                f"{CONNECTIONS} connections over {len(paths)} pages ...",
                flush=True,
            )
            run_wrk(script, WARMUP_SECONDS)
            result, samples = run_wrk(script, SECONDS, sample_pid=server.pid)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    return report(result, samples)


def report(result, samples):
    first = sum(samples[:WINDOW]) / max(1, len(samples[:WINDOW]))
    last = sum(samples[-WINDOW:]) / max(1, len(samples[-WINDOW:]))
    growth = (last - first) / first if first else 0.0
    socket_errors = sum(result[k] for k in ("connect", "read", "write", "timeout"))
    rows = [
        ("requests", f"{result['requests']}"),
        ("requests/s", f"{result['requests'] / result['seconds']:.1f}"),
        ("latency p50", f"{result['p50'] / 1000:.1f} ms"),
        ("latency p90", f"{result['p90'] / 1000:.1f} ms"),
        ("latency p99", f"{result['p99'] / 1000:.1f} ms"),
        ("latency max", f"{result['max'] / 1000:.1f} ms"),
        ("5xx responses", f"{result['server_errors']}"),
        ("other non-200", f"{result['not_ok']}"),
        ("socket errors", f"{socket_errors}"),
        ("worker RSS first 10 s", f"{first / 1024:.1f} MiB"),
        ("worker RSS last 10 s", f"{last / 1024:.1f} MiB ({growth:+.1%})"),
    ]
    print()
    for name, value in rows:
        print(f"  {name:24} {value}")
    missed = []
    if result["server_errors"]:
        missed.append("5xx responses")
    if socket_errors:
        missed.append("socket errors")
    if result["not_ok"]:
        missed.append("non-200 responses")
    if abs(growth) > MEMORY_TOLERANCE:
        missed.append("worker memory not flat")
    if result["requests"] == 0:
        missed.append("no requests served")
    print("\n  " + (f"MISSED: {', '.join(missed)}" if missed else "All bars met."))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
