from __future__ import annotations

from django.test import Client

from planner.drafts import SCHEMA_VERSION, Draft
from planner.models import Scenario
from tests.web.conftest import make_draft


def test_it_saves_the_draft_as_a_new_scenario(alice_client, alice, set_draft) -> None:
    set_draft(alice_client, make_draft())
    response = alice_client.post("/scenarios/save/", {"name": "Base case", "action": "new"})
    scenario = Scenario.objects.get(owner=alice)
    assert response["Location"] == f"/scenarios/{scenario.code}/"
    assert scenario.name == "Base case"
    assert scenario.tax_year == 2026
    assert scenario.form == make_draft().stored()
    assert scenario.form["schema"] == SCHEMA_VERSION
    linked = Draft.load(alice_client.session).scenario
    assert linked.code == str(scenario.code)
    assert linked.version == 1


def test_it_saves_changes_to_the_opened_scenario(alice_client, scenario, set_draft) -> None:
    set_draft(alice_client, make_draft(other_income=1000), scenario.link())
    response = alice_client.post("/scenarios/save/", {"name": "Renamed", "action": "update"})
    assert response["Location"] == f"/scenarios/{scenario.code}/"
    scenario.refresh_from_db()
    assert scenario.form["inputs"]["other_income"] == 1000
    assert scenario.name == "Renamed"
    assert scenario.version == 2
    assert Draft.load(alice_client.session).scenario.version == 2
    assert Scenario.objects.count() == 1


def test_it_refuses_to_overwrite_a_scenario_changed_elsewhere(
    alice_client, scenario, set_draft
) -> None:
    set_draft(alice_client, make_draft(other_income=1000), scenario.link())
    # Meanwhile, another device saves a change.
    assert scenario.save_draft(
        make_draft(other_income=5), name="Roll the IRA in", expected_version=1
    )
    response = alice_client.post(
        "/scenarios/save/", {"name": "Mine", "action": "update"}, follow=True
    )
    assert b"was changed somewhere else" in response.content
    scenario.refresh_from_db()
    assert scenario.form["inputs"]["other_income"] == 5
    assert scenario.version == 2
    assert scenario.name == "Roll the IRA in"


def test_it_can_save_a_conflicting_edit_as_a_new_scenario(
    alice_client, alice, scenario, set_draft
) -> None:
    set_draft(alice_client, make_draft(other_income=1000), scenario.link())
    scenario.save_draft(make_draft(other_income=5), name="Roll the IRA in", expected_version=1)
    alice_client.post("/scenarios/save/", {"name": "My version", "action": "new"})
    mine = Scenario.objects.get(owner=alice, name="My version")
    assert mine.form["inputs"]["other_income"] == 1000


def test_it_needs_a_name(alice_client, alice, set_draft) -> None:
    set_draft(alice_client, make_draft())
    response = alice_client.post("/scenarios/save/", {"name": "   ", "action": "new"})
    assert response["Location"] == "/plan/results/"
    assert not Scenario.objects.exists()


def test_it_says_when_there_is_nothing_to_save(alice_client) -> None:
    response = alice_client.post("/scenarios/save/", {"name": "x"}, follow=True)
    assert b"no plan to save" in response.content


def test_it_never_updates_another_users_scenario(bob_client, bob, scenario, set_draft) -> None:
    set_draft(bob_client, make_draft(other_income=1), scenario.link())
    bob_client.post("/scenarios/save/", {"name": "Hijack", "action": "update"})
    scenario.refresh_from_db()
    assert scenario.name == "Roll the IRA in"
    assert scenario.version == 1
    assert not Scenario.objects.filter(owner=bob).exists()


def test_it_sends_anonymous_visitors_to_log_in(client, db) -> None:
    response = client.post("/scenarios/save/", {"name": "x"})
    assert response["Location"] == "/login/?next=/scenarios/save/"


def test_it_rejects_get(alice_client) -> None:
    assert alice_client.get("/scenarios/save/").status_code == 405


def test_it_needs_csrf(alice, set_draft) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    set_draft(client, make_draft())
    assert client.post("/scenarios/save/", {"name": "x"}).status_code == 403
    assert not Scenario.objects.exists()


def test_the_results_partial_invites_visitors_to_sign_up(client, db, set_draft) -> None:
    set_draft(client, make_draft())
    html = client.get("/plan/results/").content.decode()
    assert 'href="/signup/?next=/plan/results/"' in html
    assert 'href="/login/?next=/plan/results/"' in html


def test_the_results_partial_offers_both_saves_for_an_opened_scenario(
    alice_client, scenario, set_draft
) -> None:
    set_draft(alice_client, scenario.draft(), scenario.link())
    html = alice_client.get("/plan/results/").content.decode()
    assert 'action="/scenarios/save/"' in html
    assert 'value="Roll the IRA in"' in html
    assert "Save changes" in html
    assert "Save as a new scenario" in html


def test_saved_as_new_under_the_opened_scenario_s_name_it_is_a_copy(
    alice_client, alice, scenario, set_draft
) -> None:
    # The save form keeps the opened scenario's name; two scenarios of one name would be two
    # identical columns in the comparison, so the new one is "Copy of ...", as Duplicate names it.
    set_draft(alice_client, make_draft(other_income=1000), scenario.link())
    response = alice_client.post(
        "/scenarios/save/", {"name": scenario.name, "action": "new"}, follow=True
    )
    new = Scenario.objects.exclude(pk=scenario.pk).get(owner=alice)
    assert new.name == f"Copy of {scenario.name}"
    assert "Saved as “Copy of Roll the IRA in”." in response.content.decode()
    scenario.refresh_from_db()
    assert scenario.name == "Roll the IRA in" and "other_income" not in scenario.form["inputs"]
