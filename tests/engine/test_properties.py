"""Hypothesis properties of the engine (tax-rules.md sections 3 and 4)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.engine import plan_from_dict

PROPERTY_SETTINGS = settings(max_examples=60, deadline=None)

money = st.integers(min_value=0, max_value=400_000)
small_money = st.integers(min_value=0, max_value=20_000)


@st.composite
def people(draw: st.DrawFn, year: int = 2026) -> dict[str, Any]:
    age = draw(st.integers(min_value=18, max_value=80))
    compensation = draw(st.integers(min_value=0, max_value=600_000))
    limit = 24_500 + (11_250 if 60 <= age <= 63 else 8_000 if age >= 50 else 0)
    pretax = draw(st.integers(min_value=0, max_value=min(limit, compensation)))
    roth = draw(st.integers(min_value=0, max_value=min(limit - pretax, compensation - pretax)))
    plan = {
        "pretax_deferral": pretax,
        "roth_deferral": roth,
        "employer_contribution": draw(st.integers(min_value=0, max_value=40_000)),
        "allows_after_tax": draw(st.booleans()),
        "allows_in_service_distribution": True,
        "after_tax_route": draw(
            st.sampled_from(
                ["rollover_to_roth_ira", "split_earnings_to_traditional_ira", "stay_in_plan"]
            )
        ),
        "conversion_frequency": draw(
            st.sampled_from(["per_paycheck", "monthly", "quarterly", "annually"])
        ),
        "accepts_ira_rollins": True,
    }
    ira = {
        "year_end_balance": draw(money),
        "basis": draw(small_money),
        "roll_into_plan": draw(st.booleans()),
        "conversion": draw(st.one_of(st.none(), small_money)),
        "contribution_made_next_year": draw(st.booleans()),
        "earnings_before_conversion": draw(st.integers(min_value=0, max_value=50)),
    }
    return {"age": age, "compensation": compensation, "plan": plan, "ira": ira}


def household(
    first: dict[str, Any],
    second: dict[str, Any] | None = None,
    places: int = 5,
    status: str = "single",
) -> dict[str, Any]:
    members = [first] if second is None else [first, second]
    return {
        "tax_year": 2026,
        "filing_status": "married_filing_jointly" if second is not None else status,
        "form_8606_ratio_places": places,
        "people": members,
    }


@PROPERTY_SETTINGS
@given(people(), st.integers(min_value=3, max_value=8))
def test_it_splits_every_conversion_into_taxable_and_nontaxable(
    member: dict[str, Any], places: int
) -> None:
    result = plan_from_dict(household(member, places=places))
    backdoor = result["people"][0]["backdoor_roth"]
    assert backdoor["taxable_amount"] + backdoor["nontaxable_amount"] == backdoor["conversion"]
    assert backdoor["basis_carried_forward"] >= 0
    mega = result["people"][0]["mega_backdoor_roth"]
    assert mega["after_tax_room"] >= 0
    assert mega["annual_additions_before_after_tax"] + mega["after_tax_contribution"] <= max(
        mega["annual_additions_limit"], mega["annual_additions_before_after_tax"]
    )
    assert mega["after_tax_contribution"] <= mega["after_tax_room"]


@PROPERTY_SETTINGS
@given(people(), money, st.integers(min_value=3, max_value=8))
def test_it_never_lowers_tax_when_pretax_ira_money_grows(
    member: dict[str, Any], extra: int, places: int
) -> None:
    member["ira"]["roll_into_plan"] = False
    before = plan_from_dict(household(member, places=places))["people"][0]["backdoor_roth"][
        "taxable_amount"
    ]
    member["ira"]["year_end_balance"] += extra
    after = plan_from_dict(household(member, places=places))["people"][0]["backdoor_roth"][
        "taxable_amount"
    ]
    assert after >= before


@PROPERTY_SETTINGS
@given(people())
def test_it_never_raises_tax_by_rolling_the_ira_into_the_plan(member: dict[str, Any]) -> None:
    member["ira"]["roll_into_plan"] = False
    kept = plan_from_dict(household(member))["totals"]["both"]["taxable_amount"]
    member["ira"]["roll_into_plan"] = True
    rolled = plan_from_dict(household(member))["totals"]["both"]["taxable_amount"]
    assert rolled <= kept


@PROPERTY_SETTINGS
@given(people(), people())
def test_it_does_not_depend_on_the_order_of_spouses(
    first: dict[str, Any], second: dict[str, Any]
) -> None:
    first["name"], second["name"] = "Alex", "Sam"
    forward = plan_from_dict(household(first, second))
    backward = plan_from_dict(household(second, first))
    assert forward["totals"] == backward["totals"]
    assert forward["tax"]["agi"] == backward["tax"]["agi"]
    assert forward["people"] == list(reversed(backward["people"]))
    assert [p["name"] for p in forward["people"]] == ["Alex", "Sam"]
