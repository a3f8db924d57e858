from __future__ import annotations

from django.test import Client

from planner.drafts import Draft


def test_it_shows_the_form(alice_client, scenario) -> None:
    response = alice_client.get(f"/scenarios/{scenario.code}/rename/")
    assert response.status_code == 200
    assert b'value="Roll the IRA in"' in response.content


def test_it_renames(alice_client, scenario) -> None:
    response = alice_client.post(f"/scenarios/{scenario.code}/rename/", {"name": "  Plan B "})
    assert response["Location"] == f"/scenarios/{scenario.code}/"
    scenario.refresh_from_db()
    assert scenario.name == "Plan B"
    assert scenario.version == 2


def test_it_keeps_this_browsers_open_edit_in_step(alice_client, scenario, set_draft) -> None:
    set_draft(alice_client, scenario.draft(), scenario.link())
    alice_client.post(f"/scenarios/{scenario.code}/rename/", {"name": "Plan B"})
    linked = Draft.load(alice_client.session).scenario
    assert linked.version == 2
    assert linked.name == "Plan B"


def test_it_explains_a_bad_name(alice_client, scenario) -> None:
    response = alice_client.post(f"/scenarios/{scenario.code}/rename/", {"name": "x" * 121})
    assert response.status_code == 200
    assert b"error-summary" in response.content
    scenario.refresh_from_db()
    assert scenario.name == "Roll the IRA in"


def test_it_is_404_for_another_user(bob_client, scenario) -> None:
    assert bob_client.get(f"/scenarios/{scenario.code}/rename/").status_code == 404
    response = bob_client.post(f"/scenarios/{scenario.code}/rename/", {"name": "Mine"})
    assert response.status_code == 404
    scenario.refresh_from_db()
    assert scenario.name == "Roll the IRA in"


def test_it_sends_anonymous_visitors_to_log_in(client, scenario) -> None:
    response = client.get(f"/scenarios/{scenario.code}/rename/")
    assert response["Location"] == f"/login/?next=/scenarios/{scenario.code}/rename/"


def test_it_needs_csrf(alice, scenario) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(f"/scenarios/{scenario.code}/rename/", {"name": "x"})
    assert response.status_code == 403


def test_it_rejects_other_methods(alice_client, scenario) -> None:
    assert alice_client.put(f"/scenarios/{scenario.code}/rename/").status_code == 405
