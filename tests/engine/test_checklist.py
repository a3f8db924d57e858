"""action_checklist: dated actions for a planned year (tax-rules.md section 5)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from planner.engine import plan_from_dict
from planner.engine.checklist import Action, action_checklist
from tests.engine.helpers import household, person


def _checklist(data: dict[str, Any]) -> list[Action]:
    return action_checklist(data, plan_from_dict(data))


def _titled(actions: list[Action], start: str) -> list[Action]:
    return [action for action in actions if action.title.startswith(start)]


def _one(actions: list[Action], start: str) -> Action:
    matches = _titled(actions, start)
    assert len(matches) == 1, [action.title for action in actions]
    return matches[0]


def _clean(year: int, **ira: Any) -> dict[str, Any]:
    """A household doing a backdoor (and, from the base person, a mega backdoor) in `year`."""
    return household(
        tax_year=year,
        people=[person(plan={"pretax_deferral": 18500, "employer_contribution": 0}, ira=ira)],
    )


def test_it_sorts_the_actions_by_date() -> None:
    data = household(
        federal_marginal_rate=0.32,
        people=[person(ira={"year_end_balance": 20000, "contribution_made_next_year": True})],
    )
    dues = [action.due for action in _checklist(data)]
    assert dues == sorted(dues)
    assert dues[0] == date(2026, 12, 31)
    assert dues[-1] == date(2027, 4, 15)


@pytest.mark.parametrize(
    ("year", "deadline"),
    [
        pytest.param(2018, date(2019, 4, 15), id="2018-I8606-18"),
        pytest.param(2019, date(2020, 7, 15), id="2019-Notice-2020-18"),
        pytest.param(2020, date(2021, 5, 17), id="2020-Notice-2021-21"),
        pytest.param(2022, date(2023, 4, 18), id="2022-F8606-line-1"),
        pytest.param(2023, date(2024, 4, 15), id="2023-I8606-23"),
    ],
)
def test_it_takes_the_ira_deadline_from_the_year_table(year: int, deadline: date) -> None:
    # The contribution deadline is the unextended due date of the return (section 5, item 1).
    actions = _checklist(_clean(year, contribution_made_next_year=True))
    (contribution,) = [a for a in actions if "nondeductible" in a.title]
    assert contribution.due == deadline
    assert _one(actions, "File Form 8606").due == deadline


def test_it_words_the_2019_deadline_as_july_15_2020() -> None:
    actions = _checklist(_clean(2019, contribution_made_next_year=True))
    detail = _one(actions, "Contribute $6,000 nondeductible").detail
    assert "Between January 1 and July 15, 2020, designated for 2019." in detail


def test_it_words_the_2022_deadline_as_april_18_2023() -> None:
    actions = _checklist(_clean(2022, contribution_made_next_year=True))
    detail = _one(actions, "Contribute $6,000 nondeductible").detail
    assert "Between January 1 and April 18, 2023, designated for 2022." in detail


def test_it_dates_a_same_year_contribution_december_31() -> None:
    actions = _checklist(_clean(2022))
    assert _one(actions, "Contribute $6,000 nondeductible").due == date(2022, 12, 31)
    assert _one(actions, "Convert $6,000").due == date(2022, 12, 31)
    titles = [action.title for action in actions]
    # Contribute before converting on the same date (stable sort keeps the order).
    assert titles.index("Contribute $6,000 nondeductible to a traditional IRA") < titles.index(
        "Convert $6,000 from the traditional IRA to your Roth IRA"
    )


def test_it_dates_a_roll_in_december_31_of_the_tax_year() -> None:
    # Form 8606 line 6 is the December 31 value (golden case d).
    data = _clean(2018, year_end_balance=94500, roll_into_plan=True)
    roll_in = _one(_checklist(data), "Roll the pre-tax IRA money")
    assert roll_in.due == date(2018, 12, 31)
    assert "$94,500" in roll_in.title


def test_it_rolls_in_split_earnings_even_with_no_other_ira_money() -> None:
    # Notice 2014-54 earnings sent to a traditional IRA must leave it by Dec 31 too (golden i3).
    data = household(
        people=[
            person(
                plan={
                    "after_tax_contribution": 30000,
                    "after_tax_earnings": 1800,
                    "after_tax_route": "split_earnings_to_traditional_ira",
                },
                ira={"roll_into_plan": True},
            )
        ]
    )
    roll_in = _one(_checklist(data), "Roll the pre-tax IRA money")
    assert roll_in.due == date(2026, 12, 31)
    assert "$1,800" in roll_in.title


def test_it_asks_for_no_roll_in_when_the_ira_holds_only_basis() -> None:
    # Only pre-tax money may go to the plan (IRC 408(d)(3)(A)(ii)); 5,000 of basis stays.
    data = household(
        people=[
            person(
                ira={
                    "year_end_balance": 5000,
                    "basis": 5000,
                    "roll_into_plan": True,
                    "nondeductible_contribution": 0,
                    "conversion": 0,
                }
            )
        ]
    )
    assert _titled(_checklist(data), "Roll the pre-tax IRA money") == []


def test_it_adds_a_january_15_estimated_payment_only_when_tax_is_due() -> None:
    # Fourth-quarter estimated tax is due January 15 of the next year (IRC 6654(c)).
    taxed = household(federal_marginal_rate=0.24, people=[person(ira={"year_end_balance": 40000})])
    result = plan_from_dict(taxed)
    assert result["totals"]["both"]["tax_due"] > 0
    payment = _one(action_checklist(taxed, result), "Pay about")
    assert payment.due == date(2027, 1, 15)
    assert payment.person is None

    clean = household(federal_marginal_rate=0.24)
    assert plan_from_dict(clean)["totals"]["both"]["tax_due"] == 0
    assert _titled(_checklist(clean), "Pay about") == []


def test_it_lists_after_tax_contributions_and_the_route() -> None:
    data = household(people=[person(plan={"conversion_frequency": "quarterly"})])
    actions = _checklist(data)
    contribute = _one(actions, "Contribute $35,000 after-tax")
    move = _one(actions, "Roll the after-tax money")
    assert contribute.due == move.due == date(2026, 12, 31)
    assert "every quarter" in move.detail
    assert contribute.person == "You"


def test_it_lists_no_route_for_money_that_stays_in_the_plan() -> None:
    data = household(people=[person(plan={"after_tax_route": "stay_in_plan"})])
    actions = _checklist(data)
    assert _titled(actions, "Contribute $35,000 after-tax")
    assert _titled(actions, "Roll the after-tax") == []
    assert _titled(actions, "Convert the after-tax") == []


def test_it_adds_no_form_8606_action_when_nobody_has_a_form() -> None:
    # No contribution, no basis, no conversion: no Form 8606 (Instructions, "Who must file").
    data = household(
        people=[person(ira={"nondeductible_contribution": 0, "conversion": 0})],
    )
    result = plan_from_dict(data)
    assert result["people"][0]["backdoor_roth"]["form_8606"] is None
    actions = action_checklist(data, result)
    assert _titled(actions, "File Form 8606") == []
    assert _titled(actions, "Contribute $") != []  # the mega backdoor is still there


def test_it_files_one_form_8606_action_for_a_couple() -> None:
    data = household(
        filing_status="married_filing_jointly",
        people=[person(), person(name="Spouse")],
    )
    actions = _checklist(data)
    assert len(_titled(actions, "File Form 8606")) == 1
    assert {a.person for a in _titled(actions, "Contribute $7,500 nondeductible")} == {
        "You",
        "Spouse",
    }
