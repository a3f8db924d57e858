"""alice owns things, bob is another user; both with logged-in clients (like hc/test.py)."""

from __future__ import annotations

import copy
import re
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from planner import ratelimit
from planner.drafts import Draft, ScenarioLink
from planner.models import Scenario, ShareLink

PASSWORD = "a-long-test-password-42"
# A complete household (planner-contract.md); the engine works it out without errors.
INPUTS: dict[str, Any] = {
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
            "ira": {},
        }
    ],
}


def make_draft(**changes: Any) -> Draft:
    draft = Draft.new(2026)
    draft.inputs = {**copy.deepcopy(INPUTS), **changes}
    return draft


def signup_link(to: str) -> str:
    """The path of the sign-up confirmation link in the latest mail to `to` (test outbox)."""
    message = next(m for m in reversed(mail.outbox) if m.to == [to])
    return re.search(r"http://testserver(/signup/confirm/\S+)", message.body).group(1)


def confirm(client: Client, link: str, password: str = PASSWORD) -> Any:
    """Open a sign-up link and give the password chosen at sign-up: the answer to that."""
    assert client.get(link).status_code == 200
    return client.post(link, {"password": password})


def sign_up_and_confirm(client: Client, email: str, next_url: str = "") -> Any:
    """Sign up, then confirm with the link mailed to `email`: the response of the confirmation."""
    data = {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    if next_url:
        data["next"] = next_url
    assert client.post("/signup/", data).status_code == 200
    return confirm(client, signup_link(email))


@pytest.fixture(autouse=True)
def _fresh_rate_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    # Rate-limit counts live in the shared cache (Redis in CI); a prefix per test keeps
    # them apart without clearing anyone else's keys.
    monkeypatch.setattr(ratelimit, "KEY_PREFIX", f"test-ratelimit:{uuid.uuid4()}:")
    # Every window starts as the test does: a burst straddling a minute's edge would be
    # counted in two windows, and a test of a limit would pass or fail by the clock.
    monkeypatch.setattr(ratelimit, "window_clock", lambda: 1_800_000_000.0)
    # A cache outage one test simulates is not carried into the next.
    monkeypatch.setattr(ratelimit, "_cache_skipped_until", 0.0)


@pytest.fixture
def alice(db: None) -> User:
    return User.objects.create_user("alice@example.org", "alice@example.org", PASSWORD)


@pytest.fixture
def bob(db: None) -> User:
    return User.objects.create_user("bob@example.org", "bob@example.org", PASSWORD)


@pytest.fixture
def alice_client(alice: User) -> Client:
    client = Client()
    client.force_login(alice)
    return client


@pytest.fixture
def bob_client(bob: User) -> Client:
    client = Client()
    client.force_login(bob)
    return client


@pytest.fixture
def scenario(alice: User) -> Scenario:
    return Scenario.create_from_draft(alice, make_draft(), "Roll the IRA in")


@pytest.fixture
def share_link(scenario: Scenario) -> ShareLink:
    return ShareLink.create_for(scenario, label="for my CPA")


@pytest.fixture
def set_draft() -> Callable[..., None]:
    """Put a wizard draft into a test client's session."""

    def put(client: Client, draft: Draft, scenario: ScenarioLink | None = None) -> None:
        session = client.session
        if scenario is not None:
            draft.attach(scenario)
        draft.save(session)
        session.save()

    return put
