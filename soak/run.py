"""`make soak`: every soak script against production-like servers (gunicorn, DEBUG=0), on
SQLite and on PostgreSQL + Redis, then the figures.

    python -m soak.run [--count 10000]

Loopback only. PostgreSQL (127.0.0.1:5432, user postgres) and Redis (127.0.0.1:6379) must be
running; the soak makes databases of its own (rothsite_reliability_*) and prefixes its
Redis keys, and takes servers away only through its own proxies.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

from soak import concurrency, fuzz, limits, outage, security, two_servers
from soak.server import PYTHON, ROOT, Gunicorn, environment, manage
from soak.soakdb import fresh_postgres_database

CLI = [str(Path(PYTHON).with_name("roth-plan")), "-"]


def heading(text: str) -> None:
    print(f"\n== {text} ==", flush=True)


def soak_one(
    label: str, env: dict[str, str], workers: int, count: int, data_dir: Path | None = None
) -> int:
    heading(f"{label}: migrate, collectstatic, gunicorn with {workers} worker(s), DEBUG=0")
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    problems = 0
    with Gunicorn(env, workers=workers) as server:
        heading(f"{label}: hostile inputs")
        started = time.monotonic()
        figures = fuzz.fuzz_server(server.base, count, seed=1, cli=CLI)
        print(figures.report())
        print(f"({time.monotonic() - started:.0f} s)")
        problems += len(figures.server_errors) + len(figures.cli_tracebacks)

        heading(f"{label}: concurrency (saves, renames, duplicates, imports, shares)")
        ledger = concurrency.Ledger()
        concurrency.workload(server.base, 3, 4, 25, ledger)
        race = concurrency.races(server.base, 60)
        subprocess_env = {**env, "DJANGO_SETTINGS_MODULE": "rothsite.settings"}
        verified = subprocess.run(
            [PYTHON, "-c", _VERIFY, repr(_ledger_data(ledger))],
            cwd=ROOT,
            env=subprocess_env,
            capture_output=True,
            text=True,
        )
        print(verified.stdout.strip() or verified.stderr[-2000:])
        problems += int(verified.returncode != 0)
        print(
            f"rename/save races: {race['rounds']}, B's save acknowledged in {race['b_saved']}, "
            f"A's stale save acknowledged after it (overwrites): {race['overwrites']}"
        )
        problems += race["overwrites"]

        heading(f"{label}: rate limits")
        for row_label, got, expected, ok in limits.check([server.base]):
            if expected:
                ok = got == expected
                print(f"{row_label}: first 429 at request {got} (expected {expected})")
            else:
                print(f"{row_label}: {'yes' if ok else 'NO'}")
            problems += not ok

        heading(f"{label}: issue 17 (numbers, sign-up, exports, schema, account, cap, SQLite)")
        rows = security.check(server.base, CLI, schema_count=max(20, min(300, count // 20)))
        if data_dir is not None:
            rows += security.sqlite_durability(env, data_dir)
        log = ROOT / "var" / "soak" / f"gunicorn-{server.port}.log"
    rows += security.log_has_no_secrets(log)  # once the server has stopped and flushed
    text, bad = security.report(rows)
    print(text)
    problems += bad
    return problems


# The ledger is checked in a fresh interpreter with the server's DATABASE_URL.
_VERIFY = """
import ast, sys
from soak import concurrency
data = ast.literal_eval(sys.argv[1])
ledger = concurrency.Ledger()
ledger.created_codes = set(data["created_codes"])
ledger.imported_names = set(data["imported_names"])
ledger.writes.update({k: list(v) for k, v in data["writes"].items()})
ledger.initial = dict(data["initial"])
ledger.shares.update(data["shares"])
ledger.refused, ledger.acknowledged, ledger.server_errors = data["counts"]
figures = concurrency.verify(ledger)
for key, value in figures.items():
    print(f"{key}: {value}")
bad = sum(v for k, v in figures.items() if k not in {"acknowledged writes", "refused by the version check"})
sys.exit(1 if bad else 0)
"""


def _ledger_data(ledger: concurrency.Ledger) -> dict[str, object]:
    return {
        "created_codes": sorted(ledger.created_codes),
        "imported_names": sorted(ledger.imported_names),
        "writes": dict(ledger.writes),
        "initial": dict(ledger.initial),
        "shares": dict(ledger.shares),
        "counts": (ledger.refused, ledger.acknowledged, ledger.server_errors),
    }


def deploy_check() -> int:
    heading("check --deploy (production settings, as the README documents)")
    env = environment(redis_url="redis://127.0.0.1:6379/0")
    env.update(
        ALLOWED_HOSTS="plan.example.com",
        HTTPS="1",
        SECURE_HSTS_SECONDS="31536000",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="1",
        SECURE_HSTS_PRELOAD="1",
    )
    result = subprocess.run(
        [PYTHON, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    print((result.stdout + result.stderr).strip())
    return int(result.returncode != 0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--only", choices=["sqlite", "postgres"], default=None)
    args = parser.parse_args()
    problems = 0
    (ROOT / "var" / "soak").mkdir(parents=True, exist_ok=True)
    if args.only in (None, "sqlite"):
        data_dir = ROOT / "var" / "soak" / "sqlite"
        shutil.rmtree(data_dir, ignore_errors=True)
        data_dir.mkdir(parents=True)
        env = environment(data_dir=str(data_dir))
        # One process: without Redis the rate limits count per process (README).
        problems += soak_one("SQLite", env, workers=1, count=args.count, data_dir=data_dir)
    if args.only in (None, "postgres"):
        database = fresh_postgres_database("rothsite_reliability_soak")
        env = environment(
            database_url=f"postgres://postgres@127.0.0.1:5432/{database}",
            redis_url="redis://127.0.0.1:6379/0",
        )
        env["CACHE_KEY_PREFIX"] = f"soak-{uuid.uuid4().hex[:6]}"
        problems += soak_one("PostgreSQL + Redis", env, workers=2, count=args.count)
        heading("PostgreSQL + Redis: two gunicorn instances sharing them")
        lines = two_servers.run()
        print("\n".join(lines))
        problems += int(not lines[-1].endswith(": 0"))
        heading("PostgreSQL + Redis: outages through TCP proxies")
        lines = outage.run()
        print("\n".join(lines))
        problems += int(not lines[-1].endswith(": 0"))
    problems += deploy_check()
    heading(f"soak problems: {problems}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
