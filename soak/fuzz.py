"""Hostile-input fuzzer: every form, the API, import and the CLI; counts server errors.

    python -m soak.fuzz --base http://127.0.0.1:8123 --count 10000 [--seed 1]

A seeded generator (standard library only, so anyone can rerun it with the same seed) makes
requests from a list of hostile values: non-finite and huge numbers, lone surrogates, NUL,
markup, format strings, very long text, deep JSON nesting, wrong JSON types. Each request
comes from its own loopback address (127.0.0.2 and up) so the rate limits of one address
do not hide the inputs behind 429s; limits are checked separately (soak/limits.py).

The same generator runs inside `make test` on Django's test client for a short smoke
(tests/web/test_soak_fuzz_smoke.py).
"""

from __future__ import annotations

import argparse
import copy
import email.parser as email_parser
import email.policy as email_policy
import http.client
import io
import json
import random
import re
import sys
import time
import urllib.parse
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from soak.server import MAIL_DIR

HOSTILE_NUMBERS = [
    "nan", "NaN", "-nan", "inf", "-inf", "Infinity", "-Infinity", "sNaN", "1e999999",
    "-1e999999", "1e-999999", "1E999999999", "-1E999999999", "1e308", "-0", "0x10", "1_000", "１２３", "9" * 400, "", " ",
    "1,2,3", "$", "%", "6%%", "%s", "12abc", "--5", "5e", "٣", "1/2", "+ 3",
]  # fmt: skip
HOSTILE_TEXT = [
    "\x00", "a\x00b", "\ud800", "x\udfffy", "<script>alert(1)</script>", "'; DROP TABLE x;--",
    "A" * 5000, "../../etc/passwd", "{{ 7*7 }}", "{% debug %}", "%s%n%(x)s", "\u202eevil",
    "😀" * 50, "\r\nSet-Cookie: x=1", "\\", '"', "ゼ" * 200, "", " " * 10, "null",
]  # fmt: skip
HOSTILE_JSON: list[Any] = [
    float("nan"), float("inf"), -float("inf"), 1e308, -1e308, 10**30, -(10**30), 2**64,
    "x", "", "\ud800", "\x00", True, False, None, [], {}, [1], {"a": 1}, "nan", "1e999",
    -1, 0, 0.5, 3.5, 10**6, "@@raw-number@@",
]  # fmt: skip
# "@@raw-number@@" in a document becomes one of these, written as bare JSON numbers: a few
# bytes that would take minutes to turn into an int (issue 17).
RAW_NUMBERS = [b"1E999999999", b"-1E999999999", b"1e-999999999", b"9" * 4000, b"1." + b"5" * 3000]
CONTRACT = {
    "tax_year": 2026,
    "filing_status": "single",
    "people": [
        {
            "name": "You",
            "age": 45,
            "compensation": 250000,
            "plan": {
                "pretax_deferral": 24500,
                "employer_contribution": 12500,
                "allows_after_tax": True,
                "allows_in_service_distribution": True,
            },
            "ira": {"year_end_balance": 20000, "roll_into_plan": False},
        }
    ],
}
HOUSEHOLD = {
    "tax_year": "2026", "filing_status": "single", "name": "You", "age": "45",
    "compensation": "250000", "other_income": "0", "state_tax_rate": "5",
}  # fmt: skip
STEP_FIELDS = {
    "household": HOUSEHOLD,
    "401k": {
        "p0-pretax_deferral": "24500", "p0-roth_deferral": "0", "p0-employer_mode": "formula",
        "p0-employer_contribution": "0", "p0-match_rate": "50", "p0-match_up_to": "6",
        "p0-forfeitures": "0", "p0-prior_year_fica_wages": "",
    },
    "plan-features": {
        "p0-allows_after_tax": "on", "p0-after_tax_cap": "", "p0-after_tax_cap_percent": "10",
        "p0-after_tax_contribution": "", "p0-allows_in_service_distribution": "on",
        "p0-conversion_frequency": "per_paycheck", "p0-after_tax_route": "",
        "p0-after_tax_earnings": "",
    },
    "iras": {
        "p0-year_end_balance": "0", "p0-basis": "0", "p0-nondeductible_contribution": "",
        "p0-conversion": "", "p0-earnings_before_conversion": "0",
    },
    "assumptions": {
        "expected_return": "6", "years_to_retirement": "20", "federal_marginal_rate": "24",
        "itemized_deductions": "", "form_8606_ratio_places": "5",
    },
}  # fmt: skip


@dataclass
class Request:
    target: str  # what is exercised, for the figures
    method: str
    path: str
    body: bytes = b""
    content_type: str = ""
    needs_login: bool = False


@dataclass
class Figures:
    sent: int = 0
    by_status: Counter[int] = field(default_factory=Counter)
    by_target: Counter[str] = field(default_factory=Counter)
    server_errors: list[str] = field(default_factory=list)
    cli_runs: int = 0
    cli_tracebacks: list[str] = field(default_factory=list)

    def record(self, request: Request, status: int) -> None:
        self.sent += 1
        self.by_status[status] += 1
        self.by_target[request.target] += 1
        if status >= 500:
            self.server_errors.append(f"{status} {request.method} {request.path[:120]}")

    def report(self) -> str:
        lines = [
            f"hostile inputs sent: {self.sent}",
            f"server errors (5xx): {len(self.server_errors)}",
            "statuses: " + ", ".join(f"{s}×{n}" for s, n in sorted(self.by_status.items())),
            "targets: " + ", ".join(f"{t}×{n}" for t, n in sorted(self.by_target.items())),
            f"CLI runs: {self.cli_runs}, CLI tracebacks: {len(self.cli_tracebacks)}",
        ]
        lines += [f"  e.g. {example}" for example in self.server_errors[:10]]
        lines += [f"  CLI e.g. {example}" for example in self.cli_tracebacks[:5]]
        return "\n".join(lines)


def form_body(fields: dict[str, str]) -> bytes:
    """URL-encoded form data; lone surrogates go out as their (invalid) UTF-8 bytes."""
    return "&".join(f"{quote(key)}={quote(value)}" for key, value in fields.items()).encode("ascii")


def quote(text: str) -> str:
    return urllib.parse.quote_from_bytes(text.encode("utf-8", "surrogatepass"), safe="")


def json_body(document: Any) -> bytes:
    return json.dumps(document, allow_nan=True).encode("utf-8", "surrogatepass")


def multipart(name: str, filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: application/json\r\n\r\n'
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


def _leaves(document: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(document, dict):
        for key, value in document.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            yield from _leaves(value, (*path, index))
    if path:
        yield path


def mutate(rng: random.Random, document: Any) -> Any:
    """A copy of `document` with one to three values (or keys) made hostile."""
    mutated = copy.deepcopy(document)
    for _ in range(rng.randint(1, 3)):
        paths = list(_leaves(mutated))
        if not paths:
            break
        path = rng.choice(paths)
        parent = mutated
        for step in path[:-1]:
            parent = parent[step]
        choice = rng.random()
        if choice < 0.7:
            parent[path[-1]] = copy.deepcopy(rng.choice(HOSTILE_JSON))
        elif choice < 0.85:
            nested: list[Any] = []
            for _ in range(rng.randint(30, 400)):
                nested = [nested]
            parent[path[-1]] = nested
        elif isinstance(parent, dict):
            parent[rng.choice(HOSTILE_TEXT)] = copy.deepcopy(rng.choice(HOSTILE_JSON))
    return mutated


def hostile_json_bytes(rng: random.Random, document: Any) -> bytes:
    roll = rng.random()
    if roll < 0.08:
        depth = rng.choice([100, 1000, 20000, 100000])
        return ("[" * depth + "]" * depth).encode()
    if roll < 0.12:
        return ('{"a":' * 5000 + "1" + "}" * 5000).encode()
    if roll < 0.16:
        return json_body(document)[: rng.randint(0, 200)]
    if roll < 0.2:
        return rng.choice([b"\xff\xfe", b"\xed\xa0\x80", b"null", b"[]", b'"x"', b"1e999", b""])
    body = json_body(mutate(rng, document))
    while b'"@@raw-number@@"' in body:
        body = body.replace(b'"@@raw-number@@"', rng.choice(RAW_NUMBERS), 1)
    return body


def export_of(forms: list[Any], names: list[Any]) -> dict[str, Any]:
    return {
        "format": "rothsite-scenarios",
        "version": 1,
        "scenarios": [{"name": n, "form": f} for n, f in zip(names, forms, strict=False)],
    }


def _hostile_fields(rng: random.Random, fields: dict[str, str]) -> dict[str, str]:
    changed = dict(fields)
    for name in rng.sample(list(fields), k=min(len(fields), rng.randint(1, 3))):
        pool = HOSTILE_NUMBERS if rng.random() < 0.7 else HOSTILE_TEXT
        changed[name] = rng.choice(pool)
    if rng.random() < 0.1:
        changed[rng.choice(HOSTILE_TEXT) or "x"] = rng.choice(HOSTILE_TEXT)
    return changed


def generate(rng: random.Random, scenario_code: str, share_token: str) -> Request:
    """One hostile request, chosen over every form and endpoint."""
    kind = rng.choices(
        ["step", "preview", "api", "import", "signup", "login", "reset", "save", "rename",
         "share", "compare", "shared", "odd-url"],
        weights=[20, 20, 20, 8, 4, 4, 3, 4, 4, 3, 3, 3, 4],
    )[0]  # fmt: skip
    if kind in ("step", "preview"):
        slug = rng.choice(list(STEP_FIELDS))
        suffix = "preview/" if kind == "preview" else ""
        fields = _hostile_fields(rng, STEP_FIELDS[slug]) | {"go": rng.choice(["next", "back"])}
        return Request(
            kind, "POST", f"/plan/{slug}/{suffix}", form_body(fields), FORM, needs_login=False
        )
    if kind == "api":
        return Request(kind, "POST", "/api/plan", hostile_json_bytes(rng, CONTRACT), JSON)
    if kind == "import":
        form = {"schema": 1, "inputs": CONTRACT, "wizard": {}}
        document = export_of([form, form], ["One", rng.choice(HOSTILE_TEXT) or "Two"])
        content = hostile_json_bytes(rng, document)
        body, content_type = multipart("file", "scenarios.json", content)
        return Request(kind, "POST", "/scenarios/import/", body, content_type, needs_login=True)
    if kind == "signup":
        fields = {"email": "a@example.org", "password1": "x" * 12, "password2": "x" * 12}
        return Request(kind, "POST", "/signup/", form_body(_text_fields(rng, fields)), FORM)
    if kind == "login":
        fields = {"username": "a@example.org", "password": "x"}
        return Request(kind, "POST", "/login/", form_body(_text_fields(rng, fields)), FORM)
    if kind == "reset":
        fields = {"email": "a@example.org"}
        return Request(kind, "POST", "/password-reset/", form_body(_text_fields(rng, fields)), FORM)
    if kind == "save":
        fields = {"name": "x", "action": "new"}
        body = form_body(_text_fields(rng, fields))
        return Request(kind, "POST", "/scenarios/save/", body, FORM, needs_login=True)
    if kind == "rename":
        fields = {"name": "x", "version": "1"}
        path = f"/scenarios/{scenario_code}/rename/"
        return Request(kind, "POST", path, form_body(_text_fields(rng, fields)), FORM, True)
    if kind == "share":
        fields = {"label": "x", "days": "30"}
        path = f"/scenarios/{scenario_code}/share-links/"
        return Request(kind, "POST", path, form_body(_text_fields(rng, fields)), FORM, True)
    if kind == "compare":
        values = [rng.choice(HOSTILE_TEXT + [scenario_code]) for _ in range(rng.randint(1, 4))]
        query = "&".join(f"s={quote(v)}" for v in values)
        return Request(kind, "GET", f"/scenarios/compare/?{query}", needs_login=True)
    if kind == "shared":
        token = rng.choice(HOSTILE_TEXT + [share_token, share_token + "x", "a" * 64])
        return Request(kind, "GET", f"/s/{quote(token) or 'x'}/")
    text = quote(rng.choice(HOSTILE_TEXT + HOSTILE_NUMBERS)) or "x"
    path = rng.choice(
        [f"/plan/{text}/", f"/scenarios/{text}/", f"/plan/results/?x={text}", f"/{text}"]
    )
    return Request(kind, "GET", path)


def _text_fields(rng: random.Random, fields: dict[str, str]) -> dict[str, str]:
    changed = dict(fields)
    for name in rng.sample(list(fields), k=rng.randint(1, len(fields))):
        changed[name] = rng.choice(HOSTILE_TEXT + HOSTILE_NUMBERS)
    return changed


FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


def cli_cases(rng: random.Random, count: int) -> Iterator[bytes]:
    for _ in range(count):
        yield hostile_json_bytes(rng, CONTRACT)


def run_cli_in_process(data: bytes, figures: Figures) -> None:
    """The CLI's own entry (planner.engine.cli.run): any exception is a traceback."""
    from planner.engine import cli

    figures.cli_runs += 1
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="strict")
    out, err = io.StringIO(), io.StringIO()
    try:
        status = cli.run("-", stdin, out, err, None)
    except Exception as error:  # the point of the count
        figures.cli_tracebacks.append(f"{type(error).__name__}: {str(error)[:80]}")
        return
    if status not in (0, 2):
        figures.cli_tracebacks.append(f"exit {status}")


def run_cli_subprocess(data: bytes, figures: Figures, command: list[str]) -> None:
    import subprocess

    figures.cli_runs += 1
    result = subprocess.run(command, input=data, capture_output=True, timeout=60)
    if b"Traceback" in result.stderr or result.returncode not in (0, 2):
        figures.cli_tracebacks.append(f"exit {result.returncode}: {result.stderr[-120:]!r}")


# Against a running server -------------------------------------------------------------------


class HttpSession:
    """Cookies and the CSRF token of one visitor, over http.client from a chosen address."""

    def __init__(self, base: str, source: str = "127.0.0.1") -> None:
        parsed = urllib.parse.urlsplit(base)
        self.host, self.port = parsed.hostname or "127.0.0.1", parsed.port or 80
        self.source = source
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: bytes = b"", content_type: str = "", source: str = ""
    ) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection(
            self.host, self.port, timeout=60, source_address=(source or self.source, 0)
        )
        headers = {"Host": f"{self.host}:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            headers["Content-Type"] = content_type or FORM
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
            headers["Origin"] = f"http://{self.host}:{self.port}"
        try:
            connection.request(
                method, path, body=body if method == "POST" else None, headers=headers
            )
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data

    def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        return self.request("GET", path)

    def post_form(self, path: str, fields: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if "csrftoken" not in self.cookies:
            self.get("/login/")
        fields = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **fields}
        return self.request("POST", path, form_body(fields), FORM)

    def sign_up(self, email: str, password: str) -> None:
        """Sign up, then confirm with the link in the mail and the password (soak servers
        write mail to MAIL_DIR)."""
        status, headers, _ = self.post_form(
            "/signup/", {"email": email, "password1": password, "password2": password}
        )
        if status != 200:
            raise SystemExit(f"could not sign up {email}: {status}")
        link = urllib.parse.urlsplit(signup_link(email)).path
        status, _, _ = self.get(link)
        if status == 200:
            status, _, _ = self.post_form(link, {"password": password})
        if status != 302:
            raise SystemExit(f"could not confirm the sign-up of {email}: {status}")


def signup_link(email: str, wait: float = 10.0) -> str:
    """The confirmation link in the newest mail to `email` in MAIL_DIR (one mail a file)."""
    deadline = time.monotonic() + wait
    while True:
        files = sorted(MAIL_DIR.glob("*.log"), key=lambda f: f.stat().st_mtime, reverse=True)
        for file in files:
            raw = file.read_bytes().split(b"\n" + b"-" * 79 + b"\n")[0]
            message = email_parser.BytesParser(policy=email_policy.default).parsebytes(raw)
            if message["To"] == email:
                body = message.get_body(("plain",))
                text = body.get_content() if body is not None else ""
                found = re.search(r"https?://\S+/signup/confirm/\S+", text)
                if found:
                    return found.group(0)
        if time.monotonic() > deadline:
            raise SystemExit(f"no sign-up mail to {email} in {MAIL_DIR}")
        time.sleep(0.1)


def source_addresses() -> Iterator[str]:
    """127.0.0.2 onwards: every loopback address reaches a server bound to 127.0.0.1."""
    n = 2
    while True:
        yield f"127.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"
        n += 1


def prepare(session: HttpSession) -> tuple[str, str]:
    """A logged-in visitor with a finished plan, a saved scenario and a share link."""
    session.sign_up(f"fuzz-{uuid.uuid4().hex[:12]}@example.org", "fuzz-password-Long-42")
    for slug, fields in STEP_FIELDS.items():
        session.post_form(f"/plan/{slug}/", fields | {"go": "next"})
    status, headers, _ = session.post_form("/scenarios/save/", {"name": "Fuzz", "action": "new"})
    code = headers.get("location", "").rstrip("/").rsplit("/", 1)[-1]
    session.post_form(f"/scenarios/{code}/share-links/", {"label": "fuzz", "days": "30"})
    _, _, page = session.get(f"/scenarios/{code}/")
    marker = b"/s/"
    start = page.find(marker)
    token = page[start + 3 : page.find(b"/", start + 3)].decode() if start >= 0 else "none"
    return code, token


def fuzz_server(base: str, count: int, seed: int, cli: list[str] | None) -> Figures:
    rng = random.Random(seed)
    figures = Figures()
    visitor = HttpSession(base)
    code, token = prepare(visitor)
    anonymous = HttpSession(base)
    anonymous.post_form("/plan/household/", HOUSEHOLD | {"go": "next"})
    addresses = source_addresses()
    started = time.monotonic()
    for _ in range(count):
        request = generate(rng, code, token)
        session = visitor if request.needs_login or rng.random() < 0.5 else anonymous
        body = request.body
        if request.method == "POST" and request.content_type == FORM:
            token_field = "csrfmiddlewaretoken=" + session.cookies.get("csrftoken", "") + "&"
            body = token_field.encode() + body
        status, _, _ = session.request(
            request.method, request.path, body, request.content_type, source=next(addresses)
        )
        figures.record(request, status)
    elapsed = time.monotonic() - started
    print(f"  ({count} requests in {elapsed:.0f} s)", file=sys.stderr)
    for data in cli_cases(rng, 2000):
        run_cli_in_process(data, figures)
    if cli:
        for data in cli_cases(rng, 50):
            run_cli_subprocess(data, figures, cli)
    return figures


def smoke(send: Callable[[Request], int], count: int, seed: int, code: str, token: str) -> Figures:
    """The generator over any transport (Django's test client in the test suite)."""
    rng = random.Random(seed)
    figures = Figures()
    for _ in range(count):
        request = generate(rng, code, token)
        figures.record(request, send(request))
    for data in cli_cases(rng, max(20, count // 10)):
        run_cli_in_process(data, figures)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8123")
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cli", nargs="*", help="CLI command to run as a subprocess too")
    args = parser.parse_args()
    figures = fuzz_server(args.base, args.count, args.seed, args.cli)
    print(figures.report())
    return 1 if figures.server_errors or figures.cli_tracebacks else 0


if __name__ == "__main__":
    sys.exit(main())
