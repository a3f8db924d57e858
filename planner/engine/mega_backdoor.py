"""After-tax 401(k) room (IRC 402(g), 414(v), 415(c)) and how the mega backdoor converts it."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from planner.engine.limits import catch_up_limit
from planner.engine.models import AfterTaxRoute, ConversionFrequency, MegaBackdoorResult, Person
from planner.engine.money import ONE, ZERO, cents
from planner.engine.paychecks import conversion_earnings, plan_paychecks, year_payroll_tax
from planner.engine.tables import YearTable

# A contribution made evenly through a conversion period waits half the period on average.
_HALF_PERIODS_PER_YEAR = {
    ConversionFrequency.MONTHLY: 24,
    ConversionFrequency.QUARTERLY: 8,
    ConversionFrequency.ANNUALLY: 2,
}


def default_route(person: Person) -> AfterTaxRoute:
    plan = person.plan
    if plan is not None and plan.allows_in_service_distribution:
        return AfterTaxRoute.ROLLOVER_TO_ROTH_IRA
    if plan is not None and plan.allows_in_plan_roth_conversion:
        return AfterTaxRoute.IN_PLAN_CONVERSION
    return AfterTaxRoute.STAY_IN_PLAN


@lru_cache(maxsize=256)
def _earnings_factor(expected_return: Decimal, half_periods_per_year: int) -> Decimal:
    """(1 + r) ** (1 / n) - 1 in Decimal arithmetic (exp/ln at 28 digits), no binary floats."""
    return ((ONE + expected_return).ln() / half_periods_per_year).exp() - ONE


def estimated_earnings(
    contribution: Decimal, frequency: ConversionFrequency, expected_return: Decimal
) -> Decimal:
    half_periods = _HALF_PERIODS_PER_YEAR.get(frequency)
    if half_periods is None or contribution == ZERO:
        return ZERO
    return cents(contribution * _earnings_factor(expected_return, half_periods))


def second_plan_person(person: Person) -> Person | None:
    """The person as the second employer's plan sees them: that employer's pay and plan.

    Each unrelated employer's plan has its own 415(c) limit (IRC 415(c)(1), Treas. Reg.
    1.415(f)-1: only plans of the same or related employers are aggregated), on that
    employer's compensation; the 402(g) limit is the person's, across both (checked in the
    contract)."""
    if person.second_plan is None:
        return None
    return person.model_copy(
        update={
            "plan": person.second_plan,
            "compensation": person.second_plan_compensation,
            "second_plan": None,
            "second_plan_compensation": ZERO,
            "prior_year_fica_wages": None,
        }
    )


def pay_after_deferrals(person: Person, table: YearTable, withheld: bool = True) -> Decimal:
    """The pay from the plan's employer that after-tax contributions can come out of: less the
    year's elective deferrals and the Social Security and Medicare tax the employer withholds
    from the same pay (IRC 3101, 3102(a); deferrals are wages for it, IRC 3121(v)(1)(A)), as the
    paychecks do (paychecks.payroll_tax). Income-tax withholding, set by the employee's Form
    W-4, is not counted. Self-employment income (`withheld` False: a solo 401(k)) has no
    withholding: its tax (IRC 1401) is paid with the return."""
    plan = person.plan
    deferrals = ZERO if plan is None else plan.pretax_deferral + plan.roth_deferral
    payroll_tax = year_payroll_tax(table, person.compensation) if withheld else ZERO
    return max(ZERO, person.compensation - deferrals - payroll_tax)


def second_plan_withholds_payroll_tax(person: Person) -> bool:
    """A self-employed person's second plan is taken as the solo 401(k) of that business (the
    contract's example): its pay is self-employment income, with nothing withheld."""
    return not person.self_employed


def mega_backdoor(
    person: Person,
    table: YearTable,
    expected_return: Decimal,
    route_override: AfterTaxRoute | None = None,
    payroll_tax_withheld: bool = True,
) -> MegaBackdoorResult:
    """IRC 402(g), 414(v) and 415(c) room for after-tax money, and how its conversion is taxed.

    tax_due is 0 here: compute_plan fills it in once the household's tax is known.
    """
    plan = person.plan
    annual_additions_limit = min(table.annual_additions, person.compensation)
    if plan is None:
        return MegaBackdoorResult(
            available=False,
            route=None,
            catch_up=ZERO,
            catch_up_limit=catch_up_limit(table, person.age),
            annual_additions_limit=annual_additions_limit,
            annual_additions_before_after_tax=ZERO,
            after_tax_room=ZERO,
            after_tax_cap_amount=None,
            after_tax_contribution=ZERO,
            annual_additions_total=ZERO,
            annual_additions_with_catch_up=ZERO,
            earnings=ZERO,
            earnings_to_traditional_ira=ZERO,
            roth_added=ZERO,
            taxable_amount=ZERO,
            nontaxable_amount=ZERO,
            tax_due=ZERO,
        )
    deferrals = plan.pretax_deferral + plan.roth_deferral
    person_catch_up_limit = catch_up_limit(table, person.age)
    catch_up = min(max(ZERO, deferrals - table.elective_deferral), person_catch_up_limit)
    # Catch-up contributions are not annual additions (IRC 414(v)(3)(A)).
    before_after_tax = deferrals - catch_up + plan.employer_contribution + plan.forfeitures
    room = max(ZERO, annual_additions_limit - before_after_tax)

    caps: list[Decimal] = []
    if plan.after_tax_cap is not None:
        caps.append(plan.after_tax_cap)
    if plan.after_tax_cap_percent is not None:
        caps.append(
            cents(plan.after_tax_cap_percent * min(person.compensation, table.compensation_limit))
        )
    cap_amount = min(caps) if caps else None

    contribution = ZERO
    if plan.allows_after_tax:
        # After-tax contributions come out of pay: at most what is left after the deferrals
        # (catch-up included) and payroll tax, whatever the 415(c) room, which counts employer
        # money too.
        contribution = min(room, pay_after_deferrals(person, table, payroll_tax_withheld))
        if cap_amount is not None:
            contribution = min(contribution, cap_amount)
        if plan.after_tax_contribution is not None:
            contribution = min(contribution, plan.after_tax_contribution)
    # With the paychecks given, the year's after-tax money is what they can carry.
    beyond_paychecks = ZERO
    paychecks = None
    if contribution > ZERO and plan.paychecks is not None:
        paychecks = plan_paychecks(
            person, table.year, annual_additions_limit, contribution, expected_return
        )
        assert paychecks is not None
        carried = min(contribution, paychecks.after_tax_total)
        beyond_paychecks = contribution - carried
        contribution = carried

    route = route_override or plan.after_tax_route or default_route(person)
    earnings = ZERO
    if contribution > ZERO and route is not AfterTaxRoute.STAY_IN_PLAN:
        if plan.after_tax_earnings is not None:
            earnings = plan.after_tax_earnings
        elif paychecks is not None:
            earnings = conversion_earnings(paychecks, plan.conversion_frequency)
        else:
            earnings = estimated_earnings(contribution, plan.conversion_frequency, expected_return)

    earnings_to_traditional_ira = ZERO
    if route is AfterTaxRoute.STAY_IN_PLAN:
        roth_added = taxable = nontaxable = ZERO
    elif route is AfterTaxRoute.SPLIT_EARNINGS_TO_TRADITIONAL_IRA:
        # Notice 2014-54: pre-tax earnings go by direct rollover to a traditional IRA.
        roth_added = nontaxable = contribution
        taxable = ZERO
        earnings_to_traditional_ira = earnings
    else:
        roth_added = contribution + earnings
        taxable = earnings
        nontaxable = contribution

    total = before_after_tax + contribution
    return MegaBackdoorResult(
        # bool(): a "not sure" (None) answer is computed as no.
        available=bool(
            plan.allows_after_tax
            and (plan.allows_in_service_distribution or plan.allows_in_plan_roth_conversion)
        ),
        route=route if plan.allows_after_tax else None,
        catch_up=catch_up,
        catch_up_limit=person_catch_up_limit,
        annual_additions_limit=annual_additions_limit,
        annual_additions_before_after_tax=before_after_tax,
        after_tax_room=room,
        after_tax_cap_amount=cap_amount,
        after_tax_contribution=contribution,
        annual_additions_total=total,
        annual_additions_with_catch_up=total + catch_up,
        earnings=earnings,
        earnings_to_traditional_ira=earnings_to_traditional_ira,
        roth_added=roth_added,
        taxable_amount=taxable,
        nontaxable_amount=nontaxable,
        tax_due=ZERO,
        after_tax_beyond_paychecks=beyond_paychecks,
    )
