"""A dated list of what to do, in order, for a planned year, said from the decision.

Each step is one small function with the source of its deadline, reading only the decision
(planner.engine.decision): a step exists exactly when the decision says to do that move, so
the checklist, the calendar made from it and the packet never list a move the verdict says
to skip. `action_checklist` runs the per-person steps for each person, then the household's,
and sorts by date (a stable sort, so steps due the same day keep this order: contribute
before converting).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from planner.engine.decision import unconverted_is_a_choice
from planner.engine.models import (
    AfterTaxRoute,
    ConversionFrequency,
    Decision,
    Household,
    IraRoute,
    MegaRoute,
    PersonDecision,
    PlanResult,
    RepairKind,
    RollInTarget,
    UnknownAnswer,
)
from planner.engine.money import ZERO, format_money, long_date
from planner.engine.paychecks import after_tax_left, election_changes
from planner.engine.tables import year_table
from planner.engine.voice import Voice

FREQUENCY_WORDS = {
    ConversionFrequency.PER_PAYCHECK: "after every paycheck",
    ConversionFrequency.MONTHLY: "every month",
    ConversionFrequency.QUARTERLY: "every quarter",
    ConversionFrequency.ANNUALLY: "once, before December 31",
}
ROUTE_WORDS = {
    AfterTaxRoute.IN_PLAN_CONVERSION: "Convert the after-tax money to the plan's Roth account",
    AfterTaxRoute.ROLLOVER_TO_ROTH_IRA: (
        "Roll the after-tax money (and its earnings) out to {your} Roth IRA"
    ),
    AfterTaxRoute.SPLIT_EARNINGS_TO_TRADITIONAL_IRA: (
        "Roll the after-tax contributions to {your} Roth IRA and the earnings to a traditional IRA"
        " in the same distribution (Notice 2014-54)"
    ),
}


class Step(StrEnum):
    """What a checklist action does: one kind per move of the decision."""

    ASK_THE_PLAN = "ask_the_plan"
    AFTER_TAX_CONTRIBUTION = "after_tax_contribution"
    AFTER_TAX_MOVE = "after_tax_move"
    SECOND_PLAN_AFTER_TAX = "second_plan_after_tax"
    SECOND_PLAN_AFTER_TAX_MOVE = "second_plan_after_tax_move"
    OPEN_SOLO_401K = "open_solo_401k"
    IRA_ROLL_IN = "ira_roll_in"
    DIRECT_ROTH_CONTRIBUTION = "direct_roth_contribution"
    NONDEDUCTIBLE_CONTRIBUTION = "nondeductible_contribution"
    REQUIRED_DISTRIBUTION = "required_distribution"
    CONVERSION = "conversion"
    PAYCHECK_ELECTION = "paycheck_election"
    WITHDRAW_EXCESS = "withdraw_excess"
    ESTIMATED_TAX_PAYMENT = "estimated_tax_payment"
    FILE_FORM_8606 = "file_form_8606"


@dataclass(frozen=True)
class Action:
    due: date
    title: str
    detail: str
    person: str | None
    kind: Step


@dataclass(frozen=True)
class Dates:
    """The planned year's deadlines."""

    year: int
    year_end: date
    # The unextended due date of the return, from the year's table (Form 8606 instructions).
    ira_deadline: date

    @classmethod
    def for_year(cls, year: int) -> Dates:
        return cls(year, date(year, 12, 31), year_table(year).ira_contribution_deadline)


@dataclass(frozen=True)
class StepsFromToday:
    """A checklist (soonest first) seen from a day: the first step still ahead, the steps
    dated before that day, and how many more are ahead. When every date has passed, the plan
    is a record of its year (dates_passed says so) and reads from its first step."""

    first: Action | None
    passed: tuple[Action, ...]
    later: int

    @classmethod
    def of(cls, actions: list[Action], today: date) -> StepsFromToday:
        ahead = [action for action in actions if action.due >= today]
        if not ahead:
            return cls(actions[0] if actions else None, (), max(len(actions) - 1, 0))
        passed = tuple(action for action in actions if action.due < today)
        return cls(ahead[0], passed, len(ahead) - 1)


def last_deadline(year: int) -> date:
    """The year's last checklist date: the January 15 estimated payment (IRC 6654(c)) or the
    return's due date (Form 8606 and next-year contributions), whichever is later."""
    return max(date(year + 1, 1, 15), year_table(year).ira_contribution_deadline)


def dates_passed(year: int, today: date) -> str | None:
    """The note on a plan whose every date has passed; `today` is the caller's date (the
    engine reads no clock)."""
    if today <= last_deadline(year):
        return None
    return f"These dates have passed: this plan is a record of {year}."


# Steps for each person ------------------------------------------------------------------

# What to ask the plan about each "not sure" feature, and the words its summary plan
# description uses for it.
PLAN_QUESTIONS = {
    "allows_after_tax": (
        "after-tax contributions",
        "“after-tax contributions” or “voluntary employee contributions”",
    ),
    "allows_in_service_distribution": (
        "in-service distributions of after-tax money",
        "“in-service withdrawal” or “in-service distribution”",
    ),
    "allows_in_plan_roth_conversion": (
        "in-plan Roth conversions",
        "“in-plan Roth rollover” or “in-plan Roth conversion”",
    ),
    "accepts_ira_rollins": (
        "roll-ins of pre-tax IRA money",
        "“rollovers into the plan” or “roll-in”",
    ),
}


def ask_the_plan(
    dates: Dates,
    person: PersonDecision,
    unknowns: Sequence[UnknownAnswer],
    voice: Voice = Voice.OWNER,
) -> Action | None:
    """A plan feature answered "not sure" that changes this person's figures: the moves that
    depend on it must be done by December 31 (after-tax contributions come from this year's
    pay, Treas. Reg. 1.415(c)-1(b)(6); a roll-in must leave the IRAs by then, Form 8606 line
    6), so the question comes first, due the same day (the stable sort keeps it first). A
    feature that changes nothing (an in-plan conversion when in-service distributions are
    allowed, roll-ins with no pre-tax IRA money) is not asked."""
    changing = {
        answer.field for answer in unknowns if answer.index == person.index and answer.changes
    }
    asked = [name for name in PLAN_QUESTIONS if name in changing]
    if not asked:
        return None
    asks = [PLAN_QUESTIONS[name][0] for name in asked]
    words = "; ".join(
        f"{PLAN_QUESTIONS[name][0]}: look for {PLAN_QUESTIONS[name][1]}" for name in asked
    )
    then = []
    if any(name != "accepts_ira_rollins" for name in asked):
        then.append(
            "contribute after-tax to the 401(k) only once the plan confirms a way out to Roth "
            "(left in the plan, after-tax money grows with taxable earnings); only paychecks "
            "paid by December 31 carry it, so ask before the year's last payday"
        )
    if "accepts_ira_rollins" in asked:
        then.append("if it takes roll-ins, roll the pre-tax IRA money in by December 31")
    until = "you know" if voice.speaks_to(person.name) else "it is known"
    return Action(
        dates.year_end,
        f"Ask {voice.possessive(person.name)} plan administrator whether the plan allows "
        + _and_list(asks),
        f"In the summary plan description, {words}. Then {'; '.join(then)}. The results count"
        f" each of these as no until {until}.",
        person.name,
        Step.ASK_THE_PLAN,
    )


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def after_tax_contribution(
    dates: Dates, person: PersonDecision, voice: Voice = Voice.OWNER
) -> Action | None:
    """Payroll after-tax contributions: only wages paid in the plan year count toward that
    year's 415(c) annual additions (Treas. Reg. 1.415(c)-1(b)(6)), so the last paycheck of
    the year is the deadline. Only when the decision does the mega backdoor: after-tax money
    left in the plan grows with earnings taxed when paid out (tax-rules §4.4), and a way out
    that is "not sure" is ask_the_plan's step."""
    mega = person.mega
    if mega.route is not MegaRoute.MEGA_BACKDOOR or mega.after_tax_contribution <= ZERO:
        return None
    # With the paydays known, the last one the plan counts is the date (a biweekly year may
    # end December 18; pay past the 401(a)(17) limit counts for nothing, so carries none).
    rows = person.paychecks.paychecks if person.paychecks else ()
    counted = [row for row in rows if row.plan_pay > ZERO] or list(rows)
    carrying = [row for row in rows if row.after_tax > ZERO] or counted
    due = counted[-1].paid_on if counted else dates.year_end
    # The paychecks carry what is left: the after-tax money already in (paychecks.py's "so
    # far") is part of the year's figure, not something to contribute again.
    left = after_tax_left(person.paychecks, mega.after_tax_contribution)
    if left <= ZERO:
        return None
    already = mega.after_tax_contribution - left
    if len(carrying) == 1 and carrying[-1].paid_on == due:
        spread = f"All of it from the one paycheck left, {long_date(due)}."
    elif carrying and carrying[-1].paid_on == due:
        spread = (
            f"Spread over the {len(carrying)} paychecks from {long_date(carrying[0].paid_on)}; "
            f"the last, {long_date(due)}, is the deadline."
        )
    elif carrying:
        spread = (
            f"Spread over the {len(carrying)} paychecks from {long_date(carrying[0].paid_on)} "
            f"to {long_date(carrying[-1].paid_on)}; {long_date(due)}, the last paycheck that "
            "can carry any, is the deadline."
        )
    else:
        spread = (
            "Spread over the year's paychecks; the last one of the year is the deadline, and"
            " only the pay left this year can carry it."
        )
    if counted and counted[-1] is not rows[-1]:
        spread += (
            " Later paychecks carry none: the plan counts no pay past the compensation limit "
            f"(IRC 401(a)(17)), reached {long_date(counted[-1].paid_on)}."
        )
    if already > ZERO:
        spread = (
            f"{format_money(already)} is already in: {format_money(mega.after_tax_contribution)} "
            f"for the year. {spread}"
        )
    return Action(
        due,
        f"Contribute {format_money(left)} after-tax to the 401(k) through payroll",
        f"{spread} Check {voice.possessive(person.name)} plan's after-tax election form.",
        person.name,
        Step.AFTER_TAX_CONTRIBUTION,
    )


def after_tax_move(
    dates: Dates, person: PersonDecision, voice: Voice = Voice.OWNER
) -> Action | None:
    """Moving the after-tax money to Roth: an in-plan Roth rollover (IRC 402A(c)(4)) or an
    in-service distribution split by Notice 2014-54; earnings taxed until it moves."""
    mega = person.mega
    if mega.route is not MegaRoute.MEGA_BACKDOOR or mega.after_tax_route not in ROUTE_WORDS:
        return None
    words = FREQUENCY_WORDS[person.mega.conversion_frequency or ConversionFrequency.PER_PAYCHECK]
    if person.paychecks is not None and not person.paychecks.paychecks:
        words = "now: no paycheck is left this year"
    return Action(
        dates.year_end,
        ROUTE_WORDS[mega.after_tax_route].format(your=voice.possessive(person.name)),
        f"Do it {words}; the sooner the money moves, the smaller the taxable earnings.",
        person.name,
        Step.AFTER_TAX_MOVE,
    )


def second_plan_after_tax(dates: Dates, person: PersonDecision, voice: Voice) -> list[Action]:
    """A second, unrelated employer's plan (its own 415(c) limit, Treas. Reg. 1.415(f)-1):
    after-tax money through that employer's payroll, by its last paycheck of the year, and
    the move to Roth, when the decision does that plan's mega backdoor."""
    mega = person.second_plan_mega
    if (
        mega is None
        or mega.route is not MegaRoute.MEGA_BACKDOOR
        or mega.after_tax_contribution <= ZERO
    ):
        return []
    your = voice.possessive(person.name)
    actions = [
        Action(
            dates.year_end,
            f"Contribute {format_money(mega.after_tax_contribution)} after-tax to the second "
            "employer's 401(k) through its payroll",
            "Spread over that employer's paychecks; its last paycheck of the year is the "
            f"deadline (for a solo 401(k) of {your} own business, ask its provider by when the "
            f"year's after-tax money must be in). Check {your} second plan's after-tax election "
            "form.",
            person.name,
            Step.SECOND_PLAN_AFTER_TAX,
        )
    ]
    if mega.after_tax_route in ROUTE_WORDS:
        words = FREQUENCY_WORDS[mega.conversion_frequency or ConversionFrequency.PER_PAYCHECK]
        actions.append(
            Action(
                dates.year_end,
                ROUTE_WORDS[mega.after_tax_route].format(your=your)
                + " (the second employer's plan)",
                f"Do it {words}; the sooner the money moves, the smaller the taxable earnings.",
                person.name,
                Step.SECOND_PLAN_AFTER_TAX_MOVE,
            )
        )
    return actions


def open_solo_401k(
    dates: Dates, person: PersonDecision, voice: Voice = Voice.OWNER
) -> Action | None:
    """A solo 401(k) for self-employment income can take roll-ins of pre-tax IRA money
    (IRC 408(d)(3)(A)(ii)); it must exist, and take the money, before December 31."""
    ira = person.ira
    if ira.roll_in_target is not RollInTarget.SOLO_401K or ira.roll_in <= ZERO:
        return None
    your = voice.possessive(person.name)
    return Action(
        dates.year_end,
        f"Open a solo 401(k) for {your} self-employment income that accepts IRA roll-ins",
        "Check the plan document says it takes rollovers from IRAs. SEP-IRA money is pre-tax"
        " IRA money too: it can go into the solo 401(k) with the rest. If the business still"
        " makes SEP contributions under the IRS model Form 5305-SEP, it cannot keep another"
        " plan in the same year (the form's instructions): stop them, or ask the SEP's provider"
        " whether its document is a prototype that allows both.",
        person.name,
        Step.OPEN_SOLO_401K,
    )


ROLL_IN_WHERE = {
    RollInTarget.THIS_PLAN: "{your} 401(k)",
    RollInTarget.OTHER_EMPLOYER_PLAN: "{your} other employer's 401(k)",
    RollInTarget.SOLO_401K: "the solo 401(k)",
    RollInTarget.ANY_PLAN: "a 401(k) that takes IRA roll-ins",
}


def ira_roll_in(dates: Dates, person: PersonDecision, voice: Voice = Voice.OWNER) -> Action | None:
    """Rolling pre-tax IRA money into a plan: Form 8606 line 6 is the December 31 value of
    the IRAs (Instructions for Form 8606), and only pre-tax money may go to the plan
    (IRC 408(d)(3)(A)(ii))."""
    # The decision's figure, not the input balance: Notice 2014-54 earnings sent to a
    # traditional IRA must go too, and an IRA holding only basis has nothing to roll.
    ira = person.ira
    if ira.roll_in <= ZERO:
        return None
    your = voice.possessive(person.name)
    where = ROLL_IN_WHERE[ira.roll_in_target or RollInTarget.THIS_PLAN].format(your=your)
    detail = (
        f"It must be out of {your} IRAs by December 31 to leave the pro-rata calculation"
        " (Form 8606 line 6 is the December 31 value). Ask for a direct rollover and start"
        " early: paperwork between the IRA and the plan can take weeks."
    )
    basis_in_iras = ira.ira_value - ira.pre_tax_ira_money
    if basis_in_iras > ZERO:
        detail += (
            f" Only pre-tax money can go: the {format_money(basis_in_iras)} of basis"
            " (after-tax money) stays in the IRA."
        )
    repair = next((r for r in ira.repairs if r.kind is RepairKind.PRE_TAX_AFTER_CONVERSION), None)
    if repair is not None:
        detail += (
            " This year's conversion is already made: rolled in, its tax is"
            f" {format_money(repair.tax_if_rolled_in or ZERO)}; left in the IRAs,"
            f" {format_money(repair.tax_if_kept or ZERO)}."
        )
    return Action(
        dates.year_end,
        f"Roll the pre-tax IRA money ({format_money(ira.roll_in)}) into {where}",
        detail,
        person.name,
        Step.IRA_ROLL_IN,
    )


def direct_roth_contribution(
    dates: Dates, person: PersonDecision, voice: Voice = Voice.OWNER
) -> Action | None:
    """A direct Roth IRA contribution, allowed below the top of the MAGI phase-out (IRC
    408A(c)(3); Pub. 590-A Worksheet 2-2), due like any IRA contribution by the return's
    unextended due date (IRC 219(f)(3) through IRC 408A(a))."""
    amount = person.ira.direct_roth
    if amount <= ZERO:
        return None
    return Action(
        dates.ira_deadline,
        f"Contribute {format_money(amount)} directly to {voice.possessive(person.name)} Roth IRA",
        f"Designate it for {dates.year}; it can be made until {long_date(dates.ira_deadline)}."
        " Income allows it, so no traditional IRA contribution or conversion is needed for it.",
        person.name,
        Step.DIRECT_ROTH_CONTRIBUTION,
    )


def nondeductible_contribution(
    dates: Dates, person: PersonDecision, voice: Voice = Voice.OWNER
) -> Action | None:
    """The nondeductible IRA contribution: due by the unextended due date of the return
    (IRC 219(f)(3), Pub. 590-A); one made next year is Form 8606 line 4 and converts next
    year (Instructions for Form 8606, lines 4 and 8)."""
    ira = person.ira
    # What is already contributed this year is not asked again (the decision's facts).
    contribution = ira.contribution_left
    if contribution <= 0:
        return None
    year = dates.year
    if ira.contribution_made_next_year:
        due = dates.ira_deadline
        detail = (
            f"Between January 1 and {long_date(due)}, designated for {year}."
            " It is basis carried forward on Form 8606 line 14 and is converted"
            f" in {year + 1}, not {year} (a conversion counts in the year it happens)."
        )
    else:
        due = dates.year_end
        before = "you convert" if voice.speaks_to(person.name) else "converting"
        detail = f"Designate it for {year} and make it before {before}, by December 31."
    more = " more" if ira.contributed > ZERO else ""
    if ira.contributed > ZERO:
        detail += f" {format_money(ira.contributed)} is already contributed."
    return Action(
        due,
        f"Contribute {format_money(contribution)}{more} nondeductible to a traditional IRA",
        detail,
        person.name,
        Step.NONDEDUCTIBLE_CONTRIBUTION,
    )


def required_distribution(
    dates: Dates, person: PersonDecision, voice: Voice = Voice.OWNER
) -> Action | None:
    """The year's RMD comes out first: the first dollars distributed in an RMD year count
    toward it and it cannot be converted (Treas. Reg. 1.402(c)-2 Q&A-7; IRC 408(d)(3)(E)).
    Only the first RMD may wait until April 1 of next year (IRC 401(a)(9)(C))."""
    amount = person.required_minimum_distribution
    if amount <= 0:
        return None
    detail = (
        "Before any roll-in into a 401(k) or conversion this year: the first dollars out count"
        " toward the RMD, and an RMD can't be rolled over or converted (IRC 402(c)(4)(B),"
        " 408(d)(3)(E)). It is income (Form 8606 line 7)."
    )
    if person.first_rmd_may_wait_until is not None:
        detail += (
            f" As {dates.year} is the first RMD year, it may wait until"
            f" {long_date(person.first_rmd_may_wait_until)} if nothing else leaves the IRAs"
            f" this year; {dates.year + 1}'s RMD is then due too, and the figures here take it"
            f" in {dates.year}."
        )
    return Action(
        dates.year_end,
        f"Take the {format_money(amount)} required minimum distribution from the traditional IRA",
        detail,
        person.name,
        Step.REQUIRED_DISTRIBUTION,
    )


def conversion(dates: Dates, person: PersonDecision, voice: Voice = Voice.OWNER) -> Action | None:
    """The Roth conversion: it counts in the calendar year it happens (Form 8606 line 8)
    and can no longer be recharacterized (IRC 408A(d)(6)(B)(iii), from 2018)."""
    ira = person.ira
    # A conversion already made is not asked again; a contribution waiting is converted now.
    if ira.conversion_left <= 0:
        return None
    detail = "A conversion counts in the calendar year it happens and can't be undone."
    if ira.converted > ZERO:
        detail += f" {format_money(ira.converted)} is already converted this year."
    if ira.route is IraRoute.CONVERT_ALL:
        detail = "The whole traditional IRA, so nothing is left for the pro-rata rule. " + detail
    elif ira.route is IraRoute.PLAIN_CONVERSION:
        detail = "A plain Roth conversion (no new contribution). " + detail
    if unconverted_is_a_choice(ira):
        detail = (
            f"About {format_money(ira.tax_due)} of tax: {format_money(ira.taxable_amount)} of the"
            " conversion is pre-tax money (Form 8606 lines 6-11). Or leave it in the traditional"
            " IRA for $0 of tax now: the contribution's basis carries forward (line 14). " + detail
        )
    return Action(
        dates.year_end,
        f"Convert {format_money(ira.conversion_left)} from the traditional IRA to"
        f" {voice.possessive(person.name)} Roth IRA",
        detail,
        person.name,
        Step.CONVERSION,
    )


def paycheck_elections(dates: Dates, person: PersonDecision, voice: Voice) -> list[Action]:
    """Each payday a paycheck election starts or changes on (planner/engine/paychecks.py),
    due that payday: payroll must have the election before it."""
    if person.paychecks is None:
        return []
    return [
        Action(
            day,
            f"{'Set' if number == 0 else 'Change to'} {amounts} from {long_date(day)}",
            f"Give {voice.possessive(person.name)} payroll the election before this payday; the"
            " paycheck table shows what each paycheck then takes.",
            person.name,
            Step.PAYCHECK_ELECTION,
        )
        for number, (day, amounts) in enumerate(election_changes(person.paychecks))
    ]


def withdraw_excess(
    dates: Dates, person: PersonDecision, voice: Voice = Voice.OWNER
) -> Action | None:
    """An excess contribution comes out with its earnings by the return's due date (IRC
    408(d)(4), Pub. 590-A "Excess Contributions"), else 6% a year (IRC 4973(a))."""
    excess = next((r for r in person.ira.repairs if r.kind is RepairKind.EXCESS_CONTRIBUTION), None)
    if excess is None:
        return None
    return Action(
        excess.deadline,
        f"Withdraw the {format_money(excess.amount)} excess IRA contribution with its earnings",
        f"Ask {voice.possessive(person.name)} IRA custodian for a return of excess contribution"
        " (IRC 408(d)(4)); the earnings are taxable. Left in, it costs"
        f" {format_money(excess.excise_tax_per_year or ZERO)} (6%) for each year it stays"
        " (IRC 4973).",
        person.name,
        Step.WITHDRAW_EXCESS,
    )


# Steps for the household ----------------------------------------------------------------


def _decision(result: PlanResult) -> Decision:
    assert result.decision is not None
    return result.decision


def estimated_tax_payment(
    dates: Dates, result: PlanResult, voice: Voice = Voice.OWNER
) -> Action | None:
    """Tax on the taxable amounts of the recommended moves: the fourth-quarter estimated
    payment is due January 15 of the next year (IRC 6654(c)); nothing is withheld on a
    conversion by default."""
    tax_due = _decision(result).tax_due
    if tax_due <= ZERO:
        return None
    return Action(
        date(dates.year + 1, 1, 15),
        f"Pay about {format_money(tax_due)} of tax on the taxable amounts",
        "Nothing is withheld on conversions by default: raise"
        f" {voice.household_possessive(result.people[0].name)} withholding or make a"
        " fourth-quarter estimated payment to avoid an underpayment penalty.",
        None,
        Step.ESTIMATED_TAX_PAYMENT,
    )


def file_form_8606(dates: Dates, result: PlanResult, voice: Voice = Voice.OWNER) -> Action | None:
    """Form 8606 goes with the return, due on the unextended due date (Instructions for
    Form 8606, "Who must file" and "When and where to file"): for a nondeductible
    contribution, a conversion, or a distribution from IRAs holding basis."""
    if not any(person.ira.form_8606_needed for person in _decision(result).people):
        return None
    return Action(
        dates.ira_deadline,
        f"File Form 8606 with {voice.household_possessive(result.people[0].name)} tax return",
        "One Form 8606 for each person with a nondeductible contribution or conversion."
        " Keep it: line 14 is next year's basis.",
        None,
        Step.FILE_FORM_8606,
    )


PersonStep = Callable[[Dates, PersonDecision, Voice], Action | None]
HouseholdStep = Callable[[Dates, PlanResult, Voice], Action | None]

# In the order to do them on a shared date: the RMD before anything else leaves the IRAs.
PERSON_STEPS: tuple[PersonStep, ...] = (
    after_tax_contribution,
    after_tax_move,
    required_distribution,
    open_solo_401k,
    ira_roll_in,
    direct_roth_contribution,
    nondeductible_contribution,
    conversion,
    withdraw_excess,
)
HOUSEHOLD_STEPS: tuple[HouseholdStep, ...] = (estimated_tax_payment, file_form_8606)


def action_checklist(
    household: Household | None, result: PlanResult, voice: Voice = Voice.OWNER
) -> list[Action]:
    """Actions with their deadlines, soonest first, for a result's decision. (The household
    is not read: every fact is the decision's; it stays in the signature for callers.)"""
    decision = _decision(result)
    dates = Dates.for_year(result.tax_year)
    actions: list[Action] = []
    for person in decision.people:
        ask = ask_the_plan(dates, person, decision.unknowns, voice)
        actions += [] if ask is None else [ask]
        actions += paycheck_elections(dates, person, voice)
        actions += [
            action for step in PERSON_STEPS if (action := step(dates, person, voice)) is not None
        ]
        actions += second_plan_after_tax(dates, person, voice)
    actions += [
        action for step in HOUSEHOLD_STEPS if (action := step(dates, result, voice)) is not None
    ]
    return sorted(actions, key=lambda action: action.due)
