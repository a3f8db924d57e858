"""The answer in words: which route to take, what it costs, why, and what would change it.

Every figure is a Decimal of the result formatted by format_money, the helper the page's
figures use, so a sentence and the table agree to the cent. The household given is the one
the figures were computed for (planner.engine.plan.assume_no: "not sure" read as no).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from planner.engine.backdoor import pro_rata_balance
from planner.engine.contract import DEFAULT_NAMES
from planner.engine.models import (
    AfterTaxRoute,
    BackdoorResult,
    Household,
    MegaBackdoorResult,
    Person,
    PersonResult,
    PlanResult,
    Totals,
    Unknown,
    Verdict,
)
from planner.engine.money import ONE, ZERO, cents, format_money
from planner.engine.paychecks import election_sentence
from planner.engine.warning_rules import likely_hce

MEGA_GROUP = frozenset(
    {"allows_after_tax", "allows_in_service_distribution", "allows_in_plan_roth_conversion"}
)
ROUTE_ACTIONS = {
    AfterTaxRoute.ROLLOVER_TO_ROTH_IRA: "roll it out to a Roth IRA",
    AfterTaxRoute.IN_PLAN_CONVERSION: "convert it to the plan's Roth account",
    AfterTaxRoute.SPLIT_EARNINGS_TO_TRADITIONAL_IRA: (
        "roll the contributions to a Roth IRA and the earnings to a traditional IRA"
    ),
}
# Changes that do not come from a "not sure" answer: at most this many, the largest first.
MAX_OTHER_CHANGES = 2
# A backdoor the pro-rata rule makes more than this share taxable is, in effect, a taxable
# conversion of pre-tax IRA money: the verdict says to skip it unless the balance goes first.
HEAVY_PRO_RATA_SHARE = Decimal("0.5")
TENTH = Decimal("0.1")


@dataclass(frozen=True, slots=True)
class _Said:
    """A sentence with what it is worth, to order sentences by what they gain."""

    text: str
    gain: Decimal


def verdict(household: Household, result: PlanResult) -> Verdict:
    people = list(zip(household.people, result.people, strict=True))
    couple = len(people) > 1
    sentences: list[_Said] = []
    for person, outcome in people:
        prefix = f"{outcome.name}: " if couple else ""
        sentences += [
            _Said(prefix + said.text, said.gain)
            for said in (
                _mega_sentence(person, outcome),
                _backdoor_sentence(person, outcome, result),
            )
        ]
        elections = outcome.paychecks and election_sentence(outcome.paychecks)
        if elections:
            sentences.append(_Said(prefix + elections, ZERO))
    if couple:
        sentences += _household_sentences(result.totals)
    explanations = [
        text
        for person, outcome in people
        for text in (_pro_rata_explanation(person, outcome), _basis_explanation(person, outcome))
        if text is not None
    ]
    headline = _headline(household, result)
    return Verdict(
        headline=" ".join(headline),
        status=headline[0],
        sentences=tuple(said.text for said in _by_gain(sentences)),
        changes=tuple(_changes(household, result)),
        explanations=tuple(explanations),
    )


def _by_gain(said: list[_Said]) -> list[_Said]:
    return sorted(said, key=lambda s: -s.gain)


# ---------------------------------------------------------------- wording helpers


def _is_you(name: str) -> bool:
    return name == DEFAULT_NAMES[0]


def _not_sure(name: str) -> str:
    # A shared page names the client ("which the client is not sure of"), never "you".
    return "you are not sure of" if _is_you(name) else f"{name} is not sure of"


def _your(name: str) -> str:
    return "your" if _is_you(name) else f"{name}'s"


def _you(name: str) -> str:
    return "you" if _is_you(name) else name


def _percent(rate: Decimal) -> str:
    """A share in a sentence, to one decimal at most: 0.86957 -> 87.0%."""
    return f"{(rate * 100).quantize(TENTH, ROUND_HALF_UP)}%"


def _tax_words(tax: Decimal, taxable: Decimal, what: str) -> str:
    if taxable <= ZERO:
        return f"{format_money(tax)} of tax"
    return f"{format_money(tax)} of tax on {format_money(taxable)} of {what}"


def _taxable_share(backdoor: BackdoorResult) -> str | None:
    """Form 8606: line 10 is the tax-free share of the conversion, the rest is taxable."""
    form = backdoor.form_8606
    if form is None or form.line_10 is None:
        return None
    return _percent(ONE - form.line_10)


def _taxable_without_balance(backdoor: BackdoorResult) -> Decimal:
    """The conversion's taxable amount with line 6 at 0 (the pre-tax IRA money rolled out):
    Form 8606 lines 9-11 on the basis, the distributions and the conversion alone."""
    form = backdoor.form_8606
    if form is None or form.line_5 is None or form.line_8 is None:
        return backdoor.taxable_amount
    spent = (form.line_7 or ZERO) + form.line_8
    if spent <= ZERO:
        return ZERO
    tax_free = cents(form.line_8 * min(ONE, form.line_5 / spent))
    return max(ZERO, form.line_8 - tax_free)


def _heavily_pro_rata(backdoor: BackdoorResult) -> bool:
    """More than half the conversion is taxable only because of the pre-tax IRA balance."""
    if pro_rata_balance(backdoor) is None:
        return False
    from_balance = backdoor.taxable_amount - _taxable_without_balance(backdoor)
    return from_balance > backdoor.conversion * HEAVY_PRO_RATA_SHARE


def _pro_rata_part(result: PlanResult) -> str:
    """How much of the backdoor's taxable amount the pre-tax IRA balance causes: "all" when
    it would be $0 with the balance rolled in (golden case d), "most" when over half."""
    taxable = without = ZERO
    for person in result.people:
        backdoor = person.backdoor_roth
        if pro_rata_balance(backdoor) is not None:
            taxable += backdoor.taxable_amount
            without += _taxable_without_balance(backdoor)
    if without <= ZERO:
        return "all"
    return "most" if without * 2 < taxable else "part"


def _skip_backdoor(person: Person, backdoor: BackdoorResult) -> str:
    balance = pro_rata_balance(backdoor)
    assert balance is not None
    plan = person.plan
    takes_roll_ins = plan is not None and plan.accepts_ira_rollins is True
    who = _you(person.name)
    roll = "roll" if _is_you(person.name) else "rolls"
    into = f"{_your(person.name)} 401(k) by December 31" if takes_roll_ins else "a 401(k)"
    return (
        f"Skip the backdoor this year unless {who} {roll} the {format_money(balance)} into "
        f"{into} first: as things stand it is in effect a taxable conversion of "
        f"{format_money(backdoor.taxable_amount)} of pre-tax IRA money "
        f"({format_money(backdoor.tax_due)} tax now); the basis is not lost."
    )


def _roll_in_saving(result: PlanResult, person: Person) -> Decimal | None:
    """What rolling the pre-tax IRA money in would save, when the plan takes it and it is not
    rolled in yet: the pro-rata warning prices that what-if, and the verdict quotes it."""
    plan = person.plan
    if plan is None or plan.accepts_ira_rollins is not True or person.ira.roll_into_plan:
        return None
    for warning in result.warnings:
        if warning.code == "pro_rata" and warning.person == person.name:
            return warning.dollar_effect
    return None


def _pro_rata_tax_without_roll_in(result: PlanResult, person: Person) -> Decimal | None:
    """The backdoor's pro-rata tax when no plan can take the pre-tax IRA money (the plan
    refuses roll-ins, or there is no plan): what a plan that took them could save, at most
    (IRC 408(d)(3)(A)(ii), Form 8606 line 6). None when the plan takes them or may."""
    plan = person.plan
    if person.ira.roll_into_plan or (plan is not None and plan.accepts_ira_rollins is not False):
        return None
    for warning in result.warnings:
        if warning.code == "pro_rata" and warning.person == person.name:
            return warning.dollar_effect
    return None


# ---------------------------------------------------------------- one sentence per route


def _mega_sentence(person: Person, outcome: PersonResult) -> _Said:
    mega = outcome.mega_backdoor_roth
    if mega.roth_added > ZERO and mega.route in ROUTE_ACTIONS:
        return _Said(
            f"Do the mega backdoor: contribute {format_money(mega.after_tax_contribution)} "
            f"after-tax to the 401(k) and {ROUTE_ACTIONS[mega.route]}: "
            f"{format_money(mega.roth_added)} to Roth for "
            f"{_tax_words(mega.tax_due, mega.taxable_amount, 'earnings')} now. "
            "The IRA balance does not affect it.",
            mega.roth_added,
        )
    return _Said(_no_mega_reason(person, mega), ZERO)


def _no_mega_reason(person: Person, mega: MegaBackdoorResult) -> str:
    plan = person.plan
    your = _your(person.name)
    if plan is None:
        return "No mega backdoor: no workplace plan was entered."
    if plan.allows_after_tax is None:
        return (
            f"The mega backdoor depends on whether {your} plan takes after-tax contributions, "
            f"which {_not_sure(person.name)}: the figures assume it does not."
        )
    if not plan.allows_after_tax:
        return f"No mega backdoor: {your} plan does not take after-tax contributions."
    ways_out = (plan.allows_in_service_distribution, plan.allows_in_plan_roth_conversion)
    if not any(ways_out):
        if None in ways_out:
            return (
                f"The mega backdoor depends on whether {your} plan allows in-service "
                f"distributions or in-plan Roth conversions, which {_not_sure(person.name)}: "
                "the figures assume it does not, so none of the after-tax room counts as used "
                "(after-tax money left in the plan adds no Roth dollars)."
            )
        return (
            f"No mega backdoor: {your} plan allows neither in-service distributions nor in-plan "
            "Roth conversions, so after-tax money cannot reach a Roth account."
        )
    if mega.after_tax_room <= ZERO:
        return (
            "No mega backdoor: deferrals and employer money already use the whole 415(c) "
            f"limit of {format_money(mega.annual_additions_limit)}."
        )
    if mega.after_tax_contribution <= ZERO:
        return "No mega backdoor: no after-tax contribution is planned."
    return (
        f"No mega backdoor: the {format_money(mega.after_tax_contribution)} of after-tax money "
        "stays in the plan and adds nothing to Roth."
    )


def _backdoor_sentence(person: Person, outcome: PersonResult, result: PlanResult) -> _Said:
    backdoor = outcome.backdoor_roth
    your = _your(person.name)
    if backdoor.roth_added <= ZERO:
        return _Said(_no_backdoor_reason(person, backdoor, result.tax_year), ZERO)
    balance = pro_rata_balance(backdoor)
    share = _taxable_share(backdoor)
    if balance is None or share is None:
        rolled = (
            f" after rolling {format_money(backdoor.rolled_into_plan)} of pre-tax IRA money into "
            "the 401(k) by December 31"
            if backdoor.rolled_into_plan > ZERO
            else ""
        )
        return _Said(
            f"Do the backdoor Roth: contribute {format_money(backdoor.nondeductible_contribution)} "
            f"to a traditional IRA and convert {format_money(backdoor.conversion)}{rolled}: "
            f"{format_money(backdoor.roth_added)} to Roth for "
            f"{_tax_words(backdoor.tax_due, backdoor.taxable_amount, 'earnings')} now.",
            backdoor.roth_added,
        )
    text = (
        f"The backdoor would be {share} taxable ({format_money(backdoor.tax_due)} tax) because "
        f"of {your} {format_money(balance)} pre-tax IRA balance on December 31"
    )
    plan = person.plan
    saving = _roll_in_saving(result, person)
    if saving is not None:
        after = "it is $0" if saving == backdoor.tax_due else f"it saves {format_money(saving)}"
        text += f": roll it into {your} 401(k) by December 31 and {after}."
    elif plan is not None and plan.accepts_ira_rollins is None:
        text += (
            f": if {your} plan takes IRA roll-ins, roll it in by December 31 (see what "
            "depends on that below)."
        )
    elif _heavily_pro_rata(backdoor):
        text += (
            ": with no plan to roll it into, skip the backdoor this year unless the balance "
            "goes into a 401(k) that takes IRA roll-ins first (another employer's plan, say); "
            "the basis is not lost."
        )
    else:
        text += (
            ": with no plan to roll it into, weigh skipping the backdoor this year or ask "
            "another employer plan that takes IRA roll-ins."
        )
    return _Said(text, backdoor.roth_added - backdoor.tax_due)


def _no_backdoor_reason(person: Person, backdoor: BackdoorResult, year: int) -> str:
    if backdoor.contribution_limit <= ZERO:
        return "No backdoor Roth: no traditional IRA contribution is allowed for this year."
    if backdoor.nondeductible_contribution <= ZERO:
        return "No backdoor Roth: no nondeductible IRA contribution is planned."
    if person.ira.contribution_made_next_year:
        return (
            f"The {format_money(backdoor.nondeductible_contribution)} backdoor contribution is "
            f"made next year, so it is converted, and reaches Roth, in {year + 1}."
        )
    return "No backdoor Roth: nothing is converted this year."


def _household_sentences(totals: Totals) -> list[_Said]:
    blocks = (
        ("the mega backdoor", totals.mega_backdoor_roth),
        ("the backdoor Roth", totals.backdoor_roth),
        ("both", totals.both),
    )
    said: list[_Said] = []
    shown: set[tuple[Decimal, Decimal]] = set()
    for what, block in blocks:
        figures = (block.roth_added, block.tax_due)
        # "Both" with the same figures as one route alone says nothing new.
        if block.roth_added <= ZERO or figures in shown:
            continue
        shown.add(figures)
        said.append(
            _Said(
                f"Together, {what}: {format_money(block.roth_added)} to Roth for "
                f"{format_money(block.tax_due)} of tax now.",
                block.roth_added,
            )
        )
    return said


# ---------------------------------------------------------------- the headline


def _headline(household: Household, result: PlanResult) -> list[str]:
    """The headline's sentences; the first is the panel's sticky line on phones."""
    totals = result.totals
    mega, backdoor, both = totals.mega_backdoor_roth, totals.backdoor_roth, totals.both
    pro_rata = any(pro_rata_balance(p.backdoor_roth) is not None for p in result.people)
    couple = len(result.people) > 1
    skips = [
        (f"{person.name}: " if couple else "") + _skip_backdoor(person, outcome.backdoor_roth)
        for person, outcome in zip(household.people, result.people, strict=True)
        if outcome.backdoor_roth.roth_added > ZERO and _heavily_pro_rata(outcome.backdoor_roth)
    ]
    do_mega = (
        f"Do the mega backdoor: {format_money(mega.roth_added)} to Roth for "
        f"{format_money(mega.tax_due)} of tax now."
    )
    if mega.roth_added > ZERO and backdoor.roth_added > ZERO:
        if skips:
            said = [do_mega, *skips]
        elif pro_rata:
            said = [
                do_mega,
                f"The backdoor adds {format_money(backdoor.roth_added)} but costs "
                f"{format_money(backdoor.tax_due)} of tax, {_pro_rata_part(result)} of it "
                "because of the pre-tax IRA balance.",
            ]
        else:
            said = [
                f"Do both: {format_money(both.roth_added)} to Roth for "
                f"{format_money(both.tax_due)} of tax now."
            ]
    elif mega.roth_added > ZERO:
        said = [do_mega]
    elif skips:
        said = skips
    elif backdoor.roth_added > ZERO:
        why = (
            f", {_pro_rata_part(result)} of it because of the pre-tax IRA balance "
            "(the pro-rata rule)."
            if pro_rata
            else "."
        )
        said = [
            f"Do the backdoor Roth: {format_money(backdoor.roth_added)} to Roth for "
            f"{format_money(backdoor.tax_due)} of tax now{why}"
        ]
    else:
        said = ["Neither route adds Roth money this year."]
    if any(_matters(unknown) for unknown in result.unknowns):
        whose = "Your" if _is_you(household.people[0].name) else "The"
        said.append(f"{whose} “not sure” answers could change this: see what depends on them.")
    return said


def _matters(unknown: Unknown) -> bool:
    return unknown.if_yes != unknown.if_no


# ---------------------------------------------------------------- what changes the answer


def _changes(household: Household, result: PlanResult) -> list[str]:
    from_unknowns = _unknown_changes(household, result)
    others: list[_Said] = []
    for person, outcome in zip(household.people, result.people, strict=True):
        your = _your(person.name)
        saving = _roll_in_saving(result, person)
        if saving is not None and saving > ZERO:
            others.append(
                _Said(
                    f"Rolling {your} pre-tax IRA money into the 401(k) by December 31 saves "
                    f"{format_money(saving)} of tax this year.",
                    saving,
                )
            )
        refused = _pro_rata_tax_without_roll_in(result, person)
        if refused is not None and refused > ZERO:
            whose = f"{your} plan does not" if person.plan is not None else "none was entered"
            others.append(
                _Said(
                    f"A workplace plan that takes IRA roll-ins ({whose}) would let {your} "
                    "pre-tax IRA money leave the pro-rata count by December 31, saving up to "
                    f"{format_money(refused)} of tax on the backdoor this year.",
                    refused,
                )
            )
        plan = person.plan
        mega = outcome.mega_backdoor_roth
        if plan is None or mega.roth_added > ZERO or mega.after_tax_room <= ZERO:
            continue
        answers = (
            plan.allows_after_tax,
            plan.allows_in_service_distribution,
            plan.allows_in_plan_roth_conversion,
        )
        if None not in answers and not mega.available:
            others.append(
                _Said(
                    f"A plan that takes after-tax contributions and allows in-service "
                    "distributions or in-plan Roth conversions would let the mega backdoor add "
                    f"up to {format_money(mega.after_tax_room)} to Roth for {_you(person.name)} "
                    "(the after-tax room)." + _acp_risk(person, result),
                    mega.after_tax_room,
                )
            )
    chosen = _by_gain(from_unknowns) + _by_gain(others)[:MAX_OTHER_CHANGES]
    return [said.text for said in _by_gain(chosen)]


def _feature_words(fields: set[str]) -> str:
    parts = []
    if "allows_after_tax" in fields:
        parts.append("takes after-tax contributions")
    ways = [
        words
        for name, words in (
            ("allows_in_service_distribution", "in-service distributions"),
            ("allows_in_plan_roth_conversion", "in-plan Roth conversions"),
        )
        if name in fields
    ]
    if ways:
        parts.append("allows " + " or ".join(ways))
    return " and ".join(parts)


def _acp_risk(person: Person, result: PlanResult) -> str:
    """The acp_refund_risk warning's test (warning_rules.likely_hce), said where the verdict
    offers more after-tax room: an ACP test (IRC 401(m)) can refund part of it."""
    if not likely_hce(person, result.limits.hce_threshold_lookback):
        return ""
    are = "you are" if _is_you(person.name) else f"{person.name} is"
    return (
        f" As {are} likely a highly compensated employee (IRC 414(q): prior-year pay above "
        f"{format_money(result.limits.hce_threshold_lookback)}), a failed ACP test "
        "(IRC 401(m)) could refund part of it after the year ends."
    )


def _unknown_changes(household: Household, result: PlanResult) -> list[_Said]:
    people = {person.name: person for person in household.people}
    said: list[_Said] = []
    mega_groups: dict[str, list[Unknown]] = {}
    for unknown in result.unknowns:
        if unknown.field in MEGA_GROUP:
            mega_groups.setdefault(unknown.person, []).append(unknown)
        elif _matters(unknown):
            yes, no = unknown.if_yes.backdoor_roth, unknown.if_no.backdoor_roth
            said.append(
                _Said(
                    f"If {_your(unknown.person)} plan takes IRA roll-ins: "
                    f"{format_money(yes.tax_due)} of tax on the backdoor; if not: "
                    f"{format_money(no.tax_due)}.",
                    no.tax_due - yes.tax_due,
                )
            )
    for person, unknowns in mega_groups.items():
        first = unknowns[0]
        if not _matters(first):
            continue
        yes, no = first.if_yes.mega_backdoor_roth, first.if_no.mega_backdoor_roth
        said.append(
            _Said(
                f"If {_your(person)} plan {_feature_words({u.field for u in unknowns})}: the mega "
                f"backdoor adds {format_money(yes.roth_added)} to Roth for "
                f"{format_money(yes.tax_due)} of tax; if not: {format_money(no.roth_added)}."
                + _acp_risk(people[person], result),
                yes.roth_added - no.roth_added,
            )
        )
    return said


# ---------------------------------------------------------------- why


def _pro_rata_explanation(person: Person, outcome: PersonResult) -> str | None:
    backdoor = outcome.backdoor_roth
    form = backdoor.form_8606
    share = _taxable_share(backdoor)
    if pro_rata_balance(backdoor) is None or form is None or share is None:
        return None
    assert form.line_5 is not None and form.line_6 is not None and form.line_9 is not None
    your = _your(person.name)
    who = "You" if _is_you(person.name) else person.name
    return (
        f"Why {share} of {your} conversion is taxable: the pro-rata rule (Form 8606 lines 6–11) "
        f"counts all of {your} traditional, SEP and SIMPLE IRAs as one. {who} put in "
        f"{format_money(form.line_5)} of after-tax money (basis, line 5), and the IRAs hold "
        f"{format_money(form.line_6)} of pre-tax money on December 31 (line 6), so only "
        f"{format_money(form.line_5)} of every {format_money(form.line_9)} (line 9) converted is "
        f"tax-free, and {format_money(backdoor.taxable_amount)} of the "
        f"{format_money(backdoor.conversion)} conversion is taxable. Pre-tax money rolled into "
        "a 401(k) by December 31 no longer counts."
    )


def _basis_explanation(person: Person, outcome: PersonResult) -> str | None:
    basis = outcome.backdoor_roth.basis_carried_forward
    if basis <= ZERO:
        return None
    your = _your(person.name)
    return (
        f"The {format_money(basis)} of basis carried forward is not lost money: it is "
        f"{your} after-tax money still in the traditional IRA, already taxed. Form 8606 line 14 "
        "carries it to next year's line 2, where it makes that much of a later conversion or "
        "withdrawal tax-free."
    )
