"""expected_tax_documents: the Forms 1099-R and 5498 each move produces, and their lines.

Every box and code is from the IRS Instructions for Forms 1099-R and 5498 (2024) unless a
test says otherwise; each test names the section it checks.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from planner.engine import compute_plan, parse_household, year_table
from planner.engine.tax_documents import (
    MoveDocuments,
    conversion_codes,
    expected_tax_documents,
    ira_lines,
    pension_lines,
)
from tests.engine.helpers import household, person

# The base household is 2026 and under 50: the IRA contribution is the year's dollar limit.
IRA_LIMIT = year_table(2026).ira_contribution
AFTER_TAX = Decimal(10000)
EARNINGS = Decimal(150)


def _documents(data: dict[str, Any]) -> list[MoveDocuments]:
    parsed = parse_household(data)
    return expected_tax_documents(parsed, compute_plan(parsed))


def _move(data: dict[str, Any], move: str) -> MoveDocuments:
    matches = [item for item in _documents(data) if item.move == move]
    assert len(matches) == 1, [item.move for item in _documents(data)]
    return matches[0]


def _line(documents: MoveDocuments, form: str, line: str) -> Decimal | None:
    (match,) = [item for item in documents.return_lines if item.form == form and item.line == line]
    return match.amount


def _mega(route: str, **plan: Any) -> dict[str, Any]:
    """After-tax money only (no IRA contribution), with known earnings."""
    return household(
        people=[
            person(
                plan={
                    "after_tax_contribution": int(AFTER_TAX),
                    "after_tax_earnings": int(EARNINGS),
                    "allows_in_plan_roth_conversion": True,
                    "after_tax_route": route,
                    **plan,
                },
                ira={"nondeductible_contribution": 0},
            )
        ]
    )


def test_in_service_rollover_to_roth_ira_is_code_g_with_earnings_taxable() -> None:
    # 1099-R instructions, Direct Rollovers: to a Roth IRA, box 1 the amount rolled over,
    # box 2a the taxable amount, box 5 the basis recovered, Code G. Form 5498 box 2.
    documents = _move(_mega("rollover_to_roth_ira"), "in_service_rollover_to_roth_ira")
    (form,) = documents.forms_1099r
    assert form.box_1 == AFTER_TAX + EARNINGS
    assert form.box_2a == EARNINGS
    assert form.box_5 == AFTER_TAX
    assert form.box_7_options == ("G",)
    assert form.ira_sep_simple is False  # paid by a plan, not an IRA
    (receipt,) = documents.forms_5498
    assert (receipt.account, receipt.box_1, receipt.box_2, receipt.box_3) == (
        "Roth IRA",
        0,
        AFTER_TAX + EARNINGS,
        0,
    )
    # Form 1040 instructions, lines 5a/5b: a plan distribution, taxable part on 5b.
    assert _line(documents, "Form 1040", "5a") == AFTER_TAX + EARNINGS
    assert _line(documents, "Form 1040", "5b") == EARNINGS
    assert any("Direct Rollovers" in source for source in documents.sources)
    assert any("January" in text for text in documents.depends)  # timing across December 31


def test_notice_2014_54_split_sends_two_code_g_rollovers_with_nothing_taxable() -> None:
    # Notice 2014-54: the after-tax part to a Roth IRA, the earnings to a traditional IRA,
    # both direct rollovers (Code G); box 2a 0 on each, box 5 the after-tax part.
    documents = _move(_mega("split_earnings_to_traditional_ira"), "split_rollover_notice_2014_54")
    to_roth, to_traditional = documents.forms_1099r
    assert (to_roth.box_1, to_roth.box_2a, to_roth.box_5) == (AFTER_TAX, 0, AFTER_TAX)
    assert (to_traditional.box_1, to_traditional.box_2a, to_traditional.box_5) == (EARNINGS, 0, 0)
    assert to_roth.box_7_options == to_traditional.box_7_options == ("G",)
    # Form 5498 box 2 (rollover contributions) on each receiving IRA.
    assert [(r.account, r.box_2) for r in documents.forms_5498] == [
        ("Roth IRA", AFTER_TAX),
        ("traditional IRA", EARNINGS),
    ]
    assert _line(documents, "Form 1040", "5a") == AFTER_TAX + EARNINGS
    assert _line(documents, "Form 1040", "5b") == 0
    assert any("one Form 1099-R for the whole" in text for text in documents.depends)


def test_in_plan_roth_rollover_is_code_g_and_has_no_form_5498() -> None:
    # 1099-R instructions, IRRs: box 1 the amount rolled over, box 2a the taxable amount,
    # box 5 the basis recovered, Code G. No IRA receives it, so no Form 5498.
    documents = _move(
        _mega("in_plan_conversion", allows_in_service_distribution=False), "in_plan_roth_rollover"
    )
    (form,) = documents.forms_1099r
    assert (form.box_1, form.box_2a, form.box_5) == (AFTER_TAX + EARNINGS, EARNINGS, AFTER_TAX)
    assert form.box_7_options == ("G",)
    assert documents.forms_5498 == ()
    assert _line(documents, "Form 1040", "5b") == EARNINGS
    assert any("In-plan Roth rollovers" in source for source in documents.sources)


def test_money_left_in_the_plan_produces_no_form() -> None:
    data = _mega("stay_in_plan")
    assert [item.move for item in _documents(data)] == []


def test_ira_conversion_is_code_2_with_ira_box_and_5498_box_3() -> None:
    # 1099-R instructions, Roth IRA conversions: box 1 and box 2a the amount converted,
    # IRA/SEP/SIMPLE checked, Code 2 under 59½. Form 5498 box 3 on the Roth IRA.
    # No plan takes the pre-tax money and it is too much to convert whole, too little to skip
    # the backdoor for: the answer keeps the pro-rata conversion as entered.
    data = household(
        people=[
            person(
                plan={"accepts_ira_rollins": False}, ira={"year_end_balance": 12000, "basis": 3000}
            )
        ]
    )
    documents = _move(data, "ira_roth_conversion")
    form_8606 = compute_plan(parse_household(data)).people[0].backdoor_roth.form_8606
    (form,) = documents.forms_1099r
    assert form.box_1 == form.box_2a == form_8606.line_8 == IRA_LIMIT
    assert form.box_2b_not_determined is True
    assert form.ira_sep_simple is True
    assert form.box_7_options == ("2",)
    (receipt,) = documents.forms_5498
    assert (receipt.account, receipt.box_3) == ("Roth IRA", IRA_LIMIT)
    # Form 1040 line 4b is Form 8606 line 18, not box 2a.
    assert _line(documents, "Form 1040", "4a") == IRA_LIMIT
    assert _line(documents, "Form 1040", "4b") == form_8606.line_18 < IRA_LIMIT
    assert _line(documents, "Form 8606", "16") == IRA_LIMIT
    assert any("Form 8606 line 18" in text for text in documents.depends)


def test_conversion_code_follows_age_59_and_a_half() -> None:
    # 1099-R instructions, box 7: Code 2 (exception applies, under 59½), Code 7 (59½ or older).
    assert conversion_codes(45) == ("2",)
    assert conversion_codes(59) == ("2", "7")
    assert conversion_codes(60) == ("2", "7")
    assert conversion_codes(61) == ("7",)
    data = household(people=[person(age=59)])
    documents = _move(data, "ira_roth_conversion")
    assert documents.forms_1099r[0].box_7_options == ("2", "7")
    assert any("59½" in text for text in documents.depends)


def test_roll_in_to_the_plan_is_code_g_from_the_ira_and_lowers_line_6() -> None:
    # 1099-R instructions, Code G: a direct payment from an IRA to an accepting employer
    # plan; IRA/SEP/SIMPLE checked, box 2a 0. Form 1040 lines 4a/4b; not Form 8606 line 7.
    data = household(
        people=[person(ira={"year_end_balance": 20000, "basis": 0, "roll_into_plan": True})]
    )
    documents = _move(data, "ira_roll_in_to_plan")
    (form,) = documents.forms_1099r
    assert (form.box_1, form.box_2a, form.box_7_options, form.ira_sep_simple) == (
        Decimal(20000),
        0,
        ("G",),
        True,
    )
    assert documents.forms_5498 == ()
    assert _line(documents, "Form 1040", "4a") == Decimal(20000)
    assert _line(documents, "Form 1040", "4b") == 0
    assert _line(documents, "Form 8606", "6") == 0
    assert any("December 31" in text for text in documents.depends)


def test_nondeductible_contribution_is_5498_box_1_and_form_8606_line_1() -> None:
    # Form 5498 box 1: contributions designated for the year, even when made next year.
    data = household(people=[person(ira={"contribution_made_next_year": True})])
    documents = _move(data, "nondeductible_ira_contribution")
    assert documents.forms_1099r == ()
    (receipt,) = documents.forms_5498
    assert (receipt.account, receipt.box_1) == ("traditional IRA", IRA_LIMIT)
    assert _line(documents, "Form 8606", "1") == IRA_LIMIT
    # Part I stops at line 3 without a conversion; the contribution is line 14 basis.
    assert _line(documents, "Form 8606", "14") == IRA_LIMIT
    assert any("May 31" in text for text in documents.depends)
    # Made next year, it is converted next year: no conversion documents this year.
    assert "ira_roth_conversion" not in [item.move for item in _documents(data)]


def test_married_couple_gets_documents_per_person_in_the_order_money_moves() -> None:
    data = household(
        filing_status="married_filing_jointly",
        people=[
            person(name="Alex", ira={"year_end_balance": 5000, "roll_into_plan": True}),
            person(name="Sam", plan={"allows_after_tax": False}),
        ],
    )
    moves = [(item.person, item.move) for item in _documents(data)]
    assert moves == [
        ("Alex", "in_service_rollover_to_roth_ira"),
        ("Alex", "ira_roll_in_to_plan"),
        ("Alex", "nondeductible_ira_contribution"),
        ("Alex", "ira_roth_conversion"),
        ("Sam", "nondeductible_ira_contribution"),
        ("Sam", "ira_roth_conversion"),
    ]


def test_a_second_employers_plan_reports_its_own_after_tax_move() -> None:
    # Instructions for Forms 1099-R and 5498, Direct Rollovers / Code G: each plan that pays
    # out files its own Form 1099-R, so the second employer's in-plan rollover is a second form.
    data = _mega("rollover_to_roth_ira", allows_in_service_distribution=True)
    data["people"][0]["second_plan"] = {
        "employer_contribution": 5000,
        "allows_after_tax": True,
        "allows_in_plan_roth_conversion": True,
        "after_tax_route": "in_plan_conversion",
        "after_tax_contribution": 3000,
        "after_tax_earnings": 0,
    }
    data["people"][0]["second_plan_compensation"] = 60000
    titles = [item.title for item in _documents(data) if item.move == "in_plan_roth_rollover"]
    assert titles == ["In-plan Roth rollover of the after-tax money (second employer's plan)"]
    (second,) = [item for item in _documents(data) if "second employer" in item.title]
    (form,) = second.forms_1099r
    assert (form.box_7_options, form.box_1, form.box_5) == (("G",), Decimal(3000), Decimal(3000))


@pytest.mark.parametrize(
    ("year", "ira", "plan"),
    [
        # 2018 Form 1040: one line for IRAs, pensions and annuities (5a/5b were Social Security).
        (2018, ("4a", "4b"), ("4a", "4b")),
        # 2019 Form 1040: 4a/4b IRA distributions, 4c/4d pensions and annuities.
        (2019, ("4a", "4b"), ("4c", "4d")),
        # Form 1040 from 2020 (Instructions for Form 1040 (2024)): 4a/4b IRAs, 5a/5b pensions.
        (2020, ("4a", "4b"), ("5a", "5b")),
        (2026, ("4a", "4b"), ("5a", "5b")),
    ],
)
def test_form_1040_lines_follow_the_years_form(year: int, ira: tuple, plan: tuple) -> None:
    assert ira_lines(year)[:2] == ira
    assert pension_lines(year)[:2] == plan


def test_a_2018_rollover_goes_on_line_4a_not_social_security() -> None:
    data = _mega("rollover_to_roth_ira", allows_in_service_distribution=True, pretax_deferral=18500)
    data["tax_year"] = 2018
    documents = _move(data, "in_service_rollover_to_roth_ira")
    assert _line(documents, "Form 1040", "4a") == AFTER_TAX + EARNINGS
    assert not [line for line in documents.return_lines if line.line.startswith("5")]


IRA_MOVES = ("ira_roll_in_to_plan", "nondeductible_ira_contribution", "ira_roth_conversion")


def test_the_documents_are_the_answers_moves_when_it_rolls_the_ira_in_first() -> None:
    # The IRA holds $17,000 of pre-tax money and the plan takes roll-ins: the answer rolls it
    # in first (IRC 408(d)(3)(A)(ii)), so the forms to expect are the roll-in's (Code G, box
    # 2a 0: 1099-R instructions, Direct Rollovers) and a conversion with Form 8606 line 18
    # at 0, not the pro-rata conversion entered.
    data = household(people=[person(ira={"year_end_balance": 20000, "basis": 3000})])
    parsed = parse_household(data)
    result = compute_plan(parsed)
    assert result.people[0].backdoor_roth.form_8606.line_18 > 0
    moves = {
        item.move: item for item in expected_tax_documents(parsed, result) if item.move in IRA_MOVES
    }
    assert tuple(moves) == IRA_MOVES
    (roll_in,) = moves["ira_roll_in_to_plan"].forms_1099r
    assert (roll_in.box_1, roll_in.box_2a, roll_in.box_7_options) == (Decimal(17000), 0, ("G",))
    # Only pre-tax money can go into the plan: the $3,000 of basis stays, and is line 6.
    assert _line(moves["ira_roll_in_to_plan"], "Form 8606", "6") == 3000
    assert _line(moves["ira_roth_conversion"], "Form 1040", "4b") == 0
    assert _line(moves["ira_roth_conversion"], "Form 8606", "18") == 0
    assert result.decision.people[0].ira.form_8606.line_18 == 0


def test_a_skipped_backdoor_has_no_documents() -> None:
    # Too much pre-tax IRA money and no plan to take it: the answer skips the backdoor, so
    # no contribution or conversion is reported.
    data = household(
        people=[
            person(
                plan={"accepts_ira_rollins": False}, ira={"year_end_balance": 20000, "basis": 3000}
            )
        ]
    )
    assert [item.move for item in _documents(data) if item.move in IRA_MOVES] == []


def test_a_roll_in_from_a_sep_ira_is_reported_by_its_custodian() -> None:
    # 1099-R instructions, Code G and the IRA/SEP/SIMPLE box: each IRA the money leaves
    # reports it, a SEP-IRA's custodian as much as a traditional IRA's.
    data = household(
        people=[
            person(
                ira={
                    "year_end_balance": 20000,
                    "roll_into_plan": True,
                    "traditional_balance_today": 0,
                    "sep_balance_today": 20000,
                }
            )
        ]
    )
    (form,) = _move(data, "ira_roll_in_to_plan").forms_1099r
    assert form.issuer == "the SEP-IRA custodian"
    data["people"][0]["ira"]["traditional_balance_today"] = 5000
    data["people"][0]["ira"]["simple_balance_today"] = 1000
    (form,) = _move(data, "ira_roll_in_to_plan").forms_1099r
    assert form.issuer == "each custodian of the traditional, SEP and SIMPLE IRAs the money leaves"
    del (
        data["people"][0]["ira"]["sep_balance_today"],
        data["people"][0]["ira"]["simple_balance_today"],
    )
    (form,) = _move(data, "ira_roll_in_to_plan").forms_1099r
    assert form.issuer == "the traditional IRA custodian"


def test_a_direct_roth_answer_expects_box_10_and_no_form_8606() -> None:
    # Married filing jointly on $200,000 (MAGI $175,500 after deferrals, under 2026's
    # $242,000 joint phase-out, Notice 2025-67): the answer contributes $7,500 straight to the
    # Roth IRA. Form 5498 box 10 reports it and nothing goes on Form 8606, so no
    # nondeductible contribution (line 1) or conversion is expected, whatever was entered.
    data = household(
        filing_status="married_filing_jointly",
        people=[person(compensation=200000, plan={"allows_after_tax": False})],
    )
    moves = _documents(data)
    assert [item.move for item in moves] == ["direct_roth_contribution"]
    (receipt,) = moves[0].forms_5498
    assert (receipt.issuer, receipt.box_10, receipt.box_1) == ("the Roth IRA custodian", 7500, 0)
    assert moves[0].return_lines == ()
