"""action_checklist: dated actions for a planned year (tax-rules.md section 5)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from planner.engine import (
    Household,
    PlanResult,
    compute_plan,
    parse_household,
)
from planner.engine.checklist import (
    HOUSEHOLD_STEPS,
    PERSON_STEPS,
    Action,
    Dates,
    StepsFromToday,
    action_checklist,
    after_tax_contribution,
    after_tax_move,
    conversion,
    dates_passed,
    direct_roth_contribution,
    estimated_tax_payment,
    file_form_8606,
    ira_roll_in,
    last_deadline,
    nondeductible_contribution,
    open_solo_401k,
    required_distribution,
    withdraw_excess,
)
from planner.engine.models import PersonDecision
from tests.engine.helpers import household, person

# Taxed moves: $5,000 of pre-tax IRA money and no plan to roll it into, so the whole IRA is
# converted with the backdoor (issue 16): $5,000 of it taxable (Form 8606 lines 6-18).
TAXED_PERSON = person(plan={"accepts_ira_rollins": False}, ira={"year_end_balance": 5000})


def _plan(data: dict[str, Any]) -> tuple[Household, PlanResult]:
    inputs = parse_household(data)
    return inputs, compute_plan(inputs)


def _checklist(data: dict[str, Any]) -> list[Action]:
    return action_checklist(*_plan(data))


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


# Paycheck elections from the year's first payday (planner/engine/paychecks.py): in December
# they are behind, while the year-end steps are still ahead.
WITH_PAYCHECKS = household(
    people=[
        person(
            plan={"paychecks": {"pay_per_period": 9230.77, "match_rate": 1, "match_up_to": 0.05}}
        )
    ]
)


def test_after_tax_money_is_due_by_the_last_paycheck_the_plan_counts() -> None:
    # IRC 401(a)(17), Notice 2025-67: the plan counts $360,000 of 2026 pay. Biweekly
    # $15,384.62 paychecks from January 2 pass it on the 24th, November 20 ($353,846.26 before
    # it): the December 4 and 18 paychecks carry no after-tax money, so November 20 is the
    # date, not December 18.
    data = household(
        people=[
            person(
                compensation=400000,
                plan={"paychecks": {"pay_per_period": 15384.62, "election_unit": "dollars"}},
            )
        ]
    )
    _, result = _plan(data)
    paychecks = result.decision.people[0].paychecks
    assert paychecks is not None and paychecks.compensation_limit_reached_on == date(2026, 11, 20)
    assert [row.after_tax for row in paychecks.paychecks[-2:]] == [0, 0]
    contribute = _one(_checklist(data), "Contribute $35,000 after-tax")
    assert contribute.due == date(2026, 11, 20)
    assert contribute.detail.startswith(
        "Spread over the 24 paychecks from January 2, 2026; the last, November 20, 2026, is the"
        " deadline. Later paychecks carry none: the plan counts no pay past the compensation"
        " limit (IRC 401(a)(17)), reached November 20, 2026."
    )
    # Whole-percent elections (10%) carry the $35,000 by November 6: the deadline stays the
    # last paycheck the plan counts.
    data["people"][0]["plan"]["paychecks"]["election_unit"] = "whole_percent"
    contribute = _one(_checklist(data), "Contribute $35,000 after-tax")
    assert contribute.due == date(2026, 11, 20)
    assert contribute.detail.startswith(
        "Spread over the 23 paychecks from January 2, 2026 to November 6, 2026; November 20,"
        " 2026, the last paycheck that can carry any, is the deadline. Later paychecks carry"
        " none"
    )


def test_seen_in_december_the_first_step_is_the_first_still_ahead() -> None:
    actions = _checklist(WITH_PAYCHECKS)
    elections = _titled(actions, "Set ")
    assert elections and all(action.due < date(2026, 12, 5) for action in elections)
    steps = StepsFromToday.of(actions, date(2026, 12, 5))
    # The last payday, December 18, is the first date still ahead (the after-tax money).
    assert steps.first is not None and steps.first.due == date(2026, 12, 18)
    assert steps.passed == tuple(a for a in actions if a.due < date(2026, 12, 5))
    assert set(elections) <= set(steps.passed)
    assert steps.later == len(actions) - len(steps.passed) - 1
    # On the first payday nothing has passed yet; the day after the last date, the plan is a
    # record of its year and reads from its first step again, with nothing marked.
    assert StepsFromToday.of(actions, actions[0].due) == StepsFromToday(
        actions[0], (), len(actions) - 1
    )
    record = StepsFromToday.of(actions, last_deadline(2026).replace(day=16))
    assert record == StepsFromToday(actions[0], (), len(actions) - 1)
    assert StepsFromToday.of([], date(2026, 12, 5)) == StepsFromToday(None, (), 0)


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
    taxed = household(federal_marginal_rate=0.24, people=[TAXED_PERSON])
    inputs, result = _plan(taxed)
    assert result.totals.both.tax_due > 0
    payment = _one(action_checklist(inputs, result), "Pay about")
    assert payment.due == date(2027, 1, 15)
    assert payment.person is None

    clean = household(federal_marginal_rate=0.24)
    assert _plan(clean)[1].totals.both.tax_due == 0
    assert _titled(_checklist(clean), "Pay about") == []


def test_it_lists_after_tax_contributions_and_the_route() -> None:
    data = household(people=[person(plan={"conversion_frequency": "quarterly"})])
    actions = _checklist(data)
    contribute = _one(actions, "Contribute $35,000 after-tax")
    move = _one(actions, "Roll the after-tax money")
    assert contribute.due == move.due == date(2026, 12, 31)
    assert "every quarter" in move.detail
    assert contribute.person == "You"


def test_it_asks_for_no_after_tax_money_that_stays_in_the_plan() -> None:
    """After-tax money left in the plan grows with earnings taxed when paid out (tax-rules
    §4.4): no contribution step, no route, for money that adds no Roth dollars."""
    data = household(people=[person(plan={"after_tax_route": "stay_in_plan"})])
    actions = _checklist(data)
    assert _titled(actions, "Contribute $35,000 after-tax") == []
    assert _titled(actions, "Roll the after-tax") == []
    assert _titled(actions, "Convert the after-tax") == []


def test_a_way_out_not_sure_replaces_the_contribution_with_the_ask_the_plan_step() -> None:
    """Tax-rules §4.4 and Treas. Reg. 1.415(c)-1(b)(6): contribute only once a way out to
    Roth is confirmed, by the last paycheck of the year."""
    data = household(
        people=[
            person(
                plan={
                    "allows_in_service_distribution": None,
                    "allows_in_plan_roth_conversion": None,
                }
            )
        ]
    )
    actions = _checklist(data)
    assert _titled(actions, "Contribute $35,000 after-tax") == []
    ask = _one(actions, "Ask your plan administrator")
    assert "contribute after-tax to the 401(k) only once the plan confirms a way out" in (
        ask.detail
    )
    # A December walk: the question dated December 31 came after the last payday (December
    # 18): only pay of the year carries the year's after-tax money.
    assert "only paychecks paid by December 31 carry it, so ask before the year's last payday" in (
        ask.detail
    )


def test_it_asks_only_about_features_that_change_the_figures() -> None:
    """In-plan conversion is moot when in-service distributions are allowed (either is a way
    out, tax-rules §4.4); roll-ins are moot with no pre-tax IRA money (Form 8606 line 6)."""
    data = household(
        people=[
            person(
                plan={"allows_in_plan_roth_conversion": None, "accepts_ira_rollins": None},
                ira={"year_end_balance": 0},
            )
        ]
    )
    assert _titled(_checklist(data), "Ask your plan administrator") == []
    data = household(
        people=[person(plan={"accepts_ira_rollins": None}, ira={"year_end_balance": 50000})]
    )
    ask = _one(_checklist(data), "Ask your plan administrator")
    assert ask.title == (
        "Ask your plan administrator whether the plan allows roll-ins of pre-tax IRA money"
    )
    assert "if it takes roll-ins, roll the pre-tax IRA money in by December 31" in ask.detail


def test_it_adds_no_form_8606_action_when_nobody_has_a_form() -> None:
    # No contribution, no basis, no conversion: no Form 8606 (Instructions, "Who must file").
    data = household(
        people=[person(ira={"nondeductible_contribution": 0, "conversion": 0})],
    )
    inputs, result = _plan(data)
    assert result.people[0].backdoor_roth.form_8606 is None
    actions = action_checklist(inputs, result)
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


# Each step on its own ------------------------------------------------------------------


def _steps_for(data: dict[str, Any], index: int = 0) -> tuple[Dates, PersonDecision]:
    """A step's arguments: the year's dates and the person's part of the decision."""
    result = _plan(data)[1]
    assert result.decision is not None
    return Dates.for_year(result.tax_year), result.decision.people[index]


def test_the_steps_run_in_order_and_each_person_before_the_household() -> None:
    # ask_the_plan comes first for each person; it also reads the result's unknowns.
    # The RMD before anything else leaves the IRAs (Treas. Reg. 1.402(c)-2 Q&A-7).
    assert (
        after_tax_contribution,
        after_tax_move,
        required_distribution,
        open_solo_401k,
        ira_roll_in,
        direct_roth_contribution,
        nondeductible_contribution,
        conversion,
        withdraw_excess,
    ) == PERSON_STEPS
    assert (estimated_tax_payment, file_form_8606) == HOUSEHOLD_STEPS


def test_the_roll_in_names_the_basis_that_stays_only_when_there_is_some() -> None:
    # IRC 408(d)(3)(A)(ii): only pre-tax IRA money may go into the plan. $20,000 in the IRAs
    # with $3,000 of basis: $17,000 goes, $3,000 stays. With no basis, nothing is said.
    with_basis = household(people=[person(ira={"year_end_balance": 20000, "basis": 3000})])
    roll_in = _one(_checklist(with_basis), "Roll the pre-tax IRA money ($17,000)")
    assert roll_in.detail.endswith(
        "Only pre-tax money can go: the $3,000 of basis (after-tax money) stays in the IRA."
    )
    without = household(people=[person(ira={"year_end_balance": 20000})])
    assert "basis" not in _one(_checklist(without), "Roll the pre-tax IRA money").detail


def test_it_words_a_whole_year_as_before() -> None:
    # The single 2026 household: a mega backdoor rolled out every paycheck, a backdoor with
    # $40,000 of pre-tax IRA money. Issue 16: the plan takes IRA roll-ins, so the decision
    # rolls the $40,000 in first (IRC 408(d)(3)(A)(ii); Form 8606 line 6 is then $0) and the
    # backdoor costs no tax; before it, the checklist converted into the pro-rata rule and
    # paid $1,515.80 (7,500 x (1 - 7,500 / 47,500) = $6,315.82 at 24%).
    data = household(federal_marginal_rate=0.24, people=[person(ira={"year_end_balance": 40000})])
    assert [(a.due, a.title, a.detail, a.person) for a in _checklist(data)] == [
        (
            date(2026, 12, 31),
            "Contribute $35,000 after-tax to the 401(k) through payroll",
            "Spread over the year's paychecks; the last one of the year is the deadline, and"
            " only the pay left this year can carry it. Check your plan's after-tax election"
            " form.",
            "You",
        ),
        (
            date(2026, 12, 31),
            "Roll the after-tax money (and its earnings) out to your Roth IRA",
            "Do it after every paycheck; the sooner the money moves, the smaller the taxable"
            " earnings.",
            "You",
        ),
        (
            date(2026, 12, 31),
            "Roll the pre-tax IRA money ($40,000) into your 401(k)",
            "It must be out of your IRAs by December 31 to leave the pro-rata calculation"
            " (Form 8606 line 6 is the December 31 value). Ask for a direct rollover and start"
            " early: paperwork between the IRA and the plan can take weeks.",
            "You",
        ),
        (
            date(2026, 12, 31),
            "Contribute $7,500 nondeductible to a traditional IRA",
            "Designate it for 2026 and make it before you convert, by December 31.",
            "You",
        ),
        (
            date(2026, 12, 31),
            "Convert $7,500 from the traditional IRA to your Roth IRA",
            "A conversion counts in the calendar year it happens and can't be undone.",
            "You",
        ),
        (
            date(2027, 4, 15),
            "File Form 8606 with your tax return",
            "One Form 8606 for each person with a nondeductible contribution or conversion."
            " Keep it: line 14 is next year's basis.",
            None,
        ),
    ]


def test_after_tax_contribution_is_due_with_the_last_paycheck() -> None:
    # Treas. Reg. 1.415(c)-1(b)(6): only pay of the plan year counts toward its additions.
    action = after_tax_contribution(*_steps_for(household()))
    assert action is not None
    assert (action.due, action.title) == (
        date(2026, 12, 31),
        "Contribute $35,000 after-tax to the 401(k) through payroll",
    )
    no_after_tax = household(people=[person(plan={"allows_after_tax": False})])
    assert after_tax_contribution(*_steps_for(no_after_tax)) is None


@pytest.mark.parametrize(
    ("route", "frequency", "title", "words"),
    [
        pytest.param(
            "in_plan_conversion",
            "monthly",
            "Convert the after-tax money to the plan's Roth account",
            "Do it every month;",
            id="IRC-402A(c)(4)-in-plan",
        ),
        pytest.param(
            "split_earnings_to_traditional_ira",
            "annually",
            "Roll the after-tax contributions to your Roth IRA and the earnings to a traditional"
            " IRA in the same distribution (Notice 2014-54)",
            "Do it once, before December 31;",
            id="Notice-2014-54-split",
        ),
    ],
)
def test_after_tax_move_names_the_route_and_how_often(
    route: str, frequency: str, title: str, words: str
) -> None:
    plan = {
        "after_tax_route": route,
        "conversion_frequency": frequency,
        "allows_in_plan_roth_conversion": True,
    }
    action = after_tax_move(*_steps_for(household(people=[person(plan=plan)])))
    assert action is not None
    assert action.title == title
    assert action.detail.startswith(words)
    stays = household(people=[person(plan={"after_tax_route": "stay_in_plan"})])
    assert after_tax_move(*_steps_for(stays)) is None


def test_ira_roll_in_only_when_asked_and_there_is_pre_tax_money() -> None:
    # Form 8606 line 6 is the December 31 value; IRC 408(d)(3)(A)(ii): pre-tax money only.
    rolled = household(people=[person(ira={"year_end_balance": 30000, "roll_into_plan": True})])
    action = ira_roll_in(*_steps_for(rolled))
    assert action is not None
    assert (action.due, action.title) == (
        date(2026, 12, 31),
        "Roll the pre-tax IRA money ($30,000) into your 401(k)",
    )
    # Issue 16: a plan that takes roll-ins gets the roll-in as the decision's first move; a
    # plan that refuses them gets none (the backdoor is skipped instead).
    kept = household(
        people=[person(plan={"accepts_ira_rollins": False}, ira={"year_end_balance": 30000})]
    )
    assert ira_roll_in(*_steps_for(kept)) is None


def test_nondeductible_contribution_is_due_by_the_return_due_date_when_made_next_year() -> None:
    # IRC 219(f)(3) and Pub. 590-A: contributions for a year until the return's due date.
    same_year = nondeductible_contribution(*_steps_for(household()))
    assert same_year is not None
    assert same_year.due == date(2026, 12, 31)
    next_year = household(people=[person(ira={"contribution_made_next_year": True})])
    late = nondeductible_contribution(*_steps_for(next_year))
    assert late is not None
    assert late.due == date(2027, 4, 15)
    assert "converted in 2027, not 2026" in late.detail
    skipped = household(people=[person(ira={"nondeductible_contribution": 0, "conversion": 0})])
    assert nondeductible_contribution(*_steps_for(skipped)) is None


def test_conversion_counts_in_the_calendar_year() -> None:
    # Form 8606 line 8; no recharacterization since 2018 (IRC 408A(d)(6)(B)(iii)).
    action = conversion(*_steps_for(household()))
    assert action is not None
    assert (action.due, action.title) == (
        date(2026, 12, 31),
        "Convert $7,500 from the traditional IRA to your Roth IRA",
    )
    next_year = household(people=[person(ira={"contribution_made_next_year": True})])
    assert conversion(*_steps_for(next_year)) is None


def test_estimated_tax_payment_is_due_january_15() -> None:
    # IRC 6654(c): the fourth installment is due January 15 of the next year.
    inputs, result = _plan(household(people=[TAXED_PERSON]))
    action = estimated_tax_payment(Dates.for_year(2026), result)
    assert action is not None
    assert action.due == date(2027, 1, 15)
    assert action.person is None
    clean = _plan(household())[1]
    assert estimated_tax_payment(Dates.for_year(2026), clean) is None


def test_form_8606_is_filed_by_the_return_due_date() -> None:
    # Instructions for Form 8606, "When and where to file": with the return.
    result = _plan(_clean(2019))[1]
    action = file_form_8606(Dates.for_year(2019), result)
    assert action is not None
    assert action.due == date(2020, 7, 15)  # Notice 2020-18 moved the 2019 due date
    none = household(people=[person(ira={"nondeductible_contribution": 0, "conversion": 0})])
    assert file_form_8606(Dates.for_year(2026), _plan(none)[1]) is None


def test_the_rmd_comes_before_the_conversion() -> None:
    # Treas. Reg. 1.402(c)-2 Q&A-7: the first dollars out in an RMD year count toward the RMD.
    # No pay, so no contribution of any kind: a plain conversion (issue 16; with pay of
    # $100,000 the decision is now a direct Roth IRA contribution, with nothing to convert).
    data = household(
        people=[
            person(
                age=75,
                compensation=0,
                plan=None,
                ira={
                    "year_end_balance": 250_000,
                    "prior_year_end_balance": 246_000,
                    "conversion": 30_000,
                },
            )
        ]
    )
    titles = [action.title for action in _checklist(data)]
    rmd = titles.index("Take the $10,000 required minimum distribution from the traditional IRA")
    assert rmd < next(i for i, title in enumerate(titles) if title.startswith("Convert"))


# A plan for a past year -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "today", "passed"),
    [
        # 2018's last date is the return's due date, April 15, 2019 (the 2018 table).
        (2018, date(2019, 4, 15), False),
        (2018, date(2019, 4, 16), True),
        (2018, date(2026, 12, 2), True),
        # 2019's due date moved to July 15, 2020 (Notice 2020-23).
        (2019, date(2020, 7, 15), False),
        (2026, date(2026, 12, 2), False),
    ],
)
def test_it_notes_a_plan_whose_dates_have_passed(year: int, today: date, passed: bool) -> None:
    note = dates_passed(year, today)
    if passed:
        assert note == f"These dates have passed: this plan is a record of {year}."
    else:
        assert note is None


def test_the_last_date_is_the_later_of_january_15_and_the_return_due_date() -> None:
    # IRC 6654(c): the fourth estimated payment, January 15; the 2018 return, April 15, 2019.
    assert last_deadline(2018) == date(2019, 4, 15)


def test_with_the_paydays_known_the_after_tax_contributions_are_due_on_the_last_one() -> None:
    # Treas. Reg. 1.415(c)-1(b)(6): only pay in the plan year counts, so the last paycheck
    # is the deadline. Biweekly 2026 paydays from Friday January 2 end Friday December 18.
    # Whole-percent elections carry $34,984.71 of the $35,000: that is the contribution.
    contribute = _one(_checklist(WITH_PAYCHECKS), "Contribute $34,984.71 after-tax")
    assert contribute.due == date(2026, 12, 18)
    assert contribute.detail.startswith(
        "Spread over the 26 paychecks from January 2, 2026; the last, December 18, 2026, is the"
        " deadline."
    )
    without_paydays = _one(_checklist(household()), "Contribute $35,000 after-tax")
    assert without_paydays.due == date(2026, 12, 31)
