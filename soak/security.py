"""Issue 17's checks against a running production-like server: bounded numbers (API and CLI),
no account takeover at sign-up, safe exports, the published schema against the server, the
account page, share-file rate limit, the scenario cap, no secrets in the server's log and
(SQLite) durability and back-up.

    python -m soak.security --base http://127.0.0.1:8123 --log var/soak/gunicorn-8123.log

Each check is a row (label, ok, detail); `make soak` counts the rows that are not ok.
"""

from __future__ import annotations

import argparse
import copy
import csv
import io
import json
import re
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from soak.fuzz import CONTRACT, STEP_FIELDS, HttpSession, signup_link, source_addresses
from soak.server import PYTHON, ROOT

Row = tuple[str, bool, str]
PASSWORD = "security-password-Long-42"
HUGE = "1E999999999"
NUMBER_FIELDS = [
    (("years_to_retirement",), "years_to_retirement"),
    (("form_8606_ratio_places",), "form_8606_ratio_places"),
    (("other_income",), "other_income"),
    (("people", 0, "age"), "people.0.age"),
    (("people", 0, "compensation"), "people.0.compensation"),
    (("people", 0, "plan", "pretax_deferral"), "people.0.plan.pretax_deferral"),
]
SAFE_FILE_NAME = re.compile(r'attachment; filename="[A-Za-z0-9][A-Za-z0-9._-]*"')
SECRET_IN_LOG = re.compile(
    rb"/s/(?!\[redacted\])[A-Za-z0-9_-]{20,}|/signup/confirm/(?!\[redacted\])\S+"
    rb"|/password-reset/(?!\[redacted\]|done/|complete/)[A-Za-z0-9]+/\S+"
)


def _addresses() -> Iterator[str]:
    addresses = source_addresses()
    for _ in range(400_000):  # far from the fuzzer's, the limits' and the concurrency's
        next(addresses)
    return addresses


ADDRESSES = _addresses()


def _session(base: str) -> HttpSession:
    return HttpSession(base, source=next(ADDRESSES))


def _with_raw(path: tuple[Any, ...], raw: str) -> bytes:
    document = copy.deepcopy(CONTRACT)
    target: Any = document
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = "@@raw@@"
    return json.dumps(document).replace('"@@raw@@"', raw).encode()


def numbers(base: str, cli: list[str]) -> list[Row]:
    rows = []
    session = _session(base)
    for path, field in NUMBER_FIELDS:
        started = time.monotonic()
        status, _, body = session.request(
            "POST", "/api/plan", _with_raw(path, HUGE), "application/json"
        )
        took = time.monotonic() - started
        errors = json.loads(body).get("errors", {}) if status == 400 else {}
        rows.append(
            (f"API: {field} = {HUGE} is that field's error", status == 400 and field in errors,
             f"{status} in {took * 1000:.0f} ms: {errors.get(field)}")
        )  # fmt: skip
    try:
        started = time.monotonic()
        done = subprocess.run(
            cli, input=_with_raw(("years_to_retirement",), HUGE), capture_output=True, timeout=30
        )
        took = time.monotonic() - started
        ok = done.returncode == 2 and done.stderr.startswith(b"years_to_retirement: ")
        detail = f"exit {done.returncode} in {took * 1000:.0f} ms: {done.stderr[:80]!r}"
    except subprocess.TimeoutExpired:
        ok, detail = False, "no answer in 30 s"
    rows.append((f"roth-plan -: years_to_retirement = {HUGE}", ok, detail))
    return rows


def _sign_up(session: HttpSession, email: str, password: str) -> str:
    fields = {"email": email, "password1": password, "password2": password}
    status, _, _ = session.post_form("/signup/", fields)
    if status != 200:
        raise SystemExit(f"sign-up of {email} answered {status}")
    return urllib.parse.urlsplit(signup_link(email)).path


def _logged_in(session: HttpSession) -> bool:
    return session.get("/scenarios/")[0] == 200


def sign_up(base: str) -> tuple[list[Row], HttpSession, str]:
    """The owner signs up; a stranger signs up with the same address before the owner
    confirms. Returns the rows and the owner's logged-in session and email."""
    email = f"owner-{uuid.uuid4().hex[:10]}@example.org"
    owner, stranger = _session(base), _session(base)
    owners_link = _sign_up(owner, email, PASSWORD)
    time.sleep(0.05)  # the mails' files are told apart by time
    strangers_link = _sign_up(stranger, email, "a-strangers-Password-7")
    rows = []
    status, _, _ = owner.get(owners_link)
    rows.append(
        (
            "sign-up: the link alone opens no session",
            status == 200 and not _logged_in(owner),
            f"{status}",
        )
    )
    status, _, _ = stranger.post_form(owners_link, {"password": "a-strangers-Password-7"})
    rows.append(
        (
            "sign-up: the owner's link refuses the stranger's password",
            status == 200 and not _logged_in(stranger),
            f"{status}",
        )
    )
    status, _, _ = owner.post_form(owners_link, {"password": PASSWORD})
    rows.append(
        (
            "sign-up: the owner's password confirms and logs in",
            status == 302 and _logged_in(owner),
            f"{status}",
        )
    )
    status, _, _ = stranger.post_form(strangers_link, {"password": "a-strangers-Password-7"})
    refused = status == 200 and not _logged_in(stranger)
    status, _, _ = stranger.post_form(
        "/login/", {"username": email, "password": "a-strangers-Password-7"}
    )
    rows.append(
        (
            "sign-up: the stranger's link and password open nothing after",
            refused and status == 200 and not _logged_in(stranger),
            f"{status}",
        )
    )
    return rows, owner, email  # fmt: skip


def _share_token(session: HttpSession, code: str) -> str:
    session.post_form(f"/scenarios/{code}/share-links/", {"label": "soak", "days": "30"})
    _, _, page = session.get(f"/scenarios/{code}/")
    found = re.search(rb"/s/([A-Za-z0-9_-]{43})/", page)
    return found.group(1).decode() if found else "none"


def exports(base: str, owner: HttpSession) -> tuple[list[Row], str]:
    """A hostile scenario name and person name in every file; returns the share token."""
    formula = '=HYPERLINK("http://evil.example/","Click")'
    household = STEP_FIELDS["household"] | {"name": formula}
    owner.post_form("/plan/household/", household | {"go": "next"})
    for slug, fields in list(STEP_FIELDS.items())[1:]:
        owner.post_form(f"/plan/{slug}/", fields | {"go": "next"})
    name = 'Line\r\nbreak"; filename="evil.exe'
    _, headers, _ = owner.post_form("/scenarios/save/", {"name": name, "action": "new"})
    code = headers.get("location", "").rstrip("/").rsplit("/", 1)[-1]
    token = _share_token(owner, code)
    rows = []
    for label, path in [
        ("owner calendar", f"/scenarios/{code}/calendar.ics"),
        ("shared calendar", f"/s/{token}/calendar.ics"),
        ("shared JSON", f"/s/{token}/plan.json"),
        ("shared CSV", f"/s/{token}/plan.csv"),
    ]:
        status, headers, body = owner.get(path)
        ok = status == 200 and bool(
            SAFE_FILE_NAME.fullmatch(headers.get("content-disposition", ""))
        )
        detail = f"{status} {headers.get('content-disposition', '')}"
        if path.endswith(".csv") and status == 200:
            cells = [cell for row in csv.reader(io.StringIO(body.decode())) for cell in row]
            ok = ok and f"'{formula}" in cells
            ok = ok and not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in cells)
        if path.endswith(".ics") and status == 200:
            ok = ok and b"X-WR-CALNAME:Line\\nbreak" in body
        rows.append((f"exports, hostile names: {label}", ok, detail))
    return rows, token


def share_file_limit(base: str, token: str) -> list[Row]:
    session = _session(base)
    statuses = [session.get(f"/s/{token}/plan.csv")[0] for _ in range(31)]
    first = next((n for n, status in enumerate(statuses, 1) if status == 429), None)
    return [("share-link files: first 429 at request 31", first == 31, f"{first}")]


def account(base: str, owner: HttpSession, token: str) -> list[Row]:
    rows = []
    status, headers, body = owner.get("/account/download/")
    document = json.loads(body) if status == 200 else {}
    ok = status == 200 and len(document.get("scenarios", {}).get("scenarios", [])) >= 1
    rows.append(("account: download everything", ok and token.encode() not in body, f"{status}"))
    status, _, _ = owner.post_form("/account/delete/", {"password": "not-the-password"})
    rows.append(
        (
            "account: a wrong password deletes nothing",
            status == 400 and _logged_in(owner),
            f"{status}",
        )
    )
    status, _, _ = owner.post_form("/account/delete/", {"password": PASSWORD})
    rows.append(
        ("account: deleted with the password", status == 302 and not _logged_in(owner), f"{status}")
    )
    stranger = _session(base)
    gone = [
        stranger.get(f"/s/{token}/{suffix}")[0]
        for suffix in ("", "calendar.ics", "plan.json", "plan.csv")
    ]
    rows.append(("account: its share links answer 410", gone == [410] * 4, f"{gone}"))
    return rows  # fmt: skip


def scenario_cap(base: str) -> list[Row]:
    session = _session(base)
    email = f"cap-{uuid.uuid4().hex[:10]}@example.org"
    session.sign_up(email, PASSWORD)
    for slug, fields in STEP_FIELDS.items():
        session.post_form(f"/plan/{slug}/", fields | {"go": "next"})
    _, headers, _ = session.post_form("/scenarios/save/", {"name": "First", "action": "new"})
    _, _, body = session.get("/scenarios/export/")
    document = json.loads(body)
    document["scenarios"] = document["scenarios"] * 499  # 500 with the first
    upload = json.dumps(document).encode()
    boundary = uuid.uuid4().hex
    multipart = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="s.json"\r\n'
            f"Content-Type: application/json\r\n\r\n"
        ).encode()
        + upload
        + f"\r\n--{boundary}--\r\n".encode()
    )
    status, _, _ = session.request(
        "POST", "/scenarios/import/", multipart, f"multipart/form-data; boundary={boundary}"
    )
    imported = status == 302
    _, headers, _ = session.post_form("/scenarios/save/", {"name": "501st", "action": "new"})
    _, _, page = session.get(headers.get("location", "/scenarios/"))
    refused = b"already keeps the most scenarios it can (500)" in page
    return [("scenario cap: 500 kept, the 501st refused with a message", imported and refused, f"import {status}")]  # fmt: skip


def schema(base: str, count: int) -> list[Row]:
    """Inputs generated from the published schema: each answered 200 with a valid output,
    or refused only by a rule the schema's description lists."""
    from hypothesis import HealthCheck, given, settings
    from jsonschema import Draft202012Validator

    from planner.engine.schema_rules import is_unstated_rule
    from soak.hypothesis_jsonschema_compat import from_schema

    session = _session(base)
    _, _, body = session.get("/api/schema/")
    published = json.loads(body)
    output = Draft202012Validator(published["output"])
    tally = {"answered": 0, "documented refusals": 0, "disagreements": 0}
    examples: list[str] = []

    @settings(max_examples=count, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(from_schema(copy.deepcopy(published["input"])))
    def post(document: dict[str, Any]) -> None:
        status, _, answer = session.request(
            "POST", "/api/plan", json.dumps(document).encode(), "application/json",
            source=next(ADDRESSES),
        )  # fmt: skip
        if status == 200 and not list(output.iter_errors(json.loads(answer))):
            tally["answered"] += 1
        elif status == 400 and all(
            is_unstated_rule(path, message)
            for path, messages in json.loads(answer)["errors"].items()
            for message in messages
        ):
            tally["documented refusals"] += 1
        else:
            tally["disagreements"] += 1
            examples.append(f"{status} {answer[:200]!r}")

    post()
    detail = ", ".join(f"{key} {value}" for key, value in tally.items())
    rows = [(f"schema: {count} generated inputs", tally["disagreements"] == 0, detail)]
    rows += [("  disagreement", False, example) for example in examples[:3]]
    return rows


def log_has_no_secrets(log: Path) -> list[Row]:
    text = log.read_bytes() if log.exists() else b""
    found = SECRET_IN_LOG.findall(text)
    redacted = text.count(b"[redacted]")
    return [("server log: no token or link", not found, f"{len(found)} found, {redacted} lines redacted, {len(text)} bytes")]  # fmt: skip


def sqlite_durability(env: dict[str, str], data_dir: Path) -> list[Row]:
    subprocess_env = {**env, "DJANGO_SETTINGS_MODULE": "rothsite.settings"}
    probe = (
        "from django.db import connection; c = connection.cursor(); "
        "c.execute('PRAGMA synchronous'); print(c.fetchone()[0])"
    )
    done = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", probe], cwd=ROOT, env=subprocess_env,
        capture_output=True, text=True,
    )  # fmt: skip
    value = (done.stdout.strip().splitlines() or [""])[-1]  # after the shell's own notes
    rows = [("SQLite: synchronous=FULL (2)", value == "2", value)]
    target = data_dir / "backups" / "soak.sqlite3"
    done = subprocess.run(
        [PYTHON, "manage.py", "backup", str(target)], cwd=ROOT, env=subprocess_env,
        capture_output=True, text=True,
    )  # fmt: skip
    ok, detail = False, done.stderr[-200:]
    if done.returncode == 0:
        copy_ = sqlite3.connect(target)
        (verdict,) = copy_.execute("PRAGMA integrity_check").fetchone()
        (count,) = copy_.execute("SELECT count(*) FROM planner_scenario").fetchone()
        ok, detail = verdict == "ok" and count > 0, f"integrity {verdict}, {count} scenarios"
    rows.append(("SQLite: manage.py backup while serving", ok, detail))
    return rows


def check(base: str, cli: list[str], schema_count: int) -> list[Row]:
    rows = numbers(base, cli)
    signed_up, owner, _ = sign_up(base)
    rows += signed_up
    exported, token = exports(base, owner)
    rows += exported
    rows += share_file_limit(base, token)
    rows += account(base, owner, token)
    rows += scenario_cap(base)
    rows += schema(base, schema_count)
    return rows


def report(rows: list[Row]) -> tuple[str, int]:
    lines = [f"{'ok ' if ok else 'NO '} {label}: {detail}" for label, ok, detail in rows]
    return "\n".join(lines), sum(not ok for _, ok, _ in rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--log", type=Path)
    parser.add_argument("--schema-count", type=int, default=100)
    args = parser.parse_args()
    cli = [str(Path(PYTHON).with_name("roth-plan")), "-"]
    rows = check(args.base, cli, args.schema_count)
    if args.log:
        rows += log_has_no_secrets(args.log)
    text, problems = report(rows)
    print(text)
    print(f"security problems: {problems}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
