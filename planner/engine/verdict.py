"""The answer in words, said from the decision (planner.engine.decision) in a voice.

Every figure is a Decimal of the decision or the result formatted by format_money, the helper
the page's figures use, so a sentence and the table agree to the cent. The same decision reads
"you" to the owner and "the client" to an advisor (planner.engine.voice).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from planner.engine.backdoor import pro_rata_balance
from planner.engine.decision import (
    MEGA_FEATURES,
    WAYS_OUT,
    taxable_without_balance,
    unconverted_is_a_choice,
)
from planner.engine.models import (
    AfterTaxRoute,
    BackdoorResult,
    Decision,
    IraMove,
    IraRoute,
    MegaRoute,
    PersonDecision,
    PlanResult,
    Reason,
    Repair,
    RepairKind,
    RollInTarget,
    UnknownAnswer,
    Verdict,
)
from planner.engine.money import ONE, ZERO, cents, format_money, long_date
from planner.engine.paychecks import after_tax_left, election_sentence
from planner.engine.progress import ROLL_IN_WORDS, days_words, year_ended
from planner.engine.voice import Voice

ROUTE_ACTIONS = {
    AfterTaxRoute.ROLLOVER_TO_ROTH_IRA: "roll it out to a Roth IRA",
    AfterTaxRoute.IN_PLAN_CONVERSION: "convert it to the plan's Roth account",
    AfterTaxRoute.SPLIT_EARNINGS_TO_TRADITIONAL_IRA: (
        "roll the contributions to a Roth IRA and the earnings to a traditional IRA"
    ),
}
# Changes that do not come from a "not sure" answer: at most this many, the largest first.
MAX_OTHER_CHANGES = 3
TENTH = Decimal("0.1")
BACKDOOR_ROUTES = frozenset({IraRoute.BACKDOOR, IraRoute.ROLL_IN_FIRST, IraRoute.CONVERT_NEXT_YEAR})


@dataclass(frozen=True, slots=True)
class _Said:
    """A sentence with what it is worth, to order sentences by what they gain."""

    text: str
    gain: Decimal


def verdict(result: PlanResult, voice: Voice, today: date | None = None) -> Verdict:
    """The answer in words; with `today` (the user's date), paycheck elections dated before
    it are said to have passed."""
    decision = result.decision
    assert decision is not None
    couple = len(decision.people) > 1
    sentences: list[_Said] = []
    for person in decision.people:
        prefix = f"{voice.starts(voice.name(person.name))}: " if couple else ""
        backdoor = result.people[person.index].backdoor_roth
        sentences += [
            _Said(prefix + said.text, said.gain)
            for said in (
                *_rmd_sentences(person, voice),
                _mega_sentence(person, voice),
                *_second_plan_sentences(person),
                _done_said(person, result, voice)
                or _ira_sentence(person, backdoor, result.tax_year, voice),
            )
        ]
        elections = person.paychecks and election_sentence(person.paychecks)
        if elections:
            assert person.paychecks is not None
            if today is not None and person.paychecks.elections[0].starts < today:
                elections += (
                    " That date has passed: to plan the paychecks left, give the date the"
                    " elections can start and what is in so far."
                )
            sentences.append(_Said(prefix + elections, ZERO))
    if couple:
        sentences.insert(0, _Said(_together(decision), decision.roth_added + ONE))
    explanations = [
        text
        for person in decision.people
        for text in (
            _pro_rata_explanation(person, result.people[person.index].backdoor_roth, voice),
            _basis_explanation(person, result.people[person.index].backdoor_roth, voice),
        )
        if text is not None
    ]
    headline = (
        _headline(decision, result, voice)
        + _elections_in_place(decision, voice, today)
        + _pay_left_short(decision, result.tax_year, voice, today)
    )
    return Verdict(
        headline=" ".join(headline),
        status=headline[0],
        sentences=tuple(said.text for said in _by_gain(sentences)),
        # A year already over, with what was done in it entered, is a record: nothing done now
        # changes its figures. (Without it, a past year's plan is a what-if: its changes stay.)
        changes=()
        if _record_of_a_year_gone(result)
        else tuple(_changes(decision, result, voice, today)),
        explanations=tuple(explanations),
        no_change=tuple(_no_change(decision, voice)),
    )


def _by_gain(said: list[_Said]) -> list[_Said]:
    return sorted(said, key=lambda s: -s.gain)


# ---------------------------------------------------------------- wording helpers


def _percent(rate: Decimal) -> str:
    """A share in a sentence, to one decimal at most: 0.86957 -> 87.0%."""
    return f"{(rate * 100).quantize(TENTH, ROUND_HALF_UP)}%"


def _tax_words(tax: Decimal, taxable: Decimal, what: str) -> str:
    if taxable <= ZERO:
        return f"{format_money(tax)} of tax"
    return f"{format_money(tax)} of tax on {format_money(taxable)} of {what}"


def _not_sure(name: str, voice: Voice) -> str:
    return f"{voice.subject(name)} {voice.verb(name, 'are', 'is')} not sure of"


def _roll_into(person: PersonDecision, voice: Voice) -> str:
    """Where the pre-tax IRA money goes (IRC 408(d)(3)(A)(ii): a plan that takes roll-ins)."""
    your = voice.possessive(person.name)
    target = person.ira.roll_in_target
    if target is RollInTarget.THIS_PLAN:
        return f"{your} 401(k)"
    if target is RollInTarget.OTHER_EMPLOYER_PLAN:
        return f"{your} other employer's 401(k), which takes IRA roll-ins,"
    if target is RollInTarget.SOLO_401K:
        return f"a solo 401(k) for {your} self-employment income that takes IRA roll-ins"
    return "a 401(k)"


# ---------------------------------------------------------------- one sentence per route


def _rmd_sentences(person: PersonDecision, voice: Voice) -> list[_Said]:
    rmd = person.required_minimum_distribution
    if rmd <= ZERO:
        return []
    return [
        _Said(
            f"First take the {format_money(rmd)} required minimum distribution from "
            f"{voice.possessive(person.name)} traditional IRAs (IRC 401(a)(9)): the first dollars "
            "out this year count toward it, and it can't be rolled into a 401(k) or converted."
            + _first_rmd_words(person)
            + _rmd_basis_words(person),
            # Said before the moves it must precede.
            person.roth_added + ONE,
        )
    ]


def _rmd_basis_words(person: PersonDecision) -> str:
    """In an RMD year the backdoor's basis also makes part of the RMD tax-free (Form 8606
    lines 10-15a), so the income it adds is less than its line 18 (compute.backdoor_income):
    said, as the form shows line 18 beside a smaller tax."""
    ira = person.ira
    if ira.nondeductible_contribution <= ZERO or ira.taxable_amount <= ZERO:
        return ""
    return (
        f" The backdoor's basis also lowers the RMD's taxable part (Form 8606 line 15a), so it "
        f"adds less income than the {format_money(ira.taxable_amount)} on line 18: "
        f"{format_money(ira.tax_due)} of tax."
    )


def _first_rmd_words(person: PersonDecision) -> str:
    wait = person.first_rmd_may_wait_until
    if wait is None:
        return ""
    return (
        f" As the first, it may wait until {long_date(wait)} if nothing else leaves the IRAs "
        f"this year (then two are taxed in {wait.year}); these figures take it this year."
    )


def _mega_sentence(person: PersonDecision, voice: Voice) -> _Said:
    mega = person.mega
    if mega.route is MegaRoute.MEGA_BACKDOOR and mega.after_tax_route in ROUTE_ACTIONS:
        left = after_tax_left(person.paychecks, mega.after_tax_contribution)
        already = mega.after_tax_contribution - left
        if already <= ZERO:
            step = f"contribute {format_money(left)} after-tax to the 401(k) and"
        elif left > ZERO:
            step = (
                f"contribute {format_money(left)} more after-tax to the 401(k) "
                f"({format_money(already)} is already in) and"
            )
        else:
            step = f"the {format_money(already)} of after-tax money is in the 401(k):"
        return _Said(
            f"Do the mega backdoor: {step} {ROUTE_ACTIONS[mega.after_tax_route]}: "
            f"{format_money(mega.roth_added)} to Roth for "
            f"{_tax_words(mega.tax_due, mega.taxable_amount, 'earnings')} now. "
            "The IRA balance does not affect it." + _paychecks_fall_short(person, voice),
            mega.roth_added,
        )
    return _Said(_no_mega_reason(person, voice), ZERO)


def _second_plan_sentences(person: PersonDecision) -> list[_Said]:
    """A second, unrelated employer's plan has its own 415(c) limit (Treas. Reg. 1.415(f)-1):
    its mega backdoor is part of the answer when the decision does it."""
    second = person.second_plan_mega
    if (
        second is None
        or second.route is not MegaRoute.MEGA_BACKDOOR
        or second.after_tax_route not in ROUTE_ACTIONS
    ):
        return []
    return [
        _Said(
            # No "too": sentences are ordered by what they add, so this one may come first.
            "Do the mega backdoor in the second employer's plan"
            + (" as well as in the first" if person.mega.route is MegaRoute.MEGA_BACKDOOR else "")
            + ": contribute "
            f"{format_money(second.after_tax_contribution)} after-tax and "
            f"{ROUTE_ACTIONS[second.after_tax_route]}: {format_money(second.roth_added)} to Roth "
            f"for {_tax_words(second.tax_due, second.taxable_amount, 'earnings')} now.",
            second.roth_added,
        )
    ]


def _paychecks_fall_short(person: PersonDecision, voice: Voice) -> str:
    """When the paychecks ahead cannot carry the after-tax figure (elections that start late
    in the year, a plan's per-paycheck cap): what they reach, beside the figure."""
    mega = person.mega
    wanted = mega.after_tax_contribution + mega.after_tax_beyond_paychecks
    # Whole-percent elections miss a figure by a few dollars: the paycheck plan says so, the
    # answer need not.
    if mega.after_tax_beyond_paychecks * 100 <= wanted:
        return ""
    return (
        f" {voice.starts(voice.possessive(person.name))} paychecks carry only "
        f"{format_money(mega.after_tax_contribution)} of the {format_money(wanted)} after-tax "
        "figure, so that is what counts: see the paycheck plan."
    )


def _way_out_words(names: tuple[str, ...]) -> str:
    words = {
        "allows_in_service_distribution": "in-service distributions",
        "allows_in_plan_roth_conversion": "in-plan Roth conversions",
    }
    return " or ".join(words[name] for name in names)


def _no_mega_reason(person: PersonDecision, voice: Voice) -> str:
    mega = person.mega
    your = voice.possessive(person.name)
    reason = mega.reasons[0]
    if reason is Reason.NO_PLAN:
        return "No mega backdoor: no workplace plan was entered."
    if reason is Reason.AFTER_TAX_NOT_SURE:
        return (
            f"The mega backdoor depends on whether {your} plan takes after-tax contributions, "
            f"which {_not_sure(person.name, voice)}: the figures assume it does not."
        )
    if reason is Reason.NO_AFTER_TAX:
        return f"No mega backdoor: {your} plan does not take after-tax contributions."
    if reason is Reason.WAY_OUT_NOT_SURE:
        return (
            f"The mega backdoor depends on whether {your} plan allows "
            f"{_way_out_words(mega.not_sure)}, which {_not_sure(person.name, voice)}: "
            "the figures assume it does not, so none of the after-tax room counts as used "
            "(after-tax money left in the plan adds no Roth dollars)."
        )
    if reason is Reason.NO_WAY_OUT:
        return (
            f"No mega backdoor: {your} plan allows neither in-service distributions nor in-plan "
            "Roth conversions, so after-tax money cannot reach a Roth account."
        )
    if reason is Reason.NO_ROOM and mega.annual_additions_limit <= ZERO:
        return (
            f"No mega backdoor: with no pay, {your} 415(c) limit is $0 (it is at most 100% of pay)."
        )
    if reason is Reason.NO_ROOM:
        return (
            "No mega backdoor: deferrals and employer money already use the whole 415(c) "
            f"limit of {format_money(mega.annual_additions_limit)}."
        )
    if reason is Reason.NO_AFTER_TAX_PLANNED and mega.after_tax_beyond_paychecks > ZERO:
        rows = person.paychecks.paychecks if person.paychecks else ()
        if not rows:
            why = "no payday is left this year from the date the elections start"
        elif all(row.plan_pay <= ZERO for row in rows):
            why = "the plan counts no pay past the compensation limit (IRC 401(a)(17))"
        else:
            why = "payroll tax and the other elections take the rest of each paycheck"
        return (
            f"No mega backdoor: the paychecks left this year can carry none of the "
            f"{format_money(mega.after_tax_beyond_paychecks)} of after-tax money, since {why}."
        )
    if reason is Reason.NO_AFTER_TAX_PLANNED:
        return "No mega backdoor: no after-tax contribution is planned."
    return (
        f"No mega backdoor: the {format_money(mega.after_tax_contribution)} of after-tax money "
        "stays in the plan and adds nothing to Roth."
    )


def _pro_rata_opening(person: PersonDecision, voice: Voice) -> str:
    skipped = person.ira.skipped
    assert skipped is not None
    return (
        f"The backdoor would be {_percent(skipped.taxable_share)} taxable "
        f"({format_money(skipped.tax_due)} tax) because of {voice.possessive(person.name)} "
        f"{_pre_tax_words(person.ira)}"
    )


def _pre_tax_words(ira: IraMove) -> str:
    """The pre-tax money the pro-rata rule counts (Form 8606 lines 6 to 8, less basis): the
    December 31 balance, and with it what this year converts or distributes beyond it."""
    if ira.pre_tax_ira_money > ira.ira_value:
        return (
            f"{format_money(ira.pre_tax_ira_money)} of pre-tax IRA money this year (the"
            " December 31 balance plus what is converted or distributed, less basis)"
        )
    return f"{format_money(ira.pre_tax_ira_money)} pre-tax IRA balance on December 31"


def _so_taxable(ira: IraMove) -> str:
    """The taxable part of converting everything: the pre-tax money, except where Form 8606's
    line 10 ratio, rounded (to 5 places unless the user chose more), lands it a few cents off."""
    if ira.taxable_amount == ira.pre_tax_ira_money:
        return f"so {format_money(ira.taxable_amount)} is taxable"
    return (
        f"and Form 8606 (its line 10 ratio rounded) makes {format_money(ira.taxable_amount)} "
        "of it taxable"
    )


def _ira_sentence(
    person: PersonDecision, planned: BackdoorResult, year: int, voice: Voice
) -> _Said:
    ira = person.ira
    your = voice.possessive(person.name)
    route = ira.route
    gain = ira.direct_roth + ira.conversion - ira.tax_due
    if route is IraRoute.DIRECT_ROTH:
        why = (
            "reduced in the phase-out (Pub. 590-A Worksheet 2-2)"
            if Reason.DIRECT_ROTH_REDUCED in ira.reasons
            else "income is below the phase-out"
        )
        text = (
            f"Contribute {format_money(ira.direct_roth)} directly to {your} Roth IRA: modified "
            f"AGI of {format_money(planned.magi)} allows up to "
            f"{format_money(ira.direct_roth_limit)} ({why})"
        )
        if Reason.REST_BY_BACKDOOR in ira.reasons:
            text += (
                f"; do the backdoor for the other {format_money(ira.nondeductible_contribution)}: "
                f"contribute it to a traditional IRA and convert {format_money(ira.conversion)} "
                f"for {format_money(ira.tax_due)} of tax now"
            )
        elif (rest := _rest_left_out(ira, planned, your)) is not None:
            return _Said(f"{text}. {rest}", gain)
        else:
            text += ", so no backdoor is needed"
            if ira.conversion > ZERO:
                text += (
                    f"; the {format_money(ira.conversion)} conversion asked for is a plain Roth "
                    f"conversion of other IRA money ({format_money(ira.tax_due)} of tax now)"
                )
        return _Said(text + ".", gain)
    if route is IraRoute.BACKDOOR and Reason.PRO_RATA not in ira.reasons:
        rolled = (
            f" after rolling {format_money(ira.roll_in)} of pre-tax IRA money into the 401(k) "
            "by December 31"
            if ira.roll_in > ZERO
            else ""
        )
        return _Said(
            f"Do the backdoor Roth: contribute {format_money(ira.nondeductible_contribution)} "
            f"to a traditional IRA and convert {format_money(ira.conversion)}{rolled}: "
            f"{format_money(ira.conversion)} to Roth for "
            f"{_tax_words(ira.tax_due, ira.taxable_amount, 'earnings')} now.",
            gain,
        )
    if route is IraRoute.BACKDOOR:
        text = (
            f"The backdoor would be {_percent(ONE - _line_10(planned))} taxable "
            f"({format_money(ira.tax_due)} tax) because of {your} {_pre_tax_words(ira)}"
        )
        if Reason.ROLL_INS_NOT_SURE in ira.reasons:
            text += (
                f": if {your} plan takes IRA roll-ins, roll it in by December 31 (see what "
                "depends on that below)."
            )
        else:
            text += (
                ": with no plan to roll it into, weigh skipping the backdoor this year or ask "
                "another employer plan that takes IRA roll-ins."
            )
        return _Said(text, gain)
    if route is IraRoute.ROLL_IN_FIRST:
        skipped = ira.skipped
        saving = ZERO if skipped is None else skipped.tax_due - ira.tax_due
        after = "it is $0" if ira.tax_due <= ZERO else f"it saves {format_money(saving)}"
        if ira.roll_in_target is RollInTarget.SOLO_401K:
            move = (
                f"open {_roll_into(person, voice)}, roll it in by December 31 (SEP-IRA money "
                f"included) and {after}"
            )
        else:
            move = f"roll it into {_roll_into(person, voice)} by December 31 and {after}"
        move += _simple_ira_condition(ira.simple_ira_money)
        if skipped is None:
            return _Said(f"Roll the pre-tax IRA money into a plan first: {move}.", gain)
        return _Said(f"{_pro_rata_opening(person, voice)}: {move}.", gain)
    if route is IraRoute.CONVERT_ALL:
        included = (
            f", this year's {format_money(ira.nondeductible_contribution)} contribution included"
            if ira.nondeductible_contribution > ZERO
            else ""
        )
        return _Said(
            f"Convert the whole traditional IRA, {format_money(ira.conversion)}{included}: only "
            f"{format_money(ira.pre_tax_ira_money)} of it is pre-tax, {_so_taxable(ira)} "
            f"({format_money(ira.tax_due)} of tax now) and no pre-tax money is left for the "
            "pro-rata rule next year.",
            gain,
        )
    if route is IraRoute.PLAIN_CONVERSION:
        return _Said(
            f"Convert {format_money(ira.conversion)} from the traditional IRA to {your} Roth IRA: "
            "a plain Roth conversion, not a backdoor (no new nondeductible contribution), "
            f"{format_money(ira.taxable_amount)} of it taxable "
            f"({format_money(ira.tax_due)} of tax now).",
            gain,
        )
    if route is IraRoute.SKIP:
        text = _pro_rata_opening(person, voice)
        if Reason.ROLL_INS_NOT_SURE in ira.reasons:
            text += (
                f": if {your} plan takes IRA roll-ins, roll it in by December 31 (see what "
                "depends on that below); if not, skip the backdoor this year."
            )
        else:
            text += (
                ": with no plan to roll it into, skip the backdoor this year unless the balance "
                "goes into a 401(k) that takes IRA roll-ins first (another employer's plan, "
                "say)."
            )
        return _Said(text, ZERO)
    if route is IraRoute.CONVERT_NEXT_YEAR:
        text = (
            f"The {format_money(ira.nondeductible_contribution)} backdoor contribution is made "
            f"next year, so it is converted, and reaches Roth, in {year + 1}."
        )
        if ira.conversion > ZERO:
            # Line 8 counts this year's conversions: money already in the IRAs (line 6).
            text += (
                f" This year's {format_money(ira.conversion)} conversion is of money already in "
                f"{your} IRAs: {_tax_words(ira.tax_due, ira.taxable_amount, 'it')} now "
                "(Form 8606 lines 6–18)."
            )
        return _Said(text, ira.conversion - ira.tax_due)
    if Reason.NO_CONTRIBUTION_ALLOWED in ira.reasons:
        return _Said(
            "No backdoor Roth: no traditional IRA contribution is allowed for this year.", ZERO
        )
    if Reason.NO_CONTRIBUTION_PLANNED in ira.reasons:
        return _Said("No backdoor Roth: no nondeductible IRA contribution is planned.", ZERO)
    return _Said("No backdoor Roth: nothing is converted this year.", ZERO)


# ---------------------------------------------------------------- what is already done


def _done_said(person: PersonDecision, result: PlanResult, voice: Voice) -> _Said | None:
    """The backdoor already under way: what is made, what is left with its deadline and the
    repairs, from the decision's facts (the progress section lists the same steps)."""
    ira = person.ira
    if not ira.done or ira.contribution_made_next_year:
        return None
    made = _made_words(ira)
    finished = ira.contribution_left <= ZERO and ira.conversion_left <= ZERO
    waiting = [r for r in ira.repairs if r.kind is RepairKind.CONTRIBUTION_NOT_CONVERTED]
    if finished and waiting and _record_of_a_year_gone(result):
        # The year is over: the contribution stays as basis, which its repair says.
        text = f"The backdoor was not finished: {made} {_the_year(result)}."
    elif finished and not waiting:
        text = f"The backdoor is done: {made} {_the_year(result)}."
    else:
        text = f"The backdoor is under way: {made} so far."
    # With more to contribute, the contribution waiting is converted with the rest: one step
    # (Form 8606 line 8 counts them together), not a second "left to do" with the same tax.
    merged = bool(waiting) and ira.contribution_left > ZERO
    left = _left_words(ira, result, person.index, bool(waiting) and not merged)
    if left:
        text += f" Left to do: {left}."
    text += "".join(
        f" {_repair_words(ira, repair, voice)}"
        for repair in ira.repairs
        if not (merged and repair.kind is RepairKind.CONTRIBUTION_NOT_CONVERTED)
    )
    if finished and not ira.repairs and ira.tax_due > ZERO:
        text += f" It costs {_tax_words(ira.tax_due, ira.taxable_amount, 'the conversion')} now."
    return _Said(text, ira.conversion - ira.tax_due)


def _record_of_a_year_gone(result: PlanResult) -> bool:
    """What was done is entered (progress) and the user's date is past the tax year."""
    return result.progress is not None and year_ended(result.tax_year, result.progress.as_of)


def _the_year(result: PlanResult) -> str:
    """ "this year", or the tax year by its number once the user's date is past it."""
    return f"in {result.tax_year}" if _record_of_a_year_gone(result) else "this year"


def _made_words(ira: IraMove) -> str:
    if ira.converted <= ZERO:
        return f"{format_money(ira.contributed)} contributed"
    if ira.contributed <= ZERO:
        return f"{format_money(ira.converted)} converted to Roth"
    if ira.contributed == ira.converted:
        return f"{format_money(ira.contributed)} contributed and converted to Roth"
    return (
        f"{format_money(ira.contributed)} contributed and {format_money(ira.converted)} "
        "converted to Roth"
    )


def _by(deadline: date, days_left: int | None) -> str:
    when = f"by {long_date(deadline)}"
    return when if days_left is None else f"{when} ({days_words(days_left)})"


def _left_words(ira: IraMove, result: PlanResult, index: int, waiting: bool) -> str:
    """The moves not made yet: the contribution left and its conversion (a contribution
    waiting to be converted is said with its repair)."""
    year_end = date(result.tax_year, 12, 31)
    days = None if result.progress is None else (year_end - result.progress.as_of).days
    parts = []
    if ira.contribution_left > ZERO:
        parts.append(f"contribute {format_money(ira.contribution_left)} more")
    if ira.conversion_left > ZERO and not waiting:
        parts.append(f"convert {format_money(ira.conversion_left)}")
    if ira.roll_in > ZERO and not any(
        r.kind is RepairKind.PRE_TAX_AFTER_CONVERSION for r in ira.repairs
    ):
        parts.append(f"roll {format_money(ira.roll_in)} of pre-tax IRA money into a plan")
    if not parts:
        return ""
    tax = f" for {format_money(ira.tax_due)} of tax" if ira.conversion_left > ZERO else ""
    return f"{' and '.join(parts)} {_by(year_end, days)}{tax}"


def _simple_ira_condition(simple_ira_money: Decimal | None) -> str:
    """A roll-in's figure holds for SIMPLE IRA money only from two years after the first
    contribution to the SIMPLE IRA (IRC 408(d)(3)(G), 72(t)(6))."""
    if not simple_ira_money:
        return ""
    return (
        f" (if the first contribution to the SIMPLE IRA was two or more years ago: before that "
        f"its {format_money(simple_ira_money)} cannot go to a 401(k), IRC 408(d)(3)(G))"
    )


def _repair_words(ira: IraMove, repair: Repair, voice: Voice) -> str:
    amount = format_money(repair.amount)
    when = _by(repair.deadline, repair.days_left)
    if repair.kind is RepairKind.PRE_TAX_AFTER_CONVERSION:
        assert repair.roll_in_to is not None
        kept = format_money(repair.tax_if_kept or ZERO)
        taxable = format_money(repair.taxable_if_kept or ZERO)
        if repair.days_left < 0:
            return (
                f"The {amount} of pre-tax IRA money makes {taxable} of the conversion taxable "
                f"and it is too late to roll it out for {repair.deadline.year}: pay the {kept} "
                "of tax."
            )
        return (
            f"To put right: the {amount} of pre-tax IRA money makes {taxable} of the conversion "
            f"taxable (Form 8606 lines 6-11). Roll it into {ROLL_IN_WORDS[repair.roll_in_to]} "
            f"{when} and the tax is {format_money(repair.tax_if_rolled_in or ZERO)}"
            f"{_simple_ira_condition(repair.simple_ira_money)}, or keep it and pay {kept}."
        )
    if repair.kind is RepairKind.CONTRIBUTION_NOT_CONVERTED:
        if repair.days_left < 0:
            return (
                f"The {amount} contributed was not converted by December 31: it stays as basis "
                "and can be converted in a later year."
            )
        if ira.conversion_left <= ZERO and ira.conversion <= ira.converted:
            # The plan as entered converts no more this year (a conversion typed at what is
            # made): the contribution stays as basis unless it is converted in time.
            return (
                f"The {amount} contributed is not converted, and the plan as entered converts "
                f"no more this year: it stays as basis (Form 8606 line 14) unless converted "
                f"{when}."
            )
        if unconverted_is_a_choice(ira):
            return (
                f"Left to decide: the {amount} contributed is not converted yet, and "
                f"{format_money(ira.pre_tax_ira_money)} of pre-tax IRA money makes "
                f"{_percent(ira.taxable_amount / ira.conversion)} of converting it taxable "
                f"(Form 8606 lines 6-11). Convert it {when} for {format_money(ira.tax_due)} of "
                "tax, or leave it in the traditional IRA for $0 of tax now: its basis carries "
                "forward (line 14), to convert tax-free once the pre-tax money is rolled into a "
                "401(k) that takes it."
            )
        return (
            f"Left to do: convert the {amount} contributed {when}, for "
            f"{format_money(ira.tax_due)} of tax (Form 8606 line 8 counts conversions made by "
            "December 31)."
        )
    excise = format_money(repair.excise_tax_per_year or ZERO)
    in_line_6 = ""
    if repair.tax_if_kept is not None and repair.days_left >= 0:
        year_end = date(repair.deadline.year - 1, 12, 31)
        in_line_6 = (
            f" Out by {long_date(year_end)}, it also leaves Form 8606 line 6: the conversion's "
            f"tax is then {format_money(repair.tax_if_rolled_in or ZERO)}, not "
            f"{format_money(repair.tax_if_kept)}."
        )
    return (
        f"To put right: {amount} is more than the year's IRA limit: withdraw it with its "
        f"earnings {when}, the return's due date with extensions (IRC 408(d)(4)), or pay "
        f"{excise} (6%) for each year it stays (IRC 4973).{in_line_6}"
    )


def _rest_left_out(ira: IraMove, planned: BackdoorResult, your: str) -> str | None:
    """A direct contribution cut by the phase-out, the rest of the IRA limit not done by
    backdoor because the pre-tax IRA money would make it mostly taxable (Form 8606 lines
    6-11): said, with the roll-in that would open it."""
    rest = planned.contribution_limit - ira.direct_roth
    if (
        Reason.DIRECT_ROTH_REDUCED not in ira.reasons
        or Reason.REST_BY_BACKDOOR in ira.reasons
        or rest <= ZERO
        or pro_rata_balance(planned) is None
    ):
        return None
    return (
        f"A backdoor for the other {format_money(rest)} would be "
        f"{_percent(ONE - _line_10(planned))} taxable because of {your} pre-tax IRA money "
        "(the pro-rata rule), so it is left out unless that money goes into a 401(k) by "
        "December 31."
    )


def _line_10(planned: BackdoorResult) -> Decimal:
    form = planned.form_8606
    assert form is not None and form.line_10 is not None
    return form.line_10


def _together(decision: Decision) -> str:
    megas = any(p.mega.route is MegaRoute.MEGA_BACKDOOR for p in decision.people)
    iras = [p.ira for p in decision.people if p.ira.direct_roth + p.ira.conversion > ZERO]
    if megas and iras:
        what = "both"
    elif megas:
        what = "the mega backdoor"
    elif iras and all(ira.route in BACKDOOR_ROUTES for ira in iras):
        what = "the backdoor Roth"
    else:
        # A direct Roth contribution, say: no one name fits, and this is the first sentence.
        what = ""
    return (
        f"Together{', ' + what if what else ''}: {format_money(decision.roth_added)} to Roth for "
        f"{format_money(decision.tax_due)} of tax now."
    )


# ---------------------------------------------------------------- the headline


def _person_summary(person: PersonDecision, planned: BackdoorResult, voice: Voice) -> list[str]:
    """What one person does, in the headline's few sentences."""
    mega, ira = person.mega, person.ira
    do_mega = mega.route is MegaRoute.MEGA_BACKDOOR
    said: list[str] = []
    if do_mega and ira.route is IraRoute.BACKDOOR and Reason.PRO_RATA not in ira.reasons:
        return [
            f"Do both: {format_money(person.roth_added)} to Roth for "
            f"{format_money(person.tax_due)} of tax now." + _paychecks_fall_short(person, voice)
        ]
    # The plan's mega backdoor and a second employer's plan's, those the answer does.
    doing = [
        move
        for move in (mega, person.second_plan_mega)
        if move is not None and move.route is MegaRoute.MEGA_BACKDOOR
    ]
    if doing:
        if len(doing) == 2:
            where = " in both plans"
        elif doing[0] is mega:
            where = ""
        else:
            where = " in the second employer's plan"
        said.append(
            f"Do the mega backdoor{where}: "
            f"{format_money(sum((m.roth_added for m in doing), ZERO))} to Roth for "
            f"{format_money(sum((m.tax_due for m in doing), ZERO))} of tax now."
            + _paychecks_fall_short(person, voice)
        )
    said += _ira_summary(person, planned, voice, bool(doing))
    return said


def _ira_summary(
    person: PersonDecision, planned: BackdoorResult, voice: Voice, after_mega: bool
) -> list[str]:
    ira = person.ira
    who = voice.subject(person.name)
    your = voice.possessive(person.name)
    route = ira.route
    if route is IraRoute.DIRECT_ROTH:
        if Reason.REST_BY_BACKDOOR in ira.reasons:
            text = (
                f"Contribute {format_money(ira.direct_roth)} directly to a Roth IRA, as much as "
                f"income allows, and the backdoor adds the other {format_money(ira.conversion)} "
                f"for {format_money(ira.tax_due)} of tax now"
            )
            return [text + "."]
        rest = _rest_left_out(ira, planned, your)
        if rest is not None:
            # Two sentences: the first is the phone's sticky status line.
            return [
                f"Contribute {format_money(ira.direct_roth)} directly to a Roth IRA, as much as "
                "income allows.",
                rest,
            ]
        text = (
            f"Contribute {format_money(ira.direct_roth)} directly to a Roth IRA: income allows "
            "it, so no backdoor is needed"
        )
        if ira.conversion > ZERO:
            text += (
                f"; convert {format_money(ira.conversion)} as planned, a plain Roth conversion "
                f"(not a backdoor): {format_money(ira.tax_due)} of tax now"
            )
        return [text + "."]
    if route is IraRoute.BACKDOOR and Reason.PRO_RATA not in ira.reasons:
        return [
            f"Do the backdoor Roth: {format_money(ira.conversion)} to Roth for "
            f"{format_money(ira.tax_due)} of tax now."
        ]
    if route is IraRoute.BACKDOOR:
        part = _pro_rata_part(planned)
        if after_mega:
            return [
                f"The backdoor adds {format_money(ira.conversion)} but costs "
                f"{format_money(ira.tax_due)} of tax, {part} of it because of the pre-tax IRA "
                "balance."
            ]
        return [
            f"Do the backdoor Roth: {format_money(ira.conversion)} to Roth for "
            f"{format_money(ira.tax_due)} of tax now, {part} of it because of the pre-tax IRA "
            "balance (the pro-rata rule)."
        ]
    if route is IraRoute.ROLL_IN_FIRST:
        # "and", not "then": the pro-rata rule reads the December 31 value (Form 8606 line 6),
        # so a conversion made before the roll-in is as clean as one made after it.
        then = "do the backdoor" if ira.nondeductible_contribution > ZERO else "convert"
        opening = (
            f"Open {_roll_into(person, voice)} and roll"
            if ira.roll_in_target is RollInTarget.SOLO_401K
            else "Roll"
        )
        into = (
            "into it"
            if ira.roll_in_target is RollInTarget.SOLO_401K
            else (f"into {_roll_into(person, voice)}")
        )
        said = [
            f"{opening} the {format_money(ira.roll_in)} of pre-tax IRA money {into} by "
            f"December 31 and {then}: {format_money(ira.conversion)} to Roth for "
            f"{format_money(ira.tax_due)} of tax now."
        ]
        if ira.simple_ira_money:
            # Its own sentence: the first is the phone's sticky status line.
            said.append(
                f"That holds for the {format_money(ira.simple_ira_money)} in the SIMPLE IRA "
                "only if its first contribution was two or more years ago (IRC 408(d)(3)(G))."
            )
        return said
    if route is IraRoute.CONVERT_ALL:
        return [
            f"Convert the whole traditional IRA: {format_money(ira.conversion)} to Roth for "
            f"{format_money(ira.tax_due)} of tax now, only "
            f"{format_money(ira.pre_tax_ira_money)} of it pre-tax."
        ]
    if route is IraRoute.PLAIN_CONVERSION:
        return [
            f"Convert {format_money(ira.conversion)} to {your} Roth IRA, a plain Roth conversion "
            f"(not a backdoor): {format_money(ira.tax_due)} of tax now."
        ]
    if route is IraRoute.SKIP:
        skipped = ira.skipped
        assert skipped is not None
        roll = voice.verb(person.name, "roll", "rolls")
        # The year's required minimum distribution, said first, cannot be rolled over (IRC
        # 402(c)(4)(B)), nor can basis (IRC 408(d)(3)(A)(ii)): what can go is the pre-tax money
        # still in the IRAs on December 31, at most their value then (Form 8606 line 6).
        rollable = min(ira.pre_tax_ira_money, ira.ira_value)
        return [
            f"Skip the backdoor this year unless {who} {roll} the "
            f"{format_money(rollable)} into a 401(k) first: as things stand it is "
            f"in effect a taxable conversion of {format_money(skipped.taxable_amount)} of "
            f"pre-tax IRA money ({format_money(skipped.tax_due)} tax now)."
        ]
    if route is IraRoute.CONVERT_NEXT_YEAR and ira.conversion > ZERO:
        return [
            f"Convert {format_money(ira.conversion)} of money already in {your} IRAs: "
            f"{format_money(ira.tax_due)} of tax now; the "
            f"{format_money(ira.nondeductible_contribution)} contribution made next year is "
            "converted then."
        ]
    return []


def _pro_rata_part(planned: BackdoorResult) -> str:
    """How much of the backdoor's taxable amount the pre-tax IRA money causes: "all" when it
    would be $0 without it, "most" when over half."""
    without = taxable_without_balance(planned)
    if without <= ZERO:
        return "all"
    return "most" if without * 2 < planned.taxable_amount else "part"


def _headline(decision: Decision, result: PlanResult, voice: Voice) -> list[str]:
    """The headline's sentences; the first is the panel's sticky line on phones."""
    couple = len(decision.people) > 1
    said: list[str] = []
    for person in decision.people:
        prefix = f"{voice.starts(voice.name(person.name))}: " if couple else ""
        if person.required_minimum_distribution > ZERO:
            said.append(
                f"{prefix}First take the "
                f"{format_money(person.required_minimum_distribution)} required minimum "
                "distribution."
            )
        planned = result.people[person.index].backdoor_roth
        summary = _person_summary(person, planned, voice)
        done = _done_said(person, result, voice)
        if done is not None:
            # What is already made and what is left replace the plan's IRA summary.
            mega = person.mega
            summary = [done.text]
            if mega.route is MegaRoute.MEGA_BACKDOOR:
                summary.insert(
                    0,
                    f"Do the mega backdoor: {format_money(mega.roth_added)} to Roth for "
                    f"{format_money(mega.tax_due)} of tax now.",
                )
        said += [prefix + text for text in summary]
    if couple and said:
        said.insert(0, _together(decision))
    if (
        not said
        or decision.roth_added <= ZERO
        and not any(p.ira.route is IraRoute.SKIP for p in decision.people)
    ):
        said = [*said, f"Neither route adds Roth money {_the_year(result)}."]
    if any(answer.changes for answer in decision.unknowns):
        whose = voice.starts(voice.household_possessive(decision.people[0].name))
        said.append(
            f"{whose} “not sure” answers could change this: see “What would change the answer”."
        )
    return said


def _elections_in_place(decision: Decision, voice: Voice, today: date | None) -> list[str]:
    """Paycheck elections dated before today: the figures hold only if they are in place, so
    the headline says so (a December visit that never set them has one paycheck or two)."""
    said = []
    for person in decision.people:
        plan = person.paychecks
        if today is None or plan is None or not plan.elections or plan.elections[0].starts >= today:
            continue
        said.append(
            f"These figures take {voice.possessive(person.name)} paycheck elections as in place"
            f" since {long_date(plan.elections[0].starts)}: if they are not, give the paychecks"
            " step the date they can start and what is in so far, to see what the paychecks"
            " left can carry."
        )
    return said


def _pay_left(person: PersonDecision, year: int, today: date | None) -> Decimal | None:
    """Without the paychecks step, the pay (after deferrals and payroll tax) still to come
    this year, spread evenly over its days: only the year's pay carries the year's after-tax
    money (Treas. Reg. 1.415(c)-1(b)(6)). None when the paychecks say it, or not this year."""
    if today is None or today.year != year or person.paychecks is not None:
        return None
    first, last = date(year, 1, 1), date(year, 12, 31)
    share_left = Fraction((last - today).days + 1, (last - first).days + 1)
    pay = person.mega.year_pay_for_after_tax
    return cents(pay * share_left.numerator / share_left.denominator)


def _pay_left_short(decision: Decision, year: int, voice: Voice, today: date | None) -> list[str]:
    """The headline says when the pay still to come cannot carry the after-tax figure: one
    sentence for the household, as the headline prints on the packet's first page."""
    short = []
    for person in decision.people:
        left = _pay_left(person, year, today)
        mega = person.mega
        if mega.route is not MegaRoute.MEGA_BACKDOOR or left is None:
            continue
        if mega.after_tax_contribution > left:
            short.append((person, left))
    if not short:
        return []
    pay = " and ".join(
        f"{format_money(left)} of {voice.possessive(person.name)}" for person, left in short
    )
    figures = " and ".join(format_money(person.mega.after_tax_contribution) for person, _ in short)
    return [
        f"Only about {pay} pay (after deferrals and payroll tax) is left this year, less than the "
        f"{figures} after-tax figure{'s' if len(short) > 1 else ''}: enter what is in so far on "
        "the paychecks step."
    ]


# ---------------------------------------------------------------- what changes the answer


def _basis_left_to_convert(ira: IraMove) -> Decimal:
    """What the IRAs hold on December 31 after the answer's conversion when all of it is
    basis (line 10 at 1, nothing pre-tax left: a roll-in took it): a tax-free conversion."""
    form = ira.form_8606
    if (
        form is None
        or form.line_6 is None
        or form.line_10 is None
        or form.line_10 < ONE
        or ira.conversion <= ZERO
    ):
        return ZERO
    return form.line_6


def _changes(
    decision: Decision, result: PlanResult, voice: Voice, today: date | None = None
) -> list[str]:
    from_unknowns = _unknown_changes(decision, result, voice, today)
    others: list[_Said] = []
    for person in decision.people:
        ira = person.ira
        your = voice.possessive(person.name)
        if (
            ira.route is IraRoute.ROLL_IN_FIRST
            and ira.roll_in_target is RollInTarget.THIS_PLAN
            and ira.skipped is not None
        ):
            saving = ira.skipped.tax_due - ira.tax_due
            if saving > ZERO:
                # The cost without the roll-in, and what the roll-in saves where that differs
                # (basis already carried, or a conversion beyond it, is taxed either way).
                more = "" if ira.tax_due <= ZERO else f", {format_money(saving)} more"
                others.append(
                    _Said(
                        f"Without the roll-in of {your} pre-tax IRA money into the 401(k) by "
                        f"December 31, the backdoor costs {format_money(ira.skipped.tax_due)} "
                        f"of tax this year{more} (the pro-rata rule, Form 8606 lines 6-11).",
                        saving,
                    )
                )
        # An excess contribution in line 6 is after-tax money no plan takes: its withdrawal
        # by December 31 is the repair, not a roll-in (progress.py).
        excess_in_line_6 = any(
            r.kind is RepairKind.EXCESS_CONTRIBUTION and r.tax_if_kept is not None
            for r in ira.repairs
        )
        if (
            Reason.NO_PLAN_TAKES_ROLL_INS in ira.reasons
            and ira.route in (IraRoute.SKIP, IraRoute.BACKDOOR)
            and not excess_in_line_6
        ):
            # The backdoor's pro-rata tax as entered: what a plan taking the money saves.
            tax = result.people[person.index].backdoor_roth.tax_due
            if tax > ZERO:
                has_plan = Reason.NO_PLAN not in person.mega.reasons
                whose = f"{your} plan does not" if has_plan else "none was entered"
                others.append(
                    _Said(
                        f"A workplace plan that takes IRA roll-ins ({whose}) would let {your} "
                        "pre-tax IRA money leave the pro-rata count by December 31, saving up "
                        f"to {format_money(tax)} of tax on the backdoor this year.",
                        tax,
                    )
                )
        basis_left = _basis_left_to_convert(ira)
        if basis_left > ZERO:
            others.append(
                _Said(
                    f"Converting the {format_money(basis_left)} left in {your} traditional IRAs "
                    "on December 31 too would add it to Roth tax-free: after the conversion it "
                    "is all basis (Form 8606 line 10 is 1), and line 14 carries it forward "
                    "otherwise.",
                    basis_left,
                )
            )
        mega = person.mega
        if (
            mega.route is MegaRoute.NONE
            and mega.after_tax_room > ZERO
            and mega.reasons[0]
            in (
                Reason.NO_AFTER_TAX,
                Reason.NO_WAY_OUT,
            )
        ):
            others.append(
                _Said(
                    "A plan that takes after-tax contributions and allows in-service "
                    "distributions or in-plan Roth conversions would let the mega backdoor add "
                    f"up to {format_money(mega.after_tax_room)} to Roth for "
                    f"{voice.subject(person.name)} (the after-tax room)."
                    + _acp_risk(person, result, voice),
                    mega.after_tax_room,
                )
            )
    chosen = _by_gain(from_unknowns) + _by_gain(others)[:MAX_OTHER_CHANGES]
    return [said.text for said in _by_gain(chosen)]


def _feature_words(fields: set[str]) -> str:
    parts = []
    if "allows_after_tax" in fields:
        parts.append("takes after-tax contributions")
    ways = [name for name in WAYS_OUT if name in fields]
    if ways:
        parts.append("allows " + _way_out_words(tuple(ways)))
    return " and ".join(parts)


def _acp_risk(person: PersonDecision, result: PlanResult, voice: Voice) -> str:
    """The acp_refund_risk warning's test, said where the verdict offers more after-tax room:
    an ACP test (IRC 401(m)) can refund part of it."""
    if not person.mega.likely_hce:
        return ""
    are = f"{voice.subject(person.name)} {voice.verb(person.name, 'are', 'is')}"
    return (
        f" As {are} likely a highly compensated employee (IRC 414(q): prior-year pay above "
        f"{format_money(result.limits.hce_threshold_lookback)}), a failed ACP test "
        "(IRC 401(m)) could refund part of it after the year ends."
    )


def _unknown_changes(
    decision: Decision, result: PlanResult, voice: Voice, today: date | None = None
) -> list[_Said]:
    """What each "not sure" answer changes. The figures are the household's: a couple hears
    so, with the one person's part of the mega backdoor beside it."""
    couple = len(decision.people) > 1
    whose = "the household's" if couple else "the"
    said: list[_Said] = []
    mega_groups: dict[int, list[UnknownAnswer]] = {}
    for answer in decision.unknowns:
        if not answer.changes:
            continue
        if answer.field in MEGA_FEATURES:
            mega_groups.setdefault(answer.index, []).append(answer)
            continue
        if_not = format_money(answer.if_no_tax_due)
        if decision.people[answer.index].ira.route is IraRoute.SKIP:
            if_not = f"skip the backdoor this year (as entered, {if_not} of tax)"
        ira = decision.people[answer.index].ira
        simple = _simple_ira_condition(
            next((r.simple_ira_money for r in ira.repairs if r.simple_ira_money), None)
            or ira.simple_ira_money
        )
        said.append(
            _Said(
                f"If {voice.possessive(answer.person)} plan takes IRA roll-ins: "
                f"{format_money(answer.if_yes_tax_due)} of tax on {whose} backdoor{simple}; "
                f"if not: {if_not}.",
                answer.if_no_tax_due - answer.if_yes_tax_due,
            )
        )
    for index, answers in mega_groups.items():
        first = answers[0]
        person = decision.people[index]
        more = first.if_yes_roth_added - first.if_no_roth_added
        part = f" ({format_money(more)} more)" if couple and first.if_no_roth_added > ZERO else ""
        left = _pay_left(person, result.tax_year, today)
        short = (
            f" Only about {format_money(left)} of {voice.possessive(first.person)} pay is left "
            "this year, so less can go in by December 31."
            if left is not None and more > left
            else ""
        )
        said.append(
            _Said(
                f"If {voice.possessive(first.person)} plan "
                f"{_feature_words({a.field for a in answers})}: {whose} mega backdoor adds "
                f"{format_money(first.if_yes_roth_added)} to Roth{part} for "
                f"{format_money(first.if_yes_tax_due)} of tax; if not: "
                f"{format_money(first.if_no_roth_added)}."
                + short
                + _acp_risk(person, result, voice),
                more,
            )
        )
    return said


NO_CHANGE_BECAUSE = {
    "allows_after_tax": "the plan has no way to move after-tax money to Roth either way",
    "allows_in_service_distribution": "after-tax money reaches Roth without it",
    "allows_in_plan_roth_conversion": "after-tax money reaches Roth without it",
    "accepts_ira_rollins": "there is no pre-tax IRA money that makes the backdoor taxable",
}
QUESTIONS = {
    "allows_after_tax": "takes after-tax contributions",
    "allows_in_service_distribution": "allows in-service distributions",
    "allows_in_plan_roth_conversion": "allows in-plan Roth conversions",
    "accepts_ira_rollins": "takes IRA roll-ins",
}


def _no_change(decision: Decision, voice: Voice) -> list[str]:
    """Each "not sure" answer that changes no figure, said so with why."""
    said = []
    for answer in decision.unknowns:
        if answer.changes:
            continue
        person = decision.people[answer.index]
        because = NO_CHANGE_BECAUSE[answer.field]
        reasons = person.mega.reasons
        if answer.field in MEGA_FEATURES and Reason.NO_ROOM in reasons:
            because = (
                "with no pay, the 415(c) limit is $0"
                if person.mega.annual_additions_limit <= ZERO
                else "the 415(c) limit leaves no after-tax room"
            )
        elif answer.field in WAYS_OUT and Reason.NO_AFTER_TAX in reasons:
            because = "the plan takes no after-tax contributions to move"
        elif answer.field in MEGA_FEATURES and Reason.NO_AFTER_TAX_PLANNED in reasons:
            because = "no after-tax contribution is planned"
        said.append(
            f"Whether {voice.possessive(answer.person)} plan {QUESTIONS[answer.field]} "
            f"(“not sure”) does not change anything here: {because}."
        )
    return said


# ---------------------------------------------------------------- why


def _pro_rata_explanation(
    person: PersonDecision, backdoor: BackdoorResult, voice: Voice
) -> str | None:
    form = backdoor.form_8606
    if pro_rata_balance(backdoor) is None or form is None or form.line_10 is None:
        return None
    assert form.line_5 is not None and form.line_6 is not None and form.line_9 is not None
    your = voice.possessive(person.name)
    who = voice.starts(voice.subject(person.name))
    pre_tax = person.ira.pre_tax_ira_money
    # With basis from earlier years (line 2), part of line 6 is basis: only without it may the
    # whole December 31 value be called pre-tax.
    if pre_tax >= form.line_6 and form.line_2 <= ZERO:
        holding = f"hold {format_money(form.line_6)} of pre-tax money on December 31 (line 6)"
    else:
        holding = (
            f"are worth {format_money(form.line_6)} on December 31 (line 6), basis included; "
            f"{format_money(pre_tax)} of the IRAs' money this year is pre-tax"
        )
    # Where the answer changes the backdoor entered, this is why it does.
    answered = person.ira.skipped is None and person.ira.conversion > ZERO
    is_taxable = "is taxable" if answered else "would be taxable as entered"
    return (
        f"Why {_percent(ONE - form.line_10)} of {your} conversion {is_taxable}: the pro-rata rule "
        f"(Form 8606 lines 6–11) counts all of {your} traditional, SEP and SIMPLE IRAs as one. "
        f"{who} put in {format_money(form.line_5)} of after-tax money (basis, line 5), and the "
        f"IRAs {holding}, so only {format_money(form.line_5)} of every "
        f"{format_money(form.line_9)} (line 9) converted is tax-free, and "
        f"{format_money(backdoor.taxable_amount)} of the {format_money(backdoor.conversion)} "
        f"conversion {is_taxable}. Pre-tax money rolled into a 401(k) by December 31 no longer "
        "counts."
    )


def _basis_explanation(
    person: PersonDecision, backdoor: BackdoorResult, voice: Voice
) -> str | None:
    # The answer's basis: where it changes the backdoor entered, the entered one's is not.
    basis = backdoor.basis_carried_forward if person.ira.skipped is None else ZERO
    if basis <= ZERO:
        return None
    return (
        f"The {format_money(basis)} of basis carried forward is not lost money: it is "
        f"{voice.possessive(person.name)} after-tax money still in the traditional IRA, already "
        "taxed. Form 8606 line 14 carries it to next year's line 2, where it makes that much of "
        "a later conversion or withdrawal tax-free."
    )
