"""The tax documents a plan's moves produce: Forms 1099-R and 5498, and where they go.

For each planned move of each person, the Form 1099-R the plan or IRA custodian issues by
January 31, the Form 5498 the receiving IRA's custodian issues by May 31 (after the filing
date: nobody should wait for it), and the Form 1040 and Form 8606 lines they feed.
Boxes and codes follow the IRS Instructions for Forms 1099-R and 5498 (2024): the
"Direct Rollovers" and "Roth IRA conversions" sections, the box 7 code table, and the
Form 5498 box instructions; the wording of these sections is unchanged in later years. Return
lines follow the Instructions for Form 1040 (lines 4a-5b) and for Form 8606.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from planner.engine.models import (
    AfterTaxRoute,
    Form8606,
    Household,
    Ira,
    IraRoute,
    MegaBackdoorResult,
    PersonResult,
    PlanResult,
)
from planner.engine.money import ZERO, format_money
from planner.engine.tables import year_table

INSTRUCTIONS = "Instructions for Forms 1099-R and 5498 (2024)"
SOURCE_DIRECT_ROLLOVER_ROTH_IRA = (
    f"{INSTRUCTIONS}, Direct Rollovers: a direct rollover to a Roth IRA (other than from a"
    " designated Roth account) reports the amount rolled over in box 1, the taxable amount in"
    " box 2a and the basis recovery amount in box 5, with Code G in box 7"
)
SOURCE_DIRECT_ROLLOVER = (
    f"{INSTRUCTIONS}, Direct Rollovers: a direct rollover to an eligible retirement plan"
    " (including a traditional IRA) reports 0 in box 2a, with Code G in box 7"
)
SOURCE_IRR = (
    f"{INSTRUCTIONS}, In-plan Roth rollovers: a direct rollover to a designated Roth account in"
    " the same plan reports the amount rolled over in box 1, the taxable amount in box 2a and"
    " the basis recovery amount in box 5, with Code G in box 7"
)
SOURCE_CODE_G = (
    f"{INSTRUCTIONS}, box 7, Guide to Distribution Codes, Code G: direct rollover from a qualified plan to an eligible"
    " retirement plan; also a direct payment from an IRA to an accepting employer plan, and"
    " IRRs that are direct rollovers"
)
SOURCE_ROTH_CONVERSION = (
    f"{INSTRUCTIONS}, Roth IRA conversions: the amount converted in box 1 and box 2a, the"
    " IRA/SEP/SIMPLE checkbox marked; box 7, Guide to Distribution Codes: Code 2 under age"
    " 59½, Code 7 from 59½, never Code J; box 2b 'taxable amount not determined' may be"
    " checked"
)
SOURCE_IRA_CHECKBOX = (
    f"{INSTRUCTIONS}, IRA/SEP/SIMPLE checkbox: marked for a distribution from a traditional,"
    " SEP or SIMPLE IRA"
)
SOURCE_5498_BOX_1 = (
    f"{INSTRUCTIONS}, Form 5498 box 1: traditional IRA contributions made during the year and"
    " through the return's due date designated for the year"
)
SOURCE_5498_BOX_10 = (
    f"{INSTRUCTIONS}, Form 5498 box 10: Roth IRA contributions made during the year and"
    " through the return's due date designated for the year; a regular Roth IRA contribution"
    " is not reported on Form 8606 (Instructions for Form 8606, Part III is for distributions)"
)
SOURCE_5498_BOX_2 = (
    f"{INSTRUCTIONS}, Form 5498 box 2: rollover contributions, including a direct rollover"
    " from a qualified plan to a traditional IRA and a qualified rollover contribution from a"
    " plan to a Roth IRA (IRC 408A(e))"
)
SOURCE_5498_BOX_3 = (
    f"{INSTRUCTIONS}, Form 5498 box 3: the amount converted from a traditional, SEP or SIMPLE"
    " IRA to a Roth IRA during the year"
)
SOURCE_5498_BOX_5 = (
    f"{INSTRUCTIONS}, Form 5498 box 5: fair market value of the account on December 31,"
    " which is Form 8606 line 6 (Instructions for Form 8606)"
)


def ira_lines(year: int) -> tuple[str, str, str]:
    """Form 1040's lines for IRA distributions in `year`: gross, taxable, and the source."""
    table = year_table(year)
    gross, taxable = table.form_1040_ira_lines
    return gross, taxable, table.sources["form_1040_ira_lines"]


def pension_lines(year: int) -> tuple[str, str, str]:
    """Form 1040's lines for plan (pension and annuity) distributions in `year`."""
    table = year_table(year)
    gross, taxable = table.form_1040_pension_lines
    return gross, taxable, table.sources["form_1040_pension_lines"]


SOURCE_8606 = (
    "Instructions for Form 8606 (2024): line 1 nondeductible contributions, line 6 the"
    " December 31 value, line 7 excludes rollovers to a plan, lines 8 and 16-18 conversions;"
    " rollovers from a plan to a Roth IRA are not on Form 8606"
)

PLAN = "the 401(k) plan"
TRADITIONAL_IRA = "the traditional IRA custodian"
ROTH_IRA = "the Roth IRA custodian"
FIFTY_NINE_AND_A_HALF_UNSURE = (59, 60)


@dataclass(frozen=True)
class Form1099R:
    issuer: str
    to: str
    box_1: Decimal
    # None: the custodian leaves box 2a blank (taxable amount not determined).
    box_2a: Decimal | None
    box_2b_not_determined: bool
    box_5: Decimal
    # One of these codes will be in box 7; more than one only when it depends on the date.
    box_7_options: tuple[str, ...]
    ira_sep_simple: bool


@dataclass(frozen=True)
class Form5498:
    issuer: str
    account: str
    box_1: Decimal = ZERO
    box_2: Decimal = ZERO
    box_3: Decimal = ZERO
    box_10: Decimal = ZERO


@dataclass(frozen=True)
class ReturnLine:
    form: str
    line: str
    amount: Decimal | None
    note: str = ""


@dataclass(frozen=True)
class MoveDocuments:
    person: str
    move: str
    title: str
    forms_1099r: tuple[Form1099R, ...]
    forms_5498: tuple[Form5498, ...]
    return_lines: tuple[ReturnLine, ...]
    # What the custodian or plan decides, or what the calendar decides, in words.
    depends: tuple[str, ...]
    sources: tuple[str, ...]


def conversion_codes(age_on_december_31: int) -> tuple[str, ...]:
    """Code 2 under 59½ on the day of the conversion, Code 7 from 59½.

    Age 59 or 60 on December 31 may be either side of 59½ depending on the birthday and the
    conversion's date, so both are possible.
    """
    if age_on_december_31 < FIFTY_NINE_AND_A_HALF_UNSURE[0]:
        return ("2",)
    if age_on_december_31 > FIFTY_NINE_AND_A_HALF_UNSURE[1]:
        return ("7",)
    return ("2", "7")


def _mega_documents(
    person: PersonResult, mega: MegaBackdoorResult, year: int, which: str = ""
) -> list[MoveDocuments]:
    """The after-tax moves of one plan; `which` names a second employer's plan in titles."""
    gross_line, taxable_line, lines_source = pension_lines(year)
    contribution, earnings = mega.after_tax_contribution, mega.earnings
    if contribution <= ZERO or mega.route in (None, AfterTaxRoute.STAY_IN_PLAN):
        return []
    gross = contribution + earnings
    timing = (
        f"The plan reports each move in the year the money leaves the after-tax account: a"
        f" December {year} contribution moved in January {year + 1} is on next year's 1099-R."
    )
    earnings_note = (
        "Box 2a is the earnings the plan's records show on the day of the move; the figure here"
        " is the planner's estimate."
    )
    if mega.route is AfterTaxRoute.IN_PLAN_CONVERSION:
        return [
            MoveDocuments(
                person=person.name,
                move="in_plan_roth_rollover",
                title="In-plan Roth rollover of the after-tax money" + which,
                forms_1099r=(
                    Form1099R(
                        PLAN,
                        "the plan's Roth account",
                        gross,
                        earnings,
                        False,
                        contribution,
                        ("G",),
                        False,
                    ),
                ),  # fmt: skip
                forms_5498=(),
                return_lines=(
                    ReturnLine("Form 1040", gross_line, gross),
                    ReturnLine("Form 1040", taxable_line, earnings, "the earnings only"),
                ),
                depends=(timing, earnings_note, "No Form 5498: the money stays in the plan."),
                sources=(SOURCE_IRR, SOURCE_CODE_G, lines_source),
            )
        ]
    if mega.route is AfterTaxRoute.ROLLOVER_TO_ROTH_IRA:
        return [
            MoveDocuments(
                person=person.name,
                move="in_service_rollover_to_roth_ira",
                title="In-service distribution of the after-tax money, rolled to a Roth IRA"
                + which,
                forms_1099r=(
                    Form1099R(
                        PLAN, "the Roth IRA", gross, earnings, False, contribution, ("G",), False
                    ),
                ),  # fmt: skip
                forms_5498=(Form5498(ROTH_IRA, "Roth IRA", box_2=gross),),
                return_lines=(
                    ReturnLine("Form 1040", gross_line, gross),
                    ReturnLine("Form 1040", taxable_line, earnings, "the earnings only"),
                    ReturnLine(
                        "Form 8606", "none", None, "a plan-to-Roth IRA rollover is not on Form 8606"
                    ),
                ),  # fmt: skip
                depends=(timing, earnings_note),
                sources=(
                    SOURCE_DIRECT_ROLLOVER_ROTH_IRA,
                    SOURCE_CODE_G,
                    SOURCE_5498_BOX_2,
                    lines_source,
                    SOURCE_8606,
                ),
            )
        ]
    # Notice 2014-54: one distribution, the after-tax part to a Roth IRA and the pre-tax
    # earnings to a traditional IRA, both by direct rollover.
    forms = [
        Form1099R(PLAN, "the Roth IRA", contribution, ZERO, False, contribution, ("G",), False)
    ]
    receipts = [Form5498(ROTH_IRA, "Roth IRA", box_2=contribution)]
    if earnings > ZERO:
        forms.append(
            Form1099R(PLAN, "the traditional IRA", earnings, ZERO, False, ZERO, ("G",), False)
        )
        receipts.append(Form5498(TRADITIONAL_IRA, "traditional IRA", box_2=earnings))
    return [
        MoveDocuments(
            person=person.name,
            move="split_rollover_notice_2014_54",
            title=(
                "In-service distribution split under Notice 2014-54: after-tax money to a Roth"
                " IRA, earnings to a traditional IRA"
            )
            + which,
            forms_1099r=tuple(forms),
            forms_5498=tuple(receipts),
            return_lines=(
                ReturnLine("Form 1040", gross_line, gross),
                ReturnLine("Form 1040", taxable_line, ZERO, "write “Rollover” next to it"),
                ReturnLine(
                    "Form 8606",
                    "6",
                    None,
                    "the earnings now in a traditional IRA count in its December 31 value",
                ),
            ),
            depends=(
                timing,
                earnings_note,
                "Some plans issue one Form 1099-R for the whole distribution (box 1 the total,"
                " box 5 the after-tax part, box 2a 0) instead of one per destination; the"
                " return is the same either way.",
            ),
            sources=(
                SOURCE_DIRECT_ROLLOVER_ROTH_IRA,
                SOURCE_DIRECT_ROLLOVER,
                SOURCE_CODE_G,
                SOURCE_5498_BOX_2,
                lines_source,
                SOURCE_8606,
            ),
        )
    ]


@dataclass(frozen=True)
class IraMoves:
    """A person's IRA moves for the year and the Form 8606 they make."""

    contribution: Decimal
    conversion: Decimal
    rolled_into_plan: Decimal
    form_8606: Form8606 | None
    direct_roth: Decimal = ZERO


def ira_moves(result: PlanResult, index: int) -> IraMoves:
    """The answer's IRA moves (its decision), which differ from the backdoor as entered when
    the answer contributes straight to a Roth IRA, rolls the IRA in first, converts all of it
    or skips the backdoor."""
    entered = result.people[index].backdoor_roth
    decided = None if result.decision is None else result.decision.people[index].ira
    if decided is not None and (
        decided.skipped is not None or decided.route is IraRoute.DIRECT_ROTH
    ):
        return IraMoves(
            decided.nondeductible_contribution,
            decided.conversion,
            decided.roll_in,
            decided.form_8606,
            decided.direct_roth,
        )
    return IraMoves(
        entered.nondeductible_contribution,
        entered.conversion,
        entered.rolled_into_plan,
        entered.form_8606,
    )


def roll_in_issuer(ira: Ira) -> str:
    """Who reports the roll-in: each custodian of the IRAs the money leaves (a SEP or SIMPLE
    IRA's 1099-R has the same box 7 code G and IRA/SEP/SIMPLE box)."""
    kinds = {
        "traditional": bool(ira.traditional_balance_today),
        "SEP": bool(ira.sep_balance_today),
        "SIMPLE": bool(ira.simple_balance_today),
    }
    held = [kind for kind, has in kinds.items() if has]
    if held in ([], ["traditional"]):
        return TRADITIONAL_IRA
    if len(held) == 1:
        return {"SEP": "the SEP-IRA custodian", "SIMPLE": "the SIMPLE IRA custodian"}[held[0]]
    return f"each custodian of the {', '.join(held[:-1])} and {held[-1]} IRAs the money leaves"


def _backdoor_documents(
    person: PersonResult, backdoor: IraMoves, age: int, year: int, roll_in_from: str
) -> list[MoveDocuments]:
    gross_line, taxable_line, lines_source = ira_lines(year)
    form = backdoor.form_8606
    moves: list[MoveDocuments] = []
    if backdoor.direct_roth > ZERO:
        moves.append(
            MoveDocuments(
                person=person.name,
                move="direct_roth_contribution",
                title="Contribution straight to the Roth IRA",
                forms_1099r=(),
                forms_5498=(Form5498(ROTH_IRA, "Roth IRA", box_10=backdoor.direct_roth),),
                return_lines=(),
                depends=(
                    f"Form 5498 arrives by May 31, {year + 1}; box 10 shows a contribution "
                    f"made by the due date and designated for {year}. Nothing goes on the "
                    "return or on Form 8606 for it.",
                ),
                sources=(SOURCE_5498_BOX_10,),
            )
        )
    if backdoor.rolled_into_plan > ZERO:
        rolled = backdoor.rolled_into_plan
        moves.append(
            MoveDocuments(
                person=person.name,
                move="ira_roll_in_to_plan",
                title="Pre-tax IRA money rolled into the 401(k)",
                forms_1099r=(
                    Form1099R(
                        roll_in_from, "the 401(k) plan", rolled, ZERO, False, ZERO, ("G",), True
                    ),
                ),  # fmt: skip
                forms_5498=(),
                return_lines=(
                    ReturnLine("Form 1040", gross_line, rolled),
                    ReturnLine("Form 1040", taxable_line, ZERO, "write “Rollover” next to it"),
                    ReturnLine(
                        "Form 8606",
                        "6",
                        form.line_6 if form is not None else None,
                        "the roll-in lowers the December 31 value; it is not on line 7",
                    ),
                ),
                depends=(
                    f"It must leave the IRA by December 31, {year}: a roll-in completed in"
                    f" January is on the {year + 1} forms and does not lower line 6.",
                    "Some custodians leave box 2a blank and check 2b; the taxable amount is"
                    " still 0.",
                    "No Form 5498: a 401(k) plan is not an IRA.",
                ),
                sources=(
                    SOURCE_CODE_G,
                    SOURCE_DIRECT_ROLLOVER,
                    SOURCE_IRA_CHECKBOX,
                    lines_source,
                    SOURCE_8606,
                ),
            )  # fmt: skip
        )
    contribution = backdoor.contribution
    if contribution > ZERO and form is not None:
        lines = [ReturnLine("Form 8606", "1", form.line_1)]
        if form.line_4:
            lines.append(ReturnLine("Form 8606", "4", form.line_4, "made in the new year"))
        if form.line_8 is None:
            lines.append(
                ReturnLine("Form 8606", "14", form.line_14, "not converted this year: basis")
            )
        moves.append(
            MoveDocuments(
                person=person.name,
                move="nondeductible_ira_contribution",
                title="Nondeductible traditional IRA contribution",
                forms_1099r=(),
                forms_5498=(Form5498(TRADITIONAL_IRA, "traditional IRA", box_1=contribution),),
                return_lines=tuple(lines),
                depends=(
                    f"Form 5498 arrives by May 31, {year + 1}, after the filing date; box 1"
                    f" shows a contribution made by the due date and designated for {year}.",
                    "Its box 5, the December 31 value, is Form 8606 line 6.",
                ),
                sources=(SOURCE_5498_BOX_1, SOURCE_5498_BOX_5, SOURCE_8606),
            )
        )
    if backdoor.conversion > ZERO and form is not None and form.line_18 is not None:
        conversion = backdoor.conversion
        codes = conversion_codes(age)
        depends = [
            "Box 2a shows the whole conversion and box 2b is checked: the custodian does not"
            f" know the basis. The taxable amount is Form 8606 line 18, {format_money(form.line_18)}."
            " Some custodians leave box 2a blank instead.",
            f"The conversion belongs to the year it happens: one done in January {year + 1}"
            f" is on the {year + 1} forms.",
        ]
        if len(codes) > 1:
            depends.append(
                f"Box 7 is Code 2 if the conversion happens before {person.name} reaches 59½,"
                " Code 7 from that day."
            )
        moves.append(
            MoveDocuments(
                person=person.name,
                move="ira_roth_conversion",
                title="Roth conversion of the traditional IRA",
                forms_1099r=(
                    Form1099R(
                        TRADITIONAL_IRA,
                        "the Roth IRA",
                        conversion,
                        conversion,
                        True,
                        ZERO,
                        codes,
                        True,
                    ),
                ),  # fmt: skip
                forms_5498=(Form5498(ROTH_IRA, "Roth IRA", box_3=conversion),),
                return_lines=(
                    ReturnLine("Form 1040", gross_line, conversion),
                    ReturnLine("Form 1040", taxable_line, form.line_18, "from Form 8606 line 18"),
                    ReturnLine("Form 8606", "8", form.line_8),
                    ReturnLine("Form 8606", "16", form.line_16),
                    ReturnLine("Form 8606", "17", form.line_17),
                    ReturnLine("Form 8606", "18", form.line_18),
                ),
                depends=tuple(depends),
                sources=(
                    SOURCE_ROTH_CONVERSION,
                    SOURCE_5498_BOX_3,
                    lines_source,
                    SOURCE_8606,
                ),
            )
        )
    return moves


def expected_tax_documents(household: Household, result: PlanResult) -> list[MoveDocuments]:
    """Every move the plan makes (both strategies together, the IRA moves as the answer makes
    them), person by person, in the order the money moves: after-tax money, roll-in,
    contribution, conversion."""
    moves: list[MoveDocuments] = []
    for index, (person, person_result) in enumerate(
        zip(household.people, result.people, strict=True)
    ):
        moves += _mega_documents(person_result, person_result.mega_backdoor_roth, result.tax_year)
        second = person_result.second_plan_mega_backdoor_roth
        if second is not None:
            moves += _mega_documents(
                person_result, second, result.tax_year, " (second employer's plan)"
            )
        moves += _backdoor_documents(
            person_result,
            ira_moves(result, index),
            person.age,
            result.tax_year,
            roll_in_issuer(person.ira),
        )
    return moves
