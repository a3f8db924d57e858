"""Concurrency checker: many sessions saving, renaming, duplicating, importing and sharing at
once; every acknowledged write is then looked for in the database.

    python -m soak.concurrency --base http://127.0.0.1:8123   (DATABASE_URL as the server's)

Invariants checked against the database after the run:
- every acknowledged create (save as new, duplicate, import) exists;
- a scenario's version is 1 + its acknowledged saves and renames: a refused write changed
  nothing, an acknowledged one was not lost;
- its final name and household income are those of an acknowledged write;
- every acknowledged share link exists.
Then the rename/save race of issue 11, many times: session A has the scenario open in the
wizard; A renames while B saves; then A saves its stale draft. An overwrite is A's save
acknowledged after B's.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
import threading
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from soak.fuzz import CONTRACT, STEP_FIELDS, HttpSession, multipart, source_addresses

PASSWORD = "soak-password-Long-42"
VERSION = re.compile(rb'name="version" value="(\d+)"')
_addresses = source_addresses()
_address_lock = threading.Lock()
_incomes = itertools.count(1000)


def _next_address() -> str:
    with _address_lock:
        return next(_addresses)


@dataclass
class Ledger:
    lock: threading.Lock = field(default_factory=threading.Lock)
    created_codes: set[str] = field(default_factory=set)
    imported_names: set[str] = field(default_factory=set)
    writes: dict[str, list[tuple[str, int | None]]] = field(
        default_factory=lambda: defaultdict(list)
    )  # code -> acknowledged (name, income or None for a rename)
    initial: dict[str, tuple[str, int]] = field(default_factory=dict)
    shares: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    refused: int = 0
    acknowledged: int = 0
    server_errors: int = 0

    def note(self, **kwargs: Any) -> None:
        with self.lock:
            for key, value in kwargs.items():
                setattr(self, key, getattr(self, key) + value)


def _status(ledger: Ledger, status: int) -> None:
    if status >= 500:
        ledger.note(server_errors=1)


def _location(headers: dict[str, str]) -> str:
    return headers.get("location", "")


def _code_of(location: str) -> str:
    match = re.search(r"/scenarios/([0-9a-f-]{36})/", location)
    return match.group(1) if match else ""


def _household(session: HttpSession, ledger: Ledger, income: int) -> None:
    fields = STEP_FIELDS["household"] | {"other_income": str(income), "go": "next"}
    status, _, _ = session.post_form("/plan/household/", fields)
    _status(ledger, status)


def _message_after(session: HttpSession, location: str) -> bytes:
    status, _, page = session.get(location.split("#")[0])
    return page


def save_new(session: HttpSession, ledger: Ledger, codes: list[str]) -> None:
    income, name = next(_incomes), f"new-{uuid.uuid4().hex[:10]}"
    _household(session, ledger, income)
    status, headers, _ = session.post_form("/scenarios/save/", {"name": name, "action": "new"})
    _status(ledger, status)
    code = _code_of(_location(headers))
    if status == 302 and code:
        with ledger.lock:
            ledger.created_codes.add(code)
            ledger.initial[code] = (name, income)
            ledger.acknowledged += 1
            codes.append(code)


def edit_and_save(session: HttpSession, ledger: Ledger, code: str) -> None:
    status, _, _ = session.post_form(f"/scenarios/{code}/edit/", {})
    _status(ledger, status)
    income, name = next(_incomes), f"upd-{uuid.uuid4().hex[:10]}"
    _household(session, ledger, income)
    status, headers, _ = session.post_form("/scenarios/save/", {"name": name, "action": "update"})
    _status(ledger, status)
    if status == 302 and _code_of(_location(headers)) == code:
        with ledger.lock:
            ledger.writes[code].append((name, income))
            ledger.acknowledged += 1
    else:
        ledger.note(refused=1)


def rename(session: HttpSession, ledger: Ledger, code: str) -> None:
    status, _, page = session.get(f"/scenarios/{code}/")
    _status(ledger, status)
    found = VERSION.search(page)
    if not found:
        return
    name = f"ren-{uuid.uuid4().hex[:10]}"
    status, headers, _ = session.post_form(
        f"/scenarios/{code}/rename/", {"name": name, "version": found.group(1).decode()}
    )
    _status(ledger, status)
    if status == 302 and b"Renamed to" in _message_after(session, _location(headers)):
        with ledger.lock:
            ledger.writes[code].append((name, None))
            ledger.acknowledged += 1
    else:
        ledger.note(refused=1)


def duplicate(session: HttpSession, ledger: Ledger, code: str, codes: list[str]) -> None:
    status, _, page = session.get(f"/scenarios/{code}/")
    found = VERSION.search(page)
    if not found:
        return
    status, headers, _ = session.post_form(
        f"/scenarios/{code}/duplicate/", {"version": found.group(1).decode()}
    )
    _status(ledger, status)
    copy_code = _code_of(_location(headers))
    if status == 302 and copy_code and copy_code != code:
        with ledger.lock:
            ledger.created_codes.add(copy_code)
            ledger.acknowledged += 1
            codes.append(copy_code)
    else:
        ledger.note(refused=1)


def import_two(session: HttpSession, ledger: Ledger) -> None:
    names = [f"imp-{uuid.uuid4().hex[:10]}" for _ in range(2)]
    form = {"schema": 1, "inputs": CONTRACT, "wizard": {}}
    document = {
        "format": "rothsite-scenarios",
        "version": 1,
        "scenarios": [{"name": name, "form": form} for name in names],
    }
    if "csrftoken" not in session.cookies:
        session.get("/login/")
    body, content_type = multipart("file", "s.json", json.dumps(document).encode())
    prefix = (
        f"--{content_type.split('=')[1]}\r\nContent-Disposition: form-data; "
        f'name="csrfmiddlewaretoken"\r\n\r\n{session.cookies["csrftoken"]}\r\n'
    ).encode()
    status, headers, _ = session.request("POST", "/scenarios/import/", prefix + body, content_type)
    _status(ledger, status)
    if status == 302 and _location(headers) == "/scenarios/":
        with ledger.lock:
            ledger.imported_names.update(names)
            ledger.acknowledged += 1


def share(session: HttpSession, ledger: Ledger, code: str) -> None:
    status, headers, _ = session.post_form(
        f"/scenarios/{code}/share-links/", {"label": "soak", "days": "7"}
    )
    _status(ledger, status)
    if status == 302 and b"Share link created" in _message_after(session, _location(headers)):
        with ledger.lock:
            ledger.shares[code] += 1
            ledger.acknowledged += 1


def _login(base: str, email: str) -> HttpSession:
    session = HttpSession(base, source=_next_address())
    status, _, _ = session.post_form("/login/", {"username": email, "password": PASSWORD})
    if status != 302:
        raise SystemExit(f"log-in failed for {email}: {status}")
    return session


def workload(base: str, users: int, sessions: int, operations: int, ledger: Ledger) -> None:
    def worker(session: HttpSession, codes: list[str], seed: int) -> None:
        rng = random.Random(seed)
        for _ in range(operations):
            with ledger.lock:
                code = rng.choice(codes) if codes else ""
            action = rng.choice(["new", "save", "save", "rename", "rename", "dup", "imp", "share"])
            if action == "new" or not code:
                save_new(session, ledger, codes)
            elif action == "save":
                edit_and_save(session, ledger, code)
            elif action == "rename":
                rename(session, ledger, code)
            elif action == "dup":
                duplicate(session, ledger, code, codes)
            elif action == "imp":
                import_two(session, ledger)
            else:
                share(session, ledger, code)

    threads = []
    for user in range(users):
        email = f"soak-{uuid.uuid4().hex[:10]}@example.org"
        HttpSession(base, source=_next_address()).sign_up(email, PASSWORD)
        codes: list[str] = []
        for n in range(sessions):
            session = _login(base, email)
            threads.append(threading.Thread(target=worker, args=(session, codes, user * 100 + n)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _race_round(a: HttpSession, b: HttpSession, ledger: Ledger) -> tuple[bool, bool]:
    """One rename/save race; (B's save acknowledged, A's stale save acknowledged after)."""
    codes: list[str] = []
    save_new(a, ledger, codes)
    code = codes[0]
    a.post_form(f"/scenarios/{code}/edit/", {})
    b.post_form(f"/scenarios/{code}/edit/", {})
    _, _, page = a.get(f"/scenarios/{code}/rename/")
    version = VERSION.search(page).group(1).decode()  # type: ignore[union-attr]
    barrier = threading.Barrier(2)
    outcome: dict[str, bool] = {}
    _household(b, ledger, next(_incomes))

    def a_renames() -> None:
        barrier.wait()
        _, headers, _ = a.post_form(
            f"/scenarios/{code}/rename/", {"name": "A renamed", "version": version}
        )
        outcome["renamed"] = b"Renamed to" in _message_after(a, _location(headers))

    def b_saves() -> None:
        barrier.wait()
        status, headers, _ = b.post_form(
            "/scenarios/save/", {"name": "B saved", "action": "update"}
        )
        outcome["b_saved"] = status == 302 and _code_of(_location(headers)) == code

    threads = [threading.Thread(target=a_renames), threading.Thread(target=b_saves)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    _household(a, ledger, next(_incomes))
    status, headers, _ = a.post_form("/scenarios/save/", {"name": "A saved", "action": "update"})
    a_saved = status == 302 and _code_of(_location(headers)) == code
    return outcome["b_saved"], a_saved


def races(base: str, rounds: int) -> dict[str, int]:
    """The rename/save race of issue 11, `rounds` times (apart from the workload's ledger)."""
    ledger = Ledger()
    email = f"race-{uuid.uuid4().hex[:10]}@example.org"
    HttpSession(base, source=_next_address()).sign_up(email, PASSWORD)
    a, b = _login(base, email), _login(base, email)
    figures = {"rounds": 0, "b_saved": 0, "a_saved_after": 0, "overwrites": 0}
    for _ in range(rounds):
        b_saved, a_saved = _race_round(a, b, ledger)
        figures["rounds"] += 1
        figures["b_saved"] += b_saved
        figures["a_saved_after"] += a_saved
        figures["overwrites"] += b_saved and a_saved
    return figures


def verify(ledger: Ledger) -> dict[str, int]:
    """Look for every acknowledged write in the database (same DATABASE_URL as the server)."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rothsite.settings")
    django.setup()
    from planner.models import Scenario, ShareLink

    scenarios = {str(s.code): s for s in Scenario.objects.filter(code__in=ledger.created_codes)}
    missing = len(ledger.created_codes - set(scenarios))
    names = set(
        Scenario.objects.filter(name__in=ledger.imported_names).values_list("name", flat=True)
    )
    missing += len(ledger.imported_names - names)
    wrong_version = wrong_content = 0
    for code, scenario in scenarios.items():
        writes = ledger.writes.get(code, [])
        if scenario.version != 1 + len(writes):
            wrong_version += 1
        name, income = ledger.initial.get(code, (scenario.name, None))
        allowed_names = {name, *(n for n, _ in writes)}
        allowed_incomes = {income, *(i for _, i in writes if i is not None)}
        if code in ledger.initial and (
            scenario.name not in allowed_names
            or scenario.form["inputs"].get("other_income") not in allowed_incomes
        ):
            wrong_content += 1
    shares_missing = sum(
        max(0, count - ShareLink.objects.filter(scenario__code=code).count())
        for code, count in ledger.shares.items()
    )
    return {
        "acknowledged writes": ledger.acknowledged,
        "refused by the version check": ledger.refused,
        "acknowledged creates missing": missing,
        "scenarios whose version does not count their acknowledged writes": wrong_version,
        "scenarios holding an unacknowledged write": wrong_content,
        "acknowledged share links missing": shares_missing,
        "server errors": ledger.server_errors,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8123")
    parser.add_argument("--users", type=int, default=3)
    parser.add_argument("--sessions", type=int, default=4)
    parser.add_argument("--operations", type=int, default=25)
    parser.add_argument("--races", type=int, default=60)
    args = parser.parse_args()
    ledger = Ledger()
    workload(args.base, args.users, args.sessions, args.operations, ledger)
    race_figures = races(args.base, args.races)
    figures = verify(ledger)
    for key, value in figures.items():
        print(f"{key}: {value}")
    print(
        f"rename/save races: {race_figures['rounds']}, B's save acknowledged in "
        f"{race_figures['b_saved']}, A's stale save acknowledged after it (overwrites): "
        f"{race_figures['overwrites']}"
    )
    bad = race_figures["overwrites"] + sum(
        value
        for key, value in figures.items()
        if key not in {"acknowledged writes", "refused by the version check"}
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
