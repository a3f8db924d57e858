"""The warnings: one rule per code, each naming the source that makes it a rule.

A rule takes the plan's work and a person's index and returns that person's warning or None.
WARNING_RULES runs them in the order the warnings are shown; a new warning is a new function
added to that list (and its test).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import cache

from planner.engine.compute import Computation
from planner.engine.contract import DEFAULT_NAMES
from planner.engine.federal_tax import line_16_tax
from planner.engine.limits import AGE_70_HALF_BARRED, AGE_70_HALF_MAYBE_BARRED
from planner.engine.models import AfterTaxRoute, Person, Severity, Warning
from planner.engine.money import ZERO, cents, format_money

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


@cache
def _date(value: date) -> str:
    # Only the year tables' deadlines come here; strftime's %B is slow enough to matter.
    return f"{value:%B} {value.day}, {value.year}"


def _possessive(person: Person) -> str:
    return "Your" if person.name == DEFAULT_NAMES[0] else f"{person.name}'s"


def _inner_possessive(person: Person) -> str:
    return "your" if person.name == DEFAULT_NAMES[0] else f"{person.name}'s"


def _object(person: Person) -> str:
    return "you" if person.name == DEFAULT_NAMES[0] else person.name


def _wages_for_the_lookback(person: Person) -> tuple[Decimal, bool]:
    """Prior-year pay from the employer, or this year's pay standing in (True) when not given."""
    if person.prior_year_fica_wages is None:
        return person.compensation, True
    return person.prior_year_fica_wages, False


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
    if plan is None:
        message = f"No workplace plan was entered for {_object(person)}, so there is no mega backdoor Roth."
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
        message = (
            f"{_possessive(person)} plan takes after-tax contributions; not sure whether it allows "
            "in-service distributions or in-plan Roth conversions: the figures assume it does not."
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
    return Warning(
        code="after_tax_left_in_plan",
        severity=Severity.WARNING,
        message=f"{format_money(mega.after_tax_contribution)} of after-tax money stays in the "
        "plan: it adds no Roth dollars, and its earnings will be taxed as ordinary income when "
        "withdrawn.",
        remedy="Pick in-plan conversion or rollover to a Roth IRA."
        if can_move
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


def acp_refund_risk(work: Computation, index: int) -> Warning | None:
    """After-tax contributions are ACP-tested (IRC 401(m)); a highly compensated employee is one
    paid above the IRC 414(q) figure in the prior year (IRS 401(k) Plan Fix-It Guide)."""
    mega = work.mega[index]
    if mega.after_tax_contribution <= ZERO:
        return None
    person = work.household.people[index]
    table = work.table
    pay, estimated = _wages_for_the_lookback(person)
    if pay <= table.hce_threshold_lookback:
        return None
    return Warning(
        code="acp_refund_risk",
        severity=Severity.WARNING,
        message=f"{_possessive(person)} {work.household.tax_year - 1} pay of {format_money(pay)}"
        f"{' (estimated from this year’s pay)' if estimated else ''} is above "
        f"{format_money(table.hce_threshold_lookback)}, which makes {_object(person)} a likely "
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
        remedy=f"Move {format_money(pretax_catch_up)} from pre-tax to Roth deferrals.",
        dollar_effect=extra_tax,
        person=person.name,
    )


def direct_roth_possible(work: Computation, index: int) -> Warning | None:
    """A direct Roth IRA contribution is allowed below the top of the MAGI phase-out:
    IRC 408A(c)(3); Pub. 590-A Worksheet 2-2."""
    backdoor = work.backdoor_both[index]
    if backdoor.direct_roth_allowed <= ZERO:
        return None
    person = work.household.people[index]
    phase_out = work.phase_outs[index]
    return Warning(
        code="direct_roth_possible",
        severity=Severity.INFO,
        message="A direct Roth IRA contribution of up to "
        f"{format_money(backdoor.direct_roth_allowed)} is allowed for {_object(person)} for "
        f"{work.household.tax_year}: modified AGI of {format_money(backdoor.magi)} is below the "
        f"top of the {format_money(phase_out.low)}–{format_money(phase_out.high)} phase-out, so "
        "no backdoor is needed for that amount.",
        remedy="Contribute to the Roth IRA directly instead of contributing to a traditional IRA "
        "and converting.",
        person=person.name,
    )


def step_transaction(work: Computation, index: int) -> Warning | None:
    """The TCJA conference report, H.R. Rep. No. 115-466, describes contributing to a
    traditional IRA and then converting it as allowed (the step-transaction question)."""
    backdoor = work.backdoor_both[index]
    if backdoor.nondeductible_contribution <= ZERO or backdoor.conversion <= ZERO:
        return None
    return Warning(
        code="step_transaction",
        severity=Severity.INFO,
        message="The conference report on the 2017 tax act describes contributing to a "
        "traditional IRA and converting it to a Roth IRA as allowed, so no waiting period is "
        "needed; no IRS ruling formally blesses the backdoor, and the pro-rata rule applies "
        "however long you wait.",
        person=work.household.people[index].name,
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
    deadline = _date(work.table.ira_contribution_deadline)
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
    backdoor = work.backdoor_both[index]
    form = backdoor.form_8606
    if form is None or form.line_6 is None or form.line_6 <= ZERO:
        return None
    if backdoor.conversion <= ZERO or backdoor.taxable_amount <= ZERO:
        return None
    return form.line_6


def _can_roll_in(person: Person) -> bool:
    return person.plan is not None and person.plan.accepts_ira_rollins is True


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
            else "Not sure whether the plan takes IRA roll-ins: the figures assume it does not."
            if person.plan is not None and person.plan.accepts_ira_rollins is None
            else "The pre-tax IRA money cannot be rolled into a workplace plan (see the next note).",
            dollar_effect=calculator.share(
                work.tax_both, work.taxable_both, index, backdoor.taxable_amount
            ),
            person=person.name,
        )
    mega = work.mega[index]
    rolled = work.form_8606_for(index, mega.earnings_to_traditional_ira, roll_into_plan=True)
    # The same conversion as above, so the form has its Part II (line 18).
    assert rolled.form is not None
    taxable = list(work.taxable_both)
    taxable[index] = mega.taxable_amount + rolled.form.line_18
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
    if person.ira.roll_into_plan or _can_roll_in(person):
        return None
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
        remedy="Ask whether the plan (or another employer plan you can join) takes IRA "
        "roll-ins, or weigh skipping the backdoor this year.",
        person=person.name,
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
    converted = list(work.taxable_both)
    converted[index] = mega.earnings + alone.taxable_amount
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
    person = work.household.people[index]
    taxable = work.mega[index].taxable_amount + work.backdoor_both[index].taxable_amount
    if person.age > LAST_AGE_BEFORE_59_HALF or taxable <= ZERO:
        return None
    year = work.household.tax_year
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


WARNING_RULES: tuple[WarningRule, ...] = (
    age_70_half,
    no_mega_backdoor,
    after_tax_left_in_plan,
    annual_additions_over_limit,
    acp_refund_risk,
    roth_catch_up_required,
    direct_roth_possible,
    step_transaction,
    contribution_next_year,
    pro_rata,
    rollin_not_accepted,
    split_earnings_contaminate_backdoor,
    five_year_rule,
)
