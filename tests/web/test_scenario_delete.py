from __future__ import annotations

from django.test import Client

from planner.drafts import Draft
from planner.models import Scenario, ShareLink


def test_it_asks_for_confirmation(alice_client, scenario, share_link) -> None:
    response = alice_client.get(f"/scenarios/{scenario.code}/delete/")
    assert response.status_code == 200
    assert b"1 active share link stops working" in response.content
    assert Scenario.objects.count() == 1


def test_it_deletes_with_its_share_links(alice_client, scenario, share_link) -> None:
    response = alice_client.post(f"/scenarios/{scenario.code}/delete/")
    assert response["Location"] == "/scenarios/"
    assert not Scenario.objects.exists()
    assert not ShareLink.objects.exists()


def test_it_unlinks_the_wizards_copy(alice_client, scenario, set_draft) -> None:
    set_draft(alice_client, scenario.draft(), scenario.link())
    alice_client.post(f"/scenarios/{scenario.code}/delete/")
    draft = Draft.load(alice_client.session)
    assert draft.scenario is None
    assert draft.contract_inputs() == scenario.inputs


def test_it_is_404_for_another_user(bob_client, scenario) -> None:
    assert bob_client.get(f"/scenarios/{scenario.code}/delete/").status_code == 404
    assert bob_client.post(f"/scenarios/{scenario.code}/delete/").status_code == 404
    assert Scenario.objects.count() == 1


def test_it_sends_anonymous_visitors_to_log_in(client, scenario) -> None:
    response = client.post(f"/scenarios/{scenario.code}/delete/")
    assert response["Location"] == f"/login/?next=/scenarios/{scenario.code}/delete/"
    assert Scenario.objects.count() == 1


def test_it_needs_csrf(alice, scenario) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(f"/scenarios/{scenario.code}/delete/").status_code == 403
    assert Scenario.objects.count() == 1


def test_its_share_links_answer_gone_afterwards(alice_client, scenario, share_link) -> None:
    # 410 Gone, as for an account's links (issue 17): the link existed and was deleted.
    alice_client.post(f"/scenarios/{scenario.code}/delete/")
    response = Client().get(f"/s/{share_link.token}/")
    assert response.status_code == 410
    assert b"This link is no longer active" in response.content
    assert Client().get(f"/s/{share_link.token}/calendar.ics").status_code == 410


def test_a_refused_delete_keeps_its_links_working(alice_client, scenario, share_link) -> None:
    # The page showed version 1; a save elsewhere made it 2: nothing is deleted or retired.
    Scenario.objects.filter(pk=scenario.pk).update(version=2)
    alice_client.post(f"/scenarios/{scenario.code}/delete/", {"version": "1"})
    assert Client().get(f"/s/{share_link.token}/").status_code == 200
    assert not ShareLink.was_retired(share_link.token)
