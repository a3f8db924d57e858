"""Outage checker: PostgreSQL and Redis go away (and hang) behind small TCP proxies while a
production-like server runs; the app must answer 503 (or keep working), quickly, and recover
without a restart. The real servers are never touched.

    python -m soak.outage   (PostgreSQL on 127.0.0.1:5432, Redis on 127.0.0.1:6379)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import uuid
from collections import Counter

from soak.fuzz import CONTRACT, STEP_FIELDS, HttpSession
from soak.proxy import Proxy
from soak.server import Gunicorn, environment, manage
from soak.soakdb import fresh_postgres_database

PAGES = ["/", "/plan/household/", "/plan/results/", "/scenarios/"]
REDIS_TIMEOUT = 0.5  # the settings' default


def probe(session: HttpSession, rounds: int = 3) -> tuple[Counter[int], float, bool]:
    """Statuses over the pages and the API, the slowest answer, and whether the draft is there."""
    statuses: Counter[int] = Counter()
    slowest = 0.0
    draft_there = False
    for _ in range(rounds):
        for page in PAGES:
            started = time.monotonic()
            status, headers, body = session.get(page)
            slowest = max(slowest, time.monotonic() - started)
            statuses[status] += 1
            if page == "/plan/results/" and status == 200:
                draft_there = b"Backdoor Roth IRA" in body
        started = time.monotonic()
        status, _, _ = session.request(
            "POST", "/api/plan", json.dumps(CONTRACT).encode(), "application/json"
        )
        slowest = max(slowest, time.monotonic() - started)
        statuses[status] += 1
    return statuses, slowest, draft_there


def run(pg_port: int = 5432, redis_port: int = 6379) -> list[str]:
    database = fresh_postgres_database("rothsite_reliability_outage", pg_port)
    postgres, redis = Proxy(pg_port).start(), Proxy(redis_port).start()
    env = environment(
        database_url=f"postgres://postgres@127.0.0.1:{postgres.port}/{database}",
        redis_url=f"redis://127.0.0.1:{redis.port}/0",
    )
    env["CACHE_KEY_PREFIX"] = f"soak-outage-{uuid.uuid4().hex[:6]}"
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    lines = []
    bad = 0
    with Gunicorn(env, workers=2) as server:
        visitor = HttpSession(server.base)
        email, password = f"outage-{uuid.uuid4().hex[:8]}@example.org", "outage-password-Long-42"
        visitor.sign_up(email, password)
        for slug, fields in STEP_FIELDS.items():
            visitor.post_form(f"/plan/{slug}/", fields | {"go": "next"})
        phases = [
            ("healthy", None, None),
            ("PostgreSQL down", postgres.stop, None),
            ("PostgreSQL back (no restart)", postgres.resume, None),
            ("PostgreSQL hung", postgres.hang, None),
            ("PostgreSQL back after hang", postgres.resume, None),
            ("Redis down", redis.stop, None),
            ("Redis back", redis.resume, None),
            ("Redis hung", redis.hang, None),
            ("Redis back after hang", redis.resume, None),
        ]
        for label, action, _ in phases:
            if action is not None:
                action()
                time.sleep(0.5)
            statuses, slowest, draft = probe(visitor)
            errors = sum(n for status, n in statuses.items() if status >= 500 and status != 503)
            first = ", ".join(f"{s}×{n}" for s, n in sorted(statuses.items()))
            healthy_phase = "down" not in label and "hung" not in label
            database_away = "PostgreSQL" in label and not healthy_phase
            kept = "-" if database_away else ("yes" if draft else "no")
            lines.append(
                f"{label:30} {first:22} slowest {slowest:5.2f} s  draft shown: {kept:3}  "
                f"500s: {errors}"
            )
            bad += errors
            if label == "Redis hung":
                # Issue 17: a log-in makes seven cache calls; it may wait for one timeout.
                started = time.monotonic()
                status = HttpSession(server.base).post_form(
                    "/login/", {"username": email, "password": password}
                )[0]
                took = time.monotonic() - started
                lines.append(f"  log-in while Redis hangs: {status} in {took:.2f} s")
                if status != 302 or took > 2 * REDIS_TIMEOUT + 0.5:
                    bad += 1
                    lines.append(f"  ^ expected 302 within {2 * REDIS_TIMEOUT + 0.5:.1f} s")
            if healthy_phase and (set(statuses) != {200} or not draft):
                bad += 1
                lines.append("  ^ expected every answer 200 and the draft kept")
            if "PostgreSQL" in label and not healthy_phase and 503 not in statuses:
                bad += 1
                lines.append("  ^ expected 503 while the database is away")
            if "Redis" in label and not healthy_phase and (set(statuses) != {200} or not draft):
                bad += 1
                lines.append("  ^ expected the site (sessions, drafts) to keep working")
    postgres.stop()
    redis.stop()
    lines.append(f"outage problems: {bad}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg-port", type=int, default=5432)
    parser.add_argument("--redis-port", type=int, default=6379)
    args = parser.parse_args()
    lines = run(args.pg_port, args.redis_port)
    print("\n".join(lines))
    return 0 if lines[-1].endswith(": 0") else 1


if __name__ == "__main__":
    sys.exit(main())
