"""Required minimum distributions (IRC 401(a)(9), 408(a)(6)): prior Dec 31 balance over the
Uniform Lifetime Table factor (Treas. Reg. 1.401(a)(9)-9(c) as amended by T.D. 9930 from 2022;
1.401(a)(9)-9 Q&A-2 before; Pub. 590-B Appendix B Table III), taken before any conversion."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.engine import plan_from_dict
from planner.engine.rmd import (
    UNIFORM_LIFETIME_BEFORE_2022,
    UNIFORM_LIFETIME_FROM_2022,
    distribution_period,
)
from tests.engine.helpers import codes, warning


def _household(year: int, age: int, compensation: int = 100_000, **ira: Any) -> dict[str, Any]:
    return {
        "tax_year": year,
        "filing_status": "single",
        "people": [{"age": age, "compensation": compensation, "ira": ira}],
    }


def test_the_rmd_is_last_year_end_balance_over_the_factor_and_is_income() -> None:
    # Pub. 590-B Table III (2022+): age 75 -> 24.6; 246,000 / 24.6 = 10,000, all taxable
    # (no basis: Form 8606 is not needed, IRC 72 via 408(d)(1)).
    result = plan_from_dict(
        _household(
            2026, 75, prior_year_end_balance=246_000, year_end_balance=250_000,
            nondeductible_contribution=0,
        )
    )  # fmt: skip
    backdoor = result["people"][0]["backdoor_roth"]
    assert backdoor["required_minimum_distribution"] == 10_000
    assert backdoor["required_minimum_distribution_taxable"] == 10_000
    assert result["tax"]["agi"] == 110_000
    found = warning(result, "required_minimum_distribution")
    assert "$10,000" in found["message"] and "24.6" in found["message"]
    assert "balance was not given" not in found["message"]


def test_the_rmd_is_form_8606_line_7_taxed_pro_rata_and_never_converted() -> None:
    # Form 8606 (2023 instructions) lines 6-15a: line 9 = 250,000 + 10,000 + 8,600; line 10 =
    # 8,600 / 268,600 = 0.03202; line 12 = 320.20; line 15a = 9,679.80; line 18 = 8,324.63.
    result = plan_from_dict(
        _household(2026, 75, prior_year_end_balance=246_000, year_end_balance=250_000)
    )
    backdoor = result["people"][0]["backdoor_roth"]
    form = backdoor["form_8606"]
    assert (form["line_6"], form["line_7"], form["line_8"]) == (250_000, 10_000, 8_600)
    assert form["line_10"] == 0.03202
    assert form["line_12"] == 320.20
    assert form["line_15a"] == 9_679.80
    assert backdoor["taxable_amount"] == 8_324.63
    assert backdoor["roth_added"] == 8_600  # the RMD adds nothing to the Roth
    assert backdoor["required_minimum_distribution_taxable"] == 9_679.80
    # Without the backdoor there is no basis: the whole $10,000 RMD is taxable (IRC 72 via
    # 408(d)(1)). The contribution's basis shelters $320.20 of it (line 12), which the
    # backdoor's tax counts: it adds 8,324.63 - 320.20 = $8,004.43 of income. The taxable
    # amount shown stays line 18, beside line 17, the two adding up to the conversion.
    assert result["tax"]["agi"] == 110_000
    totals = result["totals"]["backdoor_roth"]
    assert totals["taxable_amount"] + totals["nontaxable_amount"] == 8_600
    assert totals["taxable_amount"] == 8_324.63
    message = warning(result, "required_minimum_distribution")["message"]
    assert "adds $8,004.43 of income, not line 18's $8,324.63" in message


def test_the_backdoor_is_priced_against_the_rmd_taxed_without_it() -> None:
    # 2024, age 74: RMD 200,000 / 25.5 = 7,843.14 (Pub. 590-B Table III); $10,000 basis.
    # Without the backdoor, Form 8606 line 9 = 192,156.86 + 7,843.14 = 200,000; line 10 =
    # 0.05; line 15a = 7,843.14 - 392.16 = 7,450.98, in the tax without the moves (2024
    # single, standard deduction 14,600 + 1,950 at 65: taxable 160,400.98, tax 31,538.74).
    # With it, line 15a = 7,164.39 and line 18 = 7,307.68: tax 33,223.80, so the backdoor
    # costs 1,685.06, not the 1,753.85 of line 18 alone at 24% (helper audit, Form 8606
    # lines 9-18).
    data = _household(
        2024, 74, 200_000, prior_year_end_balance=200_000, year_end_balance=192_156.86, basis=10_000
    )
    data["people"][0]["plan"] = {"pretax_deferral": 30_500}
    result = plan_from_dict(data)
    backdoor = result["people"][0]["backdoor_roth"]
    assert result["tax"]["federal_tax_without_moves"] == 31_538.74
    assert result["tax"]["federal_tax_with_both"] == 33_223.80
    assert (backdoor["taxable_amount"], backdoor["required_minimum_distribution_taxable"]) == (
        7_307.68,
        7_164.39,
    )
    assert backdoor["tax_due"] == result["totals"]["backdoor_roth"]["tax_due"] == 1_685.06
    message = warning(result, "required_minimum_distribution")["message"]
    assert "$7,164.39 of it is taxable (line 15a) with the backdoor, $7,450.98 without it" in (
        message
    )
    assert "adds $7,021.09 of income, not line 18's $7,307.68" in message
    # Skipping is the answer; rolled in first, all $190,000 of pre-tax money goes (line 6
    # keeps only basis, IRC 408(d)(3)(A)(ii)), not $190,000 less the RMD a second time.
    headline = result["verdict"]["headline"]
    assert "unless you roll the $190,000 into a 401(k) first" in headline
    assert "($1,685.06 tax now)" in headline


@pytest.mark.parametrize(
    ("year", "age", "factor"),
    [
        (2019, 71, Decimal("26.5")),  # 70½ rule; Treas. Reg. 1.401(a)(9)-9 Q&A-2
        (2021, 72, Decimal("25.6")),  # SECURE Act sec. 114: 72; the old table until 2021
        (2022, 72, Decimal("27.4")),  # T.D. 9930 table from 2022
        (2026, 73, Decimal("26.5")),  # SECURE 2.0 sec. 107: 73 from 2023
        (2026, 120, Decimal("2.0")),  # 120 and older
        (2021, 118, Decimal("1.9")),  # 115 and older
    ],
)
def test_it_uses_the_table_for_the_year_and_age(year: int, age: int, factor: Decimal) -> None:
    assert distribution_period(year, age) == factor
    result = plan_from_dict(_household(year, age, prior_year_end_balance=100_000))
    expected = (Decimal(100_000) / factor).quantize(Decimal("0.01"))
    rmd = Decimal(str(result["people"][0]["backdoor_roth"]["required_minimum_distribution"]))
    assert rmd == expected


@pytest.mark.parametrize(("year", "age"), [(2018, 69), (2021, 71), (2023, 72), (2026, 72)])
def test_there_is_none_before_the_rmd_age(year: int, age: int) -> None:
    result = plan_from_dict(_household(year, age, prior_year_end_balance=100_000))
    assert result["people"][0]["backdoor_roth"]["required_minimum_distribution"] == 0
    assert "required_minimum_distribution" not in codes(result)


def test_2020_rmds_were_waived() -> None:
    # CARES Act sec. 2203.
    result = plan_from_dict(_household(2020, 75, prior_year_end_balance=100_000))
    assert result["people"][0]["backdoor_roth"]["required_minimum_distribution"] == 0
    assert "CARES Act" in warning(result, "required_minimum_distribution")["message"]


def test_age_70_before_2020_states_the_birthday_assumption() -> None:
    # IRC 401(a)(9)(C) before SECURE: 70½ in the year needs a birthday January 1 - June 30.
    result = plan_from_dict(_household(2019, 70, prior_year_end_balance=274_000))
    assert result["people"][0]["backdoor_roth"]["required_minimum_distribution"] == 10_000
    assert "June 30" in warning(result, "required_minimum_distribution")["message"]


def test_a_missing_prior_balance_is_assumed_and_said() -> None:
    result = plan_from_dict(_household(2026, 80, year_end_balance=202_000))
    assert result["people"][0]["backdoor_roth"]["required_minimum_distribution"] == 10_000
    found = warning(result, "required_minimum_distribution")
    assert "balance was not given" in found["message"]
    assert "Form 5498" in found["remedy"]


def test_the_tables_hold_the_published_rows() -> None:
    # Pub. 590-B Appendix B Table III: 72-120 (2022+); 70-115 (before 2022).
    assert len(UNIFORM_LIFETIME_FROM_2022) == 51 and len(UNIFORM_LIFETIME_BEFORE_2022) == 46
    assert all(
        later < earlier
        for table in (UNIFORM_LIFETIME_FROM_2022, UNIFORM_LIFETIME_BEFORE_2022)
        for earlier, later in zip(list(table.values()), list(table.values())[1:], strict=False)
    )


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=2018, max_value=2026),
    st.integers(min_value=70, max_value=110),
    st.integers(min_value=0, max_value=2_000_000),
    st.integers(min_value=0, max_value=2_000_000),
    st.one_of(st.none(), st.integers(min_value=0, max_value=20_000)),
)
def test_the_rmd_is_never_converted(
    year: int, age: int, prior: int, year_end: int, conversion: int | None
) -> None:
    # IRC 408(d)(3)(E): an RMD is not an eligible rollover; Form 8606 keeps it on line 7.
    with_rmd = plan_from_dict(
        _household(year, age, prior_year_end_balance=prior, year_end_balance=year_end,
                   conversion=conversion)
    )["people"][0]["backdoor_roth"]  # fmt: skip
    without = plan_from_dict(
        _household(year, age, prior_year_end_balance=0, year_end_balance=year_end,
                   conversion=conversion)
    )["people"][0]["backdoor_roth"]  # fmt: skip
    assert with_rmd["conversion"] == without["conversion"]
    assert with_rmd["roth_added"] == without["roth_added"] == with_rmd["conversion"]
    form = with_rmd["form_8606"]
    if form is not None and form["line_7"] is not None:
        assert form["line_7"] == with_rmd["required_minimum_distribution"]
        assert form["line_8"] == with_rmd["conversion"]


def test_the_money_to_roll_in_before_a_backdoor_leaves_out_the_rmd() -> None:
    # IRC 402(c)(4)(B) and 408(d)(3)(E): a required minimum distribution cannot be rolled
    # over. Age 75 in 2026: 100,000 / 24.6 = $4,065.04 comes out first, so $100,000 (the
    # December 31 balance) is what a roll-in can take, not $104,065.04.
    result = plan_from_dict(
        _household(2026, 75, 250_000, prior_year_end_balance=100_000, year_end_balance=100_000)
    )
    assert result["decision"]["people"][0]["ira"]["route"] == "skip"
    headline = result["verdict"]["headline"]
    assert "First take the $4,065.04 required minimum distribution." in headline
    assert "unless you roll the $100,000 into a 401(k) first" in headline


@pytest.mark.parametrize("roll_in_entered", [False, True])
def test_a_roll_in_in_an_rmd_year_is_never_a_negative_tax(roll_in_entered: bool) -> None:
    # A review of the change above: rolling the pre-tax money in leaves line 6 only basis, so
    # line 10 is 1 and the RMD's line 15a is 0 (Form 8606 lines 6-15a); measured against the
    # RMD taxed without any roll-in, that drop was the backdoor's, for "$-1,788.24 of tax".
    # The backdoor is measured against the same roll-in choice: its tax here is $0.
    data = _household(
        2024, 74, 200_000, prior_year_end_balance=200_000, year_end_balance=192_156.86, basis=10_000
    )
    data["people"][0]["plan"] = {"pretax_deferral": 30_500, "accepts_ira_rollins": True}
    data["people"][0]["ira"]["roll_into_plan"] = roll_in_entered
    result = plan_from_dict(data)
    ira = result["decision"]["people"][0]["ira"]
    assert ira["roll_in"] == 190_000
    assert ira["tax_due"] == 0
    assert "$-" not in " ".join([result["verdict"]["headline"], *result["verdict"]["sentences"]])
    assert "$8,000 to Roth for $0 of tax now" in result["verdict"]["headline"]


def _working_at_74(**ira: Any) -> dict[str, Any]:
    """2026, single, 74, still working: $300,000 of pay and a 401(k) that takes IRA roll-ins."""
    plan = {"pretax_deferral": 24500, "employer_contribution": 10000, "accepts_ira_rollins": True}
    return {
        "tax_year": 2026,
        "filing_status": "single",
        "people": [{"age": 74, "compensation": 300000, "plan": plan, "ira": ira}],
    }


def test_the_rmd_comes_before_the_roll_in_and_cannot_go_into_the_401k() -> None:
    # A tax-figure audit: age 74 in 2026, $400,000 on December 31, 2025: $400,000 / 25.5 =
    # $15,686.27 (Uniform Lifetime Table). The checklist put the roll-in first; a roll-in is a
    # distribution, whose first dollars count toward the RMD (Treas. Reg. 1.402(c)-2 Q&A-7),
    # and an RMD cannot be rolled over (IRC 402(c)(4)(B), 408(d)(3)(E)).
    from datetime import date

    from planner.engine import compute_plan, parse_household
    from planner.engine.checklist import Step, action_checklist

    data = _working_at_74(year_end_balance=390000, prior_year_end_balance=400000, basis=20000)
    household = parse_household(data)
    result = compute_plan(household, date(2026, 12, 7))
    kinds = [a.kind for a in action_checklist(household, result) if a.person]
    assert kinds.index(Step.REQUIRED_DISTRIBUTION) < kinds.index(Step.IRA_ROLL_IN)
    (rmd,) = [
        a for a in action_checklist(household, result) if a.kind is Step.REQUIRED_DISTRIBUTION
    ]
    assert rmd.title == "Take the $15,686.27 required minimum distribution from the traditional IRA"
    assert "an RMD can't be rolled over or converted (IRC 402(c)(4)(B), 408(d)(3)(E))" in rmd.detail
    assert "first RMD year" not in rmd.detail  # 74: not the first
    assert result.verdict is not None
    assert "it can't be rolled into a 401(k) or converted." in " ".join(result.verdict.sentences)


def test_the_first_rmd_may_wait_until_april_1_and_the_answer_says_so() -> None:
    # IRC 401(a)(9)(C), Pub. 590-B: the first RMD (the year the RMD age, 73, is reached) may be
    # taken by April 1 of the next year; $100,000 / 26.5 = $3,773.58.
    from datetime import date

    from planner.engine import compute_plan, parse_household
    from planner.engine.checklist import Step, action_checklist

    data = _household(2026, 73, 200_000, year_end_balance=104_000, prior_year_end_balance=100_000)
    household = parse_household(data)
    result = compute_plan(household, date(2026, 12, 7))
    assert result.decision is not None
    person = result.decision.people[0]
    assert person.required_minimum_distribution == Decimal("3773.58")
    assert person.first_rmd_may_wait_until == date(2027, 4, 1)
    (rmd,) = [
        a for a in action_checklist(household, result) if a.kind is Step.REQUIRED_DISTRIBUTION
    ]
    assert (
        "As 2026 is the first RMD year, it may wait until April 1, 2027 if nothing else leaves "
        "the IRAs this year; 2027's RMD is then due too, and the figures here take it in 2026."
    ) in rmd.detail
    # At 74 the RMD of the year is due by December 31.
    later = compute_plan(parse_household(_household(2026, 74, 200_000, year_end_balance=104_000)))
    assert later.decision is not None and later.decision.people[0].first_rmd_may_wait_until is None


def test_the_answer_says_why_line_18_is_taxable_while_the_backdoor_costs_nothing() -> None:
    # A walk: in an RMD year with a roll-in, the answer's Form 8606 showed line 18 taxable
    # beside "$0 of tax now". Line 7 = $52,000 / 25.5 = $2,039.22, line 9 = 8,600 + 2,039.22,
    # line 10 = 0.80833: the RMD takes $1,648.36 of the basis (line 12), line 18 = $1,648.36,
    # and line 15a falls by as much (2,039.22 - 390.86), so the backdoor adds no income.
    from datetime import date

    from planner.engine import compute_plan, parse_household

    data = _working_at_74(year_end_balance=52000, prior_year_end_balance=52000)
    result = compute_plan(parse_household(data), date(2026, 12, 7))
    assert result.decision is not None and result.verdict is not None
    ira = result.decision.people[0].ira
    assert ira.form_8606 is not None
    assert (ira.form_8606.line_18, ira.form_8606.line_15a) == (
        Decimal("1648.36"),
        Decimal("390.86"),
    )
    assert ira.tax_due == 0
    assert (
        "The backdoor's basis also lowers the RMD's taxable part (Form 8606 line 15a), so it adds "
        "less income than the $1,648.36 on line 18: $0 of tax."
        in " ".join(result.verdict.sentences)
    )
