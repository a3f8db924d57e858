from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client

from planner.drafts import Draft
from planner.models import Scenario
from tests.web.conftest import PASSWORD, confirm, make_draft, sign_up_and_confirm, signup_link


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


def test_it_creates_an_inactive_account_and_asks_to_check_the_email(client, db, mailoutbox) -> None:
    response = _signup(client, "Carol@Example.org")
    assert response.status_code == 200
    assert b"Check your email" in response.content
    assert b"carol@example.org" in response.content
    assert PASSWORD.encode() not in response.content
    user = User.objects.get()
    assert user.username == user.email == "carol@example.org"
    assert not user.is_active
    assert user.check_password(PASSWORD)
    assert "_auth_user_id" not in client.session
    assert client.get("/scenarios/").status_code == 302
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["carol@example.org"]
    assert mailoutbox[0].subject == "Finish signing up to the Backdoor Roth planner"
    assert PASSWORD not in mailoutbox[0].body


def test_the_link_logs_in_at_the_default_page(client, db, mailoutbox) -> None:
    response = sign_up_and_confirm(client, "carol@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/scenarios/"
    assert User.objects.get().is_active
    assert client.get("/scenarios/").status_code == 200


def test_the_link_follows_a_safe_next(client, db, mailoutbox) -> None:
    response = sign_up_and_confirm(client, "carol@example.org", next_url="/plan/results/")
    assert response["Location"] == "/plan/results/"


def test_the_link_ignores_an_offsite_next(client, db, mailoutbox) -> None:
    response = sign_up_and_confirm(client, "carol@example.org", next_url="https://evil.example/")
    assert response["Location"] == "/scenarios/"
    _signup(Client(), "dave@example.org")
    link = signup_link("dave@example.org").split("?")[0] + "?next=https://evil.example/"
    assert confirm(Client(), link)["Location"] == "/scenarios/"


def test_it_does_not_say_a_taken_email_is_taken(client, alice, mailoutbox) -> None:
    response = _signup(client, "ALICE@example.org")
    assert response.status_code == 200
    assert b"Check your email" in response.content
    assert b"already exists" not in response.content
    assert b"error-summary" not in response.content
    assert User.objects.count() == 1
    alice.refresh_from_db()
    assert alice.is_active


def test_it_refuses_a_weak_password(client, db, mailoutbox) -> None:
    data = {"email": "carol@example.org", "password1": "password", "password2": "password"}
    response = client.post("/signup/", data)
    assert response.status_code == 200
    assert b"error-summary" in response.content
    assert not User.objects.exists()
    assert mailoutbox == []


def _between(page: str, start: str, end: str) -> str:
    return page[page.index(start) : page.index(end)]


def test_a_weak_passwords_message_sits_beside_the_password(client, db) -> None:
    # A newcomer's walk: Django put "too common" under the box that repeats the password.
    data = {"email": "carol@example.org", "password1": "password", "password2": "password"}
    page = client.post("/signup/", data).content.decode()
    chosen = _between(page, 'id="div_id_password1"', 'id="div_id_password2"')
    assert "This password is too common." in chosen
    assert "This password is too common." not in page[page.index('id="div_id_password2"') :]


def test_it_keeps_what_was_typed_when_the_passwords_differ(client, db, mailoutbox) -> None:
    data = {"email": "carol@example.org", "password1": PASSWORD, "password2": PASSWORD + "x"}
    response = client.post("/signup/", data)
    assert response.status_code == 200
    assert b'value="carol@example.org"' in response.content
    assert not User.objects.exists()
    assert mailoutbox == []


def test_the_link_saves_the_visitors_draft_to_the_new_account(
    client, db, set_draft, mailoutbox
) -> None:
    set_draft(client, make_draft())
    response = sign_up_and_confirm(client, "carol@example.org", next_url="/plan/results/")
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


def test_signing_up_alone_does_not_save_the_draft(client, db, set_draft, mailoutbox) -> None:
    set_draft(client, make_draft())
    _signup(client)
    assert not Scenario.objects.exists()
    assert Draft.load(client.session).inputs == make_draft().inputs


def test_it_does_not_save_an_empty_draft(client, db, set_draft, mailoutbox) -> None:
    set_draft(client, Draft.new(2026))
    sign_up_and_confirm(client, "carol@example.org")
    assert not Scenario.objects.exists()


def test_a_logged_in_user_is_sent_on(alice_client, mailoutbox) -> None:
    response = _signup(alice_client, "someone@example.org")
    assert response["Location"] == "/scenarios/"
    assert mailoutbox == []


def test_it_needs_csrf(db, mailoutbox) -> None:
    client = Client(enforce_csrf_checks=True)
    response = _signup(client)
    assert response.status_code == 403
    assert not User.objects.exists()
    assert mailoutbox == []
