from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client

from planner.drafts import Draft
from planner.models import Scenario
from tests.web.conftest import PASSWORD, make_draft


def _signup(client: Client, email: str = "carol@example.org", next_url: str = "") -> object:
    data = {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post("/signup/", data)


def test_it_shows_the_form(client, db) -> None:
    response = client.get("/signup/")
    assert response.status_code == 200
    assert b'name="email"' in response.content
    assert b'for="id_email"' in response.content


def test_it_creates_an_account_and_logs_in(client, db) -> None:
    response = _signup(client, "Carol@Example.org")
    assert response.status_code == 302
    assert response["Location"] == "/scenarios/"
    user = User.objects.get()
    assert user.username == user.email == "carol@example.org"
    assert client.get("/scenarios/").status_code == 200


def test_it_follows_a_safe_next(client, db) -> None:
    response = _signup(client, next_url="/plan/results/")
    assert response["Location"] == "/plan/results/"


def test_it_ignores_an_offsite_next(client, db) -> None:
    response = _signup(client, next_url="https://evil.example/")
    assert response["Location"] == "/scenarios/"


def test_it_refuses_a_taken_email(client, alice) -> None:
    response = _signup(client, "ALICE@example.org")
    assert response.status_code == 200
    assert b"An account with this email already exists" in response.content
    assert b"error-summary" in response.content
    assert User.objects.count() == 1


def test_it_refuses_a_weak_password(client, db) -> None:
    data = {"email": "carol@example.org", "password1": "password", "password2": "password"}
    response = client.post("/signup/", data)
    assert response.status_code == 200
    assert b"error-summary" in response.content
    assert not User.objects.exists()


def test_it_saves_the_visitors_draft_to_the_new_account(client, db, set_draft) -> None:
    set_draft(client, make_draft())
    response = _signup(client, next_url="/plan/results/")
    assert response["Location"] == "/plan/results/"
    scenario = Scenario.objects.get()
    assert scenario.owner.email == "carol@example.org"
    assert scenario.name == "My 2026 plan"
    assert scenario.form == make_draft().stored()
    draft = Draft.load(client.session)
    assert draft.scenario.code == str(scenario.code)
    assert draft.scenario.version == 1
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("My 2026 plan" in m for m in messages)


def test_it_does_not_save_an_empty_draft(client, db, set_draft) -> None:
    set_draft(client, Draft.new(2026))
    _signup(client)
    assert not Scenario.objects.exists()


def test_it_needs_csrf(db) -> None:
    client = Client(enforce_csrf_checks=True)
    response = _signup(client)
    assert response.status_code == 403
    assert not User.objects.exists()
