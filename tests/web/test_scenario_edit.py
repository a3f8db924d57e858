from __future__ import annotations

from django.test import Client

from planner.drafts import Draft
from planner.models import Scenario
from tests.web.conftest import make_draft


def test_it_opens_the_scenario_in_the_wizard(alice_client, scenario) -> None:
    response = alice_client.post(f"/scenarios/{scenario.code}/edit/")
    assert response.status_code == 302
    assert response["Location"] == "/plan/household/"
    draft = Draft.load(alice_client.session)
    assert draft.contract_inputs() == scenario.inputs
    assert draft.scenario.code == str(scenario.code)
    assert draft.scenario.version == scenario.version


def test_it_prefills_the_wizard(alice_client, scenario) -> None:
    response = alice_client.post(f"/scenarios/{scenario.code}/edit/", follow=True)
    assert response.status_code == 200
    assert b"250000" in response.content or b"250,000" in response.content


def test_it_keeps_an_unsaved_draft_before_replacing_it(
    alice_client, alice, scenario, set_draft
) -> None:
    set_draft(alice_client, make_draft(other_income=777))
    alice_client.post(f"/scenarios/{scenario.code}/edit/")
    kept = Scenario.objects.exclude(pk=scenario.pk).get(owner=alice)
    assert kept.form["inputs"]["other_income"] == 777
    assert Draft.load(alice_client.session).scenario.code == str(scenario.code)


def test_it_is_404_for_another_user(bob_client, scenario) -> None:
    assert bob_client.post(f"/scenarios/{scenario.code}/edit/").status_code == 404
    assert Draft.load(bob_client.session) is None


def test_it_sends_anonymous_visitors_to_log_in(client, scenario) -> None:
    response = client.post(f"/scenarios/{scenario.code}/edit/")
    assert response["Location"] == f"/login/?next=/scenarios/{scenario.code}/edit/"


def test_it_rejects_get(alice_client, scenario) -> None:
    assert alice_client.get(f"/scenarios/{scenario.code}/edit/").status_code == 405


def test_it_needs_csrf(alice, scenario) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(f"/scenarios/{scenario.code}/edit/").status_code == 403
