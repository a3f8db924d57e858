"""Every golden case in tests/data/golden-cases.json (tax-rules.md section 6; see golden.py)."""

from __future__ import annotations

from typing import Any

import pytest

from planner.engine import plan_from_dict
from tests.engine.golden import load_cases, to_contract

CASES = load_cases()

# golden name -> (path in the contract output); "person" is people[0].
SCALAR_FIGURES = {
    "limit_415c_dollar": ("limits", "annual_additions"),
    "limit_415c_effective": ("person", "mega_backdoor_roth", "annual_additions_limit"),
    "after_tax_room_415c": ("person", "mega_backdoor_roth", "after_tax_room"),
    "plan_after_tax_cap": ("person", "mega_backdoor_roth", "after_tax_cap_amount"),
    "after_tax_contribution_allowed": ("person", "mega_backdoor_roth", "after_tax_contribution"),
    "catch_up_limit": ("person", "mega_backdoor_roth", "catch_up_limit"),
    "total_annual_additions_excl_catch_up": (
        "person",
        "mega_backdoor_roth",
        "annual_additions_total",
    ),
    "total_incl_catch_up": ("person", "mega_backdoor_roth", "annual_additions_with_catch_up"),
    "ira_limit": ("person", "backdoor_roth", "contribution_limit"),
    "mega_roth_dollars_added": ("person", "mega_backdoor_roth", "roth_added"),
    "backdoor_roth_dollars_added": ("person", "backdoor_roth", "roth_added"),
    "roth_dollars_added": ("totals", "both", "roth_added"),
    "taxable_amount": ("totals", "both", "taxable_amount"),
    "nontaxable_amount": ("totals", "both", "nontaxable_amount"),
    "basis_carried_forward": ("person", "backdoor_roth", "basis_carried_forward"),
    "backdoor_nontaxable": ("person", "backdoor_roth", "nontaxable_amount"),
    "line14_raw": ("person", "backdoor_roth", "form_8606", "line_14"),
    "new_pretax_traditional_ira_balance": (
        "person",
        "mega_backdoor_roth",
        "earnings_to_traditional_ira",
    ),
    "roth_catch_up_wage_threshold": ("limits", "roth_catch_up_wage_threshold"),
    "roth_catch_up_enforced_2025": ("limits", "roth_catch_up_enforced"),
    "tax_due": ("totals", "both", "tax_due"),
}
# Figures with no contract counterpart (payroll notes, naive-bug illustrations, 1099-R boxes).
NOT_IN_CONTRACT = {
    "naive_wrong_room_if_catch_up_counted",
    "naive_wrong_room_dollar_limit_only",
    "distribution_gross",
    "form1099r_box2a_taxable",
    "form1099r_box5_employee_contributions",
    "early_distribution_penalty_on_rollover",
    "to_roth_ira",
    "to_traditional_ira",
    "remaining_traditional_ira_value",
    "roth_catch_up_statutorily_required",
    "line7_excludes_rollover_to_qualified_plan",
    "unused_415c_room",
    "direct_roth_ira_allowed",
    "form8606",
}


def _dig(result: dict[str, Any], path: tuple[str, ...]) -> Any:
    node: Any = result
    for key in path:
        node = node["people"][0] if key == "person" else node[key]
    return node


def _tolerance(case: dict[str, Any]) -> float:
    # "exact" variants use the planner's 5-place ratio: within $1 of the full-precision figures.
    return 1.0 if case["inputs"].get("ratio_precision") == "exact" else 0.005


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_it_matches_golden_case_figures(case: dict[str, Any]) -> None:
    result = plan_from_dict(to_contract(case["inputs"]))
    expected = case["expected"]
    tolerance = _tolerance(case)
    unmapped = set(expected) - set(SCALAR_FIGURES) - NOT_IN_CONTRACT
    assert not unmapped, f"golden figures with no mapping: {unmapped}"
    for name, path in SCALAR_FIGURES.items():
        if name not in expected:
            continue
        actual = _dig(result, path)
        want = expected[name]
        if want is None or isinstance(want, bool):
            assert actual == want, name
        else:
            assert actual == pytest.approx(want, abs=tolerance), name
    if "direct_roth_ira_allowed" in expected:
        assert (result["people"][0]["backdoor_roth"]["direct_roth_allowed"] > 0) is expected[
            "direct_roth_ira_allowed"
        ]
    if "unused_415c_room" in expected:
        mega = result["people"][0]["mega_backdoor_roth"]
        assert (
            mega["after_tax_room"] - mega["after_tax_contribution"] == expected["unused_415c_room"]
        )


FORM_CASES = [case for case in CASES if "form8606" in case["expected"]]


@pytest.mark.parametrize("case", FORM_CASES, ids=[case["name"] for case in FORM_CASES])
def test_it_matches_golden_form_8606_lines(case: dict[str, Any]) -> None:
    form = plan_from_dict(to_contract(case["inputs"]))["people"][0]["backdoor_roth"]["form_8606"]
    exact = case["inputs"].get("ratio_precision") == "exact"
    for golden_line, want in case["expected"]["form8606"].items():
        line = "line_" + golden_line.removeprefix("line")
        if golden_line == "line10":
            assert form[line] == pytest.approx(want, abs=0.00001 if exact else 0), line
        else:
            assert form[line] == pytest.approx(want, abs=1.0 if exact else 0.005), line
