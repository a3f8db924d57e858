from __future__ import annotations

from django.test import Client

from planner.models import Scenario


def test_it_makes_a_copy(alice_client, alice, scenario) -> None:
    response = alice_client.post(f"/scenarios/{scenario.code}/duplicate/")
    copy = Scenario.objects.exclude(pk=scenario.pk).get(owner=alice)
    assert response["Location"] == f"/scenarios/{copy.code}/"
    assert copy.name == "Copy of Roll the IRA in"
    assert copy.form == scenario.form
    assert copy.code != scenario.code
    assert copy.version == 1


def test_it_is_404_for_another_user(bob_client, scenario) -> None:
    assert bob_client.post(f"/scenarios/{scenario.code}/duplicate/").status_code == 404
    assert Scenario.objects.count() == 1


def test_it_sends_anonymous_visitors_to_log_in(client, scenario) -> None:
    response = client.post(f"/scenarios/{scenario.code}/duplicate/")
    assert response["Location"] == f"/login/?next=/scenarios/{scenario.code}/duplicate/"


def test_it_rejects_get(alice_client, scenario) -> None:
    assert alice_client.get(f"/scenarios/{scenario.code}/duplicate/").status_code == 405


def test_it_needs_csrf(alice, scenario) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(f"/scenarios/{scenario.code}/duplicate/").status_code == 403
    assert Scenario.objects.count() == 1
