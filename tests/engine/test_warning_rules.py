"""Each warning rule on its own: the rule function called with one plan's work and a person.

Every test names the source that makes the warning a rule. The whole plan's warnings (order,
contract fields) are tested in test_warnings.py.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from planner.engine import Severity, Warning, parse_household
from planner.engine.compute import Computation, compute
from planner.engine.warning_rules import (
    WARNING_RULES,
    acp_refund_risk,
    after_tax_left_in_plan,
    age_70_half,
    annual_additions_over_limit,
    contribution_next_year,
    direct_roth_possible,
    five_year_rule,
    no_mega_backdoor,
    plan_warnings,
    pro_rata,
    rollin_not_accepted,
    roth_catch_up_required,
    split_earnings_contaminate_backdoor,
    step_transaction,
)
from tests.engine.helpers import household, person


def _work(**overrides: Any) -> Computation:
    return compute(parse_household(household(**overrides)))


def _found(found: Warning | None, code: str, severity: Severity) -> Warning:
    assert found is not None, f"no {code} warning"
    assert (found.code, found.severity) == (code, severity)
    return found


# ---------------------------------------------------------------- the list


def test_it_runs_the_rules_person_by_person_in_list_order() -> None:
    # The spouse (no plan) gets her own no_mega_backdoor after all of the first person's warnings.
    work = _work(
        filing_status="married_filing_jointly",
        people=[person(ira={"year_end_balance": 92500}), person(name="Sam", plan=None)],
    )
    warnings = plan_warnings(work)
    expected = [
        found
        for index in range(2)
        for rule in WARNING_RULES
        if (found := rule(work, index)) is not None
    ]
    assert warnings == expected
    assert [(w.person, w.code) for w in warnings] == [
        ("You", "acp_refund_risk"),
        ("You", "prior_year_wages_assumed"),
        # The conference-report note is the household's: once, on no one in particular.
        (None, "step_transaction"),
        ("You", "pro_rata"),
        ("You", "five_year_rule"),
        ("Sam", "no_mega_backdoor"),
    ]


def test_every_rule_names_its_source() -> None:
    # A source is a statute (IRC), a notice, a form line, a publication or a regulation.
    sources = ("IRC", "Notice", "Form", "Pub.", "Treas. Reg.", "H.R. Rep.", "IRS")
    for rule in WARNING_RULES:
        assert rule.__doc__ is not None, rule.__name__
        assert any(source in rule.__doc__ for source in sources), rule.__name__


def test_each_rule_gives_the_code_it_is_named_after() -> None:
    works = [
        _work(
            tax_year=2019, people=[person(age=70, plan={"allows_in_service_distribution": False})]
        ),
        _work(
            federal_marginal_rate=0.32, people=[person(plan=None, ira={"year_end_balance": 9000})]
        ),
        _work(people=[person(compensation=30000, ira={"contribution_made_next_year": True})]),
    ]
    codes = set()
    for work in works:
        for rule in WARNING_RULES:
            found = rule(work, 0)
            if found is not None:
                assert found.code == rule.__name__
                codes.add(found.code)
    assert len(codes) >= 8


# ---------------------------------------------------------------- age 70½


@pytest.mark.parametrize(
    ("age", "text", "remedy"),
    [
        (71, "Age 70½ was reached by the end of 2019 (age 71)", "no age limit"),
        (70, "Age 70 in 2019: with a birthday between January 1 and June 30", "birth date"),
    ],
    ids=["71-barred", "70-may-be-barred"],
)
def test_age_70_half_bars_a_traditional_contribution_before_2020(
    age: int, text: str, remedy: str
) -> None:
    # IRC 219(d)(1) before its repeal by the SECURE Act 2019 sec. 107.
    work = _work(tax_year=2019, people=[person(age=age, plan={"pretax_deferral": 19000})])
    found = _found(age_70_half(work, 0), "age_70_half", Severity.WARNING)
    assert found.message.startswith(text)
    assert remedy in (found.remedy or "")
    assert found.person == "You"


def test_age_70_half_says_nothing_at_69_or_from_2020() -> None:
    # SECURE Act 2019 sec. 107: no age bar for tax years from 2020.
    assert age_70_half(_work(tax_year=2019, people=[person(age=69)]), 0) is None
    assert age_70_half(_work(tax_year=2020, people=[person(age=75)]), 0) is None


# ---------------------------------------------------------------- mega backdoor features


@pytest.mark.parametrize(
    ("plan", "text"),
    [
        (None, "No workplace plan was entered for you"),
        ({"allows_after_tax": False}, "does not take after-tax (non-Roth) contributions"),
        ({"allows_in_service_distribution": False}, "allows neither in-service distributions"),
    ],
    ids=["no-plan", "no-after-tax", "no-route"],
)
def test_no_mega_backdoor_names_the_missing_plan_feature(
    plan: dict[str, Any] | None, text: str
) -> None:
    # Bogleheads wiki "Mega-backdoor Roth"; IRS "Rollovers of after-tax contributions" FAQ.
    work = _work(people=[person(plan=plan)])
    found = _found(no_mega_backdoor(work, 0), "no_mega_backdoor", Severity.INFO)
    assert text in found.message
    assert found.remedy is None


def test_no_mega_backdoor_names_a_spouse_without_a_plan() -> None:
    work = _work(
        filing_status="married_filing_jointly", people=[person(), person(name="Sam", plan=None)]
    )
    assert no_mega_backdoor(work, 0) is None
    found = _found(no_mega_backdoor(work, 1), "no_mega_backdoor", Severity.INFO)
    assert found.message.startswith("No workplace plan was entered for Sam,")
    assert found.person == "Sam"


def test_after_tax_left_in_plan_counts_the_money_that_stays() -> None:
    # IRS "Rollovers of after-tax contributions" FAQ: earnings on after-tax money are pre-tax.
    # 72,000 - 24,500 - 12,500 = 35,000 of after-tax money with no way out of the plan.
    work = _work(people=[person(plan={"allows_in_service_distribution": False})])
    found = _found(after_tax_left_in_plan(work, 0), "after_tax_left_in_plan", Severity.WARNING)
    assert found.message.startswith("$35,000 of after-tax money would stay in the plan")
    assert found.message.endswith("The answer puts none in.")
    assert (
        found.remedy == "Ask the plan to add in-plan Roth conversions or in-service distributions."
    )


def test_no_acp_refund_risk_for_after_tax_money_the_answer_does_not_put_in() -> None:
    # IRC 401(m) tests after-tax contributions made; money that would stay in the plan is not
    # put in (no way out to Roth), so there is nothing to refund, however highly paid.
    hce = {"compensation": 400000, "prior_year_fica_wages": 400000}
    stays = _work(people=[person(plan={"allows_in_service_distribution": False}, **hce)])
    assert acp_refund_risk(stays, 0) is None
    moves = _work(people=[person(**hce)])
    assert acp_refund_risk(moves, 0) is not None


def test_after_tax_left_in_plan_suggests_a_route_the_plan_has() -> None:
    work = _work(people=[person(plan={"after_tax_route": "stay_in_plan"})])
    found = _found(after_tax_left_in_plan(work, 0), "after_tax_left_in_plan", Severity.WARNING)
    assert found.remedy == "Pick in-plan conversion or rollover to a Roth IRA."
    assert after_tax_left_in_plan(_work(), 0) is None


# ---------------------------------------------------------------- 415(c)


def test_annual_additions_over_limit_prices_the_excess() -> None:
    # IRC 415(c)(1): lesser of $72,000 and 100% of 30,000 of pay; 24,500 + 9,000 = 33,500.
    work = _work(
        people=[
            person(
                compensation=30000, plan={"pretax_deferral": 24500, "employer_contribution": 9000}
            )
        ]
    )
    found = _found(
        annual_additions_over_limit(work, 0), "annual_additions_over_limit", Severity.DANGER
    )
    assert found.dollar_effect == Decimal(3500)
    assert "come to $33,500, which is $3,500 over the $30,000 limit" in found.message
    assert "EPCRS (Rev. Proc. 2021-30)" in (found.remedy or "")


def test_annual_additions_over_limit_lets_catch_up_absorb_the_excess_at_50() -> None:
    # Treas. Reg. 1.414(v)-1(b)(1)(i): the 3,500 over the limit is within the 8,000 catch-up.
    work = _work(
        people=[
            person(
                age=55,
                compensation=30000,
                plan={"pretax_deferral": 24500, "employer_contribution": 9000},
            )
        ]
    )
    assert annual_additions_over_limit(work, 0) is None
    assert annual_additions_over_limit(_work(people=[person(plan=None)]), 0) is None


# ---------------------------------------------------------------- ACP test


def test_acp_refund_risk_flags_a_likely_hce() -> None:
    # IRC 401(m) ACP test; IRC 414(q): 2025 pay above $160,000 for 2026. 35,000 after-tax.
    work = _work(people=[person(prior_year_fica_wages=160001)])
    found = _found(acp_refund_risk(work, 0), "acp_refund_risk", Severity.WARNING)
    assert found.message.startswith("Your 2025 FICA wages of $160,001 are above $160,000")
    assert found.dollar_effect == Decimal(35000)


def test_acp_refund_risk_estimates_prior_pay_from_this_years() -> None:
    found = _found(acp_refund_risk(_work(), 0), "acp_refund_risk", Severity.WARNING)
    assert "$250,000 (estimated from this year’s pay)" in found.message


def test_acp_refund_risk_spares_pay_at_the_threshold_and_no_after_tax_money() -> None:
    assert acp_refund_risk(_work(people=[person(prior_year_fica_wages=160000)]), 0) is None
    assert acp_refund_risk(_work(people=[person(plan={"allows_after_tax": False})]), 0) is None


# ---------------------------------------------------------------- Roth catch-up


def test_roth_catch_up_required_prices_the_tax_from_2026() -> None:
    # IRC 414(v)(7) (SECURE 2.0 sec. 603), enforced from 2026. The 8,000 catch-up stays in
    # taxable income: 250,000 - 24,500 - 16,100 = 209,400, of which 7,625 above 201,775 is at
    # 32% and the other 375 at 24% (2026 single brackets): 2,440 + 90 = 2,530.
    work = _work(
        people=[person(age=55, prior_year_fica_wages=150001, plan={"pretax_deferral": 32500})]
    )
    found = _found(roth_catch_up_required(work, 0), "roth_catch_up_required", Severity.WARNING)
    assert found.dollar_effect == Decimal(2530)
    assert "the $8,000 catch-up for 2026 must be a Roth deferral" in found.message
    assert found.remedy == "Move $8,000 from pre-tax to Roth deferrals."


def test_roth_catch_up_required_notes_the_transition_relief_in_2025() -> None:
    # Notice 2023-62: a pre-tax catch-up is still allowed through 2025.
    work = _work(
        tax_year=2025,
        people=[person(age=55, prior_year_fica_wages=240000, plan={"pretax_deferral": 31000})],
    )
    found = _found(roth_catch_up_required(work, 0), "roth_catch_up_required", Severity.INFO)
    assert "transition relief of Notice 2023-62" in found.message
    assert (found.remedy, found.dollar_effect) == (None, None)


def test_roth_catch_up_required_spares_wages_at_the_threshold_and_a_roth_catch_up() -> None:
    # IRC 414(v)(7)(A): wages must exceed $150,000.
    at_threshold = person(age=55, prior_year_fica_wages=150000, plan={"pretax_deferral": 32500})
    assert roth_catch_up_required(_work(people=[at_threshold]), 0) is None
    roth = person(
        age=55,
        prior_year_fica_wages=300000,
        plan={"pretax_deferral": 24500, "roth_deferral": 8000},
    )
    assert roth_catch_up_required(_work(people=[roth]), 0) is None


# ---------------------------------------------------------------- direct Roth


def test_direct_roth_possible_below_the_phase_out() -> None:
    # IRC 408A(c)(3); Pub. 590-A Worksheet 2-2: MAGI 150,000 - 24,500 = 125,500 < 153,000.
    work = _work(people=[person(compensation=150000)])
    found = _found(direct_roth_possible(work, 0), "direct_roth_possible", Severity.INFO)
    assert found.message.startswith("A direct Roth IRA contribution of up to $7,500")
    assert "modified AGI of $125,500" in found.message
    assert "$153,000–$168,000 phase-out" in found.message
    # MAGI 225,500 is above the top of the single range.
    assert direct_roth_possible(_work(), 0) is None


def test_direct_roth_possible_less_the_traditional_contributions_already_made() -> None:
    # IRC 408A(c)(2): the Roth limit is cut by the year's traditional contributions. A
    # mid-year audit: $7,500 already in a traditional IRA left "up to $3,750" directly to Roth,
    # an excess (IRC 4973); $3,000 in leaves $4,500 of the $7,500.
    made = {"contributions_made": [{"date": "2026-01-12", "amount": 7500}]}
    work = _work(people=[person(compensation=150000, ira=made)])
    assert direct_roth_possible(work, 0) is None
    some = {"contributions_made": [{"date": "2026-01-12", "amount": 3000}]}
    work = _work(people=[person(compensation=150000, ira=some)])
    found = _found(direct_roth_possible(work, 0), "direct_roth_possible", Severity.INFO)
    assert found.message.startswith(
        "A direct Roth IRA contribution of up to $4,500 (the $7,500 limit less the $3,000 "
        "already contributed to a traditional IRA for the year, IRC 408A(c)(2)) is allowed"
    )


# ---------------------------------------------------------------- backdoor steps


def test_step_transaction_notes_the_conference_report() -> None:
    # TCJA conference report, H.R. Rep. No. 115-466.
    found = _found(step_transaction(_work(), 0), "step_transaction", Severity.INFO)
    assert found.message.startswith("The conference report on the 2017 tax act")
    no_contribution = person(ira={"nondeductible_contribution": 0})
    assert step_transaction(_work(people=[no_contribution]), 0) is None


def test_contribution_next_year_puts_the_conversion_next_year() -> None:
    # Instructions for Form 8606, lines 3 and 8; IRC 219(f)(3) deadline April 15, 2027.
    work = _work(people=[person(ira={"contribution_made_next_year": True})])
    found = _found(contribution_next_year(work, 0), "contribution_next_year", Severity.INFO)
    assert found.message.startswith(
        "The $7,500 contribution for 2026 is made between January 1 and April 15, 2027"
    )
    assert "The conversion happens in 2027" in found.message
    assert found.remedy == "Make the contribution by April 15, 2027 and convert it in 2027."


def test_contribution_next_year_keeps_it_off_this_years_line_5() -> None:
    # Instructions for Form 8606, line 4: an explicit conversion converts other IRA money.
    ira = {"contribution_made_next_year": True, "conversion": 5000, "basis": 5000}
    found = _found(
        contribution_next_year(_work(people=[person(ira=ira)]), 0),
        "contribution_next_year",
        Severity.INFO,
    )
    assert "lines 1 and 4" in found.message
    assert "The $5,000 converted in 2026 is other IRA money" in found.message
    assert contribution_next_year(_work(), 0) is None


# ---------------------------------------------------------------- pro-rata


def test_pro_rata_prices_the_roll_in_that_avoids_it() -> None:
    # Form 8606 lines 6-11 (IRC 408(d)(2)): 7,500 / (92,500 + 7,500) = 0.075 nontaxable, so
    # 6,937.50 is taxable; rolling the 92,500 in (IRC 408(d)(3)(A)(ii)) makes it 0 and saves
    # 6,937.50 x 32% = 2,220 this year.
    work = _work(federal_marginal_rate=0.32, people=[person(ira={"year_end_balance": 92500})])
    found = _found(pro_rata(work, 0), "pro_rata", Severity.WARNING)
    assert "hold $92,500 on December 31" in found.message
    assert "$6,937.50 of the $7,500 conversion is taxable" in found.message
    assert found.dollar_effect == Decimal(2220)
    assert (found.remedy or "").startswith("Roll the pre-tax IRA money ($92,500) into the 401(k)")
    assert rollin_not_accepted(work, 0) is None


def test_pro_rata_without_a_roll_in_prices_the_tax_it_causes() -> None:
    # Form 8606 lines 6-11: the taxable 6,937.50 at 32%.
    work = _work(
        federal_marginal_rate=0.32,
        people=[person(plan={"accepts_ira_rollins": False}, ira={"year_end_balance": 92500})],
    )
    found = _found(pro_rata(work, 0), "pro_rata", Severity.WARNING)
    assert found.dollar_effect == Decimal(2220)
    # Notes are sorted by dollars, so the remedy names the roll-in note, not "the next" one.
    assert found.remedy == (
        "The pre-tax IRA money cannot be rolled into a workplace plan as entered (the note on "
        "IRA roll-ins says what would change that)."
    )


def test_pro_rata_says_nothing_after_a_roll_in_or_without_a_balance() -> None:
    rolled = person(ira={"year_end_balance": 94500, "roll_into_plan": True})
    assert pro_rata(_work(people=[rolled]), 0) is None
    assert pro_rata(_work(), 0) is None


@pytest.mark.parametrize(
    ("plan", "text"),
    [
        ({"accepts_ira_rollins": False}, "Your workplace plan does not accept roll-ins"),
        (None, "No workplace plan was entered for you to roll IRA money into"),
    ],
    ids=["plan-refuses-roll-ins", "no-plan"],
)
def test_rollin_not_accepted_follows_a_pro_rata_warning(
    plan: dict[str, Any] | None, text: str
) -> None:
    # IRC 408(d)(3)(A)(ii): only a plan that takes roll-ins can take the pre-tax IRA money.
    work = _work(people=[person(plan=plan, ira={"year_end_balance": 92500})])
    found = _found(rollin_not_accepted(work, 0), "rollin_not_accepted", Severity.INFO)
    assert found.message.startswith(text)
    assert found.message.endswith("so the pre-tax IRA balance stays in the pro-rata calculation.")
    assert rollin_not_accepted(_work(people=[person(plan=plan)]), 0) is None
    # With no workplace plan there is no "the plan" to ask (a December walk).
    asks_the_plan = (found.remedy or "").startswith("Ask whether the plan")
    assert asks_the_plan == (plan is not None)
    if plan is None:
        assert (found.remedy or "").startswith(
            "A workplace plan you can join (a new employer's, say) could take the pre-tax IRA "
            "money: ask whether it takes IRA roll-ins by December 31"
        )


def test_a_backdoor_already_made_is_not_told_to_weigh_skipping_it() -> None:
    # Form 8606 line 8: a conversion made this year counts; once it is made, skipping is no
    # longer a choice, and the remedy says what is left: a roll-in by December 31 or the tax.
    done = {
        "year_end_balance": 30000,
        "contributions_made": [{"date": "2026-02-10", "amount": 7500}],
        "conversions_made": [{"date": "2026-02-20", "amount": 7500}],
    }
    plan = {"accepts_ira_rollins": False}
    found = rollin_not_accepted(_work(people=[person(plan=plan, ira=done)]), 0)
    assert found is not None and "weigh skipping" not in (found.remedy or "")
    assert (found.remedy or "").endswith("otherwise the conversion already made is taxed pro rata.")
    # Contributed but not converted yet: leaving it unconverted is still a choice.
    contributed_only = {**done, "conversions_made": []}
    found = rollin_not_accepted(_work(people=[person(plan=plan, ira=contributed_only)]), 0)
    assert found is not None
    assert "weigh leaving the contribution already made unconverted" in (found.remedy or "")


def test_self_employment_income_opens_a_solo_401k_in_the_pro_rata_note() -> None:
    # IRC 401(c)(1), 408(d)(3)(A)(ii): a solo 401(k) for self-employment income can take the
    # pre-tax IRA money, so no "cannot be rolled into a workplace plan" note contradicts it.
    work = _work(
        people=[
            person(
                plan={"accepts_ira_rollins": False},
                self_employed=True,
                ira={"year_end_balance": 30000},
            )
        ]
    )
    found = _found(pro_rata(work, 0), "pro_rata", Severity.WARNING)
    assert (found.remedy or "").startswith("A solo 401(k) for the self-employment income")
    assert rollin_not_accepted(work, 0) is None


def test_split_earnings_contaminate_backdoor_compares_converting_them() -> None:
    # Notice 2014-54 and Form 8606 line 6, golden case i3 (3 places, 32%): the 1,800 of
    # earnings make 1,455 of the backdoor taxable (465.60 of tax) where converting the
    # earnings would tax 1,800 (576): converting costs 110.40 more.
    work = _work(
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
    found = _found(
        split_earnings_contaminate_backdoor(work, 0),
        "split_earnings_contaminate_backdoor",
        Severity.WARNING,
    )
    assert found.dollar_effect == Decimal("-110.40")
    assert "The $1,800 of after-tax earnings" in found.message
    assert "makes $1,455 of the backdoor conversion taxable" in found.message
    assert (found.remedy or "").startswith(
        "Converting the earnings with the contributions instead would cost $110.40 more."
    )
    assert split_earnings_contaminate_backdoor(_work(), 0) is None


# ---------------------------------------------------------------- five-year rule


def test_five_year_rule_prices_the_10_percent_tax_before_59_and_a_half() -> None:
    # IRC 408A(d)(3)(F) and 402A(c)(4)(D): 10% of the 1,000 of taxable earnings converted.
    work = _work(people=[person(age=59, plan={"after_tax_earnings": 1000})])
    found = _found(five_year_rule(work, 0), "five_year_rule", Severity.INFO)
    assert found.dollar_effect == Decimal(100)
    assert "before January 1, 2031" in found.message
    assert (
        five_year_rule(_work(people=[person(age=60, plan={"after_tax_earnings": 1000})]), 0) is None
    )


def test_an_after_tax_figure_above_the_room_is_said_not_cut_silently() -> None:
    # IRC 415(c)(1): the 2026 limit of $72,000 (Notice 2025-67) less $24,500 deferred and
    # $12,000 of employer money leaves $35,500; a $60,000 figure is worked out as $35,500.
    from planner.engine.warning_rules import after_tax_above_room

    plan = {
        "pretax_deferral": 24500,
        "employer_contribution": 12000,
        "allows_after_tax": True,
        "after_tax_contribution": 60000,
    }
    work = _work(tax_year=2026, people=[person(compensation=260000, plan=plan)])
    found = _found(after_tax_above_room(work, 0), "after_tax_above_room", Severity.INFO)
    assert found.message == (
        "Your after-tax figure of $60,000 is more than the plan can take: the $72,000 annual"
        " additions limit (IRC 415(c)) less $36,500 of deferrals (without catch-up), employer"
        " money and forfeitures leaves $35,500. The plan is worked out on $35,500."
    )
    assert found.dollar_effect == Decimal("24500")
    assert work.mega[0].after_tax_contribution == Decimal("35500")
    # The plan's own cap, when lower, is the reason given.
    capped = _work(
        tax_year=2026,
        people=[person(compensation=260000, plan={**plan, "after_tax_cap": 20000})],
    )
    assert (
        "the plan's own cap on after-tax money is $20,000"
        in after_tax_above_room(capped, 0).message
    )
    # Within the room, or with no figure (as much as allowed), nothing is said.
    fits = _work(tax_year=2026, people=[person(plan={**plan, "after_tax_contribution": 35500})])
    assert after_tax_above_room(fits, 0) is None
    blank = {k: v for k, v in plan.items() if k != "after_tax_contribution"}
    assert after_tax_above_room(_work(tax_year=2026, people=[person(plan=blank)]), 0) is None
