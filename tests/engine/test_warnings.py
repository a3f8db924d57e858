"""Each warning rule, with the source that makes it a rule in the test id."""

from __future__ import annotations

from typing import Any

import pytest

from planner.engine import plan_from_dict
from tests.engine.helpers import codes, household, person, warning


def _run(**overrides: Any) -> dict[str, Any]:
    return plan_from_dict(household(**overrides))


def test_it_warns_pro_rata_and_prices_the_roll_in_remedy() -> None:
    # Form 8606 lines 6-11 (IRC 408(d)(2)); roll-in of pre-tax money, IRC 408(d)(3)(A)(ii); golden c/d.
    result = _run(
        tax_year=2018,
        federal_marginal_rate=0.32,
        form_8606_ratio_places=3,
        people=[person(plan={"pretax_deferral": 18500}, ira={"year_end_balance": 94500})],
    )
    item = warning(result, "pro_rata")
    assert "$5,197.50" in item["message"]
    assert item["dollar_effect"] == 1663.20
    assert "cuts this year's tax by $1,663.20" in item["remedy"]
    assert item["person"] == "You"


def test_it_words_the_roll_in_saving_as_this_years_tax() -> None:
    # Form 8606 line 14: without the roll-in the unused basis carries forward to later years.
    result = plan_from_dict(
        {
            "tax_year": 2026,
            "filing_status": "single",
            "federal_marginal_rate": 0.32,
            "people": [
                {
                    "age": 45,
                    "compensation": 250000,
                    "plan": {"pretax_deferral": 24500, "accepts_ira_rollins": True},
                    "ira": {"year_end_balance": 92500},
                }
            ],
        }
    )
    item = warning(result, "pro_rata")
    backdoor = result["people"][0]["backdoor_roth"]
    assert "saves" not in item["remedy"]
    assert "cuts this year's tax by" in item["remedy"]
    # Line 10 = 7,500 / 100,000 = 0.075; line 14 = 7,500 - 562.50.
    assert backdoor["basis_carried_forward"] == 6937.5
    assert "without it, $6,937.50 of basis carries forward to later years" in item["remedy"]
    assert item["dollar_effect"] == pytest.approx(7500 * 0.925 * 0.32)


def test_it_notes_when_the_plan_takes_no_roll_ins() -> None:
    result = _run(
        federal_marginal_rate=0.32,
        people=[person(plan={"accepts_ira_rollins": False}, ira={"year_end_balance": 92500})],
    )
    assert {"pro_rata", "rollin_not_accepted"} <= set(codes(result))


def test_it_stays_quiet_about_pro_rata_after_a_roll_in() -> None:
    result = _run(people=[person(ira={"year_end_balance": 94500, "roll_into_plan": True})])
    assert "pro_rata" not in codes(result)
    assert result["people"][0]["backdoor_roth"]["rolled_into_plan"] == 94500


def test_it_warns_after_tax_money_left_in_plan() -> None:
    # IRS "Rollovers of after-tax contributions" FAQ: earnings on after-tax money are pre-tax.
    result = _run(people=[person(plan={"allows_in_service_distribution": False})])
    assert warning(result, "after_tax_left_in_plan")["severity"] == "warning"
    assert "no_mega_backdoor" in codes(result)


@pytest.mark.parametrize(
    "plan",
    [
        pytest.param(
            {"allows_after_tax": False}, id="no-after-tax-Bogleheads-mega-backdoor-features"
        ),
        pytest.param({"allows_in_service_distribution": False}, id="no-route"),
    ],
)
def test_it_says_when_there_is_no_mega_backdoor(plan: dict[str, Any]) -> None:
    assert "no_mega_backdoor" in codes(_run(people=[person(plan=plan)]))


def test_it_warns_split_earnings_contaminate_the_backdoor() -> None:
    # Notice 2014-54 and Form 8606 line 6: golden i3 (3dp, 32%): 465.60 vs 576 converting.
    result = _run(
        federal_marginal_rate=0.32,
        form_8606_ratio_places=3,
        people=[
            person(
                plan={
                    "after_tax_contribution": 30000,
                    "after_tax_earnings": 1800,
                    "after_tax_route": "split_earnings_to_traditional_ira",
                }
            )
        ],
    )
    item = warning(result, "split_earnings_contaminate_backdoor")
    assert "$1,455" in item["message"]
    assert item["dollar_effect"] == pytest.approx(465.60 - 576)
    assert "would cost $110.40 more" in item["remedy"]


def test_it_warns_acp_refund_risk_for_an_hce() -> None:
    # IRC 401(m) ACP test; IRC 414(q) prior-year pay above $160,000 (2025 figure for 2026).
    result = _run(people=[person(prior_year_fica_wages=160001)])
    assert warning(result, "acp_refund_risk")["dollar_effect"] == 35000
    quiet = _run(people=[person(prior_year_fica_wages=160000)])
    assert "acp_refund_risk" not in codes(quiet)


ROTH_CATCH_UP = [
    # IRC 414(v)(7): prior-year FICA wages must EXCEED the threshold.
    pytest.param(2026, 150001, "warning", id="2026-above-150000-enforced-Notice-2025-67"),
    pytest.param(2026, 150000, None, id="2026-exactly-150000-not-exceeded"),
    pytest.param(2025, 240000, "info", id="2025-transition-relief-Notice-2023-62-golden-f"),
    pytest.param(2024, 146000, "info", id="2024-transition-relief"),
    pytest.param(2023, 500000, None, id="2023-before-SECURE2-s603"),
]


@pytest.mark.parametrize(("year", "wages", "severity"), ROTH_CATCH_UP)
def test_it_flags_a_pretax_catch_up_that_must_be_roth(
    year: int, wages: int, severity: str | None
) -> None:
    deferral = {2023: 30000, 2024: 30500, 2025: 31000, 2026: 32500}[year]
    result = _run(
        tax_year=year,
        people=[person(age=55, prior_year_fica_wages=wages, plan={"pretax_deferral": deferral})],
    )
    if severity is None:
        assert "roth_catch_up_required" not in codes(result)
    else:
        assert warning(result, "roth_catch_up_required")["severity"] == severity


def test_it_accepts_a_roth_catch_up() -> None:
    plan = {"pretax_deferral": 24500, "roth_deferral": 8000}
    result = _run(people=[person(age=55, prior_year_fica_wages=300000, plan=plan)])
    assert "roth_catch_up_required" not in codes(result)


def test_it_says_when_a_direct_roth_contribution_is_possible() -> None:
    # IRC 408A(c)(3); Pub. 590-A Worksheet 2-2.
    result = _run(people=[person(compensation=150000)])
    assert "$7,500" in warning(result, "direct_roth_possible")["message"]


def test_it_warns_about_the_five_year_clock_before_59_and_a_half() -> None:
    # IRC 408A(d)(3)(F); taxable part of each conversion has its own clock.
    plan = {"after_tax_earnings": 1000}
    assert (
        warning(_run(people=[person(age=59, plan=plan)]), "five_year_rule")["dollar_effect"] == 100
    )
    assert "five_year_rule" not in codes(_run(people=[person(age=60, plan=plan)]))


@pytest.mark.parametrize(
    ("plan", "balance", "route", "clock"),
    [
        # The plan takes roll-ins: the answer rolls the IRA in first, the conversion is
        # tax-free (Form 8606 line 6 is 0), and no taxable clock starts.
        pytest.param({"accepts_ira_rollins": True}, 20000, "roll_in_first", None, id="roll-in"),
        # Too much pre-tax money and no plan to take it: the answer skips the backdoor.
        pytest.param({"accepts_ira_rollins": False}, 20000, "skip", None, id="skip"),
        # A backdoor the answer keeps, pro rata: the clock is on its taxable part.
        pytest.param({"accepts_ira_rollins": False}, 12000, "backdoor", 346.16, id="kept"),
    ],
)
def test_the_five_year_clock_counts_the_answers_conversions(
    plan: dict[str, Any], balance: int, route: str, clock: float | None
) -> None:
    # IRC 408A(d)(3)(F): a 10% additional tax on a conversion's taxable part withdrawn within
    # five years before 59½; the conversion is the one the answer makes.
    result = _run(
        people=[
            person(
                plan={"after_tax_contribution": 0, **plan},
                ira={"year_end_balance": balance, "basis": 3000},
            )
        ]
    )
    assert result["decision"]["people"][0]["ira"]["route"] == route
    if clock is None:
        assert "five_year_rule" not in codes(result)
    else:
        assert warning(result, "five_year_rule")["dollar_effect"] == clock


@pytest.mark.parametrize(
    ("age", "flagged"),
    [(70, True), (71, True), (69, False)],
    ids=["70-may-be-barred", "71-barred", "69-fine"],
)
def test_it_warns_about_the_age_70_half_bar_before_2020(age: int, flagged: bool) -> None:
    # IRC 219(d)(1) before SECURE Act 2019 sec. 107.
    result = _run(tax_year=2019, people=[person(age=age, plan={"pretax_deferral": 19000})])
    assert ("age_70_half" in codes(result)) is flagged
    assert "age_70_half" not in codes(
        _run(tax_year=2020, people=[person(age=age, plan={"pretax_deferral": 19500})])
    )


def test_it_notes_the_step_transaction_doctrine() -> None:
    # TCJA conference report, H.R. Rep. No. 115-466.
    assert warning(_run(), "step_transaction")["severity"] == "info"
    assert "step_transaction" not in codes(
        _run(people=[person(ira={"nondeductible_contribution": 0})])
    )


def test_it_explains_a_contribution_made_next_year() -> None:
    # Instructions for Form 8606, line 4; deadline from the year table (Notice 2020-18 for 2019).
    result = _run(
        tax_year=2019,
        people=[person(plan={"pretax_deferral": 19000}, ira={"contribution_made_next_year": True})],
    )
    assert "July 15, 2020" in warning(result, "contribution_next_year")["message"]


def test_it_gives_every_warning_the_contract_fields() -> None:
    result = _run(
        people=[person(plan={"accepts_ira_rollins": False}, ira={"year_end_balance": 1000})]
    )
    for item in result["warnings"]:
        assert set(item) == {"code", "severity", "message", "remedy", "dollar_effect", "person"}
        assert item["severity"] in {"info", "warning", "danger"}


def test_a_conversion_without_basis_is_not_blamed_on_the_pro_rata_rule() -> None:
    # Form 8606 lines 5 and 10: with no basis, line 10 is 0 whatever line 6 holds, so all of a
    # plain conversion is taxable because none of it was ever taxed; a tax-figure audit found
    # a "pro-rata rule" warning and a roll-in remedy that changes nothing.
    result = plan_from_dict(
        {
            "tax_year": 2025,
            "filing_status": "single",
            "people": [
                {
                    "age": 66,
                    "compensation": 80_000,
                    "ira": {"year_end_balance": 30_000, "nondeductible_contribution": 0,
                            "conversion": 20_000},
                }
            ],
        }
    )  # fmt: skip
    assert result["people"][0]["backdoor_roth"]["taxable_amount"] == 20_000
    assert "pro_rata" not in [w["code"] for w in result["warnings"]]
    assert not any("pro-rata" in text for text in result["verdict"]["explanations"])
