"""`make bench`: the engine, the app under gunicorn and wrk, first-visit bytes and the live panel.

One run measures everything, prints a table with each goal of issues 12 and 20 beside its figure, and
writes the figures as JSON to var/bench/ (git-ignored). SQLite by default; PostgreSQL and Redis
when DATABASE_URL and REDIS_URL are set (the database is always `rothsite_bench`, recreated).
BENCH_SMOKE=1 (`make bench-smoke`) runs every kind of measurement for a few seconds, so CI keeps
this script working; its figures mean nothing.

Each endpoint is measured right after two floor views (bench/urls.py: same middleware, no work;
the second also reads the visitor's session), and its throughput is given as a share of the mean
of each floor before and after it, so a noisy shared machine shifts both alike.
"""

from __future__ import annotations

import copy
import gzip
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.engine_bench import NOT_SURE_HOUSEHOLD  # noqa: E402

SMOKE = os.environ.get("BENCH_SMOKE", "") not in ("", "0")
SECONDS = int(os.environ.get("BENCH_SECONDS", "1" if SMOKE else "5"))
CONNECTIONS = (1, 8)
SCENARIO_COUNTS = (1, 5, 10) if SMOKE else (1, 100, 1000)
KEYSTROKES = 3 if SMOKE else 20
ENGINE_PLANS = "100" if SMOKE else ""
OUT = REPO / "var" / "bench"
BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
WRK = os.environ.get("WRK", "wrk")

# Issue 12's goals, with issue 20's in place of its preview, page and engine figures (measured
# on the married household with three "Not sure" answers below, which runs the most branches).
GOALS = {
    "keystroke_p95_ms": 200,
    "preview_floor_share": 0.25,
    "preview_p95_ms": 12,
    "page_floor_share": 0.15,
    "scenarios_1000_vs_1": 2.0,
    "wizard_first_visit_kb": 30,
    "engine_plans_per_second": 3_000,
}

# A married couple, both with a 401(k) and three plan answers "Not sure" (the engine
# benchmark's household): the engine works each unknown answer out both ways, so this is the
# costliest common household. Alex's pre-tax IRA makes the backdoor pro rata unless it is
# rolled into the plan, and whether the plan takes roll-ins is one of the unknowns.
INPUTS: dict[str, Any] = copy.deepcopy(NOT_SURE_HOUSEHOLD)
# The household step as the browser posts it while the user types (preview).
HOUSEHOLD_ANSWERS = {
    "tax_year": "2026",
    "filing_status": "married_filing_jointly",
    "name": "Alex",
    "age": "52",
    "compensation": "240001",
    "other_income": "12000",
    "state_tax_rate": "5",
    "has_spouse": "on",
    "spouse_name": "Sam",
    "spouse_age": "61",
    "spouse_compensation": "150000",
}


@dataclass
class Endpoint:
    name: str
    path: str
    method: str = "GET"
    cookie: str = ""
    csrf: str = ""
    body: bytes = b""
    content_type: str = ""
    expect: str = ""  # text the answer must hold, checked before timing
    # A form field whose number goes up by one on each request under wrk, as when typing:
    # each preview is then new inputs, worked out afresh (bench/wrk.lua).
    typed: str = ""
    # How far the typed field has gone up in this benchmark: each wrk run starts above it, so
    # no run sends a number an earlier one sent (its panel would be kept).
    typed_so_far: int = 0
    smoke: bool = False  # timed in the smoke run too
    queries: int | None = None


@dataclass
class Timing:
    endpoint: str
    connections: int
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int
    floor_requests_per_second: float = 0.0
    floor_share: float = 0.0
    session_floor_requests_per_second: float = 0.0
    session_floor_share: float = 0.0


@dataclass
class Report:
    started: str
    smoke: bool
    machine: dict[str, Any]
    versions: dict[str, str]
    database: str
    cache: str
    engine: dict[str, Any] = field(default_factory=dict)
    queries: dict[str, int | None] = field(default_factory=dict)
    timings: list[Timing] = field(default_factory=list)
    first_visits: dict[str, dict[str, Any]] = field(default_factory=dict)
    keystroke_ms: dict[str, float] = field(default_factory=dict)
    goals: list[dict[str, Any]] = field(default_factory=list)


# Environment -----------------------------------------------------------------------------


def bench_environment() -> dict[str, str]:
    """Production settings for the server and this process (which prepares the data)."""
    env = {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DATA_DIR": str(OUT / "data"),
        "STATIC_ROOT": str(OUT / "static"),
        "LOG_LEVEL": "WARNING",
    }
    if os.environ.get("DATABASE_URL"):
        parts = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
        env["DATABASE_URL"] = urllib.parse.urlunsplit(parts._replace(path="/rothsite_bench"))
    if os.environ.get("REDIS_URL"):
        env["CACHE_KEY_PREFIX"] = f"bench-{secrets.token_hex(4)}"
    return env


def fresh_database(env: dict[str, str]) -> None:
    if "DATABASE_URL" not in env:
        shutil.rmtree(OUT / "data", ignore_errors=True)
        return
    import psycopg

    admin = urllib.parse.urlsplit(env["DATABASE_URL"])._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS rothsite_bench WITH (FORCE)")
        connection.execute("CREATE DATABASE rothsite_bench")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for package in ("django", "gunicorn", "whitenoise", "brotli", "psycopg", "redis"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = ""
    found |= {
        "wrk": subprocess.run([WRK, "-v"], capture_output=True, text=True)
        .stdout.split(" [")[0]
        .removeprefix("wrk "),
        "chromium": subprocess.run(
            [CHROMIUM, "--version"], capture_output=True, text=True
        ).stdout.strip(),
    }
    try:
        found["commit"] = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        found["commit"] = ""
    return found


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


# The engine ------------------------------------------------------------------------------


def engine() -> dict[str, Any]:
    """bench/engine_bench.py; its "full path" line (JSON in, JSON bytes out) is the figure."""
    command = [sys.executable, str(REPO / "bench" / "engine_bench.py")]
    if ENGINE_PLANS:
        command.append(ENGINE_PLANS)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    print(output.rstrip())
    full = None
    for line in output.splitlines():
        found = re.search(r"([\d,]+)\s*plans/s", line)
        if found and line.strip().startswith("full path"):
            full = float(found.group(1).replace(",", ""))
            break
    if full is None:
        raise SystemExit("bench: no full-path plans/s line in bench/engine_bench.py's output")
    return {"full_path_plans_per_second": full, "output": output}


# Data and sessions -----------------------------------------------------------------------


def migrate_and_collect() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False, clear=True)


def prepare(base: str) -> list[Endpoint]:
    """Accounts, scenarios, a share link and sessions; the endpoints to time, checked."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.base import SessionBase
    from django.test import Client

    from planner import drafts
    from planner.models import Scenario, ShareLink

    draft = drafts.Draft.new(INPUTS["tax_year"])
    draft.inputs = json.loads(json.dumps(INPUTS))
    form = draft.stored()
    user_model = get_user_model()
    owners = {}
    for count in SCENARIO_COUNTS:
        owner = user_model.objects.create_user(f"bench{count}@example.com", password=None)
        Scenario.objects.bulk_create(
            Scenario(owner=owner, name=f"Plan {n}", form=form, tax_year=INPUTS["tax_year"])
            for n in range(count)
        )
        owners[count] = owner
    shared = Scenario.objects.filter(owner=owners[SCENARIO_COUNTS[0]]).first()
    token = ShareLink.create_for(shared, label="Advisor").token

    session_cookie = settings.SESSION_COOKIE_NAME
    visitor = Client()
    store: SessionBase = visitor.session
    draft.save(store)
    store.save()
    visitor.cookies[session_cookie] = store.session_key
    visitor.get("/plan/household/")  # sets the CSRF cookie, as a browser's first GET does
    csrf = visitor.cookies[settings.CSRF_COOKIE_NAME].value
    visitor_cookie = f"{session_cookie}={store.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}"

    members = {}
    for count, owner in owners.items():
        member = Client()
        member.force_login(owner)
        members[count] = f"{session_cookie}={member.cookies[session_cookie].value}"

    endpoints = [
        Endpoint("floor", "/bench/floor/", expect="ok", smoke=True),
        Endpoint(
            "session floor",
            "/bench/session-floor/",
            cookie=visitor_cookie,
            expect="ok",
            smoke=True,
        ),
        Endpoint(
            "preview POST",
            "/plan/household/preview/",
            method="POST",
            cookie=visitor_cookie,
            csrf=csrf,
            body=urllib.parse.urlencode(HOUSEHOLD_ANSWERS).encode(),
            content_type="application/x-www-form-urlencoded",
            expect="comparison-table",
            smoke=True,
            typed="compensation",
        ),
        Endpoint("step GET", "/plan/household/", cookie=visitor_cookie, expect="comparison-table"),
        Endpoint("results", "/plan/results/", cookie=visitor_cookie, expect="Form 8606"),
        Endpoint("shared page", f"/s/{token}/", expect="Form 8606", smoke=True),
        Endpoint(
            "/api/plan",
            "/api/plan",
            method="POST",
            body=json.dumps(INPUTS).encode(),
            content_type="application/json",
            expect='"totals"',
            smoke=True,
        ),
    ]
    endpoints += [
        Endpoint(
            f"/scenarios/ ({count:,})",
            "/scenarios/",
            cookie=members[count],
            expect=f"Plan {count - 1}",
        )
        for count in SCENARIO_COUNTS
    ]
    for endpoint in endpoints:
        check(base, endpoint)
        endpoint.queries = count_queries(endpoint)
    return endpoints


def _request(base: str, endpoint: Endpoint) -> urllib.request.Request:
    headers = {}
    if endpoint.cookie:
        headers["Cookie"] = endpoint.cookie
    if endpoint.csrf:
        headers["X-CSRFToken"] = endpoint.csrf
        headers["HX-Request"] = "true"
    if endpoint.content_type:
        headers["Content-Type"] = endpoint.content_type
    return urllib.request.Request(
        base + endpoint.path,
        data=endpoint.body or None,
        method=endpoint.method,
        headers=headers,
    )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def check(base: str, endpoint: Endpoint) -> None:
    """wrk counts a redirect as a success: make sure each endpoint really answers its page."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(_request(base, endpoint), timeout=60) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, text = error.code, ""
    if status != 200 or endpoint.expect not in text:
        raise SystemExit(f"bench: {endpoint.name} answered {status} without {endpoint.expect!r}")


def count_queries(endpoint: Endpoint) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(headers={"X-CSRFToken": endpoint.csrf} if endpoint.csrf else {})
    for pair in filter(None, endpoint.cookie.split("; ")):
        name, value = pair.split("=", 1)
        client.cookies[name] = value
    with CaptureQueriesContext(connection) as captured:
        if endpoint.method == "POST":
            client.post(endpoint.path, endpoint.body, content_type=endpoint.content_type)
        else:
            client.get(endpoint.path)
    return len(captured.captured_queries)


# The server and wrk ----------------------------------------------------------------------


def start_server(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "rothsite.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
        ],
        cwd=REPO,
        env={**os.environ, **env},
        start_new_session=True,
    )
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/floor/", timeout=1).read()
            return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit("bench: gunicorn did not start") from None
            time.sleep(0.1)
    stop_server(server)
    raise SystemExit("bench: gunicorn did not answer within 20 s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def wrk(
    base: str, endpoint: Endpoint, connections: int, body_file: Path, seconds: int = SECONDS
) -> Timing:
    if endpoint.body:
        body_file.write_bytes(endpoint.body)
    threads = min(connections, 2)
    args = [
        endpoint.method,
        str(body_file) if endpoint.body else "-",
        endpoint.content_type or "-",
        endpoint.cookie or "-",
        endpoint.csrf or "-",
        endpoint.typed or "-",
        str(endpoint.typed_so_far + 1),
        str(threads),
    ]
    command = [
        WRK,
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={seconds}s",
        "--timeout=30s",
        f"--script={REPO / 'bench' / 'wrk.lua'}",
        base + endpoint.path,
        "--",
        *args,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    figures = json.loads(line.removeprefix("BENCH "))
    if endpoint.typed:
        # Requests in flight when wrk stops are sent but not counted: a margin for them.
        endpoint.typed_so_far += figures["requests"] + threads * connections + 100
    settle(base, figures["max_us"] / 1e6)
    if not figures["requests"]:
        if seconds >= 4 * SECONDS:
            raise SystemExit(f"bench: no answer from {endpoint.name} in {seconds} s")
        return wrk(base, endpoint, connections, body_file, seconds=2 * seconds)
    errors = sum(figures[kind] for kind in ("connect", "read", "write", "status", "timeout"))
    return Timing(
        endpoint=endpoint.name,
        connections=connections,
        requests_per_second=figures["requests"] / (figures["duration_us"] / 1e6),
        p50_ms=figures["p50_us"] / 1000,
        p95_ms=figures["p95_us"] / 1000,
        p99_ms=figures["p99_us"] / 1000,
        errors=errors,
    )


def settle(base: str, slowest: float) -> None:
    """Let the server finish what wrk left behind: requests queued on the listening socket (one
    floor request waits for them), then the one the other worker may still be on."""
    urllib.request.urlopen(base + "/bench/floor/", timeout=300).read()
    time.sleep(min(slowest, 30))


def time_endpoints(base: str, endpoints: list[Endpoint]) -> list[Timing]:
    """Each endpoint between runs of both floors: its share of the plain floor (the goals) and
    of the floor that reads the visitor's session (what any page with a draft pays first)."""
    floor, session_floor, *timed = endpoints
    if SMOKE:
        timed = [endpoint for endpoint in timed if endpoint.smoke]
    body_file = OUT / "body"
    timings = []
    for connections in CONNECTIONS[:1] if SMOKE else CONNECTIONS:
        # Warm-up: both workers through every code path.
        for endpoint in [floor, session_floor, *timed]:
            wrk(base, endpoint, connections, body_file, seconds=1)
        before = [wrk(base, f, connections, body_file) for f in (floor, session_floor)]
        for endpoint in timed:
            timing = wrk(base, endpoint, connections, body_file)
            after = [wrk(base, f, connections, body_file) for f in (floor, session_floor)]
            plain, session = (
                statistics.mean([b.requests_per_second, a.requests_per_second])
                for b, a in zip(before, after, strict=True)
            )
            timing.floor_requests_per_second = plain
            timing.floor_share = timing.requests_per_second / plain
            timing.session_floor_requests_per_second = session
            timing.session_floor_share = timing.requests_per_second / session
            timings += [timing]
            print(_timing_row(timing), flush=True)
            before = after
        timings += before
    body_file.unlink(missing_ok=True)
    return timings


# Chromium --------------------------------------------------------------------------------

# For each keystroke: when its input event fired, when htmx sent the preview (after the
# debounce), when the answer arrived and when the new panel was swapped in.
WATCH_PANEL = """() => {
  window.__inputAt = 0; window.__sentAt = 0; window.__answeredAt = 0; window.__panels = [];
  document.addEventListener('input', () => { window.__inputAt = performance.now(); }, true);
  document.body.addEventListener('htmx:beforeRequest', () => { window.__sentAt = performance.now(); });
  document.body.addEventListener('htmx:beforeSwap', () => { window.__answeredAt = performance.now(); });
  document.body.addEventListener('htmx:afterSwap', () => {
    if (!window.__inputAt) return;
    const now = performance.now();
    window.__panels.push({total: now - window.__inputAt, wait: window.__sentAt - window.__inputAt,
                          request: window.__answeredAt - window.__sentAt, swap: now - window.__answeredAt});
    window.__inputAt = 0;
  });
}"""


def browser_figures(base: str, visitor_cookie: str) -> tuple[dict[str, Any], dict[str, float]]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            visits = {
                label: first_visit(browser, base + path)
                for label, path in (("home /", "/"), ("wizard step", "/plan/household/"))
            }
            keystrokes = keystroke_to_panel(browser, base, visitor_cookie)
        finally:
            browser.close()
    return visits, keystrokes


def first_visit(browser: Any, url: str) -> dict[str, Any]:
    """What a first visit fetches, weighed as a browser on HTTPS receives it (Brotli or gzip)."""
    context = browser.new_context()
    page = context.new_page()
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    page.goto(url, wait_until="networkidle")
    context.close()
    sizes = {}
    for fetched in urls:
        request = urllib.request.Request(fetched, headers={"Accept-Encoding": "br, gzip"})
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
            encoding = response.headers.get("Content-Encoding", "")
        raw = gzip.decompress(body) if encoding == "gzip" else body
        sizes[urllib.parse.urlsplit(fetched).path] = {
            "bytes": len(body),
            "encoding": encoding or "identity",
            "uncompressed_bytes": len(raw) if encoding != "br" else None,
        }
    return {
        "requests": len(urls),
        "compressed_bytes": sum(size["bytes"] for size in sizes.values()),
        "files": sizes,
    }


def keystroke_to_panel(browser: Any, base: str, visitor_cookie: str) -> dict[str, float]:
    context = browser.new_context()
    context.add_cookies(
        [
            {"name": name, "value": value, "url": base}
            for name, value in (pair.split("=", 1) for pair in visitor_cookie.split("; "))
        ]
    )
    page = context.new_page()
    page.goto(base + "/plan/household/", wait_until="networkidle")
    page.evaluate(WATCH_PANEL)
    field = page.locator('[name="compensation"]')
    field.click()
    field.press("End")
    for n in range(KEYSTROKES):
        field.press("Backspace" if n % 2 else "7")
        page.wait_for_function("(n) => window.__panels.length > n", arg=n, timeout=10_000)
        page.wait_for_timeout(100)
    panels = page.evaluate("window.__panels")
    context.close()
    samples = sorted(panel["total"] for panel in panels)
    return {
        "samples": len(samples),
        "p50_ms": statistics.median(samples),
        "p95_ms": samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))],
        "max_ms": samples[-1],
        # Where the median keystroke's time goes.
        **{
            f"{part}_p50_ms": statistics.median(panel[part] for panel in panels)
            for part in ("wait", "request", "swap")
        },
    }


# Report ----------------------------------------------------------------------------------


def _timing_row(t: Timing) -> str:
    floor = (
        f" {t.floor_requests_per_second:>9,.1f} {t.floor_share:>7.1%}"
        f" {t.session_floor_requests_per_second:>9,.1f} {t.session_floor_share:>7.1%}"
        if t.floor_requests_per_second
        else ""
    )
    return (
        f"  {t.endpoint:<22} {t.connections:>2}  {t.requests_per_second:>8,.1f}"
        f" {t.p50_ms:>8.1f} {t.p95_ms:>8.1f} {t.p99_ms:>8.1f} {t.errors:>6}{floor}"
    )


def goals(report: Report) -> list[dict[str, Any]]:
    def timing(name: str, connections: int) -> Timing | None:
        return next(
            (t for t in report.timings if t.endpoint == name and t.connections == connections),
            None,
        )

    rows: list[dict[str, Any]] = []

    def add(label: str, figure: float | None, goal: float, unit: str, at_most: bool) -> None:
        met = None if figure is None else (figure <= goal if at_most else figure >= goal)
        rows.append(
            {
                "goal": label,
                "figure": figure,
                "target": goal,
                "unit": unit,
                "at_most": at_most,
                "met": met,
            }
        )

    add(
        "Keystroke to new panel, p95",
        report.keystroke_ms.get("p95_ms"),
        GOALS["keystroke_p95_ms"],
        "ms",
        True,
    )
    preview = timing("preview POST", 8)
    add(
        "Preview POST, 8 conns: share of floor",
        preview and preview.floor_share * 100,
        GOALS["preview_floor_share"] * 100,
        "%",
        False,
    )
    add(
        "Preview POST, 8 conns: p95",
        preview and preview.p95_ms,
        GOALS["preview_p95_ms"],
        "ms",
        True,
    )
    for name in ("step GET", "results"):
        page = timing(name, 8)
        add(
            f"{name}, 8 conns: share of floor",
            page and page.floor_share * 100,
            GOALS["page_floor_share"] * 100,
            "%",
            False,
        )
    few, many = (
        timing(f"/scenarios/ ({n:,})", 1) for n in (SCENARIO_COUNTS[0], SCENARIO_COUNTS[-1])
    )
    add(
        f"/scenarios/ p50: {SCENARIO_COUNTS[-1]:,} vs {SCENARIO_COUNTS[0]} scenarios",
        few and many and many.p50_ms / few.p50_ms,
        GOALS["scenarios_1000_vs_1"],
        "×",
        True,
    )
    visit = report.first_visits.get("wizard step")
    add(
        "First visit to a wizard step",
        visit and visit["compressed_bytes"] / 1000,
        GOALS["wizard_first_visit_kb"],
        "KB",
        True,
    )
    add(
        "Engine full path",
        report.engine.get("full_path_plans_per_second"),
        GOALS["engine_plans_per_second"],
        "plans/s",
        False,
    )
    return rows


def print_report(report: Report) -> None:
    machine = report.machine
    print(
        f"\n{machine['cpus']} CPUs ({machine['cpu']}), load average"
        f" {machine['load_average_at_start']:.1f} at the start and"
        f" {machine['load_average_at_end']:.1f} at the end; {report.database}, {report.cache}"
    )
    print(", ".join(f"{name} {version}" for name, version in report.versions.items() if version))
    print("\nQueries per page:")
    for name, count in report.queries.items():
        print(f"  {name:<22} {count}")
    print("\nFirst visit (compressed as a browser on HTTPS receives it):")
    for label, visit in report.first_visits.items():
        print(
            f"  {label:<22} {visit['compressed_bytes'] / 1000:>6.1f} KB in {visit['requests']} requests"
        )
        for path, size in visit["files"].items():
            print(f"    {path:<58} {size['bytes'] / 1000:>6.1f} KB {size['encoding']}")
    if report.keystroke_ms:
        k = report.keystroke_ms
        print(
            f"\nKeystroke to new panel in Chromium ({k['samples']} keystrokes):"
            f" p50 {k['p50_ms']:.0f} ms, p95 {k['p95_ms']:.0f} ms, max {k['max_ms']:.0f} ms;"
            f" medians: debounce {k['wait_p50_ms']:.0f} ms, request {k['request_p50_ms']:.0f} ms,"
            f" swap {k['swap_p50_ms']:.0f} ms"
        )
    print(f"\ngunicorn (2 sync workers) and wrk, {SECONDS} s per run:")
    print(
        f"  {'endpoint':<22} {'c':>2}  {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
        f" {'errors':>6} {'floor/s':>9} {'share':>7} {'sess fl/s':>9} {'share':>7}"
    )
    for timing in report.timings:
        print(_timing_row(timing))
    print("\nGoals (issues 12 and 20; shares are of the plain floor):")
    for row in report.goals:
        figure = "n/a" if row["figure"] is None else f"{row['figure']:,.1f} {row['unit']}"
        sign = "≤" if row["at_most"] else "≥"
        verdict = {True: "met", False: "MISSED", None: "not measured"}[row["met"]]
        print(
            f"  {row['goal']:<46} {figure:>16}   goal {sign} {row['target']:,g} {row['unit']:<8} {verdict}"
        )
    if report.smoke:
        print("\n(smoke run: short runs and few scenarios; the figures are not meaningful)")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    env = bench_environment()
    os.environ.update(env)
    fresh_database(env)

    import django

    django.setup()
    from django.conf import settings

    report = Report(
        started=datetime.now(UTC).isoformat(timespec="seconds"),
        smoke=SMOKE,
        machine={
            "cpus": os.cpu_count(),
            "cpu": cpu_name(),
            "system": platform.platform(),
            "load_average_at_start": os.getloadavg()[0],
        },
        versions=versions(),
        database=settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        cache=settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
    )
    print("== engine (bench/engine_bench.py)")
    report.engine = engine()

    print("== migrating, collecting static files, making accounts and sessions")
    migrate_and_collect()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(env, port)
    try:
        endpoints = prepare(base)
        report.queries = {endpoint.name: endpoint.queries for endpoint in endpoints}
        print(f"== wrk against gunicorn at {base}")
        report.timings = time_endpoints(base, endpoints)
        print("== Chromium")
        visitor_cookie = next(e.cookie for e in endpoints if e.name == "preview POST")
        report.first_visits, report.keystroke_ms = browser_figures(base, visitor_cookie)
    finally:
        stop_server(server)

    report.machine["load_average_at_end"] = os.getloadavg()[0]
    report.goals = goals(report)
    print_report(report)
    name = "smoke.json" if SMOKE else f"bench-{report.started.replace(':', '')}.json"
    (OUT / name).write_text(json.dumps(asdict(report), indent=2) + "\n")
    print(f"\nWrote {OUT.relative_to(REPO) / name}")


if __name__ == "__main__":
    main()
