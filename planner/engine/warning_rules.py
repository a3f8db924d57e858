"""The warnings: one rule per code, each naming the source that makes it a rule.

A rule takes the plan's work and a person's index and returns that person's warning or None.
WARNING_RULES runs them in the order the warnings are shown; a new warning is a new function
added to that list (and its test).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from planner.engine.backdoor import pro_rata_balance
from planner.engine.compute import Computation
from planner.engine.federal_tax import line_16_tax, marginal_rate
from planner.engine.limits import (
    AGE_70_HALF_BARRED,
    AGE_70_HALF_MAYBE_BARRED,
    deferral_limit,
)
from planner.engine.limits import (
    pretax_catch_up as pretax_catch_up_of,
)
from planner.engine.marginal import NEXT_CONVERSION, effective_marginal_rate
from planner.engine.mega_backdoor import pay_after_deferrals
from planner.engine.models import (
    AfterTaxRoute,
    Decision,
    Household,
    Person,
    Reason,
    Severity,
    Warning,
)
from planner.engine.money import ZERO, cents, format_money, format_rate, long_date
from planner.engine.paychecks import year_payroll_tax
from planner.engine.rmd import RmdRule, rmd_age
from planner.engine.so_far import contributed, converted
from planner.engine.voice import Voice

EARLY_DISTRIBUTION_TAX = Decimal("0.10")
LAST_AGE_BEFORE_59_HALF = 59

type WarningRule = Callable[[Computation, int], Warning | None]


def plan_warnings(work: Computation) -> list[Warning]:
    """Every person's warnings, person by person, each in WARNING_RULES order."""
    warnings: list[Warning] = []
    for index in range(len(work.household.people)):
        for rule in WARNING_RULES:
            found = rule(work, index)
            if found is not None:
                warnings.append(found)
    return warnings


# ---------------------------------------------------------------- wording


# Warnings are said to the plan's owner (a shared page's people are already named for the
# advisor, planner.models.Scenario.for_advisor).
VOICE = Voice.OWNER


def _possessive(person: Person) -> str:
    # It starts a sentence.
    return VOICE.starts(VOICE.possessive(person.name))


def _inner_possessive(person: Person) -> str:
    return VOICE.possessive(person.name)


def _object(person: Person) -> str:
    return VOICE.subject(person.name)


def _wages_for_the_lookback(person: Person) -> tuple[Decimal, bool]:
    """Prior-year pay from the employer, or this year's pay standing in (True) when not given."""
    if person.prior_year_fica_wages is None:
        return person.compensation, True
    return person.prior_year_fica_wages, False


def likely_hce(person: Person, hce_threshold_lookback: Decimal) -> bool:
    """Paid above the IRC 414(q) figure in the prior year (this year's pay standing in when the
    prior year's is not given): a likely highly compensated employee, whose after-tax
    contributions an ACP test (IRC 401(m)) can refund."""
    return _wages_for_the_lookback(person)[0] > hce_threshold_lookback


def _catch_up_tax(work: Computation, index: int, amount: Decimal) -> Decimal:
    """Federal plus state tax on a catch-up that is taxable pay instead of a pre-tax deferral."""
    household = work.household
    calculator = work.calculator
    return_index = calculator.return_of_person[index]
    tax_return = calculator.returns[return_index]
    if household.federal_marginal_rate is not None:
        federal = amount * household.federal_marginal_rate
    else:
        pretax_income = calculator.taxable_income_at(return_index, tax_return.agi - amount)
        federal = tax_return.federal_tax - line_16_tax(calculator.schedule, pretax_income)
    return cents(federal + amount * household.state_tax_rate)


# ---------------------------------------------------------------- the rules


def age_70_half(work: Computation, index: int) -> Warning | None:
    """No traditional IRA contribution from the year of age 70½: IRC 219(d)(1) before its
    repeal by the SECURE Act 2019 sec. 107 (tax years before 2020)."""
    if not work.table.traditional_ira_age_70_half_bar:
        return None
    person = work.household.people[index]
    year = work.household.tax_year
    if person.age >= AGE_70_HALF_BARRED:
        return Warning(
            code="age_70_half",
            severity=Severity.WARNING,
            message=f"Age 70½ was reached by the end of {year} (age {person.age}); before 2020 "
            "nobody could contribute to a traditional IRA in or after that year, so there is no "
            f"backdoor contribution for {year}.",
            remedy="A direct Roth IRA contribution has no age limit, if income allows it.",
            person=person.name,
        )
    if person.age == AGE_70_HALF_MAYBE_BARRED:
        return Warning(
            code="age_70_half",
            severity=Severity.WARNING,
            message=f"Age 70 in {year}: with a birthday between January 1 and June 30, age 70½ is "
            f"reached in {year} and no traditional IRA contribution is allowed (the bar applied "
            "before 2020).",
            remedy="Check the birth date before making the contribution.",
            person=person.name,
        )
    return None


def no_mega_backdoor(work: Computation, index: int) -> Warning | None:
    """A mega backdoor needs after-tax contributions and in-service distributions or in-plan
    Roth conversions (Bogleheads wiki "Mega-backdoor Roth"; IRS "Rollovers of after-tax
    contributions in retirement plans" FAQ)."""
    person = work.household.people[index]
    plan = person.plan
    if plan is None and person.second_plan is not None:
        return None  # the second employer's plan is the one (second_plan_limits)
    if plan is None:
        message = f"No workplace plan was entered for {_object(person)}, so there is no mega backdoor Roth."
    elif work.mega[index].after_tax_room <= ZERO and None in (
        plan.allows_after_tax,
        plan.allows_in_service_distribution,
        plan.allows_in_plan_roth_conversion,
    ):
        return None  # no 415(c) room: no "not sure" answer changes anything, as the verdict says
    elif plan.allows_after_tax is None:
        message = (
            f"Not sure whether {_inner_possessive(person)} plan takes after-tax (non-Roth) "
            "contributions: the figures assume it does not, so no mega backdoor Roth."
        )
    elif not plan.allows_after_tax:
        message = (
            f"{_possessive(person)} plan does not take after-tax (non-Roth) contributions, so there "
            "is no mega backdoor Roth."
        )
    elif not (
        plan.allows_in_service_distribution or plan.allows_in_plan_roth_conversion
    ) and None in (
        plan.allows_in_service_distribution,
        plan.allows_in_plan_roth_conversion,
    ):
        # Only the answers given as "not sure" are unsure; a "No" is said as no.
        unsure = " or ".join(
            words
            for answer, words in (
                (plan.allows_in_service_distribution, "in-service distributions"),
                (plan.allows_in_plan_roth_conversion, "in-plan Roth conversions"),
            )
            if answer is None
        )
        refused = [
            words
            for answer, words in (
                (plan.allows_in_service_distribution, "in-service distributions"),
                (plan.allows_in_plan_roth_conversion, "in-plan Roth conversions"),
            )
            if answer is False
        ]
        no = f"; it does not allow {refused[0]}" if refused else ""
        message = (
            f"{_possessive(person)} plan takes after-tax contributions{no}; not sure whether it "
            f"allows {unsure}: the figures assume it does not."
        )
    elif not (plan.allows_in_service_distribution or plan.allows_in_plan_roth_conversion):
        message = (
            f"{_possessive(person)} plan takes after-tax contributions but allows neither "
            "in-service distributions nor in-plan Roth conversions, so the money cannot reach a "
            "Roth account while working there."
        )
    else:
        return None
    return Warning(
        code="no_mega_backdoor", severity=Severity.INFO, message=message, person=person.name
    )


def after_tax_left_in_plan(work: Computation, index: int) -> Warning | None:
    """Earnings on after-tax money left in the plan are taxed as ordinary income when withdrawn
    (IRS "Rollovers of after-tax contributions in retirement plans" FAQ)."""
    mega = work.mega[index]
    if mega.route is not AfterTaxRoute.STAY_IN_PLAN or mega.after_tax_contribution <= ZERO:
        return None
    person = work.household.people[index]
    plan = person.plan
    can_move = plan is not None and (
        plan.allows_in_service_distribution or plan.allows_in_plan_roth_conversion
    )
    # Someone only unsure of a way out is told to ask, not to have the plan add it.
    unsure = plan is not None and None in (
        plan.allows_in_service_distribution,
        plan.allows_in_plan_roth_conversion,
    )
    return Warning(
        code="after_tax_left_in_plan",
        severity=Severity.WARNING,
        message=f"{format_money(mega.after_tax_contribution)} of after-tax money would stay in "
        "the plan: it would add no Roth dollars, and its earnings would be taxed as ordinary "
        "income when withdrawn. The answer puts none in"
        + (", and the paycheck elections elect none." if plan and plan.paychecks else "."),
        remedy="Pick in-plan conversion or rollover to a Roth IRA."
        if can_move
        else "Ask the plan administrator whether the plan allows in-service distributions or "
        "in-plan Roth conversions (the figures assume it does not)."
        if unsure
        else "Ask the plan to add in-plan Roth conversions or in-service distributions.",
        person=person.name,
    )


def annual_additions_over_limit(work: Computation, index: int) -> Warning | None:
    """IRC 415(c)(1): annual additions are limited to the lesser of the dollar limit and 100% of
    compensation. Deferrals above it can still be catch-up for someone 50 or older, up to the
    unused catch-up limit (Treas. Reg. 1.414(v)-1(b)(1)(i)); an excess is corrected under
    EPCRS (Rev. Proc. 2021-30)."""
    person = work.household.people[index]
    plan = person.plan
    if plan is None:
        return None
    mega = work.mega[index]
    over = mega.annual_additions_before_after_tax - mega.annual_additions_limit
    if over <= ZERO:
        return None
    deferrals_without_catch_up = plan.pretax_deferral + plan.roth_deferral - mega.catch_up
    over -= min(over, mega.catch_up_limit - mega.catch_up, deferrals_without_catch_up)
    if over <= ZERO:
        return None
    table = work.table
    return Warning(
        code="annual_additions_over_limit",
        severity=Severity.DANGER,
        message=f"{_possessive(person)} annual additions for {work.household.tax_year} before any "
        "after-tax money (deferrals without catch-up, employer contributions and forfeitures) "
        f"come to {format_money(mega.annual_additions_before_after_tax)}, which is "
        f"{format_money(over)} over the {format_money(mega.annual_additions_limit)} limit: the "
        f"lesser of {format_money(table.annual_additions)} and 100% of compensation "
        "(IRC 415(c)(1)).",
        remedy=f"The plan must correct the {format_money(over)} excess, for example by refunding "
        "deferrals with their earnings or by a correction under EPCRS (Rev. Proc. 2021-30); "
        "lower the deferrals or ask the plan administrator before the year ends.",
        dollar_effect=over,
        person=person.name,
    )


def after_tax_limited_by_pay(work: Computation, index: int) -> Warning | None:
    """After-tax contributions are made from pay (IRC 401(m)(4)(A) employee contributions), so
    they cannot exceed the pay left after elective deferrals, even where the 415(c) room (which
    also counts employer money, IRC 415(c)(2)) is larger."""
    person = work.household.people[index]
    plan = person.plan
    mega = work.mega[index]
    if plan is None or not plan.allows_after_tax:
        return None
    pay_left = pay_after_deferrals(person, work.table)
    payroll_tax = year_payroll_tax(work.table, person.compensation)
    wanted = mega.after_tax_room
    if mega.after_tax_cap_amount is not None:
        wanted = min(wanted, mega.after_tax_cap_amount)
    if plan.after_tax_contribution is not None:
        wanted = min(wanted, plan.after_tax_contribution)
    if pay_left >= wanted:
        return None
    return Warning(
        code="after_tax_limited_by_pay",
        severity=Severity.INFO,
        message=f"{_possessive(person)} pay of {format_money(person.compensation)} less "
        f"{format_money(plan.pretax_deferral + plan.roth_deferral)} of deferrals and "
        f"{format_money(payroll_tax)} of Social Security and Medicare tax withheld from it (IRC "
        f"3101, 3102) leaves {format_money(pay_left)} for after-tax contributions, less than "
        f"the {format_money(wanted)} the 415(c) room and the plan would allow.",
        remedy="Lower the deferrals to make room in pay for after-tax money, if the mega "
        f"backdoor is worth more to {_object(person)} than the pre-tax deferral.",
        dollar_effect=wanted - pay_left,
        person=person.name,
    )


def after_tax_above_room(work: Computation, index: int) -> Warning | None:
    """An after-tax figure above what the plan can take: IRC 415(c)(1) room left by the
    deferrals (without catch-up, IRC 414(v)(3)(A)), employer money and forfeitures, or the
    plan's own after-tax cap. The plan is worked out on what it can take; the figure typed
    is not lost silently."""
    person = work.household.people[index]
    plan = person.plan
    mega = work.mega[index]
    if plan is None or not plan.allows_after_tax or plan.after_tax_contribution is None:
        return None
    room = mega.after_tax_room
    capped = mega.after_tax_cap_amount is not None and mega.after_tax_cap_amount < room
    most = mega.after_tax_cap_amount if capped else room
    assert most is not None
    if plan.after_tax_contribution <= most:
        return None
    why = (
        f"the plan's own cap on after-tax money is {format_money(most)}"
        if capped
        else f"the {format_money(mega.annual_additions_limit)} annual additions limit (IRC"
        f" 415(c)) less {format_money(mega.annual_additions_before_after_tax)} of deferrals"
        f" (without catch-up), employer money and forfeitures leaves {format_money(room)}"
    )
    return Warning(
        code="after_tax_above_room",
        severity=Severity.INFO,
        message=f"{_possessive(person)} after-tax figure of"
        f" {format_money(plan.after_tax_contribution)} is more than the plan can take: {why}."
        f" The plan is worked out on {format_money(most)}.",
        remedy="Elect no more than that: after-tax money over the limit is refunded, with its"
        " earnings taxed.",
        dollar_effect=plan.after_tax_contribution - most,
        person=person.name,
    )


def second_plan_limits(work: Computation, index: int) -> Warning | None:
    """Two unrelated employers: one 402(g) limit per person across all plans (IRC 402(g)(1)),
    but each employer's plan has its own 415(c) limit on that employer's pay (IRC 415(c)(1);
    Treas. Reg. 1.415(f)-1 aggregates only plans of the same or related employers)."""
    second = work.second_mega[index]
    person = work.household.people[index]
    if second is None or person.second_plan is None:
        return None
    table = work.table
    deferrals = sum(
        (plan.pretax_deferral + plan.roth_deferral for plan in (person.plan, person.second_plan)
         if plan is not None),
        ZERO,
    )  # fmt: skip
    return Warning(
        code="second_plan_limits",
        severity=Severity.INFO,
        message=f"The {format_money(deferral_limit(table, person.age))} deferral limit (402(g) "
        f"with any catch-up) is shared by both employers' plans ({format_money(deferrals)} "
        "used), but the second employer's plan has its own 415(c) limit: the lesser of "
        f"{format_money(table.annual_additions)} and that employer's pay of "
        f"{format_money(person.second_plan_compensation)}. It leaves "
        f"{format_money(second.after_tax_room)} for after-tax money there; "
        f"{format_money(second.after_tax_contribution)} goes in and "
        f"{format_money(second.roth_added)} reaches a Roth account.",
        remedy="Check that the second employer is not related to the first (a business under "
        "common control with the first employer shares its 415(c) limit).",
        dollar_effect=second.roth_added,
        person=person.name,
    )


def acp_refund_risk(work: Computation, index: int) -> Warning | None:
    """After-tax contributions are ACP-tested (IRC 401(m)); a highly compensated employee is one
    paid above the IRC 414(q) figure in the prior year (IRS 401(k) Plan Fix-It Guide)."""
    mega = work.mega[index]
    # Money that would stay in the plan is not put in (after_tax_left_in_plan): nothing to refund.
    if mega.after_tax_contribution <= ZERO or mega.route in (None, AfterTaxRoute.STAY_IN_PLAN):
        return None
    person = work.household.people[index]
    table = work.table
    if not likely_hce(person, table.hce_threshold_lookback):
        return None
    pay, estimated = _wages_for_the_lookback(person)
    return Warning(
        code="acp_refund_risk",
        severity=Severity.WARNING,
        message=f"{_possessive(person)} {work.household.tax_year - 1} "
        + (
            f"pay of {format_money(pay)} (estimated from this year’s pay) is above "
            if estimated
            # The figure entered is W-2 wages for FICA: the pay the look-back tests is at least
            # that (IRC 414(q)(4) counts 415(c)(3) pay, which no wage base caps).
            else f"FICA wages of {format_money(pay)} are above "
        )
        + f"{format_money(table.hce_threshold_lookback)}, which makes {_object(person)} a likely "
        "highly compensated employee (IRC 414(q)). After-tax contributions are ACP-tested "
        "(IRC 401(m)), and a failed test can force a refund after the year ends, even in a "
        "safe-harbor plan.",
        remedy="Ask the plan administrator whether the plan passes the ACP test or caps HCE "
        "after-tax contributions.",
        dollar_effect=mega.after_tax_contribution,
        person=person.name,
    )


def roth_catch_up_required(work: Computation, index: int) -> Warning | None:
    """A pre-tax catch-up of someone whose prior-year FICA wages exceed the threshold must be
    Roth: IRC 414(v)(7) (SECURE 2.0 sec. 603), with the transition relief of Notice 2023-62
    through 2025."""
    person = work.household.people[index]
    plan = person.plan
    mega = work.mega[index]
    table = work.table
    threshold = table.roth_catch_up_wage_threshold
    if plan is None or mega.catch_up <= ZERO or threshold is None:
        return None
    pretax_catch_up = min(plan.pretax_deferral, max(ZERO, mega.catch_up - plan.roth_deferral))
    wages, estimated = _wages_for_the_lookback(person)
    if pretax_catch_up <= ZERO or wages <= threshold:
        return None
    year = work.household.tax_year
    wage_text = (
        f"{_possessive(person)} {year - 1} FICA wages from this employer "
        f"({format_money(wages)}{', estimated from this year’s pay' if estimated else ''}) "
        f"exceed {format_money(threshold)}"
    )
    if not table.roth_catch_up_enforced:
        return Warning(
            code="roth_catch_up_required",
            severity=Severity.INFO,
            message=f"{wage_text}. From 2026 such catch-ups must be Roth (IRC 414(v)(7)), but "
            f"the transition relief of Notice 2023-62 still allows a pre-tax catch-up in {year}.",
            person=person.name,
        )
    # The plan treats it as Roth, so it stays in AGI (limits.ira_compensation); the effect is
    # the tax on it compared with a pre-tax catch-up.
    extra_tax = _catch_up_tax(work, index, pretax_catch_up)
    return Warning(
        code="roth_catch_up_required",
        severity=Severity.WARNING,
        message=f"{wage_text}, so the {format_money(pretax_catch_up)} catch-up for {year} must be "
        "a Roth deferral (IRC 414(v)(7), SECURE 2.0 section 603). The plan counts it as taxable "
        f"pay, not a pre-tax deferral: about {format_money(extra_tax)} more tax for {year}.",
        remedy=(
            f"The paycheck elections already put it in Roth; on the 401(k) step, enter "
            f"{format_money(pretax_catch_up)} less pre-tax and that much as Roth to match them."
            if plan.paychecks is not None
            else f"Move {format_money(pretax_catch_up)} from pre-tax to Roth deferrals."
        ),
        dollar_effect=extra_tax,
        person=person.name,
    )


def prior_year_wages_assumed(work: Computation, index: int) -> Warning | None:
    """Two rules look at last year's pay from this employer: the Roth catch-up from 2026 (IRC
    414(v)(7): FICA wages, IRC 3121(a), above the threshold) and the highly compensated
    employee test behind ACP refunds (IRC 414(q)(1)(B)). When it is not given, this year's pay
    stands in, and the results say so."""
    person = work.household.people[index]
    if person.prior_year_fica_wages is not None or person.plan is None:
        return None
    table, mega = work.table, work.mega[index]
    year = work.household.tax_year
    pay = person.compensation
    outcomes = []
    threshold = table.roth_catch_up_wage_threshold
    if threshold is not None and table.roth_catch_up_enforced and pretax_catch_up_of(person, table):
        catch_up = format_money(pretax_catch_up_of(person, table))
        if pay > threshold:
            outcomes.append(
                f"the {catch_up} pre-tax catch-up must be Roth (wages above "
                f"{format_money(threshold)}, IRC 414(v)(7))"
            )
        else:
            outcomes.append(
                f"the {catch_up} catch-up may stay pre-tax (wages not above "
                f"{format_money(threshold)}, IRC 414(v)(7))"
            )
    if mega.after_tax_contribution > ZERO:
        hce = table.hce_threshold_lookback
        verdict = "likely" if pay > hce else "not"
        outcomes.append(
            f"{_object(person)} {VOICE.verb(person.name, 'are', 'is')} {verdict} a highly "
            f"compensated employee (pay above {format_money(hce)}, IRC 414(q)), which decides "
            "the risk of an ACP refund of after-tax money"
        )
    if not outcomes:
        return None
    return Warning(
        code="prior_year_wages_assumed",
        severity=Severity.INFO,
        message=f"{_possessive(person)} {year - 1} wages from this employer were not given, so "
        f"this year's pay ({format_money(pay)}) was assumed for them. On that assumption "
        f"{'; and '.join(outcomes)}.",
        remedy=f"Enter the {year - 1} wages: box 3 (Social Security wages) of the {year - 1} "
        "W-2 from this employer. Box 3 stops at the Social Security wage base, which is above "
        "both thresholds, so it settles both questions.",
        person=person.name,
    )


def direct_roth_possible(work: Computation, index: int) -> Warning | None:
    """A direct Roth IRA contribution is allowed below the top of the MAGI phase-out:
    IRC 408A(c)(3); Pub. 590-A Worksheet 2-2."""
    backdoor = work.backdoor_both[index]
    person = work.household.people[index]
    # IRC 408A(c)(2): the Roth limit is cut by the year's traditional IRA contributions, so
    # one already made leaves only the rest (more would be an excess, IRC 4973).
    made = contributed(person.ira)
    allowed = backdoor.direct_roth_allowed - made
    if allowed <= ZERO:
        return None
    phase_out = work.phase_outs[index]
    less_made = (
        f" (the {format_money(backdoor.direct_roth_allowed)} limit less the {format_money(made)} "
        "already contributed to a traditional IRA for the year, IRC 408A(c)(2))"
        if made > ZERO
        else ""
    )
    return Warning(
        code="direct_roth_possible",
        severity=Severity.INFO,
        message=f"A direct Roth IRA contribution of up to {format_money(allowed)}{less_made} is "
        f"allowed for {_object(person)} for {work.household.tax_year}: modified AGI of "
        f"{format_money(backdoor.magi)} is below the top of the {format_money(phase_out.low)}–"
        f"{format_money(phase_out.high)} phase-out, so no backdoor is needed for that amount.",
        remedy="Contribute to the Roth IRA directly instead of contributing to a traditional IRA "
        "and converting.",
        person=person.name,
    )


def in_plan_rollover_in_roth_magi(work: Computation, index: int) -> Warning | None:
    """The taxable part of an in-plan Roth rollover stays in Roth IRA MAGI: only conversions and
    rollovers into a Roth IRA leave it (IRC 408A(c)(3)(B)(i); Pub. 590-A Worksheet 2-1). A
    contribution above the reduced limit is an excess contribution taxed 6% a year (IRC 4973)."""
    both = work.backdoor_both[index]
    alone = work.backdoor_alone[index]
    lost = alone.direct_roth_allowed - both.direct_roth_allowed
    if lost <= ZERO:
        return None
    person = work.household.people[index]
    mega = work.mega[index]
    if both.direct_roth_allowed > ZERO:
        allowed = f"only {format_money(both.direct_roth_allowed)}"
    else:
        allowed = "nothing"
    return Warning(
        code="in_plan_rollover_in_roth_magi",
        severity=Severity.WARNING,
        message=f"The {format_money(mega.taxable_amount)} taxable part of the in-plan Roth "
        "conversion counts in modified AGI for a direct Roth IRA contribution (only conversions "
        "and rollovers into a Roth IRA are left out, IRC 408A(c)(3)(B)(i), Pub. 590-A Worksheet "
        "2-1). It raises "
        f"modified AGI to {format_money(both.magi)}, so {allowed} can go "
        f"directly into a Roth IRA instead of {format_money(alone.direct_roth_allowed)}.",
        remedy=f"Contribute at most {format_money(both.direct_roth_allowed)} directly (an excess "
        "is taxed 6% a year, IRC 4973) and do the rest as a backdoor, or send the after-tax "
        "money to a Roth IRA by in-service rollover, which leaves MAGI.",
        dollar_effect=lost,
        person=person.name,
    )


def step_transaction(work: Computation, index: int) -> Warning | None:
    """The TCJA conference report, H.R. Rep. No. 115-466, describes contributing to a
    traditional IRA and then converting it as allowed (the step-transaction question).
    The note is the household's: a couple gets it once, on the first person who converts."""

    def converts(i: int) -> bool:
        backdoor = work.backdoor_both[i]
        return backdoor.nondeductible_contribution > ZERO and backdoor.conversion > ZERO

    if not converts(index) or any(converts(i) for i in range(index)):
        return None
    return Warning(
        code="step_transaction",
        severity=Severity.INFO,
        message="The conference report on the 2017 tax act describes contributing to a "
        "traditional IRA and converting it to a Roth IRA as allowed, so no waiting period is "
        "needed; no IRS ruling formally blesses the backdoor, and the pro-rata rule applies "
        "however long the money waits before it is converted.",
        person=work.household.people[index].name if len(work.household.people) == 1 else None,
    )


def contribution_next_year(work: Computation, index: int) -> Warning | None:
    """A contribution made January 1 to the deadline counts for the year (IRC 219(f)(3)) but a
    conversion counts in the calendar year it happens: Instructions for Form 8606, lines 3, 4
    and 8. So next year's contribution is converted, and reported, next year."""
    person = work.household.people[index]
    backdoor = work.backdoor_both[index]
    if not person.ira.contribution_made_next_year or backdoor.nondeductible_contribution <= ZERO:
        return None
    year = work.household.tax_year
    deadline = long_date(work.table.ira_contribution_deadline)
    if backdoor.conversion == ZERO:
        placement = (
            f"it goes on the {year} Form 8606 line 1 and, with no conversion in {year}, "
            "Part I stops at line 3 and the whole basis is carried forward on line 14. "
            f"The conversion happens in {year + 1}, after the contribution, and goes on the "
            f"{year + 1} Form 8606 (line 8), where this basis enters on line 2."
        )
    else:
        placement = (
            "it goes on Form 8606 lines 1 and 4, stays out of this year's pro-rata basis, "
            f"and is carried forward on line 14 as basis for next year's form. The "
            f"{format_money(backdoor.conversion)} converted in {year} is other IRA money; this "
            f"contribution itself can only be converted in {year + 1}."
        )
    return Warning(
        code="contribution_next_year",
        severity=Severity.INFO,
        message=f"The {format_money(backdoor.nondeductible_contribution)} contribution for {year} "
        f"is made between January 1 and {deadline}: {placement}",
        remedy=f"Make the contribution by {deadline} and convert it in {year + 1}.",
        person=person.name,
    )


def _pro_rata_balance(work: Computation, index: int) -> Decimal | None:
    """Form 8606 line 6 when it makes part of the conversion taxable, else None."""
    return pro_rata_balance(work.backdoor_both[index])


def _can_roll_in(person: Person) -> bool:
    return person.plan is not None and person.plan.accepts_ira_rollins is True


def required_minimum_distribution(work: Computation, index: int) -> Warning | None:
    """From RMD age (70½ before 2020, 72 for 2020-2022, 73 from 2023: SECURE Act sec. 114,
    SECURE 2.0 sec. 107) the year's RMD is the prior Dec 31 balance over the Uniform Lifetime
    Table factor (Treas. Reg. 1.401(a)(9)-9(c); Pub. 590-B Appendix B Table III). The first
    dollars out in the year count toward it and it cannot be converted (Treas. Reg. 1.402(c)-2
    Q&A-7; IRC 408(d)(3)(E)); it goes on Form 8606 line 7. CARES Act sec. 2203 waived 2020."""
    person = work.household.people[index]
    rmd = work.rmds[index]
    year = work.household.tax_year
    if rmd.rule is RmdRule.WAIVED_2020 and rmd.prior_year_end_balance > ZERO:
        return Warning(
            code="required_minimum_distribution",
            severity=Severity.INFO,
            message="Required minimum distributions were waived for 2020 (CARES Act section "
            "2203), so no RMD has to come out before a 2020 conversion.",
            person=person.name,
        )
    if rmd.amount <= ZERO or rmd.distribution_period is None:
        return None
    start = rmd_age(year)
    start_text = "70½" if start != start.to_integral_value() else f"{start}"
    message = (
        f"At age {person.age} at the end of {year} (RMDs start at {start_text} for {year}), "
        f"{format_money(rmd.amount)} must come out of the traditional, SEP and SIMPLE IRAs this "
        f"year: the {format_money(rmd.prior_year_end_balance)} balance on December 31, "
        f"{year - 1} divided by {rmd.distribution_period} (Uniform Lifetime Table, Pub. 590-B "
        "Table III). The first dollars out of an IRA in the year count toward it and it cannot "
        "be converted, so take it before converting. It goes on Form 8606 line 7 and is taxed "
        f"pro rata: {_rmd_taxable_sentence(work, index)}"
    )
    if rmd.rule is RmdRule.REQUIRED_IF_BORN_FIRST_HALF:
        message += (
            f" Assumed: a birthday from January 1 to June 30, so 70½ was reached in {year}; with "
            f"a birthday from July 1 there is no RMD for {year}."
        )
    if rmd.balance_assumed:
        message += (
            f" The December 31, {year - 1} balance was not given, so this year's December 31 "
            "balance stands in for it."
        )
    return Warning(
        code="required_minimum_distribution",
        severity=Severity.WARNING,
        message=message,
        remedy=f"Take the {format_money(rmd.amount)} distribution first, then convert (in the "
        "first RMD year it may wait until April 1 of next year, but a conversion this year must "
        "still come after it). Inherited IRAs are not counted here and have their own rules."
        + (
            f" Enter the December 31, {year - 1} balance from the IRA statement (Form 5498 box "
            "5) for the exact figure."
            if rmd.balance_assumed
            else ""
        ),
        dollar_effect=rmd.amount,
        person=person.name,
    )


def pro_rata(work: Computation, index: int) -> Warning | None:
    """The pro-rata rule, Form 8606 lines 6-11 (IRC 408(d)(2)); a roll-in to the plan may take
    only pre-tax money (IRC 408(d)(3)(A)(ii)) and leaves the basis behind."""
    balance = _pro_rata_balance(work, index)
    if balance is None:
        return None
    person = work.household.people[index]
    backdoor = work.backdoor_both[index]
    message = (
        f"{_possessive(person)} traditional, SEP and SIMPLE IRAs hold {format_money(balance)} "
        f"on December 31, so under the pro-rata rule {format_money(backdoor.taxable_amount)} of "
        f"the {format_money(backdoor.conversion)} conversion is taxable (Form 8606 lines 6–18)."
    )
    calculator = work.calculator
    if person.ira.roll_into_plan or not _can_roll_in(person):
        return Warning(
            code="pro_rata",
            severity=Severity.WARNING,
            message=message,
            remedy=None
            if person.ira.roll_into_plan
            else "Ask the plan whether it takes roll-ins of IRA money (look for “rollovers into "
            "the plan” or “roll-in” in the summary plan description); if it does, roll the "
            "pre-tax IRA money in by December 31. The figures assume it does not."
            if person.plan is not None and person.plan.accepts_ira_rollins is None
            else "A solo 401(k) for the self-employment income can take the pre-tax IRA money "
            "if it is opened and the money rolled in by December 31 (IRC 408(d)(3)(A)(ii))."
            if person.self_employed
            else "The pre-tax IRA money cannot be rolled into a workplace plan as entered (the "
            "note on IRA roll-ins says what would change that).",
            dollar_effect=calculator.share(
                work.tax_both, work.taxable_both, index, work.backdoor_income(index, backdoor)
            ),
            person=person.name,
        )
    rolled = work.form_8606_for(index, work.earnings_to_traditional_ira(index), roll_into_plan=True)
    # The same conversion as above, so the form has its Part II (line 18).
    assert rolled.form is not None
    # Only the backdoor's part changes: a second plan's taxable amount stays in.
    taxable = list(work.taxable_both)
    taxable[index] += (
        rolled.form.line_18
        + work.rmd_change(index, rolled)
        - work.backdoor_income(index, work.backdoor_both[index])
    )
    saving = work.tax_both.total - calculator.scenario(taxable).total
    return Warning(
        code="pro_rata",
        severity=Severity.WARNING,
        message=message,
        remedy=f"Roll the pre-tax IRA money ({format_money(rolled.rolled_into_plan)}) into the "
        "401(k) before December 31; only pre-tax money may go, and the basis stays behind. "
        # Not a permanent saving: without the roll-in the unused basis is carried forward
        # (Form 8606 line 14) and shelters later years' conversions.
        f"That cuts this year's tax by {format_money(saving)} (without it, "
        f"{format_money(backdoor.basis_carried_forward)} of basis carries forward to later "
        "years).",
        dollar_effect=saving,
        person=person.name,
    )


def rollin_not_accepted(work: Computation, index: int) -> Warning | None:
    """With no plan that takes IRA roll-ins (IRC 408(d)(3)(A)(ii)), the pre-tax IRA balance
    stays in the pro-rata calculation of Form 8606 lines 6-11."""
    person = work.household.people[index]
    if person.ira.roll_into_plan or _can_roll_in(person) or person.self_employed:
        return None  # a self-employed person's solo 401(k) can take it (the pro_rata note)
    if _pro_rata_balance(work, index) is None:
        return None
    if person.plan is not None and person.plan.accepts_ira_rollins is None:
        return Warning(
            code="rollin_not_accepted",
            severity=Severity.INFO,
            message=f"Not sure whether {_inner_possessive(person)} workplace plan accepts roll-ins "
            "of IRA money: the figures assume it does not, so the pre-tax IRA balance stays in "
            "the pro-rata calculation.",
            remedy="Ask the plan: look for “rollovers into the plan” or “roll-in” in the summary "
            "plan description.",
            person=person.name,
        )
    where = (
        f"{_possessive(person)} workplace plan does not accept roll-ins of IRA money"
        if person.plan is not None
        else f"No workplace plan was entered for {_object(person)} to roll IRA money into"
    )
    return Warning(
        code="rollin_not_accepted",
        severity=Severity.INFO,
        message=f"{where}, so the pre-tax IRA balance stays in the pro-rata calculation.",
        remedy=(
            f"Ask whether the plan (or another employer plan {_object(person)} can join) "
            if person.plan is not None
            else f"A workplace plan {_object(person)} can join (a new employer's, say) could take "
            "the pre-tax IRA money: ask whether it "
        )
        + "takes IRA roll-ins by December 31"
        + (
            "; otherwise the conversion already made is taxed pro rata."
            if converted(person.ira) > ZERO
            else ", or weigh leaving the contribution already made unconverted (its basis "
            "carries forward on Form 8606 line 14)."
            if contributed(person.ira) > ZERO
            else ", or weigh skipping the backdoor this year."
        ),
        person=person.name,
    )


def _rmd_taxable_sentence(work: Computation, index: int) -> str:
    """Line 15a with the backdoor, and, when the backdoor's basis (or a roll-in) moves it, the
    figure without it: the difference is the backdoor's, priced with its conversion."""
    backdoor = work.backdoor_both[index]
    with_backdoor = backdoor.required_minimum_distribution_taxable
    without = work.year.rmd_taxable[index]
    if with_backdoor == without:
        return (
            f"{format_money(with_backdoor)} of it is taxable (line 15a), already in the tax "
            "without the moves."
        )
    change = "less" if with_backdoor < without else "more"
    return (
        f"{format_money(with_backdoor)} of it is taxable (line 15a) with the backdoor, "
        f"{format_money(without)} without it. The {format_money(abs(with_backdoor - without))} "
        f"{change} is the backdoor's, so it adds "
        f"{format_money(work.backdoor_income(index, backdoor))} of income, not line 18's "
        f"{format_money(backdoor.taxable_amount)}."
    )


def split_earnings_contaminate_backdoor(work: Computation, index: int) -> Warning | None:
    """Earnings sent to a traditional IRA under Notice 2014-54 are pre-tax money that enters
    Form 8606 line 6 and makes part of the backdoor conversion taxable (golden case i3)."""
    mega = work.mega[index]
    backdoor = work.backdoor_both[index]
    alone = work.backdoor_alone[index]
    if mega.earnings_to_traditional_ira <= ZERO or backdoor.taxable_amount <= alone.taxable_amount:
        return None
    person = work.household.people[index]
    # The plan's earnings converted instead, the backdoor as if alone; a second plan's taxable
    # amount stays in.
    converted = list(work.taxable_both)
    converted[index] += (
        mega.earnings
        - mega.taxable_amount
        + work.backdoor_income(index, alone)
        - work.backdoor_income(index, backdoor)
    )
    effect = work.tax_both.total - work.calculator.scenario(converted).total
    if effect > ZERO:
        comparison = (
            "Converting the earnings with the contributions instead would save "
            f"{format_money(effect)}."
        )
    else:
        comparison = (
            "Converting the earnings with the contributions instead would cost "
            f"{format_money(-effect)} more."
        )
    rollin = (
        " Rolling the traditional IRA into the 401(k) before December 31, or sending the "
        "earnings to a pre-tax plan account, avoids both costs."
        if _can_roll_in(person)
        else " Sending the earnings to a pre-tax plan account avoids both costs."
    )
    return Warning(
        code="split_earnings_contaminate_backdoor",
        severity=Severity.WARNING,
        message=f"The {format_money(mega.earnings_to_traditional_ira)} of after-tax earnings sent "
        "to a traditional IRA (Notice 2014-54) is still there on December 31, so it enters Form "
        f"8606 line 6 and makes {format_money(backdoor.taxable_amount - alone.taxable_amount)} "
        "of the backdoor conversion taxable.",
        remedy=comparison + rollin,
        dollar_effect=effect,
        person=person.name,
    )


def five_year_rule(work: Computation, index: int) -> Warning | None:
    """Each conversion's taxable part withdrawn within five years and before 59½ costs a 10%
    additional tax: IRC 408A(d)(3)(F) (Roth IRA) and 402A(c)(4)(D) (in-plan rollover)."""
    taxable = work.mega[index].taxable_amount + work.backdoor_both[index].taxable_amount
    return _five_year_clock(work.household.people[index], taxable, work.household.tax_year)


# The warnings whose remedy is a roll-in by December 31.
ROLL_IN_CODES = frozenset({"pro_rata", "rollin_not_accepted"})


def for_the_answer(
    warnings: tuple[Warning, ...], household: Household, decision: Decision
) -> tuple[Warning, ...]:
    """The warnings, with the five-year clock (IRC 408A(d)(3)(F)) counted on the answer's
    conversions where the answer changes the backdoor entered: a backdoor it skips, or makes
    tax-free by rolling the IRA in first, starts no taxable clock."""
    names = [person.name for person in decision.people]
    if len(set(names)) < len(names):
        # Warnings name their person; two people of one name cannot be told apart here.
        return warnings
    changed = {person.name: person for person in decision.people if person.ira.skipped is not None}
    ended = {person.name for person in decision.people if Reason.YEAR_ENDED in person.ira.reasons}
    kept: list[Warning] = []
    for warning in warnings:
        if warning.person in ended and warning.code in ROLL_IN_CODES:
            # Form 8606 line 6 is December 31's value: a roll-in after it is next year's.
            kept.append(
                replace(
                    warning,
                    remedy=f"December 31, {household.tax_year} has passed: the tax is due. Pre-tax"
                    " IRA money rolled into a plan now leaves next year's pro-rata count.",
                )
            )
            continue
        answer = changed.get(warning.person or "")
        if warning.code != "five_year_rule" or answer is None:
            kept.append(warning)
            continue
        restated = _five_year_clock(
            household.people[answer.index], answer.taxable_amount, household.tax_year
        )
        if restated is not None:
            kept.append(restated)
    return tuple(kept)


def _five_year_clock(person: Person, taxable: Decimal, year: int) -> Warning | None:
    if person.age > LAST_AGE_BEFORE_59_HALF or taxable <= ZERO:
        return None
    return Warning(
        code="five_year_rule",
        severity=Severity.INFO,
        message=f"{format_money(taxable)} of the conversions this year is taxable. Each "
        "conversion's taxable part has its own five-year clock: withdrawing it before age 59½ "
        f"and before January 1, {year + 5} costs a 10% additional tax.",
        remedy=f"Leave the converted money in the Roth account until January 1, {year + 5} or "
        "age 59½.",
        dollar_effect=cents(taxable * EARLY_DISTRIBUTION_TAX),
        person=person.name,
    )


def itemized_deduction_limit(work: Computation, index: int) -> Warning | None:
    """IRC 68 as rewritten by OBBBA (P.L. 119-21 sec. 70111(a)), from 2026: itemized deductions
    are reduced by 2/37 of the lesser of those deductions or the income above the start of the
    37% bracket, worked out at the income with the moves."""
    household = work.household
    if index != 0 or household.federal_marginal_rate is not None:
        return None
    calculator = work.calculator
    return_index = calculator.return_of_person[0]
    tax_return = calculator.returns[return_index]
    added = sum((work.taxable_both[i] for i in tax_return.members), ZERO)
    agi_with = tax_return.agi + added
    if not calculator.itemizes_at(return_index, agi_with):
        return None
    reduction = calculator.section_68_reduction_at(return_index, agi_with)
    if reduction <= ZERO:
        return None
    before = calculator.section_68_reduction_at(return_index, tax_return.agi)
    from_moves = reduction - before
    taxable_with = calculator.taxable_income_at(return_index, agi_with)
    effect = line_16_tax(calculator.schedule, taxable_with) - line_16_tax(
        calculator.schedule, taxable_with - from_moves
    )
    itemized = household.itemized_deductions or ZERO
    message = (
        f"From 2026 itemized deductions are limited (IRC 68): the {format_money(itemized)} of "
        f"itemized deductions is cut by {format_money(reduction)}, 2/37 of the smaller of the "
        "deductions and the income above where the 37% bracket starts "
        f"({format_money(calculator.section_68_threshold)}), so each deducted dollar saves "
        "at most 35 cents."
    )
    if from_moves > ZERO:
        message += (
            f" The conversions this year add {format_money(from_moves)} of that cut, which "
            f"costs {format_money(effect)} of federal tax: conversion income in this range is "
            "taxed at about 39%, not 37%."
        )
    return Warning(
        code="itemized_deduction_limit",
        severity=Severity.INFO if from_moves <= ZERO else Severity.WARNING,
        message=message,
        remedy="Spreading conversions over years with lower income, or bunching deductions, "
        "keeps more of the deduction."
        if from_moves > ZERO
        else None,
        dollar_effect=effect if from_moves > ZERO else None,
        person=household.people[0].name,
    )


def marginal_rate_above_bracket(work: Computation, index: int) -> Warning | None:
    """The true marginal rate: federal tax on the next $1,000 of conversion income, which
    counts deductions that shrink with income (IRC 151(d)(5)(C) senior deduction, IRC 68 from
    2026) and bracket edges, against the bracket rate (IRC 1(j))."""
    household = work.household
    if index != 0 or household.federal_marginal_rate is not None:
        return None
    calculator = work.calculator
    for r, tax_return in enumerate(calculator.returns):
        added = sum((work.taxable_both[i] for i in tax_return.members), ZERO)
        agi_with = tax_return.agi + added
        bracket = marginal_rate(calculator.schedule, calculator.taxable_income_at(r, agi_with))
        true_rate = effective_marginal_rate(work, r)
        if true_rate > bracket:
            return Warning(
                code="marginal_rate_above_bracket",
                severity=Severity.INFO,
                message=f"Another {format_money(NEXT_CONVERSION)} of conversion income would "
                f"cost {format_money(true_rate * NEXT_CONVERSION)} of federal tax "
                f"({format_rate(true_rate)}), more than the {format_rate(bracket)} bracket "
                "rate: as income rises, deductions shrink (the senior deduction's phase-out, "
                "the 2026 limit on itemized deductions) or the next bracket starts.",
                remedy="Weigh converting more this year against a year with lower income.",
                dollar_effect=cents((true_rate - bracket) * NEXT_CONVERSION),
                person=household.people[tax_return.members[0]].name,
            )
    return None


WARNING_RULES: tuple[WarningRule, ...] = (
    age_70_half,
    no_mega_backdoor,
    after_tax_left_in_plan,
    annual_additions_over_limit,
    after_tax_limited_by_pay,
    after_tax_above_room,
    second_plan_limits,
    acp_refund_risk,
    roth_catch_up_required,
    prior_year_wages_assumed,
    direct_roth_possible,
    in_plan_rollover_in_roth_magi,
    step_transaction,
    contribution_next_year,
    required_minimum_distribution,
    pro_rata,
    rollin_not_accepted,
    split_earnings_contaminate_backdoor,
    five_year_rule,
    itemized_deduction_limit,
    marginal_rate_above_bracket,
)
