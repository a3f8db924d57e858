"""The decision: what each person should do this year, as typed facts with dollars and reasons.

Every page says this one decision in words (planner.engine.verdict), as dated steps
(planner.engine.checklist, and so the calendar and the advisor packet) and as badges, so no
two of them can disagree. The decision is made on the cautious household ("not sure" read as
no, planner.engine.plan.assume_no); each "not sure" answer is kept with both branches.

Routes for the IRA side, in the order they are tried:

- a direct Roth IRA contribution when income allows it (IRC 408A(c)(3); Pub. 590-A
  Worksheet 2-2 reduces it in the phase-out), the rest of the year's limit by the backdoor
  when that is clean;
- no new contribution: a plain conversion (named as such, never "backdoor"), or converting
  the whole traditional IRA when it holds basis and little pre-tax money;
- the backdoor when no pre-tax IRA money makes it taxable (Form 8606 lines 6-11);
- otherwise roll the pre-tax money into a plan first (this plan, another employer's plan,
  or a solo 401(k) for self-employment income: IRC 408(d)(3)(A)(ii) lets only pre-tax money
  go, and Form 8606 line 6 is the December 31 value), convert the whole IRA when its pre-tax
  part is small, skip the backdoor when the pro-rata rule makes most of it taxable, or do it
  with the pro-rata tax when that is light.

The required minimum distribution (IRC 401(a)(9)) comes first whenever one is due.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from planner.engine.backdoor import backdoor, backdoor_form_8606
from planner.engine.compute import Computation
from planner.engine.limits import IraContribution
from planner.engine.mega_backdoor import (
    pay_after_deferrals,
    second_plan_person,
    second_plan_withholds_payroll_tax,
)
from planner.engine.models import (
    AfterTaxRoute,
    BackdoorResult,
    Decision,
    IraMove,
    IraRoute,
    MegaBackdoorResult,
    MegaMove,
    MegaRoute,
    Person,
    PersonDecision,
    PlanResult,
    Reason,
    Repair,
    RepairKind,
    RollInTarget,
    SkippedBackdoor,
    Unknown,
    UnknownAnswer,
)
from planner.engine.money import ONE, ZERO, cents
from planner.engine.so_far import contributed as contributed_so_far
from planner.engine.so_far import (
    contribution_left,
    conversion_left,
    made_next_year,
    year_end_value,
)
from planner.engine.so_far import converted as converted_so_far
from planner.engine.tables import YearTable
from planner.engine.warning_rules import likely_hce

MEGA_FEATURES = (
    "allows_after_tax",
    "allows_in_service_distribution",
    "allows_in_plan_roth_conversion",
)
WAYS_OUT = ("allows_in_service_distribution", "allows_in_plan_roth_conversion")
MOVES_TO_ROTH = frozenset(
    {
        AfterTaxRoute.ROLLOVER_TO_ROTH_IRA,
        AfterTaxRoute.IN_PLAN_CONVERSION,
        AfterTaxRoute.SPLIT_EARNINGS_TO_TRADITIONAL_IRA,
    }
)
# A backdoor the pro-rata rule makes more than this share taxable is, in effect, a taxable
# conversion of pre-tax IRA money: skip it unless the pre-tax money leaves the IRAs first.
HEAVY_PRO_RATA_SHARE = Decimal("0.5")


# ---------------------------------------------------------------- the mega backdoor


def _mega_move(
    person: Person, mega: MegaBackdoorResult, table: YearTable, withheld: bool = True
) -> MegaMove:
    plan = person.plan
    not_sure: tuple[str, ...] = ()
    if mega.roth_added > ZERO and mega.route in MOVES_TO_ROTH:
        route, reasons = MegaRoute.MEGA_BACKDOOR, (Reason.MOVES_TO_ROTH,)
    else:
        route = MegaRoute.NONE
        if plan is None:
            reasons = (Reason.NO_PLAN,)
        elif plan.allows_after_tax is False:
            reasons = (Reason.NO_AFTER_TAX,)
        elif mega.after_tax_room <= ZERO:
            # Before the "not sure" answers: with no 415(c) room, no answer changes anything.
            reasons = (Reason.NO_ROOM,)
        elif plan.allows_after_tax is None:
            reasons, not_sure = (Reason.AFTER_TAX_NOT_SURE,), ("allows_after_tax",)
        elif not any(getattr(plan, name) for name in WAYS_OUT):
            not_sure = tuple(name for name in WAYS_OUT if getattr(plan, name) is None)
            reasons = (Reason.WAY_OUT_NOT_SURE,) if not_sure else (Reason.NO_WAY_OUT,)
        elif mega.after_tax_contribution <= ZERO:
            reasons = (Reason.NO_AFTER_TAX_PLANNED,)
        else:
            reasons = (Reason.STAYS_IN_PLAN,)
    doing = route is MegaRoute.MEGA_BACKDOOR
    return MegaMove(
        route=route,
        reasons=reasons,
        after_tax_contribution=mega.after_tax_contribution,
        after_tax_route=mega.route,
        after_tax_room=mega.after_tax_room,
        annual_additions_limit=mega.annual_additions_limit,
        roth_added=mega.roth_added if doing else ZERO,
        taxable_amount=mega.taxable_amount if doing else ZERO,
        tax_due=ZERO,
        not_sure=not_sure,
        likely_hce=likely_hce(person, table.hce_threshold_lookback),
        conversion_frequency=None if plan is None else plan.conversion_frequency,
        after_tax_beyond_paychecks=mega.after_tax_beyond_paychecks,
        year_pay_for_after_tax=ZERO
        if plan is None
        else pay_after_deferrals(person, table, withheld),
    )


def _second_plan_move(
    person: Person, block: MegaBackdoorResult | None, table: YearTable
) -> MegaMove | None:
    """The mega backdoor in a second, unrelated employer's plan, as that plan sees the person."""
    second = second_plan_person(person)
    if second is None or block is None:
        return None
    return _mega_move(second, block, table, second_plan_withholds_payroll_tax(person))


# ---------------------------------------------------------------- the IRAs


@dataclass(frozen=True, slots=True)
class _Priced:
    """One way to do the IRA side, before the household's tax is shared out."""

    route: IraRoute
    reasons: tuple[Reason, ...]
    block: BackdoorResult | None
    direct_roth: Decimal = ZERO
    roll_in_target: RollInTarget | None = None
    skipped: bool = False


def _pre_tax_money(person: Person, block: BackdoorResult, extra: Decimal) -> Decimal:
    """The IRAs' pre-tax money: everything in them this year (December 31 value, what was
    converted and distributed) less the after-tax basis (Form 8606 lines 6 + 7 + 8 - 5)."""
    ira = person.ira
    december_31 = year_end_value(ira, block.nondeductible_contribution, block.conversion)
    value = december_31 + extra + block.conversion + block.required_minimum_distribution
    contributed = ZERO if ira.contribution_made_next_year else block.nondeductible_contribution
    return max(ZERO, value - ira.basis - contributed)


def taxable_without_balance(block: BackdoorResult) -> Decimal:
    """The conversion's taxable amount with line 6 at 0 (the pre-tax IRA money gone):
    Form 8606 lines 9-11 on the basis, the distributions and the conversion alone."""
    form = block.form_8606
    if form is None or form.line_5 is None or form.line_8 is None:
        return block.taxable_amount
    spent = (form.line_7 or ZERO) + form.line_8
    if spent <= ZERO:
        return ZERO
    return max(ZERO, form.line_8 - cents(form.line_8 * min(ONE, form.line_5 / spent)))


def heavily_pro_rata(block: BackdoorResult) -> bool:
    """More than half the conversion is taxable only because of the pre-tax IRA money."""
    from_balance = block.taxable_amount - taxable_without_balance(block)
    return from_balance > block.conversion * HEAVY_PRO_RATA_SHARE


def unconverted_is_a_choice(ira: IraMove) -> bool:
    """A contribution made and not converted whose conversion would be mostly pre-tax money
    (more than HEAVY_PRO_RATA_SHARE taxable, Form 8606 lines 6-11): as a fresh start would be
    skipped (heavily_pro_rata), keeping it as basis (line 14) is an answer worth its dollars."""
    return (
        Reason.PRO_RATA in ira.reasons
        and ira.converted <= ZERO
        and ira.conversion > ZERO
        and ira.taxable_amount > ira.conversion * HEAVY_PRO_RATA_SHARE
        and any(r.kind is RepairKind.CONTRIBUTION_NOT_CONVERTED for r in ira.repairs)
    )


def _is_pro_rata(block: BackdoorResult) -> bool:
    """Form 8606 line 6 makes part of the conversion taxable (the pro-rata rule)."""
    form = block.form_8606
    return (
        form is not None
        and form.line_6 is not None
        and form.line_6 > ZERO
        and block.conversion > ZERO
        and block.taxable_amount > ZERO
    )


def _roll_in_target(person: Person) -> tuple[RollInTarget, Reason] | None:
    plan, second = person.plan, person.second_plan
    if plan is not None and plan.accepts_ira_rollins is True:
        return RollInTarget.THIS_PLAN, Reason.PLAN_TAKES_ROLL_INS
    if second is not None and second.accepts_ira_rollins is True:
        return RollInTarget.OTHER_EMPLOYER_PLAN, Reason.OTHER_PLAN_TAKES_ROLL_INS
    # A solo 401(k) needs this year's self-employment earnings (IRC 401(c)(1)), as the person
    # says: a SEP-IRA may hold an employer's contributions (IRC 408(k)) or an old business's.
    if person.self_employed:
        return RollInTarget.SOLO_401K, Reason.SELF_EMPLOYMENT_INCOME
    return None


def roll_in_target(person: Person) -> RollInTarget:
    """Where this person's pre-tax IRA money can go: a plan known to take IRA roll-ins, a solo
    401(k) for self-employment income, this plan if its "not sure" answer is yes, or any
    401(k) that takes them."""
    known = _roll_in_target(person)
    if known is not None:
        return known[0]
    if person.plan is not None and person.plan.accepts_ira_rollins is None:
        return RollInTarget.THIS_PLAN_IF_IT_TAKES_THEM
    return RollInTarget.ANY_PLAN


class _Pricer:
    """Backdoor blocks for the alternatives, on the same Form 8606 arithmetic as the plan."""

    def __init__(self, work: Computation, index: int) -> None:
        self.work, self.index = work, index
        self.person = work.household.people[index]
        self.extra = work.earnings_to_traditional_ira(index)

    def block(
        self, person: Person, contribution: Decimal | None = None, roll_in: bool | None = None
    ) -> BackdoorResult:
        work, i = self.work, self.index
        limit = work.ira_limits[i]
        if contribution is not None:
            limit = IraContribution(limit.limit, contribution)
        return backdoor(
            person,
            limit,
            work.roth_limits[i],
            work.magis_both[i],
            work.phase_outs[i],
            self.extra,
            work.household.form_8606_ratio_places,
            roll_in,
            distribution=work.rmds[i].amount,
            tax_year=work.household.tax_year,
        )

    def with_ira(self, **update: object) -> Person:
        return self.person.model_copy(update={"ira": self.person.ira.model_copy(update=update)})

    def convert_all(self, planned: BackdoorResult) -> BackdoorResult:
        """The whole traditional IRA converted: the planned conversion plus its December 31
        value, which is then 0 (Form 8606 line 6)."""
        # With today's balances given, line 6 follows the conversion down to 0 by itself.
        value = year_end_value(
            self.person.ira, planned.nondeductible_contribution, planned.conversion
        )
        everything = planned.conversion + value + self.extra
        person = self.with_ira(conversion=everything, year_end_balance=ZERO, roll_into_plan=False)
        work, i = self.work, self.index
        return backdoor(
            person,
            work.ira_limits[i],
            work.roth_limits[i],
            work.magis_both[i],
            work.phase_outs[i],
            ZERO,
            work.household.form_8606_ratio_places,
            distribution=work.rmds[i].amount,
            tax_year=work.household.tax_year,
        )


def _small(pre_tax: Decimal, work: Computation) -> bool:
    """Little enough pre-tax money to convert it all: at most one year's IRA limit."""
    return ZERO < pre_tax <= work.table.ira_contribution


def _choose(work: Computation, index: int, year_ended: bool = False) -> _Priced:
    pricer = _Pricer(work, index)
    person = pricer.person
    planned = work.backdoor_both[index]
    ira = person.ira
    pre_tax = _pre_tax_money(person, planned, pricer.extra)
    wanted = ira.nondeductible_contribution
    target = work.roth_limits[index] if wanted is None else wanted
    allowed = planned.direct_roth_allowed

    # A traditional IRA contribution already made is this year's backdoor, not a direct one.
    direct_ok = not ira.contribution_made_next_year and contributed_so_far(ira) <= ZERO
    if allowed > ZERO and target > ZERO and direct_ok:
        direct = min(allowed, target)
        direct_reasons = [Reason.INCOME_ALLOWS_DIRECT_ROTH]
        if allowed < work.roth_limits[index]:
            direct_reasons.append(Reason.DIRECT_ROTH_REDUCED)
        rest = max(ZERO, min(target, planned.contribution_limit) - direct)
        # A conversion asked for beyond the backdoor's own money (contribution and earnings)
        # is other IRA money: it stays, as a plain conversion.
        asked = ZERO if ira.conversion is None else ira.conversion
        beyond = max(
            ZERO, asked - planned.nondeductible_contribution - ira.earnings_before_conversion
        )
        if rest > ZERO:
            person_rest = pricer.with_ira(nondeductible_contribution=rest, conversion=None)
            block = pricer.block(person_rest, rest)
            if not _is_pro_rata(block):
                direct_reasons.append(Reason.REST_BY_BACKDOOR)
                if beyond > ZERO:
                    direct_reasons.append(Reason.NO_NEW_CONTRIBUTION)
                    converted = block.conversion + beyond
                    person_rest = pricer.with_ira(
                        nondeductible_contribution=rest, conversion=converted
                    )
                    block = pricer.block(person_rest, rest)
                return _Priced(IraRoute.DIRECT_ROTH, tuple(direct_reasons), block, direct)
        if beyond > ZERO:
            direct_reasons.append(Reason.NO_NEW_CONTRIBUTION)
            other_money = pricer.with_ira(nondeductible_contribution=ZERO, conversion=beyond)
            block = pricer.block(other_money, ZERO)
            return _Priced(IraRoute.DIRECT_ROTH, tuple(direct_reasons), block, direct)
        return _Priced(IraRoute.DIRECT_ROTH, tuple(direct_reasons), None, direct)

    if planned.nondeductible_contribution <= ZERO:
        why = (
            Reason.NO_CONTRIBUTION_ALLOWED
            if planned.contribution_limit <= ZERO
            else Reason.NO_CONTRIBUTION_PLANNED
        )
        if ira.basis > ZERO and _small(pre_tax, work) and ira.year_end_balance > ZERO:
            small = (why, Reason.PRE_TAX_PART_SMALL)
            return _Priced(IraRoute.CONVERT_ALL, small, pricer.convert_all(planned))
        if planned.conversion > ZERO:
            plain = (why, Reason.NO_NEW_CONTRIBUTION)
            return _Priced(IraRoute.PLAIN_CONVERSION, plain, planned)
        return _Priced(IraRoute.NONE, (why,), None)

    if made_next_year(ira, planned.nondeductible_contribution, work.household.tax_year):
        return _Priced(IraRoute.CONVERT_NEXT_YEAR, (Reason.CONTRIBUTION_NEXT_YEAR,), planned)
    if contributed_so_far(ira) > ZERO or converted_so_far(ira) > ZERO:
        return _already_started(pricer, planned, year_ended)
    if planned.conversion <= ZERO:
        return _Priced(IraRoute.NONE, (Reason.NOTHING_CONVERTED,), planned)
    if not _is_pro_rata(planned):
        clean = (
            Reason.ROLL_IN_PLANNED
            if planned.rolled_into_plan > ZERO
            else Reason.NO_PRE_TAX_IRA_MONEY
        )
        return _Priced(
            IraRoute.BACKDOOR,
            (clean,),
            planned,
            roll_in_target=RollInTarget.THIS_PLAN if planned.rolled_into_plan > ZERO else None,
        )

    target_plan = _roll_in_target(person)
    if target_plan is not None:
        where, why = target_plan
        rolled = pricer.block(person, roll_in=True)
        return _Priced(IraRoute.ROLL_IN_FIRST, (Reason.PRO_RATA, why), rolled, roll_in_target=where)
    unsure = person.plan is not None and person.plan.accepts_ira_rollins is None
    no_roll_in = Reason.ROLL_INS_NOT_SURE if unsure else Reason.NO_PLAN_TAKES_ROLL_INS
    if _small(pre_tax, work):
        small_pre_tax = (Reason.PRO_RATA, no_roll_in, Reason.PRE_TAX_PART_SMALL)
        return _Priced(IraRoute.CONVERT_ALL, small_pre_tax, pricer.convert_all(planned))
    if heavily_pro_rata(planned):
        return _Priced(
            IraRoute.SKIP,
            (Reason.PRO_RATA_HEAVY, no_roll_in),
            None,
            roll_in_target=RollInTarget.ANY_PLAN,
            skipped=True,
        )
    return _Priced(IraRoute.BACKDOOR, (Reason.PRO_RATA, no_roll_in), planned)


def _already_started(pricer: _Pricer, planned: BackdoorResult, year_ended: bool) -> _Priced:
    """This year's backdoor is under way (a contribution or conversion already made): it is
    finished as planned, never skipped or replaced. Pre-tax IRA money that makes it taxable
    goes into a plan that takes it by December 31 (Form 8606 line 6 is then 0, IRC
    408(d)(3)(A)(ii)), or its pro-rata tax is paid: after December 31, only the tax."""
    person = pricer.person
    if not _is_pro_rata(planned):
        return _Priced(IraRoute.BACKDOOR, (Reason.ALREADY_STARTED,), planned)
    if year_ended:
        reasons = (Reason.ALREADY_STARTED, Reason.PRO_RATA, Reason.YEAR_ENDED)
        return _Priced(IraRoute.BACKDOOR, reasons, planned)
    where = roll_in_target(person)
    known = _roll_in_target(person)
    if known is not None:
        rolled = pricer.block(person, roll_in=True)
        reasons = (Reason.ALREADY_STARTED, Reason.PRO_RATA, known[1])
        return _Priced(IraRoute.ROLL_IN_FIRST, reasons, rolled, roll_in_target=where)
    unsure = where is RollInTarget.THIS_PLAN_IF_IT_TAKES_THEM
    no_roll_in = Reason.ROLL_INS_NOT_SURE if unsure else Reason.NO_PLAN_TAKES_ROLL_INS
    reasons = (Reason.ALREADY_STARTED, Reason.PRO_RATA, no_roll_in)
    return _Priced(IraRoute.BACKDOOR, reasons, planned, roll_in_target=where)


def _basis_without_a_move(work: Computation, index: int, rmd: Decimal) -> Decimal:
    """The basis carried forward when the answer makes no IRA move (no nondeductible
    contribution, no conversion): last year's, Form 8606 line 2 carried to line 14, less the
    part a required distribution takes (line 12, pro rata with the December 31 value)."""
    person = work.household.people[index]
    if rmd <= ZERO:
        return person.ira.basis
    form = backdoor_form_8606(
        person,
        ZERO,
        ZERO,
        _Pricer(work, index).extra,
        work.household.form_8606_ratio_places,
        distribution=rmd,
        tax_year=work.household.tax_year,
    ).form
    return person.ira.basis if form is None else form.line_14


def _skipped(planned: BackdoorResult, planned_tax: Decimal) -> SkippedBackdoor:
    form = planned.form_8606
    assert form is not None and form.line_10 is not None
    return SkippedBackdoor(
        nondeductible_contribution=planned.nondeductible_contribution,
        conversion=planned.conversion,
        taxable_amount=planned.taxable_amount,
        tax_due=planned_tax,
        taxable_share=ONE - form.line_10,
        basis=form.line_5 or ZERO,
        ira_value=form.line_6 or ZERO,
        line_9=form.line_9 or ZERO,
        basis_carried_forward=planned.basis_carried_forward,
    )


# ---------------------------------------------------------------- "not sure"


def answer_changes(person: Person, unknown: Unknown) -> bool:
    """Whether a "not sure" answer changes the figures. The mega backdoor's answers are
    computed together (after-tax contributions and a way out); a way out does not matter
    when the other way out is a known yes."""
    if unknown.if_yes == unknown.if_no:
        return False
    if unknown.field in WAYS_OUT and person.plan is not None:
        other = next(name for name in WAYS_OUT if name != unknown.field)
        return getattr(person.plan, other) is not True
    return True


def _unknown_answers(work: Computation, result: PlanResult) -> tuple[UnknownAnswer, ...]:
    answers = []
    for unknown in result.unknowns:
        index = int(unknown.path.split(".")[1])
        person = work.household.people[index]
        strategy = "mega_backdoor_roth" if unknown.field in MEGA_FEATURES else "backdoor_roth"
        yes, no = getattr(unknown.if_yes, strategy), getattr(unknown.if_no, strategy)
        answers.append(
            UnknownAnswer(
                field=unknown.field,
                path=unknown.path,
                person=unknown.person,
                index=index,
                changes=answer_changes(person, unknown),
                strategy=strategy,
                if_yes_roth_added=yes.roth_added,
                if_yes_tax_due=yes.tax_due,
                if_no_roth_added=no.roth_added,
                if_no_tax_due=no.tax_due,
            )
        )
    return tuple(answers)


# ---------------------------------------------------------------- the decision


def decide(
    work: Computation,
    result: PlanResult,
    repairs: tuple[tuple[Repair, ...], ...] | None = None,
    year_ended: bool = False,
) -> Decision:
    """The decision for the plan worked out in `work` (result: its figures, tax shared).

    What is already done this year is part of it: each move counts what was contributed and
    converted and what is left, and carries each person's repairs (planner.engine.progress,
    worked out for today's date), so every page says the same steps and deadlines. Once the
    year has ended (`year_ended`), a backdoor under way is what was done: nothing due by
    December 31 is added to it."""
    people = work.household.people
    calculator = work.calculator
    priced = [_choose(work, i, year_ended) for i in range(len(people))]
    megas = [_mega_move(person, work.mega[i], work.table) for i, person in enumerate(people)]
    second_moves = [
        _second_plan_move(person, block, work.table)
        for person, block in zip(people, work.second_mega, strict=True)
    ]
    seconds = [
        None if second is None or second.roth_added <= ZERO else second
        for second in work.second_mega
    ]
    mega_taxable = [
        m.taxable_amount + (ZERO if s is None else s.taxable_amount)
        for m, s in zip(megas, seconds, strict=True)
    ]
    ira_taxable = [ZERO if p.block is None else p.block.taxable_amount for p in priced]
    # Priced on the income each IRA side adds, which an RMD's line 15a may move (compute.py).
    ira_income = [
        ZERO if p.block is None else work.backdoor_income(i, p.block) for i, p in enumerate(priced)
    ]
    taxable = [m + b for m, b in zip(mega_taxable, ira_income, strict=True)]
    scenario = calculator.scenario(taxable)

    decided = []
    for i, person in enumerate(people):
        choice, mega, second = priced[i], megas[i], seconds[i]
        block = choice.block
        planned = result.people[i].backdoor_roth
        mega_tax = calculator.share(scenario, taxable, i, mega_taxable[i])
        ira_tax = calculator.share(scenario, taxable, i, ira_income[i])
        rmd = work.rmds[i].amount
        skipped = None
        if choice.skipped or choice.route in (IraRoute.ROLL_IN_FIRST, IraRoute.CONVERT_ALL):
            skipped = _skipped(planned, planned.tax_due) if _is_pro_rata(planned) else None
        pre_tax = _pre_tax_money(person, work.backdoor_both[i], _Pricer(work, i).extra)
        contribution = ZERO if block is None else block.nondeductible_contribution
        conversion = ZERO if block is None else block.conversion
        reasons = choice.reasons + ((Reason.RMD_DUE,) if rmd > ZERO else ())
        made_contribution = contributed_so_far(person.ira)
        made_conversion = min(converted_so_far(person.ira), conversion)
        ira_move = IraMove(
            route=choice.route,
            reasons=reasons,
            direct_roth=choice.direct_roth,
            direct_roth_limit=planned.direct_roth_allowed,
            nondeductible_contribution=contribution,
            contribution_made_next_year=made_next_year(
                person.ira, contribution, work.household.tax_year
            ),
            conversion=conversion,
            taxable_amount=ira_taxable[i],
            tax_due=ira_tax,
            roll_in=ZERO if block is None else block.rolled_into_plan,
            roll_in_target=choice.roll_in_target,
            pre_tax_ira_money=pre_tax,
            ira_value=year_end_value(person.ira, contribution, conversion) + _Pricer(work, i).extra,
            basis_carried_forward=_basis_without_a_move(work, i, rmd)
            if block is None
            else block.basis_carried_forward,
            skipped=skipped,
            form_8606_needed=contribution > ZERO
            or conversion > ZERO
            or (rmd > ZERO and person.ira.basis > ZERO),
            contributed=made_contribution,
            converted=made_conversion,
            contribution_left=contribution_left(person.ira, contribution),
            conversion_left=conversion_left(person.ira, conversion),
            repairs=() if repairs is None else repairs[i],
            form_8606=None if block is None else block.form_8606,
            simple_ira_money=person.ira.simple_balance_today
            if block is not None and block.rolled_into_plan > ZERO
            else None,
        )
        second_roth = ZERO if second is None else second.roth_added
        # Each plan's mega backdoor bears its own part of the tax; together, the person's.
        second_tax = (
            ZERO
            if second is None
            else calculator.share(scenario, taxable, i, second.taxable_amount)
        )
        second_move = second_moves[i]
        decided.append(
            PersonDecision(
                index=i,
                name=person.name,
                required_minimum_distribution=rmd,
                mega=replace(mega, tax_due=mega_tax - second_tax),
                ira=ira_move,
                roth_added=mega.roth_added + second_roth + choice.direct_roth + conversion,
                taxable_amount=taxable[i],
                tax_due=mega_tax + ira_tax,
                paychecks=result.people[i].paychecks,
                second_plan_mega=None
                if second_move is None
                else replace(second_move, tax_due=second_tax),
                first_rmd_may_wait_until=work.rmds[i].may_wait_until,
            )
        )
    return Decision(
        people=tuple(decided),
        unknowns=_unknown_answers(work, result),
        roth_added=sum((p.roth_added for p in decided), ZERO),
        taxable_amount=sum(taxable, ZERO),
        tax_due=scenario.total,
    )
