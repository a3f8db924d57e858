"""After-tax contributions come out of pay: at most the pay left after elective deferrals
(IRC 401(m)(4)(A) employee contributions; IRC 415(c)(1) room also counts employer money) and
after the Social Security and Medicare tax the employer withholds from the same pay (IRC 3101,
3102(a); deferrals are wages for it, IRC 3121(v)(1)(A))."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.engine import parse_household, plan_from_dict
from planner.engine.contract import household_to_dict
from tests.engine.helpers import warning


def _household(compensation: int, pretax: int, employer: int = 0, **plan: Any) -> dict[str, Any]:
    return {
        "tax_year": 2026,
        "filing_status": "single",
        "people": [
            {
                "age": 55,
                "compensation": compensation,
                "plan": {
                    "pretax_deferral": pretax,
                    "employer_contribution": employer,
                    "allows_after_tax": True,
                    "allows_in_service_distribution": True,
                    **plan,
                },
            }
        ],
    }


def test_the_default_after_tax_amount_is_the_pay_left_after_deferrals_and_payroll_tax() -> None:
    # 415(c)(1): room = min(72,000, 50,000) - (32,500 - 8,000 catch-up) = 25,500, but only
    # 50,000 - 32,500 = 17,500 of pay is left after the deferrals, less 6.2% + 1.45% of the
    # $50,000 (2026: under the $184,500 wage base) = 3,825 withheld: 13,675.
    result = plan_from_dict(_household(50_000, 32_500))
    mega = result["people"][0]["mega_backdoor_roth"]
    assert mega["after_tax_room"] == 25_500
    assert mega["after_tax_contribution"] == 13_675
    limited = warning(result, "after_tax_limited_by_pay")
    assert limited["dollar_effect"] == 25_500 - 13_675
    assert (
        "less $32,500 of deferrals and $3,825 of Social Security and Medicare tax"
        in (limited["message"])
    )


def test_a_second_employer_s_plan_is_held_to_its_own_pay_after_payroll_tax() -> None:
    # A tax-figure audit: $60,000 from a second employer, $6,500 deferred there; its own
    # 415(c) room is 60,000 - 6,500 - 3,000 = 50,500 (Treas. Reg. 1.415(f)-1), but that
    # employer withholds 7.65% x 60,000 = 4,590 from the same pay: at most 48,910.
    data = _household(180_000, 18_000, 9_000)
    data["people"][0]["second_plan"] = {
        "pretax_deferral": 6_000,
        "employer_contribution": 3_000,
        "allows_after_tax": True,
        "allows_in_plan_roth_conversion": True,
    }
    data["people"][0]["second_plan_compensation"] = 60_000
    second = plan_from_dict(data)["people"][0]["second_plan_mega_backdoor_roth"]
    assert second["after_tax_room"] == 51_000
    assert second["after_tax_contribution"] == 60_000 - 6_000 - 4_590


def test_the_default_it_fills_in_passes_its_own_input_check() -> None:
    # The figure the engine picks, sent back as the input, is accepted (no 400).
    data = _household(50_000, 32_500)
    mega = plan_from_dict(data)["people"][0]["mega_backdoor_roth"]
    data["people"][0]["plan"]["after_tax_contribution"] = mega["after_tax_contribution"]
    parsed = parse_household(data)
    assert household_to_dict(parsed)["people"][0]["plan"]["after_tax_contribution"] == 13_675


@settings(max_examples=80, deadline=None)
@given(
    st.integers(min_value=0, max_value=400_000),
    st.integers(min_value=0, max_value=32_500),
    st.integers(min_value=0, max_value=80_000),
)
def test_the_after_tax_contribution_never_exceeds_pay_left_after_deferrals_and_payroll_tax(
    compensation: int, pretax: int, employer: int
) -> None:
    pretax = min(pretax, compensation)
    result = plan_from_dict(_household(compensation, pretax, employer))
    mega = result["people"][0]["mega_backdoor_roth"]
    # At least 7.65% of pay is withheld for Social Security and Medicare (to the wage base).
    withheld = Decimal(min(compensation, 184_500)) * Decimal("0.0765")
    most = max(Decimal(0), compensation - pretax - withheld + Decimal("0.01"))
    assert Decimal(str(mega["after_tax_contribution"])) <= most


def test_a_self_employed_persons_second_plan_has_no_payroll_tax_withheld() -> None:
    # A review: a solo 401(k) for self-employment income (the contract's example of a second
    # plan) lost 7.65% to Social Security and Medicare "withheld", which only wages have (IRC
    # 3101, 3102); self-employment tax (IRC 1401) is paid with the return. $40,000 earned,
    # $4,000 deferred there: $36,000 of after-tax money fits (415(c) room 40,000 - 4,000).
    data = _household(180_000, 18_000, 9_000)
    person = data["people"][0]
    person["self_employed"] = True
    person["second_plan"] = {
        "pretax_deferral": 4_000,
        "allows_after_tax": True,
        "allows_in_plan_roth_conversion": True,
    }
    person["second_plan_compensation"] = 40_000
    second = plan_from_dict(data)["people"][0]["second_plan_mega_backdoor_roth"]
    assert second["after_tax_contribution"] == 36_000
    # Not self-employed: a second employer's wages, withheld from (7.65% x 40,000 = 3,060).
    person["self_employed"] = False
    second = plan_from_dict(data)["people"][0]["second_plan_mega_backdoor_roth"]
    assert second["after_tax_contribution"] == 36_000 - 3_060
