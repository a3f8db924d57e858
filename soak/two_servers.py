"""Scale-out check: two gunicorn instances sharing one PostgreSQL and one Redis.

    python -m soak.two_servers

A visitor signs up on server A and keeps working on server B with the same cookie: the
session, the wizard draft and the rate limits carry over. Only loopback addresses.
"""

from __future__ import annotations

import sys
import uuid

from soak import limits
from soak.fuzz import STEP_FIELDS, HttpSession
from soak.server import Gunicorn, environment, manage
from soak.soakdb import fresh_postgres_database


def run() -> list[str]:
    database = fresh_postgres_database("rothsite_reliability_two_servers")
    env = environment(
        database_url=f"postgres://postgres@127.0.0.1:5432/{database}",
        redis_url="redis://127.0.0.1:6379/0",
    )
    env["CACHE_KEY_PREFIX"] = f"soak-two-{uuid.uuid4().hex[:6]}"
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    lines = []
    with Gunicorn(env, workers=2) as a, Gunicorn(env, workers=2) as b:
        on_a = HttpSession(a.base)
        on_a.sign_up(f"two-{uuid.uuid4().hex[:8]}@example.org", "two-servers-Long-42")
        on_a.post_form("/plan/household/", STEP_FIELDS["household"] | {"go": "next"})
        on_b = HttpSession(b.base)
        on_b.cookies = dict(on_a.cookies)
        status, _, page = on_b.get("/scenarios/")
        lines.append(f"session from A used on B: /scenarios/ answers {status} (200 = logged in)")
        status, headers, page = on_b.get("/plan/401k/")
        lines.append(
            f"draft typed on A, step 2 on B: {status} "
            f"({'the draft is there' if status == 200 else 'sent back to step 1'})"
        )
        for slug in ("401k", "plan-features", "iras", "assumptions"):
            on_b.post_form(f"/plan/{slug}/", STEP_FIELDS[slug] | {"go": "next"})
        status, _, page = on_a.get("/plan/results/")
        lines.append(
            f"steps finished on B, results on A: {status}, "
            f"comparison shown: {b'Mega backdoor Roth' in page}"
        )
        failures = 0
        for label, got, expected, ok in limits.check([a.base, b.base]):
            if expected:
                ok = got == expected
                lines.append(f"limit across A and B, {label}: first 429 at {got} ({expected})")
            else:
                lines.append(f"limit across A and B, {label}: {'yes' if ok else 'NO'}")
            failures += not ok
        lines.append(f"two-server problems: {failures}")
    return lines


def main() -> int:
    lines = run()
    print("\n".join(lines))
    return 0 if lines[-1].endswith(": 0") else 1


if __name__ == "__main__":
    sys.exit(main())
