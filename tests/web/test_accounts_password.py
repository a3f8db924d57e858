from __future__ import annotations

import re

from tests.web.conftest import PASSWORD


def test_it_sends_a_reset_link_that_works(client, alice, mailoutbox) -> None:
    response = client.post("/password-reset/", {"email": "alice@example.org"})
    assert response["Location"] == "/password-reset/done/"
    assert len(mailoutbox) == 1
    link = re.search(r"http://testserver(/password-reset/\S+/)", mailoutbox[0].body).group(1)
    form_url = client.get(link)["Location"]  # Django swaps the token for a session marker
    new = "another-long-password-77"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response["Location"] == "/password-reset/complete/"
    assert (
        client.post("/login/", {"username": "alice@example.org", "password": new}).status_code
        == 302
    )


def test_it_does_not_say_whether_an_email_has_an_account(client, db, mailoutbox) -> None:
    response = client.post("/password-reset/", {"email": "nobody@example.org"})
    assert response["Location"] == "/password-reset/done/"
    assert mailoutbox == []


def test_it_changes_the_password(alice_client) -> None:
    assert alice_client.get("/password-change/").status_code == 200
    new = "another-long-password-77"
    data = {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    response = alice_client.post("/password-change/", data)
    assert response["Location"] == "/password-change/done/"


def test_it_sends_anonymous_visitors_to_log_in(client, db) -> None:
    response = client.get("/password-change/")
    assert response["Location"] == "/login/?next=/password-change/"


def test_a_weak_new_password_is_refused_beside_the_new_password(alice_client) -> None:
    data = {"old_password": PASSWORD, "new_password1": "password", "new_password2": "password"}
    page = alice_client.post("/password-change/", data).content.decode()
    chosen = page[page.index('id="div_id_new_password1"') : page.index('id="div_id_new_password2"')]
    assert "This password is too common." in chosen
    assert "This password is too common." not in page[page.index('id="div_id_new_password2"') :]
