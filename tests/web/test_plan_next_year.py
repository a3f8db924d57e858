"""'Plan next year' on a saved scenario, and the scenario list's years of one household."""

from __future__ import annotations

import copy
from decimal import Decimal

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from planner.engine import result_to_dict
from planner.models import Scenario
from planner.templatetags.planner_tags import money
from tests.web.conftest import INPUTS, make_draft


def _scenario_2025(owner: User) -> Scenario:
    """A 2025 plan whose pro-rata conversion leaves basis on Form 8606 line 14."""
    inputs = copy.deepcopy(INPUTS)
    inputs["tax_year"] = 2025
    inputs["people"][0]["plan"]["pretax_deferral"] = 23500
    inputs["people"][0]["ira"] = {"year_end_balance": 30000, "basis": 2000}
    draft = make_draft(**inputs)
    return Scenario.create_from_draft(owner, draft, "Household plan 2025")


def test_plan_next_year_carries_line_14_to_line_2(alice_client: Client, alice: User) -> None:
    scenario = _scenario_2025(alice)
    line_14 = result_to_dict(scenario.result())["people"][0]["backdoor_roth"]["form_8606"][
        "line_14"
    ]
    response = alice_client.post(reverse("planner:scenario_next_year", args=[scenario.code]))
    new = Scenario.objects.get(previous=scenario)
    assert response.status_code == 302
    assert response["Location"] == reverse("planner:scenario_detail", args=[new.code])
    assert (new.tax_year, new.name, new.owner) == (2026, "Household plan 2026", alice)
    assert new.inputs["people"][0]["age"] == scenario.inputs["people"][0]["age"] + 1
    line_2 = result_to_dict(new.result())["people"][0]["backdoor_roth"]["form_8606"]["line_2"]
    assert Decimal(str(line_2)) == Decimal(str(line_14)) > 0
    assert new.form["wizard"] == scenario.form["wizard"]
    page = alice_client.get(response["Location"]).text
    assert "Planned 2026 from Household plan 2025" in page
    assert "line 14 is this year" in page


def test_a_year_without_a_table_is_refused_with_the_years_available(
    alice_client: Client, alice: User
) -> None:
    # Issue 18: 2027 is planned on provisional figures; nothing is projected beyond it.
    inputs = copy.deepcopy(INPUTS)
    inputs["tax_year"] = 2027
    scenario = Scenario.create_from_draft(alice, make_draft(**inputs), "Household plan 2027")
    response = alice_client.post(
        reverse("planner:scenario_next_year", args=[scenario.code]), follow=True
    )
    assert Scenario.objects.count() == 1
    assert response.redirect_chain[-1][0] == reverse(
        "planner:scenario_detail", args=[scenario.code]
    )
    assert (
        "Next year&#x27;s plan was not made: Tax year 2028 has no limits table yet;"
        " available years: 2018–2027." in response.text
    )
    # The page does not offer what it would refuse.
    assert reverse("planner:scenario_next_year", args=[scenario.code]) not in response.text


def test_only_the_owner_plans_next_year_and_only_by_post(
    bob_client: Client, alice_client: Client, alice: User
) -> None:
    scenario = _scenario_2025(alice)
    url = reverse("planner:scenario_next_year", args=[scenario.code])
    assert bob_client.post(url).status_code == 404
    assert alice_client.get(url).status_code == 405
    assert not Scenario.objects.filter(previous=scenario).exists()


def test_the_button_is_on_the_scenario_page(alice_client: Client, scenario: Scenario) -> None:
    page = alice_client.get(reverse("planner:scenario_detail", args=[scenario.code])).text
    assert reverse("planner:scenario_next_year", args=[scenario.code]) in page
    assert reverse("planner:scenario_calendar", args=[scenario.code]) in page


def test_the_list_groups_a_households_years_with_the_basis_carried(
    alice_client: Client, alice: User
) -> None:
    first = _scenario_2025(alice)
    alice_client.post(reverse("planner:scenario_next_year", args=[first.code]))
    second = Scenario.objects.get(previous=first)
    Scenario.create_from_draft(alice, make_draft(), "Unrelated plan")
    page = alice_client.get(reverse("planner:scenario_list")).text
    section = page[page.index('class="mb-4 household-years"') :]
    assert section.index(first.name) < section.index(second.name)
    assert "Unrelated plan" not in section.split("</section>")[0]
    basis = money(second.inputs["people"][0]["ira"]["basis"])
    assert basis != "$0"
    assert f'<span class="carried-basis">{basis}</span>' in section


def test_deleting_last_year_keeps_next_year(alice_client: Client, alice: User) -> None:
    first = _scenario_2025(alice)
    alice_client.post(reverse("planner:scenario_next_year", args=[first.code]))
    first.delete()
    (left,) = Scenario.objects.all()
    assert left.tax_year == 2026 and left.previous is None


def test_next_year_from_a_december_visit_works_out(alice_client: Client, alice: User) -> None:
    # What was already done in 2026 (dated entries, today's SEP-IRA balance) stays in 2026:
    # the 2027 plan is worked out, not refused for 2026 dates.
    inputs = copy.deepcopy(INPUTS)
    inputs["people"][0]["ira"] = {
        "year_end_balance": 0,
        "nondeductible_contribution": 7000,
        "conversion": 7000,
        "contributions_made": [{"date": "2026-03-16", "amount": 7000}],
        "conversions_made": [{"date": "2026-04-10", "amount": 7000}],
        "sep_balance_today": 15000,
    }
    scenario = Scenario.create_from_draft(alice, make_draft(**inputs), "December 2026")
    assert scenario.result() is not None
    alice_client.post(reverse("planner:scenario_next_year", args=[scenario.code]))
    new = Scenario.objects.get(previous=scenario)
    assert new.tax_year == 2027 and new.result() is not None, new.errors()


def test_next_year_s_page_keeps_saying_what_was_carried_as_entered(
    alice_client: Client, alice: User
) -> None:
    # A 2025 backdoor the answer skips (Form 8606 lines 6-11: $94,500 of pre-tax IRA money and
    # no plan that takes roll-ins makes it mostly taxable): next year's balance and basis are
    # as entered, and its page says so for as long as it is open, not in one passing message.
    inputs = copy.deepcopy(INPUTS)
    inputs["tax_year"] = 2025
    inputs["people"][0]["plan"].update(pretax_deferral=23500, accepts_ira_rollins=False)
    inputs["people"][0]["ira"] = {"year_end_balance": 94500}
    scenario = Scenario.create_from_draft(alice, make_draft(**inputs), "Skipped 2025")
    assert scenario.result().decision.people[0].ira.route == "skip"
    alice_client.post(reverse("planner:scenario_next_year", args=[scenario.code]))
    new = Scenario.objects.get(previous=scenario)
    page = alice_client.get(reverse("planner:scenario_detail", args=[new.code])).text
    assert "the 2025 answer changed the backdoor entered (skip the backdoor)" in page.replace(
        "&#x27;", "'"
    )
    assert "are carried as entered: change them if 2025 went as the answer said." in page
