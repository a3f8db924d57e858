"""The totals blocks: 415(c) after-tax room and Form 8606 basis carried forward per strategy.

Sources: IRC 415(c) for the room (tax-rules.md section 4.1); Form 8606 line 14, "total basis
carried forward", which becomes next year's line 2 (tax-rules.md section 3).
"""

from __future__ import annotations

from typing import Any

import pytest

from planner.engine import plan_from_dict
from tests.engine.golden import load_cases, to_contract
from tests.engine.helpers import household, person

STRATEGIES = ("backdoor_roth", "mega_backdoor_roth", "both")


def _golden(name: str, **overrides: Any) -> dict[str, Any]:
    (case,) = [case for case in load_cases() if case["name"] == name]
    data = to_contract(case["inputs"])
    data.update(overrides)
    return data


I3_EXACT = "i3_split_plus_same_year_backdoor_prorata_contamination_2026_exact"
I3_3DP = "i3_split_plus_same_year_backdoor_prorata_contamination_2026_3dp"
J1 = "j1_prior_basis_partial_conversion_contribution_made_following_year_2025"


def test_it_adds_the_new_figures_to_every_totals_block() -> None:
    totals = plan_from_dict(household())["totals"]
    for strategy in STRATEGIES:
        assert {"after_tax_room", "after_tax_room_used", "basis_carried_forward"} <= set(
            totals[strategy]
        ), strategy


# ---------------------------------------------------------------- 415(c) room


def test_it_reports_the_same_after_tax_room_in_every_block() -> None:
    # Golden i: 72,000 - 24,500 - 12,500 = 35,000 of 415(c) room; 30,000 asked for and used.
    totals = plan_from_dict(_golden(I3_EXACT))["totals"]
    assert [totals[s]["after_tax_room"] for s in STRATEGIES] == [35000, 35000, 35000]
    assert totals["mega_backdoor_roth"]["after_tax_room_used"] == 30000
    assert totals["both"]["after_tax_room_used"] == 30000
    # The backdoor alone makes no after-tax 401(k) contribution.
    assert totals["backdoor_roth"]["after_tax_room_used"] == 0


def test_it_sums_room_and_use_over_both_spouses() -> None:
    # Each spouse has their own 415(c) limit (IRC 415(c) applies per participant and employer).
    data = household(
        filing_status="married_filing_jointly",
        people=[
            person(),  # 35,000 of room, all used
            person(
                name="Spouse",
                compensation=100000,
                plan={
                    "pretax_deferral": 20000,
                    "employer_contribution": 5000,
                    "after_tax_cap": 10000,
                },
            ),  # 72,000 - 25,000 = 47,000 of room, 10,000 used (plan cap)
        ],
    )
    result = plan_from_dict(data)
    rooms = [p["mega_backdoor_roth"]["after_tax_room"] for p in result["people"]]
    used = [p["mega_backdoor_roth"]["after_tax_contribution"] for p in result["people"]]
    assert rooms == [35000, 47000]
    assert used == [35000, 10000]
    totals = result["totals"]
    for strategy in STRATEGIES:
        assert totals[strategy]["after_tax_room"] == 82000
    assert totals["mega_backdoor_roth"]["after_tax_room_used"] == 45000
    assert totals["both"]["after_tax_room_used"] == 45000
    assert totals["backdoor_roth"]["after_tax_room_used"] == 0


def test_it_uses_no_room_when_the_plan_takes_no_after_tax_money() -> None:
    # The person's 415(c) room is still $35,000 (72,000 - 24,500 - 12,500), but a plan that
    # takes no after-tax contributions has no room for them: the totals count none, so the
    # side-by-side does not say "$0 used of $35,000".
    data = household(people=[person(plan={"allows_after_tax": False})])
    result = plan_from_dict(data)
    totals = result["totals"]
    assert result["people"][0]["mega_backdoor_roth"]["after_tax_room"] == 35000
    assert totals["both"]["after_tax_room"] == 0
    assert totals["both"]["after_tax_room_used"] == 0
    assert totals["mega_backdoor_roth"]["after_tax_room_used"] == 0


# ---------------------------------------------------------------- Form 8606 line 14


def test_it_carries_no_basis_for_the_backdoor_alone_but_1451_61_with_both_golden_i3() -> None:
    # Golden i3 (exact ratio): the split earnings (1,800) sit in a traditional IRA on Dec 31 only
    # when the mega backdoor is done too, so only "both" has a line 6 and a line 14 of 1,451.61.
    # Eight ratio places reproduce the full-precision figure to the cent.
    result = plan_from_dict(_golden(I3_EXACT, form_8606_ratio_places=8))
    totals = result["totals"]
    assert totals["backdoor_roth"]["basis_carried_forward"] == 0
    assert totals["both"]["basis_carried_forward"] == 1451.61
    assert totals["mega_backdoor_roth"]["basis_carried_forward"] == 0
    assert result["people"][0]["backdoor_roth"]["basis_carried_forward"] == 1451.61


def test_it_carries_1455_with_both_at_three_places_golden_i3() -> None:
    totals = plan_from_dict(_golden(I3_3DP))["totals"]
    assert totals["backdoor_roth"]["basis_carried_forward"] == 0
    assert totals["both"]["basis_carried_forward"] == 1455


def test_it_carries_line_3_minus_line_13_including_a_line_4_contribution_golden_j1() -> None:
    # Golden j1: line 14 = line 3 (19,000) - line 13 (3,000) = 16,000; no mega backdoor here,
    # so the backdoor alone and both agree. Without the backdoor the 12,000 on line 2 stays.
    totals = plan_from_dict(_golden(J1))["totals"]
    assert totals["backdoor_roth"]["basis_carried_forward"] == 16000
    assert totals["both"]["basis_carried_forward"] == 16000
    assert totals["mega_backdoor_roth"]["basis_carried_forward"] == 12000


def test_it_carries_line_2_unchanged_with_the_mega_backdoor_alone() -> None:
    # Without a backdoor there is no line-1 contribution and no line-8 conversion, so Part I
    # stops at line 3 and line 14 = line 3 = line 2 (Instructions for Form 8606, line 3). The
    # engine's own form for a person who skips the backdoor shows the same figure.
    basis = 6000
    skipped = household(
        people=[
            person(
                ira={
                    "basis": basis,
                    "year_end_balance": 40000,
                    "nondeductible_contribution": 0,
                    "conversion": 0,
                }
            )
        ]
    )
    result = plan_from_dict(skipped)
    form = result["people"][0]["backdoor_roth"]["form_8606"]
    assert form["line_2"] == form["line_3"] == form["line_14"] == basis
    assert result["totals"]["mega_backdoor_roth"]["basis_carried_forward"] == form["line_14"]

    # With the backdoor planned, the mega-alone figure is still that line-2 basis.
    planned = household(people=[person(ira={"basis": basis, "year_end_balance": 40000})])
    totals = plan_from_dict(planned)["totals"]
    assert totals["mega_backdoor_roth"]["basis_carried_forward"] == basis
    assert totals["both"]["basis_carried_forward"] != basis


def test_it_clamps_a_negative_line_14_to_zero_in_the_totals() -> None:
    # Golden b, 3 places: line 14 = -3, but basis never goes below 0.
    data = household(
        tax_year=2024,
        form_8606_ratio_places=3,
        people=[
            person(
                plan={"pretax_deferral": 23000},
                ira={"nondeductible_contribution": 7000, "conversion": 7003},
            )
        ],
    )
    result = plan_from_dict(data)
    assert result["people"][0]["backdoor_roth"]["form_8606"]["line_14"] == -3
    for strategy in STRATEGIES:
        assert result["totals"][strategy]["basis_carried_forward"] == 0


@pytest.mark.parametrize("status", ["married_filing_jointly", "married_filing_separately"])
def test_it_sums_each_spouses_own_form_8606(status: str) -> None:
    # One Form 8606 per spouse (Instructions for Form 8606, "More than one Form 8606 required").
    data = household(
        filing_status=status,
        people=[
            person(ira={"basis": 2000, "year_end_balance": 50000}),
            person(
                name="Spouse",
                ira={"basis": 1000, "contribution_made_next_year": True, "conversion": 0},
            ),
        ],
    )
    result = plan_from_dict(data)
    per_person = [p["backdoor_roth"]["basis_carried_forward"] for p in result["people"]]
    assert per_person[1] == 1000 + 7500  # no conversion: line 14 = line 3
    totals = result["totals"]
    assert totals["both"]["basis_carried_forward"] == pytest.approx(sum(per_person), abs=0.001)
    assert totals["mega_backdoor_roth"]["basis_carried_forward"] == 3000
    # No split earnings here, so the backdoor alone gives the same line 14 as both.
    assert totals["backdoor_roth"]["basis_carried_forward"] == pytest.approx(
        sum(per_person), abs=0.001
    )
