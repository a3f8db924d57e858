from __future__ import annotations

from django.test import Client

from planner.drafts import Draft
from planner.models import Scenario
from tests.web.conftest import PASSWORD, make_draft


def test_it_shows_the_form(client, db) -> None:
    response = client.get("/login/?next=/plan/results/")
    assert response.status_code == 200
    assert b'value="/plan/results/"' in response.content


def test_it_logs_in_by_email_in_any_case(client, alice) -> None:
    response = client.post("/login/", {"username": "Alice@Example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/scenarios/"
    assert client.get("/scenarios/").status_code == 200


def test_it_follows_next(client, alice) -> None:
    data = {"username": "alice@example.org", "password": PASSWORD, "next": "/plan/results/"}
    assert client.post("/login/", data)["Location"] == "/plan/results/"


def test_it_refuses_an_offsite_next(client, alice) -> None:
    data = {"username": "alice@example.org", "password": PASSWORD, "next": "//evil.example/x"}
    assert client.post("/login/", data)["Location"] == "/scenarios/"


def test_it_shows_a_clear_error_for_a_wrong_password(client, alice) -> None:
    response = client.post("/login/", {"username": "alice@example.org", "password": "nope"})
    assert response.status_code == 200
    assert b"do not match an account" in response.content
    assert b"error-summary" in response.content


def test_it_throttles_failed_logins_per_username_from_one_address(alice) -> None:
    client = Client(REMOTE_ADDR="10.1.0.1")
    for _ in range(5):
        client.post("/login/", {"username": "alice@example.org", "password": "wrong"})
    # Even the right password is refused now from that address, with a 429 ...
    response = client.post("/login/", {"username": "alice@example.org", "password": PASSWORD})
    assert response.status_code == 429
    assert b"Too many failed log-in attempts" in response.content
    assert "_auth_user_id" not in client.session
    # ... but a stranger's guesses do not lock the owner out elsewhere.
    other = Client(REMOTE_ADDR="10.1.0.2")
    response = other.post("/login/", {"username": "alice@example.org", "password": PASSWORD})
    assert response.status_code == 302


def test_it_throttles_failed_logins_per_address(alice, bob) -> None:
    client = Client(REMOTE_ADDR="10.2.0.1")
    for n in range(20):
        client.post("/login/", {"username": f"nobody{n}@example.org", "password": "wrong"})
    response = client.post("/login/", {"username": "bob@example.org", "password": PASSWORD})
    assert b"Too many failed log-in attempts" in response.content
    # Bob can still log in from elsewhere.
    elsewhere = Client(REMOTE_ADDR="10.2.0.2")
    data = {"username": "bob@example.org", "password": PASSWORD}
    assert elsewhere.post("/login/", data).status_code == 302


def test_it_forgets_failures_after_a_successful_login(alice) -> None:
    client = Client(REMOTE_ADDR="10.3.0.1")
    for _ in range(4):
        client.post("/login/", {"username": "alice@example.org", "password": "wrong"})
    data = {"username": "alice@example.org", "password": PASSWORD}
    assert client.post("/login/", data).status_code == 302
    client.post("/logout/")
    for _ in range(4):
        client.post("/login/", {"username": "alice@example.org", "password": "wrong"})
    assert client.post("/login/", data).status_code == 302


def test_it_saves_the_visitors_draft_to_the_account(client, alice, set_draft) -> None:
    set_draft(client, make_draft())
    data = {"username": "alice@example.org", "password": PASSWORD, "next": "/plan/results/"}
    client.post("/login/", data)
    scenario = Scenario.objects.get(owner=alice)
    assert scenario.name == "My 2026 plan"
    assert Draft.load(client.session).scenario.code == str(scenario.code)


def test_it_picks_a_free_default_name(client, alice, scenario, set_draft) -> None:
    Scenario.create_from_draft(alice, make_draft(), "My 2026 plan")
    set_draft(client, make_draft())
    client.post("/login/", {"username": "alice@example.org", "password": PASSWORD})
    assert Scenario.objects.filter(owner=alice, name="My 2026 plan (2)").exists()


def test_it_needs_csrf(alice) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "alice@example.org", "password": PASSWORD})
    assert response.status_code == 403


def test_it_throttles_the_forwarded_address_behind_our_proxy(alice, bob, settings) -> None:
    settings.BEHIND_TLS_PROXY = True
    # Every request reaches Django from the proxy (10.4.0.1); the proxy appends the client.
    client = Client(REMOTE_ADDR="10.4.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 10.4.9.9")
    for n in range(20):
        client.post("/login/", {"username": f"nobody{n}@example.org", "password": "wrong"})
    data = {"username": "bob@example.org", "password": PASSWORD}
    assert b"Too many failed log-in attempts" in client.post("/login/", data).content
    # Another visitor through the same proxy is not locked out, and a forged first entry
    # does not dodge the limit.
    neighbour = Client(REMOTE_ADDR="10.4.0.1", HTTP_X_FORWARDED_FOR="10.4.9.10")
    assert neighbour.post("/login/", data).status_code == 302
    forger = Client(REMOTE_ADDR="10.4.0.1", HTTP_X_FORWARDED_FOR="5.6.7.8, 10.4.9.9")
    assert b"Too many failed log-in attempts" in forger.post("/login/", data).content


def test_it_ignores_forwarded_addresses_without_a_proxy(alice, bob) -> None:
    client = Client(REMOTE_ADDR="10.5.0.1", HTTP_X_FORWARDED_FOR="10.5.9.9")
    for n in range(20):
        client.post("/login/", {"username": f"nobody{n}@example.org", "password": "wrong"})
    data = {"username": "bob@example.org", "password": PASSWORD}
    fresh_header = Client(REMOTE_ADDR="10.5.0.1", HTTP_X_FORWARDED_FOR="10.5.9.10")
    assert b"Too many failed log-in attempts" in fresh_header.post("/login/", data).content
