from __future__ import annotations

from planner.models import Scenario
from tests.web.conftest import make_draft


def test_it_compares_headline_figures(alice_client, alice, scenario) -> None:
    draft = make_draft()
    draft.inputs["people"][0]["plan"]["allows_after_tax"] = False
    other = Scenario.create_from_draft(alice, draft, "No after-tax")
    response = alice_client.get(f"/scenarios/compare/?s={scenario.code}&s={other.code}")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Roll the IRA in") < html.index("No after-tax")
    assert "$42,500" in html and "$35,000" in html and "$7,500" in html
    assert "Mega backdoor Roth" in html and "Tax due now" in html


def test_it_asks_for_two_or_more(alice_client, scenario) -> None:
    response = alice_client.get(f"/scenarios/compare/?s={scenario.code}")
    assert response.status_code == 200
    assert b"Choose two or more" in response.content


def test_it_shows_scenarios_without_a_result(alice_client, alice, scenario) -> None:
    broken = Scenario.create_from_draft(alice, make_draft(tax_year=1999), "Broken")
    response = alice_client.get(f"/scenarios/compare/?s={scenario.code}&s={broken.code}")
    assert response.status_code == 200
    assert b"needs more answers" in response.content


def test_it_is_404_when_any_scenario_is_another_users(bob_client, bob, scenario) -> None:
    mine = Scenario.create_from_draft(bob, make_draft(), "Bob's")
    response = bob_client.get(f"/scenarios/compare/?s={mine.code}&s={scenario.code}")
    assert response.status_code == 404


def test_it_is_404_for_a_malformed_code(alice_client, scenario) -> None:
    assert alice_client.get(f"/scenarios/compare/?s={scenario.code}&s=nope").status_code == 404


def test_it_sends_anonymous_visitors_to_log_in(client, db) -> None:
    response = client.get("/scenarios/compare/")
    assert response["Location"] == "/login/?next=/scenarios/compare/"


def test_it_shows_the_basis_a_kept_ira_carries_forward(alice_client, alice) -> None:
    # Keeping a pre-tax IRA makes the backdoor taxable but leaves basis for later years
    # (Form 8606 line 14 -> next year's line 2): compare must show it, not only the tax.
    kept = make_draft()
    kept.inputs["people"][0]["ira"] = {"year_end_balance": 94500}
    rolled = make_draft()
    rolled.inputs["people"][0]["plan"]["accepts_ira_rollins"] = True
    rolled.inputs["people"][0]["ira"] = {"year_end_balance": 94500, "roll_into_plan": True}
    first = Scenario.create_from_draft(alice, kept, "Keep the IRA")
    second = Scenario.create_from_draft(alice, rolled, "Roll the IRA in")
    html = alice_client.get(f"/scenarios/compare/?s={first.code}&s={second.code}").content
    text = html.decode()
    assert "Basis carried forward" in text
    kept_basis = first.result().totals.backdoor_roth.basis_carried_forward
    assert kept_basis > 0
    assert f"${kept_basis:,.2f}" in text
