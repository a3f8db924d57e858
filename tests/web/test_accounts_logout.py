from __future__ import annotations

from django.test import Client


def test_it_logs_out_with_post(alice_client) -> None:
    response = alice_client.post("/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert alice_client.get("/scenarios/").status_code == 302


def test_it_rejects_get(alice_client) -> None:
    assert alice_client.get("/logout/").status_code == 405
    assert alice_client.get("/scenarios/").status_code == 200


def test_it_needs_csrf(alice) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post("/logout/").status_code == 403


def test_the_nav_logs_out_with_a_form(alice_client) -> None:
    html = alice_client.get("/").content.decode()
    assert 'action="/logout/"' in html
    assert 'href="/scenarios/"' in html
    assert 'href="/login/"' not in html


def test_the_nav_offers_login_and_signup_to_visitors(client, db) -> None:
    html = client.get("/").content.decode()
    assert 'href="/login/"' in html
    assert 'href="/signup/"' in html
