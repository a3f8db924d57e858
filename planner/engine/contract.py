"""The planner contract (planner-contract.md): its vocabulary, its JSON number types and its input.

Household, Person, Plan and Ira are the validated, frozen pydantic models the engine computes
on. Constraints sit on the fields, rules that need several fields are validators, and every
problem comes back as one plain-English message under the field's dotted path.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum
from typing import Annotated, Any, Final, get_args

from annotated_types import Ge, Le, Lt
from pydantic import (
    AfterValidator,
    AllowInfNan,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    Strict,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic.fields import FieldInfo
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import ErrorDetails, PydanticCustomError, core_schema

from planner.engine.errors import InvalidInput, UnknownTaxYear
from planner.engine.limits import deferral_limit, ira_dollar_limit, resolve_ira_contributions
from planner.engine.money import CENT, ONE, ZERO, cents, format_money, long_date
from planner.engine.numbers import bounded
from planner.engine.so_far import contributed, converted
from planner.engine.tables import available_years, has_year, planning_table, year_table
from planner.engine.tables.schema import FilingStatus

__all__ = [
    "AFTER_TAX_ROUTE_LABELS",
    "CONVERSION_FREQUENCY_LABELS",
    "DEFAULT_NAMES",
    "ELECTION_UNIT_LABELS",
    "FILING_STATUS_LABELS",
    "PAY_FREQUENCY_LABELS",
    "SEVERITY_LABELS",
    "AfterTaxRoute",
    "Bonus",
    "ConversionFrequency",
    "DatedAmount",
    "ElectionUnit",
    "FilingStatus",
    "Household",
    "Ira",
    "Money",
    "PayFrequency",
    "Paychecks",
    "Person",
    "Plan",
    "Ratio",
    "Severity",
    "field_description",
    "field_title",
    "household_to_dict",
    "input_field_titles",
    "json_number",
    "label",
    "parse_household",
]

# ---------------------------------------------------------------- vocabulary

DEFAULT_NAMES: Final = ("You", "Spouse")


class AfterTaxRoute(StrEnum):
    IN_PLAN_CONVERSION = "in_plan_conversion"
    ROLLOVER_TO_ROTH_IRA = "rollover_to_roth_ira"
    SPLIT_EARNINGS_TO_TRADITIONAL_IRA = "split_earnings_to_traditional_ira"
    STAY_IN_PLAN = "stay_in_plan"


class ConversionFrequency(StrEnum):
    PER_PAYCHECK = "per_paycheck"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUALLY = "annually"


class PayFrequency(StrEnum):
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    SEMI_MONTHLY = "semi_monthly"
    MONTHLY = "monthly"


class ElectionUnit(StrEnum):
    WHOLE_PERCENT = "whole_percent"
    TENTH_PERCENT = "tenth_percent"
    DOLLARS = "dollars"


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    DANGER = "danger"


FILING_STATUS_LABELS: Final[Mapping[FilingStatus, str]] = {
    FilingStatus.SINGLE: "Single",
    FilingStatus.MARRIED_FILING_JOINTLY: "Married filing jointly",
    FilingStatus.MARRIED_FILING_SEPARATELY: "Married filing separately",
    FilingStatus.HEAD_OF_HOUSEHOLD: "Head of household",
    FilingStatus.QUALIFYING_SURVIVING_SPOUSE: "Qualifying surviving spouse",
}
AFTER_TAX_ROUTE_LABELS: Final[Mapping[AfterTaxRoute, str]] = {
    AfterTaxRoute.IN_PLAN_CONVERSION: "In-plan Roth conversion",
    AfterTaxRoute.ROLLOVER_TO_ROTH_IRA: "In-service rollover of everything to a Roth IRA",
    AfterTaxRoute.SPLIT_EARNINGS_TO_TRADITIONAL_IRA: (
        "Split: contributions to a Roth IRA, earnings to a traditional IRA (Notice 2014-54)"
    ),
    AfterTaxRoute.STAY_IN_PLAN: "Leave the after-tax money in the plan",
}
CONVERSION_FREQUENCY_LABELS: Final[Mapping[ConversionFrequency, str]] = {
    ConversionFrequency.PER_PAYCHECK: "Every paycheck (automatic)",
    ConversionFrequency.MONTHLY: "Monthly",
    ConversionFrequency.QUARTERLY: "Quarterly",
    ConversionFrequency.ANNUALLY: "Once a year",
}
PAY_FREQUENCY_LABELS: Final[Mapping[PayFrequency, str]] = {
    PayFrequency.WEEKLY: "Weekly",
    PayFrequency.BIWEEKLY: "Every two weeks",
    PayFrequency.SEMI_MONTHLY: "Twice a month (15th and last day)",
    PayFrequency.MONTHLY: "Monthly (last day)",
}
ELECTION_UNIT_LABELS: Final[Mapping[ElectionUnit, str]] = {
    ElectionUnit.WHOLE_PERCENT: "Whole percents of pay",
    ElectionUnit.TENTH_PERCENT: "Percents of pay to one decimal (like 9.3%)",
    ElectionUnit.DOLLARS: "Dollars per paycheck",
}
SEVERITY_LABELS: Final[Mapping[Severity, str]] = {
    Severity.INFO: "Note",
    Severity.WARNING: "Warning",
    Severity.DANGER: "Important",
}
LABELS: Final[Mapping[type[StrEnum], Mapping[Any, str]]] = {
    FilingStatus: FILING_STATUS_LABELS,
    AfterTaxRoute: AFTER_TAX_ROUTE_LABELS,
    ConversionFrequency: CONVERSION_FREQUENCY_LABELS,
    PayFrequency: PAY_FREQUENCY_LABELS,
    ElectionUnit: ELECTION_UNIT_LABELS,
    Severity: SEVERITY_LABELS,
}


def label(member: StrEnum) -> str:
    return LABELS[type(member)][member]


def _choices_text(enum: type[StrEnum]) -> str:
    return "; ".join(f"`{member.value}`: {text}" for member, text in LABELS[enum].items())


# ---------------------------------------------------------------- JSON numbers


def json_number(value: Decimal) -> int | float:
    """The contract's JSON number: an int when whole, else a float.

    float() of a Decimal is correctly rounded, so a float that is not whole is the answer.
    A whole float is checked against the value, since a large projection or a rate just
    below 1 can round to a whole float; then the exact ratio decides (int / int is correctly
    rounded). About 400 numbers go out per plan, most of them cents or whole dollars, so the
    cheap test comes first."""
    number = float(value)
    if not number.is_integer():
        return number
    whole = int(number)
    if whole == value:
        return whole
    numerator, denominator = value.as_integer_ratio()
    return numerator if denominator == 1 else numerator / denominator


# Money (and rates) are Decimal in Python, a plain JSON number on the wire.
Money = Annotated[
    Decimal,
    PlainSerializer(json_number, return_type=Any, when_used="json"),
    WithJsonSchema({"type": "number"}, mode="serialization"),
]
# Form 8606 line 10 stays a decimal in JSON even when it is exactly 1 (1.0).
Ratio = Annotated[Decimal, PlainSerializer(float, return_type=float, when_used="json")]


# ---------------------------------------------------------------- messages


# eq=False: hashed by identity, as typing needs for Annotated metadata (by_type is a dict).
@dataclass(frozen=True, slots=True, eq=False)
class Messages:
    """The plain-English messages for one kind of field, by pydantic error type."""

    invalid: str
    by_type: Mapping[str, str] = field(default_factory=dict)
    # What a null means where null is not allowed, when it is not simply `invalid`.
    null: str | None = None

    def for_error(self, error: ErrorDetails) -> str:
        if self.null is not None and error["input"] is None:
            return self.null
        return self.by_type.get(error["type"], self.invalid)


REQUIRED = "This field is required."
MONEY_CEILING = Decimal(10) ** 12
MAX_NAME_LENGTH = 100
MIN_AGE, MAX_AGE = 18, 120
MAX_YEARS_TO_RETIREMENT = 80
MIN_RATIO_PLACES, MAX_RATIO_PLACES = 3, 8
TEXT_MESSAGE = "Use plain text: no control characters or broken Unicode."

MONEY_MESSAGES = Messages(
    "Enter a number, like 24500.",
    {
        "greater_than_equal": "Must be 0 or more.",
        "less_than": "Must be less than 1,000,000,000,000.",
    },
)
RATE_MESSAGES = Messages("Enter a fraction between 0 and 1, like 0.24 for 24%.")
FLAG_MESSAGES = Messages("Must be true or false.")
NAME_MESSAGES = Messages(
    "Enter a name.",
    {
        "string_too_long": f"Use at most {MAX_NAME_LENGTH} characters.",
        "string_unicode": TEXT_MESSAGE,
        "contract_text": TEXT_MESSAGE,
    },
)
PEOPLE_MESSAGES = Messages(
    "Must be a list of one or two people.",
    {"too_short": "Add at least one person.", "too_long": "At most two people: you and a spouse."},
)


def _whole_messages(low: int, high: int, example: str) -> Messages:
    out_of_range = f"Must be between {low} and {high}."
    return Messages(
        f"Enter a whole number, like {example}.",
        {"greater_than_equal": out_of_range, "less_than_equal": out_of_range},
    )


def _choice_messages(enum: type[StrEnum]) -> Messages:
    return Messages(f"Must be one of: {', '.join(member.value for member in enum)}.")


# ---------------------------------------------------------------- field types


def _no_bool(value: Any) -> Any:
    # pydantic reads true as 1; a yes/no is never a count or a year here.
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


# Control characters other than a tab (NUL above all: PostgreSQL refuses it in text).
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def _plain_text(value: str) -> str:
    # Lone surrogates never get here (pydantic refuses them as string_unicode).
    if _CONTROL.search(value):
        raise PydanticCustomError("contract_text", TEXT_MESSAGE)
    return value


# Every number type starts with numbers.bounded: a number too big to convert never is.
Dollars = Annotated[
    Money,
    Ge(0),
    Lt(MONEY_CEILING),
    AllowInfNan(False),
    AfterValidator(cents),
    BeforeValidator(bounded),
    MONEY_MESSAGES,
]
RequiredDollars = Annotated[
    Money,
    Ge(0),
    Lt(MONEY_CEILING),
    AllowInfNan(False),
    AfterValidator(cents),
    BeforeValidator(bounded),
    Messages(MONEY_MESSAGES.invalid, MONEY_MESSAGES.by_type, null=REQUIRED),
]
Fraction = Annotated[
    Money, Ge(0), Le(1), AllowInfNan(False), BeforeValidator(bounded), RATE_MESSAGES
]
Flag = Annotated[bool, Strict(), FLAG_MESSAGES]
# A plan feature the person may not know: true yes, false no, null not sure. Absent is false
# (the contract's default since before null was allowed); the wizard sends null for Not sure.
PlanAnswer = Annotated[bool | None, Strict(), Messages("Must be true, false or null (not sure).")]
NOT_SURE = (
    " true: yes; false (the default when absent): no; null: not sure, computed both ways: the "
    "figures use no, and the result's `unknowns` give the figures for yes and for no."
)

# The bool check comes after the bounds so that it wraps them: it runs first, and the bounds
# stay on the integer schema (and so reach the JSON Schema).
Age = Annotated[
    int,
    Ge(MIN_AGE),
    Le(MAX_AGE),
    BeforeValidator(_no_bool),
    BeforeValidator(bounded),
    _whole_messages(MIN_AGE, MAX_AGE, "45"),
]
Years = Annotated[
    int,
    Ge(0),
    Le(MAX_YEARS_TO_RETIREMENT),
    BeforeValidator(_no_bool),
    BeforeValidator(bounded),
    _whole_messages(0, MAX_YEARS_TO_RETIREMENT, "20"),
]
RatioPlaces = Annotated[
    int,
    Ge(MIN_RATIO_PLACES),
    Le(MAX_RATIO_PLACES),
    BeforeValidator(_no_bool),
    BeforeValidator(bounded),
    _whole_messages(MIN_RATIO_PLACES, MAX_RATIO_PLACES, "5"),
]
Name = Annotated[
    str,
    Field(min_length=1, max_length=MAX_NAME_LENGTH),
    AfterValidator(_plain_text),
    NAME_MESSAGES,
]
Route = Annotated[AfterTaxRoute, _choice_messages(AfterTaxRoute)]
PayEvery = Annotated[PayFrequency, _choice_messages(PayFrequency)]
Unit = Annotated[ElectionUnit, _choice_messages(ElectionUnit)]


Frequency = Annotated[ConversionFrequency, _choice_messages(ConversionFrequency)]
Status = Annotated[FilingStatus, _choice_messages(FilingStatus)]


def _date_text(value: Any) -> Any:
    # pydantic also reads a number as a Unix time; a date here is only ever written out.
    if not isinstance(value, str | date):
        raise PydanticCustomError("date_type", "Input should be a valid date")
    return value


DATE_MESSAGES = Messages("Enter a date as YYYY-MM-DD, like 2026-01-15.")
Day = Annotated[date, BeforeValidator(_date_text), DATE_MESSAGES]
MAX_DATED_AMOUNTS = 24
DATED_AMOUNTS_MESSAGES = Messages(
    'Must be a list of {"date", "amount"} objects.',
    {"too_long": f"At most {MAX_DATED_AMOUNTS} entries: add the rest together."},
)


_MODEL_CONFIG = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


# ---------------------------------------------------------------- input models

MAX_BONUSES = 12


class Bonus(BaseModel):
    """Pay beyond the regular paycheck: it is paid with the first paycheck on or after its date."""

    model_config = _MODEL_CONFIG

    paid_on: Day = Field(title="Bonus date", description="When the bonus is paid.")
    amount: RequiredDollars = Field(title="Bonus amount", description="Gross, before deferrals.")


class Paychecks(BaseModel):
    """How the person is paid and how payroll takes elections: the paycheck plan's input.

    The targets are the plan's figures for the year (pretax_deferral, roth_deferral and the
    after-tax contribution the planner works out); the paycheck plan finds the elections that
    reach them by the last paycheck without losing match.
    """

    model_config = _MODEL_CONFIG

    frequency: PayEvery = Field(
        PayFrequency.BIWEEKLY, title="Pay frequency", description="How often payday comes."
    )
    pay_per_period: RequiredDollars = Field(
        title="Pay per paycheck",
        description="Regular gross pay on each paycheck, before deferrals.",
    )
    first_pay_date: Day | None = Field(
        None,
        title="First payday of the year",
        description="Weekly and every-two-weeks pay: the year's first payday (or a new job's "
        "first); twice-a-month and monthly pay: paydays from this date. null: the first Friday "
        "of the year (weekly, every two weeks) or January's paydays.",
    )
    bonuses: tuple[Bonus, ...] = Field(
        (),
        max_length=MAX_BONUSES,
        title="Bonuses",
        description="Each paid with the first paycheck on or after its date (its own paycheck "
        "after the last payday).",
    )
    elections_start: Day | None = Field(
        None,
        title="Elections take effect",
        description="The first paycheck the new elections apply to; null: the year's first.",
    )
    pretax_so_far: Dollars = Field(
        ZERO, title="Pre-tax deferred so far", description="Before the elections take effect."
    )
    roth_so_far: Dollars = Field(
        ZERO, title="Roth deferred so far", description="Before the elections take effect."
    )
    after_tax_so_far: Dollars = Field(
        ZERO, title="After-tax contributed so far", description="Before the elections take effect."
    )
    match_so_far: Dollars = Field(
        ZERO, title="Match received so far", description="Before the elections take effect."
    )
    match_rate: Fraction = Field(
        ZERO, title="Match rate", description="The 0.5 in 50% of the first 6% of pay."
    )
    match_up_to: Fraction = Field(
        ZERO, title="Match up to (share of pay)", description="The 0.06 in 50% of the first 6%."
    )
    match_true_up: Flag = Field(
        False,
        title="Match trued up after the year",
        description="true: the plan pays the year's whole formula match however the deferrals "
        "were spread; false: the match is worked out on each paycheck alone.",
    )
    election_unit: Unit = Field(
        ElectionUnit.WHOLE_PERCENT,
        title="Payroll takes elections as",
        description="Whole percents of pay, percents to one decimal, or dollars per paycheck.",
    )
    pretax_cap_percent: Fraction | None = Field(
        None,
        title="Plan cap on pre-tax per paycheck (% of pay)",
        description="null: no cap beyond the pay itself.",
    )
    roth_cap_percent: Fraction | None = Field(
        None,
        title="Plan cap on Roth per paycheck (% of pay)",
        description="null: no cap beyond the pay itself.",
    )
    after_tax_cap_percent: Fraction | None = Field(
        None,
        title="Plan cap on after-tax per paycheck (% of pay)",
        description="null: no cap beyond the pay itself.",
    )


class Plan(BaseModel):
    """The person's workplace 401(k) plan and what they put into it this year."""

    model_config = _MODEL_CONFIG

    pretax_deferral: Dollars = Field(
        ZERO,
        title="401(k) pre-tax deferrals",
        description="Total pre-tax elective deferrals for the year; above the 402(g) limit is catch-up.",
    )
    roth_deferral: Dollars = Field(
        ZERO,
        title="401(k) Roth deferrals",
        description="Total Roth elective deferrals for the year.",
    )
    employer_contribution: Dollars = Field(
        ZERO,
        title="Employer contributions",
        description="Match plus nonelective (profit-sharing) dollars for the year.",
    )
    forfeitures: Dollars = Field(ZERO, title="Forfeitures", description="Forfeitures allocated.")
    allows_after_tax: PlanAnswer = Field(
        False,
        title="Plan allows after-tax contributions",
        description="After-tax (non-Roth) money." + NOT_SURE,
    )
    after_tax_cap: Dollars | None = Field(
        None,
        title="Plan cap on after-tax contributions",
        description="The plan's own dollar cap; null: no dollar cap.",
    )
    after_tax_cap_percent: Fraction | None = Field(
        None,
        title="Plan cap on after-tax contributions (% of pay)",
        description="The plan's cap as a fraction of compensation (limited by 401(a)(17)); null: no cap.",
    )
    after_tax_contribution: Dollars | None = Field(
        None,
        title="After-tax contribution wanted",
        description="What the person wants to contribute after-tax; null: as much as allowed.",
    )
    allows_in_service_distribution: PlanAnswer = Field(
        False,
        title="Plan allows in-service distributions",
        description="Withdrawals of after-tax money while still employed." + NOT_SURE,
    )
    allows_in_plan_roth_conversion: PlanAnswer = Field(
        False,
        title="Plan allows in-plan Roth conversions",
        description="In-plan Roth rollovers." + NOT_SURE,
    )
    after_tax_route: Route | None = Field(
        None,
        title="After-tax route",
        description="Where the after-tax money goes; null picks the best route the plan allows.",
    )
    conversion_frequency: Frequency = Field(
        ConversionFrequency.PER_PAYCHECK,
        title="Conversion frequency",
        description="With expected_return, estimates the earnings before each conversion.",
    )
    after_tax_earnings: Dollars | None = Field(
        None,
        title="Earnings on after-tax money",
        description="Replaces the estimate of earnings before the money moves; null: estimated.",
    )
    accepts_ira_rollins: PlanAnswer = Field(
        False,
        title="Plan accepts IRA roll-ins",
        description="Roll-ins of pre-tax IRA money." + NOT_SURE,
    )
    paychecks: Paychecks | None = Field(
        None,
        title="Paychecks",
        description="Pay schedule and payroll's rules, for the elections to give payroll and "
        "the year paycheck by paycheck (the first plan only); null: no paycheck plan.",
    )

    @field_validator("after_tax_route")
    @classmethod
    def _route_needs_a_plan_feature(
        cls, route: AfterTaxRoute | None, info: ValidationInfo
    ) -> AfterTaxRoute | None:
        if route in _NEEDS_IN_SERVICE and not info.data.get("allows_in_service_distribution"):
            raise _problem("This route needs a plan that allows in-service distributions.")
        if route is AfterTaxRoute.IN_PLAN_CONVERSION and not info.data.get(
            "allows_in_plan_roth_conversion"
        ):
            raise _problem("This route needs a plan that allows in-plan Roth conversions.")
        return route


_NEEDS_IN_SERVICE = frozenset(
    {AfterTaxRoute.ROLLOVER_TO_ROTH_IRA, AfterTaxRoute.SPLIT_EARNINGS_TO_TRADITIONAL_IRA}
)


class DatedAmount(BaseModel):
    """A contribution or conversion already made: when, and how much."""

    model_config = _MODEL_CONFIG

    date: Day = Field(title="Date", description="The day it was made, YYYY-MM-DD.")
    amount: RequiredDollars = Field(title="Amount", description="In dollars.")


DatedAmounts = Annotated[
    tuple[DatedAmount, ...], Field(max_length=MAX_DATED_AMOUNTS), DATED_AMOUNTS_MESSAGES
]


class Ira(BaseModel):
    """The person's traditional, SEP and SIMPLE IRAs and this year's backdoor."""

    model_config = _MODEL_CONFIG

    year_end_balance: Dollars = Field(
        ZERO,
        title="Traditional, SEP and SIMPLE IRAs on December 31",
        description=(
            "December 31 value of all traditional, SEP and SIMPLE IRAs after this year's "
            "conversion (Form 8606 line 6 before any roll-in)."
        ),
    )
    prior_year_end_balance: Dollars | None = Field(
        None,
        title="Traditional, SEP and SIMPLE IRAs on December 31 of last year",
        description=(
            "December 31 value of all traditional, SEP and SIMPLE IRAs at the end of the "
            "previous year (the required minimum distribution's base, from RMD age); "
            "null: year_end_balance stands in. Inherited IRAs are out of scope."
        ),
    )
    basis: Dollars = Field(
        ZERO,
        title="IRA basis (last Form 8606 line 14)",
        description="Line 14 of the last Form 8606 filed (this year's line 2).",
    )
    roll_into_plan: Flag = Field(
        False,
        title="Roll pre-tax IRA money into the 401(k)",
        description="Before December 31; needs plan.accepts_ira_rollins (true, or null: then "
        "the roll-in is the yes branch of that unknown).",
    )
    nondeductible_contribution: Dollars | None = Field(
        None,
        title="Nondeductible IRA contribution",
        description="null: the most allowed for the year and age; 0: no backdoor.",
    )
    contribution_made_next_year: Flag = Field(
        False,
        title="Contribution made next year, before the due date",
        description="Made between January 1 and the April due date of next year (Form 8606 line 4).",
    )
    conversion: Dollars | None = Field(
        None,
        title="Roth conversion",
        description="Converted this calendar year; null: contribution plus earnings_before_conversion.",
    )
    earnings_before_conversion: Dollars = Field(
        ZERO, title="Earnings before the conversion", description="Earnings on the contribution."
    )
    # What is already done this year (planner/engine/progress.py). Empty and null: nothing
    # entered, and the figures are those of the plan alone.
    contributions_made: DatedAmounts = Field(
        (),
        title="Traditional IRA contributions already made",
        description=(
            "Contributions for tax_year already made, each {date, amount}: dated from January 1 "
            "of tax_year to the return's due date (after December 31: Form 8606 line 4). They "
            "count toward nondeductible_contribution; above the year's limit is an excess "
            "contribution (IRC 408(d)(4))."
        ),
    )
    conversions_made: DatedAmounts = Field(
        (),
        title="Roth conversions already made",
        description=(
            "Conversions to Roth already made in tax_year, each {date, amount}. Form 8606 line 8 "
            "counts every conversion of the year: a null conversion is at least their sum."
        ),
    )
    traditional_balance_today: Dollars | None = Field(
        None,
        title="Traditional IRA balance today",
        description=(
            "Today's value of all traditional IRAs (rollover IRAs included). When any balance "
            "today is given, Form 8606 line 6 is today's balances plus the contributions still "
            "to make this year minus the conversions still to make, instead of year_end_balance."
        ),
    )
    sep_balance_today: Dollars | None = Field(
        None, title="SEP-IRA balance today", description="Today's value of all SEP-IRAs."
    )
    simple_balance_today: Dollars | None = Field(
        None, title="SIMPLE IRA balance today", description="Today's value of all SIMPLE IRAs."
    )

    @model_validator(mode="after")
    def _conversion_counts_what_is_done(self) -> Ira:
        done = converted(self)
        if self.conversion is not None and self.conversion < done:
            raise _problem(
                f"At least the {format_money(done)} already converted this year: Form 8606 "
                "line 8 counts every conversion of the year.",
                "conversion",
            )
        return self


_DEFAULT_IRA = Ira()


class Person(BaseModel):
    """One spouse (or the single filer): their pay, their 401(k) plan, their IRAs."""

    model_config = _MODEL_CONFIG

    name: Name = Field(
        DEFAULT_NAMES[0],
        title="Name",
        description=f'Only labels results. Defaults to "{DEFAULT_NAMES[0]}" for the first person '
        f'and "{DEFAULT_NAMES[1]}" for the second.',
    )
    age: Age = Field(
        title="Age on December 31",
        description="Age on December 31 of tax_year (drives the catch-ups).",
    )
    compensation: RequiredDollars = Field(
        title="Compensation",
        description="Pay from the employer that sponsors the plan, before any deferrals.",
    )
    prior_year_fica_wages: Dollars | None = Field(
        None,
        title="Prior-year FICA wages",
        description="Last year's Social Security wages from this employer; null: not given.",
    )
    # None means no workplace plan was entered: no 401(k), nothing to roll an IRA into.
    plan: Plan | None = Field(None, title="Workplace plan", description="null: no 401(k).")
    ira: Ira = Field(_DEFAULT_IRA, title="IRAs", description="Traditional, SEP and SIMPLE IRAs.")
    second_plan: Plan | None = Field(
        None,
        title="Second employer's plan",
        description=(
            "A 401(k) with a second, unrelated employer (for example a solo 401(k) for "
            "consulting income): its own 415(c) limit; the 402(g) limit is shared. null: none."
        ),
    )
    second_plan_compensation: Dollars = Field(
        ZERO,
        title="Pay from the second employer",
        description="Compensation (or self-employment earned income) from the second plan's employer.",
    )
    lived_apart_all_year: Flag = Field(
        False,
        title="Lived apart from the spouse all year",
        description="Married filing separately only; both spouses give the same answer.",
    )
    self_employed: Flag = Field(
        False,
        title="Has self-employment income",
        description=(
            "A business or freelance work of their own (a SEP-IRA owner has it): a solo "
            "401(k) for that income can take roll-ins of pre-tax IRA money."
        ),
    )

    @model_validator(mode="before")
    @classmethod
    def _null_means_default(cls, data: Any) -> Any:
        # A null name or ira is the default; dropping the key keeps "name given" accurate.
        if isinstance(data, Mapping) and (
            data.get("name", 0) is None or data.get("ira", 0) is None
        ):
            return {
                key: value
                for key, value in data.items()
                if not (value is None and key in ("name", "ira"))
            }
        return data

    @field_validator("ira")
    @classmethod
    def _roll_in_needs_an_accepting_plan(cls, ira: Ira, info: ValidationInfo) -> Ira:
        plan = info.data.get("plan")
        if (
            ira.roll_into_plan
            and "plan" in info.data
            and (plan is None or plan.accepts_ira_rollins is False)
        ):
            raise _problem(
                "The workplace plan must accept roll-ins of IRA money (accepts_ira_rollins).",
                "roll_into_plan",
            )
        return ira


MARRIED = frozenset({FilingStatus.MARRIED_FILING_JOINTLY, FilingStatus.MARRIED_FILING_SEPARATELY})


def _known_year(year: int) -> int:
    if not has_year(year):
        raise _problem(UnknownTaxYear(year, available_years()).errors["tax_year"][0])
    return year


TaxYear = Annotated[
    int,
    Ge(1900),
    Le(2200),
    BeforeValidator(_no_bool),
    BeforeValidator(bounded),
    _whole_messages(1900, 2200, "2026"),
    AfterValidator(_known_year),
]


class OverridableLimit(StrEnum):
    """The year's figures a household may replace with its own (a plan may set lower ones)."""

    ELECTIVE_DEFERRAL = "elective_deferral"
    CATCH_UP = "catch_up"
    CATCH_UP_AGE_60_TO_63 = "catch_up_age_60_to_63"
    ANNUAL_ADDITIONS = "annual_additions"
    IRA_CONTRIBUTION = "ira_contribution"
    IRA_CATCH_UP = "ira_catch_up"


People = Annotated[tuple[Person, ...], Field(min_length=1, max_length=2), PEOPLE_MESSAGES]


class Household(BaseModel):
    """Contract input: one tax return's household (or a married couple's two returns)."""

    model_config = _MODEL_CONFIG

    tax_year: TaxYear = Field(
        title="Tax year",
        description="A year the planner has a limits table for.",
    )
    filing_status: Status = Field(title="Filing status", description="The federal filing status.")
    other_income: Dollars = Field(
        ZERO,
        title="Other income",
        description="Income beyond the compensation listed (AGI = pay - pre-tax deferrals + this).",
    )
    itemized_deductions: Dollars | None = Field(
        None, title="Itemized deductions", description="null: the standard deduction."
    )
    federal_marginal_rate: Fraction | None = Field(
        None,
        title="Federal marginal rate",
        description="When given, tax due = taxable amount x (this + state_tax_rate); null: from the brackets.",
    )
    state_tax_rate: Fraction = Field(
        ZERO,
        title="State tax rate",
        description=(
            "A flat state income tax rate, as a fraction: every tax_due adds this share of its "
            "taxable amount; the tax block's federal figures leave it out."
        ),
    )
    expected_return: Fraction = Field(
        Decimal("0.06"), title="Expected return", description="Yearly, as a fraction."
    )
    years_to_retirement: Years = Field(
        20, title="Years to retirement", description="Years the projection runs."
    )
    form_8606_ratio_places: RatioPlaces = Field(
        5,
        title="Form 8606 line 10 rounding",
        description="Rounded half-up; the form asks for at least 3.",
    )
    taxable_account_tax_rate: Fraction | None = Field(
        None,
        title="Tax rate on a taxable account",
        description="Tax on a taxable account's growth in the projection; null: worked out.",
    )

    limit_overrides: dict[OverridableLimit, Dollars] | None = Field(
        None,
        title="Your own limits",
        description=(
            "Figures used in place of the year's official ones, e.g. the plan's own lower 415(c)"
            " cap: {figure: dollars}; null: the official figures."
        ),
    )

    people: People = Field(
        title="People", description="One person, or two when married (the second is the spouse)."
    )

    @field_validator("people")
    @classmethod
    def _spouse_only_when_married(
        cls, people: tuple[Person, ...], info: ValidationInfo
    ) -> tuple[Person, ...]:
        status = info.data.get("filing_status")
        if len(people) == 2 and status is not None and status not in MARRIED:
            raise _problem("A spouse can only be added on a married return.")
        if len(people) == 2 and "name" not in people[1].model_fields_set:
            # The second person's default name is the spouse's.
            return (people[0], people[1].model_copy(update={"name": DEFAULT_NAMES[1]}))
        return people

    @model_validator(mode="after")
    def _household_rules(self) -> Household:
        problems = [problem for rule in HOUSEHOLD_RULES for problem in rule(self)]
        if problems:
            raise PydanticCustomError(
                "contract_rules",
                "{summary}",
                {
                    "summary": "; ".join(f"{path}: {message}" for path, message in problems),
                    "problems": tuple(problems),
                },
            )
        return self


def _problem(message: str, *subpath: str) -> PydanticCustomError:
    # The message travels in the context: a template would read braces in it as placeholders.
    return PydanticCustomError(
        "contract_rule", "{message}", {"message": message, "subpath": subpath}
    )


# ---------------------------------------------------------------- rules over the household

Problem = tuple[str, str]


def _lived_apart_only_when_separate(household: Household) -> Iterator[Problem]:
    if household.filing_status is FilingStatus.MARRIED_FILING_SEPARATELY:
        return
    for index, person in enumerate(household.people):
        if person.lived_apart_all_year:
            yield (
                f"people.{index}.lived_apart_all_year",
                "Only used on a married-filing-separately return.",
            )


def _spouses_agree_on_living_apart(household: Household) -> Iterator[Problem]:
    # Living apart all year is a fact about the couple (IRC 408A(c)(3)(D)).
    people = household.people
    if (
        household.filing_status is FilingStatus.MARRIED_FILING_SEPARATELY
        and len(people) == 2
        and people[0].lived_apart_all_year != people[1].lived_apart_all_year
    ):
        yield ("people.1.lived_apart_all_year", "Both spouses either lived apart all year or not.")


def _deferrals_within_402g(household: Household) -> Iterator[Problem]:
    """IRC 402(g) plus the 414(v) catch-up for the age."""
    table = planning_table(household.tax_year, household.limit_overrides)
    for index, person in enumerate(household.people):
        plans = [plan for plan in (person.plan, person.second_plan) if plan is not None]
        if not plans:
            continue
        limit = deferral_limit(table, person.age)
        total = sum((plan.pretax_deferral + plan.roth_deferral for plan in plans), ZERO)
        if total > limit:
            where = "plan" if person.plan is not None else "second_plan"
            yield (
                f"people.{index}.{where}.pretax_deferral",
                f"Pre-tax plus Roth deferrals can be at most {format_money(limit)} in "
                f"{household.tax_year} at age {person.age} (the 402(g) limit plus the catch-up "
                "for that age)"
                + (
                    ", counting both employers' plans: one limit per person. If more is already "
                    f"deferred, ask one plan to pay the {format_money(total - limit)} excess "
                    "back with its earnings by "
                    f"{long_date(table.excess_deferral_distribution_day.of(household.tax_year + 1))}"
                    " (IRC 402(g)(2)(A)); left in, it is taxed twice."
                    if len(plans) > 1
                    else "."
                ),
            )


def _contributions_within_pay(household: Household) -> Iterator[Problem]:
    # Each employer's plan takes its contributions out of that employer's pay.
    for index, person in enumerate(household.people):
        for key, plan, pay in (
            ("plan", person.plan, person.compensation),
            ("second_plan", person.second_plan, person.second_plan_compensation),
        ):
            if plan is None:
                continue
            asked = plan.after_tax_contribution or ZERO
            total = plan.pretax_deferral + plan.roth_deferral + asked
            if total > pay:
                field_name = "after_tax_contribution" if asked > ZERO else "pretax_deferral"
                yield (
                    f"people.{index}.{key}.{field_name}",
                    f"Deferrals plus after-tax contributions ({format_money(total)}) cannot be "
                    f"more than compensation ({format_money(pay)}).",
                )


def _ira_contribution_within_limit(household: Household) -> Iterator[Problem]:
    """IRC 219(b) and (c): the dollar limit for the age, capped by (joint) compensation."""
    table = planning_table(household.tax_year, household.limit_overrides)
    resolved = resolve_ira_contributions(household, table)
    for index, (person, contribution) in enumerate(zip(household.people, resolved, strict=True)):
        asked = person.ira.nondeductible_contribution
        if asked is None or asked <= contribution.limit:
            continue
        dollar_limit = ira_dollar_limit(table, person.age)
        if dollar_limit == ZERO:
            reason = "no traditional IRA contribution is allowed in or after the year of age 70½ before 2020"
        elif contribution.limit < dollar_limit:
            reason = "the IRA limit is capped by taxable compensation"
        else:
            reason = "the IRA limit for that age"
        yield (
            f"people.{index}.ira.nondeductible_contribution",
            f"At most {format_money(contribution.limit)} for {household.tax_year} at age "
            f"{person.age} ({reason}).",
        )


# Every amount is below 10**12; a growth factor up to 10**9 keeps the projection's figures,
# in cents, within the 28 significant digits of Decimal's default context.
MAX_GROWTH = Decimal(10) ** 9


def _projection_within_range(household: Household) -> Iterator[Problem]:
    years = household.years_to_retirement
    if years and (ONE + household.expected_return) ** years > MAX_GROWTH:
        highest = (MAX_GROWTH ** (ONE / years) - ONE).quantize(CENT, ROUND_DOWN)
        yield (
            "expected_return",
            f"At most {highest} with {years} years to retirement "
            "(the projection cannot grow more than a billion-fold).",
        )


def _made_within_the_year(household: Household) -> Iterator[Problem]:
    """A contribution for a year is made from its January 1 to the return's due date (IRC
    219(f)(3)); a conversion belongs to the calendar year it is made (Form 8606 line 8)."""
    year = household.tax_year
    first, last = date(year, 1, 1), date(year, 12, 31)
    deadline = year_table(year).ira_contribution_deadline
    for index, person in enumerate(household.people):
        for k, made in enumerate(person.ira.contributions_made):
            if not first <= made.date <= deadline:
                yield (
                    f"people.{index}.ira.contributions_made.{k}.date",
                    f"A contribution for {year} is made from {long_date(first)} to "
                    f"{long_date(deadline)}, the return's due date.",
                )
        for k, made in enumerate(person.ira.conversions_made):
            if not first <= made.date <= last:
                yield (
                    f"people.{index}.ira.conversions_made.{k}.date",
                    f"Only conversions made in {year} count for {year}: a date from "
                    f"{long_date(first)} to {long_date(last)}.",
                )


def _contribution_covers_what_is_made(household: Household) -> Iterator[Problem]:
    table = planning_table(household.tax_year, household.limit_overrides)
    resolved = resolve_ira_contributions(household, table)
    for index, (person, contribution) in enumerate(zip(household.people, resolved, strict=True)):
        asked = person.ira.nondeductible_contribution
        floor = min(contributed(person.ira), contribution.limit)
        if asked is not None and asked < floor:
            yield (
                f"people.{index}.ira.nondeductible_contribution",
                f"At least the {format_money(floor)} already contributed for "
                f"{household.tax_year}, or leave it blank.",
            )


def _paydays_in_the_tax_year(household: Household) -> Iterator[Problem]:
    year = household.tax_year
    for index, person in enumerate(household.people):
        if person.second_plan is not None and person.second_plan.paychecks is not None:
            yield (
                f"people.{index}.second_plan.paychecks",
                "Paychecks are planned for the first plan only.",
            )
        paychecks = None if person.plan is None else person.plan.paychecks
        if paychecks is None:
            continue
        where = f"people.{index}.plan.paychecks"
        dates = [
            ("first_pay_date", paychecks.first_pay_date),
            ("elections_start", paychecks.elections_start),
            *(
                (f"bonuses.{number}.paid_on", bonus.paid_on)
                for number, bonus in enumerate(paychecks.bonuses)
            ),
        ]
        for name, day in dates:
            if day is not None and day.year != year:
                yield (f"{where}.{name}", f"Must be a date in {year}, the tax year.")


def _overrides_exist_in_the_year(household: Household) -> Iterator[Problem]:
    table = year_table(household.tax_year)
    for name in household.limit_overrides or {}:
        if getattr(table, str(name)) is None:
            yield (
                f"limit_overrides.{name}",
                f"{household.tax_year} has no such limit to replace: leave it out.",
            )


# A carried-forward figure may be replaced by the year's published one, which moves with
# inflation (a few percent a year, in $500 or $50 steps); a quarter above it is a typo.
CARRIED_FIGURE_MOST = Decimal("1.25")


def _overrides_within_the_law(household: Household) -> Iterator[Problem]:
    """An own limit may be lower than the year's official figure (a plan's own cap), never
    higher: the official figures are the law's ceilings (IRC 402(g), 414(v), 415(c), 219(b))."""
    table = year_table(household.tax_year)
    for name, dollars in (household.limit_overrides or {}).items():
        official = getattr(table, str(name))
        if official is None:
            continue
        carried = table.provisional.get(str(name))
        if carried is None and dollars > official:
            yield (
                f"limit_overrides.{name}",
                f"At most {format_money(official)}, the official {household.tax_year} figure: "
                "your own limit can be lower (a plan's own cap), not higher."
                + (
                    " (A 403(b)'s special catch-up after 15 years of service, IRC 402(g)(7),"
                    " is not modelled.)"
                    if name == OverridableLimit.ELECTIVE_DEFERRAL
                    else ""
                ),
            )
        elif carried is not None and dollars > cents(official * CARRIED_FIGURE_MOST):
            yield (
                f"limit_overrides.{name}",
                f"At most {format_money(cents(official * CARRIED_FIGURE_MOST))}: limits move "
                f"with inflation, and this is more than a quarter above "
                f"{carried.carried_from}'s {format_money(official)}. Check the figure.",
            )


HOUSEHOLD_RULES: tuple[Callable[[Household], Iterator[Problem]], ...] = (
    _overrides_exist_in_the_year,
    _overrides_within_the_law,
    _projection_within_range,
    _lived_apart_only_when_separate,
    _deferrals_within_402g,
    _contributions_within_pay,
    _spouses_agree_on_living_apart,
    _ira_contribution_within_limit,
    _made_within_the_year,
    _contribution_covers_what_is_made,
    _paydays_in_the_tax_year,
)


# ---------------------------------------------------------------- errors -> field paths


_NESTED: dict[str, type[BaseModel]] = {
    "plan": Plan,
    "second_plan": Plan,
    "ira": Ira,
    "people": Person,
    "contributions_made": DatedAmount,
    "conversions_made": DatedAmount,
    "paychecks": Paychecks,
    "bonuses": Bonus,
}
Shape = tuple[str, ...]  # field names along a path, without list indexes


def _fields_by_shape() -> dict[Shape, FieldInfo]:
    found: dict[Shape, FieldInfo] = {}

    def walk(model: type[BaseModel], prefix: Shape) -> None:
        for name, info in model.model_fields.items():
            found[(*prefix, name)] = info
            child = _NESTED.get(name)
            if child is not None:
                walk(child, (*prefix, name))

    walk(Household, ())
    return found


def _messages(info: FieldInfo) -> Messages | None:
    # On `X | None` the messages sit inside X's Annotated, not on the field itself.
    nested = [getattr(arg, "__metadata__", ()) for arg in get_args(info.annotation)]
    for item in [*info.metadata, *(item for items in nested for item in items)]:
        if isinstance(item, Messages):
            return item
    return None


_FIELDS = _fields_by_shape()
_MESSAGES = {shape: found for shape, info in _FIELDS.items() if (found := _messages(info))}


def _shape(path: str) -> Shape:
    return tuple(part for part in path.split(".") if not part.isdigit())


def field_title(path: str) -> str | None:
    """The title of the contract field at a dotted path, like people.1.plan.pretax_deferral."""
    info = _FIELDS.get(_shape(path))
    return None if info is None else info.title


_LISTS = frozenset({"people", "contributions_made", "conversions_made", "bonuses"})


def input_field_titles() -> dict[str, str]:
    """Every input field's title by path pattern: "people.{i}.plan.pretax_deferral" -> title
    (each list's index is {i}: "people.{i}.ira.conversions_made.{i}.date")."""
    titles = {}
    for shape, info in _FIELDS.items():
        if info.title is not None:
            parts = [f"{part}.{{i}}" if part in _LISTS else part for part in shape[:-1]]
            titles[".".join([*parts, shape[-1]])] = info.title
    return titles


def field_description(path: str) -> str | None:
    info = _FIELDS.get(_shape(path))
    return None if info is None else info.description


_OBJECT_ERRORS = frozenset({"model_type", "model_attributes_type", "dict_type"})
_ANY_FIELD = {
    "missing": REQUIRED,
    "extra_forbidden": "Unknown field.",
}


def _message(error: ErrorDetails, shape: Shape) -> str:
    kind = error["type"]
    if kind in _ANY_FIELD:
        return _ANY_FIELD[kind]
    if kind == "contract_rule":
        return str(error["ctx"]["message"])
    if kind in _OBJECT_ERRORS and shape in (
        ("people",),
        ("people", "plan"),
        ("people", "second_plan"),
        ("people", "ira"),
        ("people", "ira", "contributions_made"),
        ("people", "ira", "conversions_made"),
        ("people", "plan", "paychecks"),
        ("people", "plan", "paychecks", "bonuses"),
    ):
        return "Must be an object."
    messages = _MESSAGES.get(shape)
    if kind == "string_unicode" and messages is not NAME_MESSAGES:
        return "Field names must be plain text."  # a key with a lone surrogate
    return error["msg"] if messages is None else messages.for_error(error)


_LENGTH_ERRORS = frozenset({"too_short", "too_long"})


def _length_is_fine(error: ErrorDetails) -> bool:
    entries = error["input"]
    if not isinstance(entries, list | tuple):
        return False
    ctx = error.get("ctx", {})
    return bool(ctx.get("min_length", 0) <= len(entries) <= ctx.get("max_length", len(entries)))


def field_errors(error: ValidationError) -> dict[str, list[str]]:
    """A pydantic ValidationError as the contract's {"dotted.path": [message, ...]}."""
    errors: dict[str, list[str]] = {}
    for item in error.errors():
        if item["type"] == "contract_rules":
            for path, message in item["ctx"]["problems"]:
                errors.setdefault(path, []).append(message)
            continue
        loc = item["loc"]
        if item["type"] in _LENGTH_ERRORS and _length_is_fine(item):
            continue  # the list's own entries failed; pydantic counts only the valid ones
        if item["type"] == "contract_rule":
            loc = (*loc, *item["ctx"]["subpath"])
        path = ".".join(str(part) for part in loc) or "__all__"
        shape = tuple(part for part in loc if isinstance(part, str))
        errors.setdefault(path, []).append(_message(item, shape))
    return errors


def parse_household(data: Mapping[str, Any]) -> Household:
    """Contract input JSON -> Household. Raises InvalidInput listing every bad field."""
    if not isinstance(data, Mapping):
        raise InvalidInput({"__all__": ["Send a JSON object describing the household."]})
    try:
        return Household.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(field_errors(error)) from None


class ContractJsonSchema(GenerateJsonSchema):
    """Money as a JSON number, Decimal defaults as numbers, each enum's labels as its description."""

    def decimal_schema(self, schema: core_schema.DecimalSchema) -> JsonSchemaValue:
        # pydantic also offers a numeric string; the contract's money is a JSON number.
        json_schema = super().decimal_schema(schema)
        return json_schema["anyOf"][0] if "anyOf" in json_schema else json_schema

    def enum_schema(self, schema: core_schema.EnumSchema) -> JsonSchemaValue:
        json_schema = super().enum_schema(schema)
        if schema["cls"] in LABELS:
            json_schema["description"] = _choices_text(schema["cls"])
        return json_schema

    def encode_default(self, dft: Any) -> Any:
        return json_number(dft) if isinstance(dft, Decimal) else super().encode_default(dft)


def household_to_dict(household: Household) -> dict[str, Any]:
    """Household -> contract input JSON; parse_household(household_to_dict(h)) == h."""
    return household.model_dump(mode="json")
