from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from planner.models import Scenario
from tests.web.conftest import make_draft


def test_it_lists_the_owners_scenarios_newest_first(alice_client, alice, scenario) -> None:
    older = Scenario.create_from_draft(alice, make_draft(), "Older plan")
    Scenario.objects.filter(pk=older.pk).update(updated=timezone.now() - timedelta(days=3))
    html = alice_client.get("/scenarios/").content.decode()
    assert html.index("Roll the IRA in") < html.index("Older plan")
    assert "2026" in html
    assert "$42,500" in html  # both strategies: 35,000 mega + 7,500 backdoor


def test_it_flags_a_scenario_that_needs_more_answers(alice_client, alice) -> None:
    draft = make_draft()
    draft.inputs["people"] = [{"name": "You"}]
    Scenario.create_from_draft(alice, draft, "Half done")
    response = alice_client.get("/scenarios/")
    assert response.status_code == 200
    assert b"Needs more answers" in response.content


def test_it_hides_other_users_scenarios(bob_client, scenario) -> None:
    response = bob_client.get("/scenarios/")
    assert response.status_code == 200
    assert b"Roll the IRA in" not in response.content


def test_it_sends_anonymous_visitors_to_log_in(client, db) -> None:
    response = client.get("/scenarios/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/scenarios/"
