"""The account page (issue 17): download everything as JSON, and delete the account with its
scenarios and share links once the password is given again; the links answer 410 after."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from planner.models import Scenario, ShareLink
from tests.web.conftest import PASSWORD, make_draft

SHARE_VIEWS = ["shared_scenario", "shared_calendar", "shared_json", "shared_csv"]


def test_the_account_page_offers_both(alice_client: Client, scenario) -> None:
    page = alice_client.get("/account/")
    assert page.status_code == 200
    assert b'href="/account/download/"' in page.content
    assert b'action="/account/delete/"' in page.content
    assert "no-store" in page["Cache-Control"]


def test_it_needs_a_log_in(client: Client, db) -> None:
    for path in ["/account/", "/account/download/"]:
        assert client.get(path)["Location"].startswith("/login/")
    assert client.post("/account/delete/", {"password": PASSWORD})["Location"].startswith("/login/")


def test_download_everything_holds_the_account_scenarios_and_links(
    alice_client: Client, alice, scenario, share_link, bob
) -> None:
    Scenario.create_from_draft(bob, make_draft(), "Bob's own")
    response = alice_client.get("/account/download/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="roth-planner-account-')
    document = json.loads(response.content)
    assert document["account"]["email"] == "alice@example.org"
    (saved,) = document["scenarios"]["scenarios"]
    assert saved["name"] == "Roll the IRA in"
    assert saved["form"] == scenario.form
    assert saved["share_links"][0]["label"] == "for my CPA"
    assert share_link.token not in response.content.decode(), "no secret in the file"
    assert "Bob's own" not in response.content.decode()


def test_a_wrong_password_deletes_nothing(alice_client: Client, alice, scenario) -> None:
    response = alice_client.post("/account/delete/", {"password": "not-my-password"})
    assert response.status_code == 400
    assert b"That is not your password; nothing was deleted." in response.content
    assert User.objects.filter(pk=alice.pk).exists()
    assert Scenario.objects.filter(owner=alice).count() == 1


def test_delete_only_by_post(alice_client: Client) -> None:
    assert alice_client.get("/account/delete/").status_code == 405


def test_deleting_removes_everything_and_links_answer_410(
    alice_client: Client, alice, scenario, share_link, bob
) -> None:
    second = ShareLink.create_for(Scenario.create_from_draft(alice, make_draft(), "Two"))
    bobs = ShareLink.create_for(Scenario.create_from_draft(bob, make_draft(), "Bob's"))
    response = alice_client.post("/account/delete/", {"password": PASSWORD}, follow=True)
    assert response.redirect_chain == [("/", 302)]
    assert b"Your account is deleted, with its 2 scenarios" in response.content
    assert not User.objects.filter(pk=alice.pk).exists()
    assert not Scenario.objects.filter(owner_id=alice.pk).exists()
    assert not ShareLink.objects.filter(scenario__owner_id=alice.pk).exists()
    assert alice_client.get("/scenarios/")["Location"].startswith("/login/")
    stranger = Client()
    for link in (share_link, second):
        for view in SHARE_VIEWS:
            answer = stranger.get(reverse(f"planner:{view}", args=[link.token]))
            assert answer.status_code == 410, view
            assert link.token.encode() not in answer.content
    assert stranger.get(reverse("planner:shared_scenario", args=[bobs.token])).status_code == 200
    assert stranger.get(reverse("planner:shared_scenario", args=["x" * 43])).status_code == 404
    login = stranger.post("/login/", {"username": "alice@example.org", "password": PASSWORD})
    assert b"do not match an account" in login.content


@pytest.mark.django_db
def test_delete_needs_csrf(alice) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post("/account/delete/", {"password": PASSWORD}).status_code == 403
    assert User.objects.filter(pk=alice.pk).exists()
