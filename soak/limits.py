"""Rate-limit checker: each limit answers 429 where it should, also in a concurrent burst
and across servers (pass several --base URLs: requests alternate between them).

    python -m soak.limits --base http://127.0.0.1:8123 [--base http://127.0.0.1:8124]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import threading
import uuid
from collections.abc import Iterator

from soak.fuzz import CONTRACT, HttpSession, source_addresses

PASSWORD = "limits-password-Long-42"
_addresses = source_addresses()
# Far from the fuzzer's and the concurrency checker's addresses.
for _ in range(200_000):
    next(_addresses)


def _sessions(bases: list[str], address: str) -> Iterator[HttpSession]:
    """One visitor (one address, one cookie jar) whose requests alternate between servers."""
    sessions = [HttpSession(base, source=address) for base in bases]
    for session in sessions[1:]:
        session.cookies = sessions[0].cookies
    return itertools.cycle(sessions)


def first_429(statuses: list[int]) -> int | None:
    return next((n for n, status in enumerate(statuses, start=1) if status == 429), None)


def check(bases: list[str]) -> list[tuple[str, int | None, int, bool]]:
    rows: list[tuple[str, int | None, int, bool]] = []
    owner = f"owner-{uuid.uuid4().hex[:8]}@example.org"
    HttpSession(bases[0], source=next(_addresses)).sign_up(owner, PASSWORD)

    stranger = _sessions(bases, next(_addresses))
    statuses = [
        next(stranger).post_form("/login/", {"username": owner, "password": "wrong"})[0]
        for _ in range(8)
    ]
    rows.append(("log-in, one account from one address (5)", first_429(statuses), 6, False))
    owner_elsewhere = HttpSession(bases[-1], source=next(_addresses))
    status = owner_elsewhere.post_form("/login/", {"username": owner, "password": PASSWORD})[0]
    rows.append(("  ... the owner, from elsewhere, still logs in", None, 0, status == 302))

    statuses = []
    prober = _sessions(bases, next(_addresses))
    for n in range(25):
        email = f"nobody{n}-{uuid.uuid4().hex[:6]}@example.org"
        statuses.append(next(prober).post_form("/login/", {"username": email, "password": "x"})[0])
    rows.append(("log-in, per address (20)", first_429(statuses), 21, False))

    burst_owner = f"burst-{uuid.uuid4().hex[:8]}@example.org"
    HttpSession(bases[0], source=next(_addresses)).sign_up(burst_owner, PASSWORD)
    address = next(_addresses)
    evaluated = []
    barrier = threading.Barrier(40)

    def guess(base: str) -> None:
        session = HttpSession(base, source=address)
        session.get("/login/")
        barrier.wait()
        status = session.post_form("/login/", {"username": burst_owner, "password": "bad"})[0]
        evaluated.append(status)

    threads = [threading.Thread(target=guess, args=(bases[n % len(bases)],)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    guesses = sum(status == 200 for status in evaluated)
    rows.append((f"log-in burst of 40: guesses evaluated = {guesses}", None, 0, guesses <= 5))

    admin = _sessions(bases, next(_addresses))
    statuses = [
        next(admin).post_form("/admin/login/", {"username": "root", "password": "x"})[0]
        for _ in range(12)
    ]
    rows.append(("admin log-in, per address (10)", first_429(statuses), 11, False))

    signup = _sessions(bases, next(_addresses))
    statuses = []
    for _ in range(12):
        email = f"s-{uuid.uuid4().hex[:8]}@example.org"
        fields = {"email": email, "password1": PASSWORD, "password2": PASSWORD}
        session = next(signup)
        session.cookies.pop("sessionid", None)
        statuses.append(session.post_form("/signup/", fields)[0])
    rows.append(("sign-up, per address (10)", first_429(statuses), 11, False))
    target = f"s-{uuid.uuid4().hex[:8]}@example.org"
    statuses = [
        HttpSession(bases[n % len(bases)], source=next(_addresses)).post_form(
            "/signup/", {"email": target, "password1": PASSWORD, "password2": PASSWORD}
        )[0]
        for n in range(5)
    ]
    rows.append(("sign-up, per target email (3)", first_429(statuses), 4, False))

    reset = _sessions(bases, next(_addresses))
    statuses = [
        next(reset).post_form("/password-reset/", {"email": f"r{n}@example.org"})[0]
        for n in range(12)
    ]
    rows.append(("password reset, per address (10)", first_429(statuses), 11, False))
    statuses = [
        HttpSession(bases[n % len(bases)], source=next(_addresses)).post_form(
            "/password-reset/", {"email": owner}
        )[0]
        for n in range(5)
    ]
    rows.append(("password reset, per target email (3)", first_429(statuses), 4, False))

    shares = _sessions(bases, next(_addresses))
    statuses = [next(shares).get(f"/s/{'x' * 43}/")[0] for _ in range(62)]
    rows.append(("share-link lookups, per address (60/min)", first_429(statuses), 61, False))

    api = _sessions(bases, next(_addresses))
    body = json.dumps(CONTRACT).encode()
    statuses = [
        next(api).request("POST", "/api/plan", body, "application/json")[0] for _ in range(122)
    ]
    rows.append(("POST /api/plan, per address (120/min)", first_429(statuses), 121, False))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", action="append", default=[])
    args = parser.parse_args()
    bases = args.base or ["http://127.0.0.1:8123"]
    failures = 0
    for label, got, expected, ok in check(bases):
        if expected:
            ok = got == expected
            print(f"{label}: first 429 at request {got} (expected {expected})")
        else:
            print(f"{label}: {'yes' if ok else 'NO'}")
        failures += not ok
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
