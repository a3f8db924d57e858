"""Issue 16 item 3: what is already done this year, what is left, and the repairs, with dates.

Sources: Form 8606 and its instructions (line 4: contributions for the year made January 1 to
the due date of the next; line 6: the December 31 value of all traditional, SEP and SIMPLE
IRAs; line 8: every conversion of the year; lines 9-18: the pro-rata rule); IRC 408(d)(3)(A)(ii)
(a roll-in to a plan takes only pre-tax money); IRC 408(d)(4) and Pub. 590-A, "Excess
Contributions" (withdraw the excess with its earnings by the return's due date); IRC 4973(a)
(6% a year on an excess left in); IRC 219(f)(3) (contributions for a year until its due date).
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from planner.engine import InvalidInput, compute_plan, parse_household, result_to_dict
from planner.engine.models import IraRoute, RepairKind, RollInTarget, StepKind
from planner.engine.progress import left_sentence, repair_sentence

TODAY = date(2026, 12, 5)


def _household(ira: dict[str, Any], **person: Any) -> dict[str, Any]:
    """2026, single, 45, $250,000 of pay, no 401(k) money."""
    return {
        "tax_year": 2026,
        "filing_status": "single",
        "people": [{"age": 45, "compensation": 250000, "ira": ira, **person}],
    }


# The case: contributed and converted $7,000 in January 2026, then found a $40,000
# SEP-IRA.
FOUND_SEP = {
    "nondeductible_contribution": 7000,
    "contributions_made": [{"date": "2026-01-15", "amount": 7000}],
    "conversions_made": [{"date": "2026-01-20", "amount": 7000}],
    "sep_balance_today": 40000,
}


def _plan(data: dict[str, Any], today: date = TODAY) -> Any:
    return compute_plan(parse_household(data), today)


def test_form_8606_counts_the_conversion_made_and_the_sep_ira_found() -> None:
    # Line 8: the $7,000 converted in January. Line 6: the SEP-IRA's $40,000 on December 31
    # (nothing left to contribute or convert). Line 10 = 7,000 / 47,000 = 0.148936... -> 0.14894
    # (5 places, half-up); line 11 = 7,000 x 0.14894 = 1,042.58; line 18 = 5,957.42.
    form = _plan(_household(FOUND_SEP)).people[0].backdoor_roth.form_8606
    assert (form.line_1, form.line_5, form.line_6, form.line_8) == (7000, 7000, 40000, 7000)
    assert form.line_9 == 47000
    assert form.line_10 == Decimal("0.14894")
    assert form.line_11 == Decimal("1042.58")
    assert form.line_18 == Decimal("5957.42")


def test_the_found_sep_ira_gets_the_roll_in_remedy_with_dollars_and_days_left() -> None:
    data = _household(FOUND_SEP, self_employed=True)
    result = _plan(data)
    (person,) = result.progress.people
    (repair,) = person.repairs
    assert repair.kind is RepairKind.PRE_TAX_AFTER_CONVERSION
    assert repair.amount == 40000  # all of it pre-tax: no basis left after the conversion
    assert repair.deadline == date(2026, 12, 31)
    assert repair.days_left == 26  # December 5 to December 31, 2026
    # Left where it is: the conversion's taxable part, as the result prices it.
    backdoor = result.people[0].backdoor_roth
    assert repair.taxable_if_kept == backdoor.taxable_amount == Decimal("5957.42")
    assert repair.tax_if_kept == backdoor.tax_due > 0
    # Rolled into a plan by December 31: line 6 is 0, so line 10 is 1 and nothing is taxable.
    assert (repair.taxable_if_rolled_in, repair.tax_if_rolled_in) == (0, 0)
    assert repair.roll_in_to is RollInTarget.SOLO_401K  # no workplace plan, self-employed
    assert person.left == ()
    assert person.year_end_value == 40000
    words = repair_sentence(repair)
    assert "Roll it into a solo 401(k)" in words
    assert "by December 31, 2026 (26 days left)" in words
    assert f"Or pay the tax: ${backdoor.tax_due:,.2f} of tax on $5,957.42" in words


def test_a_sep_ira_without_self_employment_income_opens_no_solo_401k() -> None:
    # A solo 401(k) needs this year's self-employment earnings (IRC 401(c)(1)); a SEP-IRA may
    # hold an employer's contributions (IRC 408(k)). Without a plan that takes roll-ins, the
    # repair names any 401(k) that does, and the answer keeps the backdoor done, taxed.
    from planner.engine.models import IraRoute

    result = _plan(_household(FOUND_SEP))
    (repair,) = result.progress.people[0].repairs
    assert repair.roll_in_to is RollInTarget.ANY_PLAN
    assert "solo 401(k)" not in repair_sentence(repair)
    ira = result.decision.people[0].ira
    assert ira.route is IraRoute.BACKDOOR and ira.roll_in_target is not RollInTarget.SOLO_401K
    assert result.decision.tax_due == result.people[0].backdoor_roth.tax_due > 0


def test_the_tax_if_kept_is_the_taxable_part_at_the_marginal_rate() -> None:
    # With a marginal rate given, tax = taxable amount x rate: 5,957.42 x 0.32 = 1,906.37.
    data = {**_household(FOUND_SEP), "federal_marginal_rate": 0.32}
    (repair,) = _plan(data).progress.people[0].repairs
    assert repair.tax_if_kept == Decimal("1906.37")


def test_a_plan_that_takes_roll_ins_is_named_and_after_december_31_only_the_tax_is_left() -> None:
    plan = {"pretax_deferral": 0, "accepts_ira_rollins": True}
    data = _household(FOUND_SEP, plan=plan)
    (repair,) = _plan(data).progress.people[0].repairs
    assert repair.roll_in_to is RollInTarget.THIS_PLAN
    late = _plan(data, date(2027, 1, 10)).progress.people[0].repairs[0]
    assert late.days_left == -10
    assert "too late to roll it in" in repair_sentence(late)
    # Not sure the plan takes roll-ins: the self-employment income opens a solo
    # 401(k) that surely can (one roll-in rule for the decision and the repair) ...
    unsure = _household(FOUND_SEP, plan={**plan, "accepts_ira_rollins": None}, self_employed=True)
    (repair,) = _plan(unsure).progress.people[0].repairs
    assert repair.roll_in_to is RollInTarget.SOLO_401K
    # ... and a traditional IRA found instead leaves only the plan, if it takes them.
    found_traditional = {**FOUND_SEP, "sep_balance_today": None, "traditional_balance_today": 40000}
    unsure = _household(found_traditional, plan={**plan, "accepts_ira_rollins": None})
    (repair,) = _plan(unsure).progress.people[0].repairs
    assert repair.roll_in_to is RollInTarget.THIS_PLAN_IF_IT_TAKES_THEM


def test_a_simple_ira_found_is_named_with_its_two_year_rule() -> None:
    # IRC 408(d)(3)(G): SIMPLE IRA money goes to a non-SIMPLE plan only after two years.
    ira = {**FOUND_SEP, "sep_balance_today": None, "simple_balance_today": 40000}
    (repair,) = _plan(_household(ira)).progress.people[0].repairs
    assert repair.simple_ira_money == 40000
    assert "only after two years in the SIMPLE plan" in repair_sentence(repair)
    # The answer's own promise of the tax after a roll-in carries the same condition, in the
    # headline and in what a "not sure" roll-in answer changes (a newcomer's walk found $0
    # promised with $12,000 of it in a SIMPLE IRA).
    unsure = _household(ira, plan={"pretax_deferral": 0, "accepts_ira_rollins": None})
    verdict = _plan(unsure).verdict
    condition = (
        "(if the first contribution to the SIMPLE IRA was two or more years ago: before that "
        "its $40,000 cannot go to a 401(k), IRC 408(d)(3)(G))"
    )
    said = " ".join([verdict.headline, *verdict.sentences, *verdict.changes])
    assert said.count(condition) >= 2, said
    # Before anything is done, the answer's own roll-in promise carries it too (a review).
    before = _household(
        {"sep_balance_today": None, "simple_balance_today": 40000},
        plan={"pretax_deferral": 0, "accepts_ira_rollins": True},
    )
    verdict = _plan(before).verdict
    assert verdict.status.endswith("$0 of tax now."), verdict.status
    assert (
        "That holds for the $40,000 in the SIMPLE IRA only if its first contribution was two or "
        "more years ago (IRC 408(d)(3)(G))." in verdict.headline
    )


def test_a_contribution_not_converted_is_to_convert_by_december_31() -> None:
    # $7,500 in March, not converted; $7,510 in the IRA today. Line 8 = 7,500 (still to
    # convert), line 6 = 7,510 + 0 - 7,500 = 10: only a sliver is taxable.
    ira = {
        "contributions_made": [{"date": "2026-03-02", "amount": 7500}],
        "traditional_balance_today": 7510,
    }
    result = _plan(_household(ira))
    form = result.people[0].backdoor_roth.form_8606
    assert (form.line_6, form.line_8) == (10, 7500)
    (person,) = result.progress.people
    (repair,) = person.repairs
    assert repair.kind is RepairKind.CONTRIBUTION_NOT_CONVERTED
    assert (repair.amount, repair.deadline, repair.days_left) == (7500, date(2026, 12, 31), 26)
    assert person.left == (), "the repair is the conversion: not listed twice"


def test_what_is_left_is_the_rest_of_the_contribution_and_its_conversion() -> None:
    # 2026 limit $7,500 (Notice 2025-67); $3,000 contributed and converted so far.
    ira = {
        "contributions_made": [{"date": "2026-02-01", "amount": 3000}],
        "conversions_made": [{"date": "2026-02-03", "amount": 3000}],
        "traditional_balance_today": 0,
    }
    result = _plan(_household(ira))
    backdoor = result.people[0].backdoor_roth
    assert (backdoor.nondeductible_contribution, backdoor.conversion) == (7500, 7500)
    (person,) = result.progress.people
    assert person.repairs == ()
    assert [(s.kind, s.amount, s.days_left) for s in person.left] == [
        (StepKind.CONTRIBUTE, 4500, 26),
        (StepKind.CONVERT, 4500, 26),
    ]
    assert left_sentence(person.left[0]) == (
        "Contribute $4,500 more to the traditional IRA by December 31, 2026 (26 days left)."
    )


def test_an_excess_contribution_is_withdrawn_with_earnings_by_the_due_date() -> None:
    # IRC 408(d)(4), Pub. 590-A: $8,000 against the 2026 limit of $7,500 at 45 is $500 over;
    # it comes out by the 2026 return's due date with extensions, October 15, 2027 (314 days
    # after December 5, 2026; six months after April 15 for a return filed on time); IRC
    # 4973(a): 6% of $500 = $30 for each year it stays.
    ira = {
        "contributions_made": [{"date": "2026-01-15", "amount": 8000}],
        "conversions_made": [{"date": "2026-01-20", "amount": 8000}],
    }
    result = _plan(_household(ira))
    assert result.people[0].backdoor_roth.nondeductible_contribution == 7500
    (repair,) = result.progress.people[0].repairs
    assert repair.kind is RepairKind.EXCESS_CONTRIBUTION
    assert (repair.amount, repair.deadline, repair.days_left) == (500, date(2027, 10, 15), 314)
    assert repair.excise_tax_per_year == Decimal("30.00")
    assert "IRC 408(d)(4), Pub. 590-A" in repair_sentence(repair)


@pytest.mark.parametrize(
    ("year", "deadline"),
    [
        (2026, date(2027, 10, 15)),  # a Friday
        (2021, date(2022, 10, 17)),  # October 15, 2022 is a Saturday (IRC 7503)
        (2022, date(2023, 10, 16)),  # October 15, 2023 is a Sunday
        (2027, date(2028, 10, 16)),  # a provisional year keeps the day set by law (Sunday 15)
    ],
)
def test_an_excess_comes_out_by_october_15_off_a_weekend(year: int, deadline: date) -> None:
    from planner.engine.progress import excess_withdrawal_deadline

    assert excess_withdrawal_deadline(year) == deadline


def test_a_contribution_made_next_year_is_form_8606_line_4() -> None:
    # For 2025, paid March 2, 2026: not converted in 2025. Line 8 counts the year's
    # conversions, so with none (and no distribution) the 2025 form stops at line 3 and
    # carries it all on line 14 (Form 8606, "Did you ... make a Roth IRA conversion? No"),
    # taxed nowhere: a tax-figure audit found it converted, and taxed, in 2025 too, while
    # also carried as basis.
    data = _household({"contributions_made": [{"date": "2026-03-02", "amount": 7000}]})
    data["tax_year"] = 2025
    result = _plan(data, date(2026, 3, 10))
    backdoor = result.people[0].backdoor_roth
    form = backdoor.form_8606
    assert (backdoor.conversion, backdoor.taxable_amount, backdoor.tax_due) == (0, 0, 0)
    assert (form.line_1, form.line_3, form.line_8, form.line_14) == (7000, 7000, None, 7000)
    ira = result.decision.people[0].ira
    assert (ira.route, ira.contribution_made_next_year) == (IraRoute.CONVERT_NEXT_YEAR, True)
    assert "converted, and reaches Roth, in 2026" in " ".join(result.verdict.sentences)


def test_nothing_entered_gives_no_progress_and_the_same_figures() -> None:
    plain = _household({"year_end_balance": 1000})
    empty = _household({"year_end_balance": 1000, "contributions_made": [], "conversions_made": []})
    without, with_empty = compute_plan(parse_household(plain)), _plan(empty)
    assert with_empty.progress is None
    assert result_to_dict(without) == result_to_dict(with_empty)


@pytest.mark.parametrize(
    ("ira", "path", "message"),
    [
        (
            {"conversions_made": [{"date": "2025-12-31", "amount": 7000}]},
            "people.0.ira.conversions_made.0.date",
            "Only conversions made in 2026 count for 2026",
        ),
        (
            {"contributions_made": [{"date": "2027-04-16", "amount": 7000}]},
            "people.0.ira.contributions_made.0.date",
            "to April 15, 2027, the return's due date",
        ),
        (
            {"conversion": 5000, "conversions_made": [{"date": "2026-01-20", "amount": 7000}]},
            "people.0.ira.conversion",
            "At least the $7,000 already converted this year",
        ),
        (
            {
                "nondeductible_contribution": 0,
                "contributions_made": [{"date": "2026-01-15", "amount": 7000}],
            },
            "people.0.ira.nondeductible_contribution",
            "At least the $7,000 already contributed for 2026",
        ),
        (
            {"conversions_made": [{"date": 20260120, "amount": 7000}]},
            "people.0.ira.conversions_made.0.date",
            "Enter a date as YYYY-MM-DD",
        ),
    ],
)
def test_bad_done_inputs_name_the_field(ira: dict[str, Any], path: str, message: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_household(_household(ira))
    assert any(message in text for text in raised.value.errors[path]), raised.value.errors


def test_roth_plan_counts_days_from_its_today_option(tmp_path: Any, capsys: Any) -> None:
    from planner.engine import cli

    source = tmp_path / "plan.json"
    source.write_text(json.dumps(_household(FOUND_SEP)))
    assert cli.main([str(source), "--today", "2026-12-30"]) == 0
    progress = json.loads(capsys.readouterr().out)["progress"]
    assert progress["as_of"] == "2026-12-30"
    assert progress["people"][0]["repairs"][0]["days_left"] == 1


# ---------------------------------------------------------------- one answer (issue 16)


def _said(result: Any) -> str:
    return " ".join((result.verdict.headline, *result.verdict.sentences))


def test_the_found_sep_ira_decision_says_the_backdoor_is_done_and_the_repair() -> None:
    # Form 8606 line 8: the $7,000 converted in January is done; line 6: the $40,000 SEP-IRA
    # on December 31 makes $5,957.42 of it taxable (lines 6-11), $1,906.37 at 32%. Rolled
    # into a plan by December 31 (IRC 408(d)(3)(A)(ii)), line 6 is 0 and the tax is $0.
    from planner.engine.checklist import Step, action_checklist
    from planner.engine.models import IraRoute

    data = {**_household(FOUND_SEP, self_employed=True), "federal_marginal_rate": 0.32}
    household = parse_household(data)
    result = compute_plan(household, TODAY)
    ira = result.decision.people[0].ira
    assert ira.route is IraRoute.ROLL_IN_FIRST and ira.roll_in_target is RollInTarget.SOLO_401K
    assert (ira.contributed, ira.converted) == (7000, 7000)
    assert (ira.contribution_left, ira.conversion_left) == (0, 0)
    assert ira.repairs == result.progress.people[0].repairs
    said = _said(result)
    assert "Skip the backdoor" not in said
    assert "The backdoor is done: $7,000 contributed and converted to Roth this year." in said
    assert "Roll it into a solo 401(k) that takes roll-ins" in said
    assert "by December 31, 2026 (26 days left) and the tax is $0" in said
    assert "or keep it and pay $1,906.37" in said
    kinds = [action.kind for action in action_checklist(household, result)]
    assert Step.NONDEDUCTIBLE_CONTRIBUTION not in kinds and Step.CONVERSION not in kinds
    assert Step.IRA_ROLL_IN in kinds and Step.OPEN_SOLO_401K in kinds


def test_a_contribution_not_converted_is_decided_as_the_conversion_left() -> None:
    # Form 8606 line 8 counts conversions made by December 31: the $7,500 contributed in
    # March is converted by then (line 6: $10 left, so $9.97 is taxable).
    from planner.engine.checklist import Step, action_checklist

    ira = {
        "contributions_made": [{"date": "2026-03-02", "amount": 7500}],
        "traditional_balance_today": 7510,
    }
    household = parse_household(_household(ira))
    result = compute_plan(household, TODAY)
    move = result.decision.people[0].ira
    assert (move.contributed, move.contribution_left, move.conversion_left) == (7500, 0, 7500)
    said = _said(result)
    assert "The backdoor is under way: $7,500 contributed so far." in said
    assert "convert the $7,500 contributed by December 31, 2026 (26 days left)" in said
    assert "Skip the backdoor" not in said and "weigh skipping" not in said
    steps = {a.kind: a for a in action_checklist(household, result)}
    assert Step.NONDEDUCTIBLE_CONTRIBUTION not in steps
    assert "Convert $7,500" in steps[Step.CONVERSION].title


def test_an_excess_contribution_is_decided_as_a_withdrawal_by_the_due_date() -> None:
    # IRC 408(d)(4): the $500 above the 2026 limit of $7,500 comes out with its earnings by
    # the return's extended due date, October 15, 2027; IRC 4973(a): else $30 (6%) a year.
    from planner.engine.checklist import Step, action_checklist

    ira = {
        "contributions_made": [{"date": "2026-01-15", "amount": 8000}],
        "conversions_made": [{"date": "2026-01-20", "amount": 8000}],
    }
    household = parse_household(_household(ira))
    result = compute_plan(household, TODAY)
    said = _said(result)
    assert "The backdoor is done: $8,000 contributed and converted to Roth this year." in said
    assert "withdraw it with its earnings by October 15, 2027 (314 days left)" in said
    assert "IRC 408(d)(4)" in said
    steps = {a.kind: a for a in action_checklist(household, result)}
    assert steps[Step.WITHDRAW_EXCESS].due == date(2027, 10, 15)
    assert "$500 excess" in steps[Step.WITHDRAW_EXCESS].title
    assert Step.NONDEDUCTIBLE_CONTRIBUTION not in steps and Step.CONVERSION not in steps


def test_without_a_date_the_moves_made_are_still_not_asked_again() -> None:
    # No `today`: no days counted, no repairs; what was made is still done.
    result = compute_plan(parse_household(_household(FOUND_SEP)))
    assert result.progress is None
    move = result.decision.people[0].ira
    assert (move.conversion_left, move.contribution_left, move.repairs) == (0, 0, ())
    assert "Skip the backdoor" not in _said(result)
    assert "The backdoor is done" in _said(result)


def test_an_excess_left_in_the_ira_is_to_withdraw_by_december_31_not_to_roll_in() -> None:
    # $9,000 contributed against the $7,500 limit (2026, Notice 2025-67): $1,500 excess. After
    # converting the rest, the excess alone is in line 6 and makes $1,250.02 of the conversion
    # taxable (line 10 = 7,500 / 9,000). It is after-tax money no plan may take (IRC
    # 408(d)(3)(A)(ii)); withdrawn by December 31 (IRC 408(d)(4)) it leaves line 6 too and the
    # conversion's tax is $0. A tax-figure audit found a roll-in of "$1,500 of pre-tax IRA money".
    ira = {
        "contributions_made": [
            {"date": "2026-02-02", "amount": 5000},
            {"date": "2026-06-01", "amount": 4000},
        ],
        "conversions_made": [{"date": "2026-02-10", "amount": 5000}],
        "traditional_balance_today": 4000,
    }
    plan = {"pretax_deferral": 24_500, "employer_contribution": 8_000}
    result = _plan(_household(ira, plan=plan), date(2026, 12, 6))
    repairs = {r.kind: r for r in result.progress.people[0].repairs}
    assert RepairKind.PRE_TAX_AFTER_CONVERSION not in repairs
    excess = repairs[RepairKind.EXCESS_CONTRIBUTION]
    # $1,250.02 at 32% (2026 single, taxable income $209,400): $400.01.
    assert (excess.amount, excess.tax_if_kept, excess.tax_if_rolled_in) == (
        1500,
        Decimal("400.01"),
        0,
    )
    assert repair_sentence(excess).startswith(
        "Withdrawn by December 31, 2026, the excess is also out of the December 31 value"
    )
    said = " ".join([result.verdict.headline, *result.verdict.changes])
    assert "pre-tax IRA money" not in said
    assert "Out by December 31, 2026, it also leaves Form 8606 line 6" in said


# ---------------------------------------------------------------- a year already over


def test_a_year_over_counts_only_the_conversions_made() -> None:
    # A tax-figure audit: 2025, $7,000 contributed on December 15, 2025 and never converted,
    # seen on December 7, 2026. Form 8606 line 8 counts conversions made in the year: none,
    # so lines 1 and 3 are 7,000 and line 14 carries 7,000 of basis to 2026's line 2. Planned
    # as a conversion still to make, the 2026 return would lose that basis ($1,680 at 24%).
    data = {
        "tax_year": 2025,
        "filing_status": "single",
        "people": [
            {
                "name": "Fay",
                "age": 35,
                "compensation": 190000,
                "plan": {"pretax_deferral": 23500, "employer_contribution": 8000},
                "ira": {
                    "nondeductible_contribution": 7000,
                    "contributions_made": [{"date": "2025-12-15", "amount": 7000}],
                    "year_end_balance": 7000,
                },
            }
        ],
    }
    result = _plan(data, date(2026, 12, 7))
    backdoor = result.people[0].backdoor_roth
    assert backdoor.conversion == 0 and backdoor.form_8606.line_14 == 7000
    assert result.totals.backdoor_roth.roth_added == 0
    assert result.totals.backdoor_roth.basis_carried_forward == 7000
    move = result.decision.people[0].ira
    assert (move.conversion, move.conversion_left) == (0, 0)
    said = _said(result)
    assert "The backdoor was not finished: $7,000 contributed in 2025." in said
    assert "was not converted by December 31: it stays as basis" in said
    assert "Neither route adds Roth money in 2025." in said
    assert "The backdoor is done" not in said
    # A record of a year gone: no "what would change the answer" (a walk found a plan with
    # after-tax room offered for 2025 on December 7, 2026).
    assert result.verdict.changes == ()
    assert "can be converted in a later year" in said
    # A conversion typed but not made by December 31 is not made either (line 8).
    typed = json.loads(json.dumps(data))
    typed["people"][0]["ira"]["conversion"] = 7000
    assert _plan(typed, date(2026, 1, 10)).people[0].backdoor_roth.form_8606.line_14 == 7000
    # On December 15, 2025 the conversion was still to make, by December 31.
    before = _plan(data, date(2025, 12, 15))
    assert before.people[0].backdoor_roth.form_8606.line_8 == 7000
    assert "convert the $7,000 contributed by December 31, 2025 (16 days left)" in _said(before)


def test_after_december_31_the_answer_adds_no_roll_in_and_prices_what_was_done() -> None:
    # The found SEP-IRA, seen on January 10, 2027: a roll-in by December 31, 2026 can no
    # longer empty line 6, so the answer is the backdoor as done, its pro-rata tax paid
    # (Form 8606 lines 6-11: $5,957.42 taxable), not a roll-in whose form shows $0.
    from planner.engine.checklist import Step, action_checklist
    from planner.engine.models import Reason

    data = {**_household(FOUND_SEP, self_employed=True), "federal_marginal_rate": 0.32}
    household = parse_household(data)
    result = compute_plan(household, date(2027, 1, 10))
    ira = result.decision.people[0].ira
    assert ira.route is IraRoute.BACKDOOR
    assert ira.reasons == (Reason.ALREADY_STARTED, Reason.PRO_RATA, Reason.YEAR_ENDED)
    assert ira.roll_in == 0 and ira.form_8606.line_6 == 40000
    assert ira.taxable_amount == Decimal("5957.42") and ira.tax_due == Decimal("1906.37")
    assert result.decision.tax_due == Decimal("1906.37")
    said = _said(result)
    assert "The backdoor is done: $7,000 contributed and converted to Roth in 2026." in said
    assert "too late to roll it out for 2026: pay the $1,906.37 of tax" in said
    kinds = [action.kind for action in action_checklist(household, result)]
    assert Step.IRA_ROLL_IN not in kinds and Step.OPEN_SOLO_401K not in kinds


def test_a_contribution_not_converted_under_heavy_pro_rata_is_a_choice_with_its_dollars() -> None:
    # A walk in December: $7,500 contributed in March, $92,500 in the traditional IRA today,
    # so $85,000 of it pre-tax. Converting the $7,500: line 10 = 7,500 / 92,500 = 0.08108,
    # line 18 = 7,500 - 608.10 = $6,891.90 taxable (91.9%), mostly pre-tax money. A fresh start
    # would skip such a backdoor (decision.heavily_pro_rata); here both ways are priced.
    from planner.engine.money import format_money

    ira = {
        "nondeductible_contribution": 7500,
        "contributions_made": [{"date": "2026-03-16", "amount": 7500}],
        "traditional_balance_today": 92500,
    }
    result = _plan(_household(ira), date(2026, 12, 7))
    move = result.decision.people[0].ira
    assert move.taxable_amount == Decimal("6891.90") and move.pre_tax_ira_money == 85000
    said = _said(result)
    assert (
        "Left to decide: the $7,500 contributed is not converted yet, and $85,000 of pre-tax IRA "
        "money makes 91.9% of converting it taxable (Form 8606 lines 6-11). Convert it by "
        f"December 31, 2026 (24 days left) for {format_money(move.tax_due)} of tax, or leave it "
        "in the traditional IRA for $0 of tax now: its basis carries forward (line 14)" in said
    )
    (repair,) = result.progress.people[0].repairs
    assert repair_sentence(repair).endswith(
        "or leave it as basis (line 14) to convert in a later year."
    )
    # The checklist's conversion step offers the same choice (a review: it read as required).
    from planner.engine.checklist import Step, action_checklist

    household = parse_household(_household(ira))
    plan = compute_plan(household, date(2026, 12, 7))
    steps = {a.kind: a for a in action_checklist(household, plan)}
    assert steps[Step.CONVERSION].detail.startswith(
        f"About {format_money(move.tax_due)} of tax: $6,891.90 of the conversion is pre-tax money "
        "(Form 8606 lines 6-11). Or leave it in the traditional IRA for $0 of tax now"
    )
    # With little pre-tax money the conversion is simply what is left to do.
    small = _plan(_household({**ira, "traditional_balance_today": 7510}), date(2026, 12, 7))
    assert "Left to do: convert the $7,500 contributed" in _said(small)


def test_after_december_31_the_pro_rata_note_offers_no_roll_in() -> None:
    # A mid-year audit: seen on January 10, 2027, the pro-rata note still said "Roll the
    # pre-tax IRA money ($40,000) into the 401(k) before December 31": Form 8606 line 6 is the
    # December 31 value, so only the tax is left, as the answer says.
    plan = {"pretax_deferral": 0, "accepts_ira_rollins": True}
    result = _plan(_household(FOUND_SEP, plan=plan), date(2027, 1, 10))
    (note,) = [w for w in result.warnings if w.code == "pro_rata"]
    assert note.remedy == (
        "December 31, 2026 has passed: the tax is due. Pre-tax IRA money rolled into a plan now "
        "leaves next year's pro-rata count."
    )
    # Before December 31 the roll-in is the remedy.
    (note,) = [w for w in _plan(_household(FOUND_SEP, plan=plan)).warnings if w.code == "pro_rata"]
    assert (note.remedy or "").startswith("Roll the pre-tax IRA money ($40,000) into the 401(k)")


def test_a_part_contributed_and_the_rest_to_come_is_one_step_with_one_tax() -> None:
    # A mid-year audit: $3,000 contributed in January, $4,500 still to contribute; the
    # headline said "Left to do" twice with the same $9.56 of tax (read as $19.12). Form 8606
    # line 8 counts both in one $7,500 conversion, as the checklist says.
    from planner.engine.checklist import Step, action_checklist

    data = _household(
        {
            "contributions_made": [{"date": "2026-01-12", "amount": 3000}],
            "traditional_balance_today": 3040,
        },
        compensation=185000,
    )
    household = parse_household(data)
    result = compute_plan(household, date(2026, 7, 15))
    tax = result.decision.people[0].ira.tax_due
    said = _said(result)
    assert (
        "Left to do: contribute $4,500 more and convert $7,500 by December 31, 2026 (169 days "
        f"left) for ${tax:,.2f} of tax." in said
    )
    assert result.verdict.headline.count("Left to do") == 1
    steps = {a.kind: a for a in action_checklist(household, result)}
    assert "Convert $7,500" in steps[Step.CONVERSION].title


def test_a_conversion_typed_at_0_mid_year_is_not_called_unfinished_or_priced() -> None:
    # A review: conversion 0 typed with $7,000 contributed said "The backdoor was not
    # finished" on December 7 (the year is not over) and priced converting it at the $0 of
    # the plan as entered. The contribution stays as basis (Form 8606 line 14) unless converted.
    ira = {
        "nondeductible_contribution": 7000,
        "conversion": 0,
        "contributions_made": [{"date": "2026-03-01", "amount": 7000}],
        "traditional_balance_today": 7000,
    }
    said = _said(_plan(_household(ira), date(2026, 12, 7)))
    assert "was not finished" not in said and "for $0 of tax" not in said
    assert (
        "The $7,000 contributed is not converted, and the plan as entered converts no more this "
        "year: it stays as basis (Form 8606 line 14) unless converted by December 31, 2026 (24 "
        "days left)." in said
    )
