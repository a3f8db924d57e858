"""Contract JSON <-> input dataclasses, with every field error collected in one pass."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import fields
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, TypeVar

from planner.engine.errors import InvalidInput, UnknownTaxYear
from planner.engine.limits import deferral_limit, ira_dollar_limit, resolve_ira_contributions
from planner.engine.models import (
    AfterTaxRoute,
    ConversionFrequency,
    FilingStatus,
    Household,
    Ira,
    Person,
    Plan,
)
from planner.engine.money import CENT, ONE, ZERO, cents, format_money
from planner.engine.tables import available_years, has_year, year_table

MONEY_CEILING = Decimal(10) ** 12
_MONEY_CEILING_NUMBER = 10**12
MIN_AGE = 18
MAX_AGE = 120
MAX_YEARS_TO_RETIREMENT = 80
MIN_RATIO_PLACES = 3
MAX_RATIO_PLACES = 8
MAX_NAME_LENGTH = 100
DEFAULT_NAMES = ("You", "Spouse")

HOUSEHOLD_FIELDS = frozenset(
    {
        "tax_year",
        "filing_status",
        "other_income",
        "itemized_deductions",
        "federal_marginal_rate",
        "state_tax_rate",
        "expected_return",
        "years_to_retirement",
        "people",
        "form_8606_ratio_places",
        "taxable_account_tax_rate",
    }
)
PERSON_FIELDS = frozenset({f.name for f in fields(Person)})
PLAN_FIELDS = frozenset({f.name for f in fields(Plan)})
IRA_FIELDS = frozenset({f.name for f in fields(Ira)})

MARRIED = frozenset({FilingStatus.MARRIED_FILING_JOINTLY, FilingStatus.MARRIED_FILING_SEPARATELY})

EnumT = TypeVar("EnumT", bound=StrEnum)
_MISSING: Any = object()


class _Reader:
    """Reads typed values out of one JSON object, recording errors under full field paths."""

    def __init__(self, data: Mapping[str, Any], prefix: str, errors: dict[str, list[str]]) -> None:
        self.data = data
        self.prefix = prefix
        self.errors = errors

    def path(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def error(self, key: str, message: str) -> None:
        self.errors.setdefault(self.path(key), []).append(message)

    def check_unknown(self, allowed: frozenset[str]) -> None:
        # Nearly every object has only known fields: one set test before the per-key loop.
        if allowed.issuperset(self.data):
            return
        for key in self.data:
            if key not in allowed:
                self.error(str(key), "Unknown field.")

    def raw(self, key: str, required: bool) -> Any:
        value = self.data.get(key, _MISSING)
        if value is _MISSING and required:
            self.error(key, "This field is required.")
        return value

    def decimal(
        self, key: str, *, required: bool = False, nullable: bool = False
    ) -> Decimal | None:
        """None when absent, null (if allowed) or invalid; callers apply defaults."""
        value = self.raw(key, required)
        if value is _MISSING:
            return None
        if value is None:
            if nullable:
                return None
            self.error(
                key, "Enter a number, like 24500." if not required else "This field is required."
            )
            return None
        number = parse_number(value)
        if number is None:
            self.error(key, "Enter a number, like 24500.")
        return number

    def money(self, key: str, *, required: bool = False, nullable: bool = False) -> Decimal | None:
        value = self.data.get(key, _MISSING)
        # Fast paths for an absent field and the usual JSON number; the same answer as below.
        if value is _MISSING and not required:
            return None
        kind = type(value)
        if (kind is int or kind is float) and 0 <= value < _MONEY_CEILING_NUMBER:
            return (Decimal(value) if kind is int else Decimal(str(value))).quantize(
                CENT, ROUND_HALF_UP
            )
        number = self.decimal(key, required=required, nullable=nullable)
        if number is None:
            return None
        if number < ZERO:
            self.error(key, "Must be 0 or more.")
            return None
        if number >= MONEY_CEILING:
            self.error(key, "Must be less than 1,000,000,000,000.")
            return None
        return cents(number)

    def rate(self, key: str, *, nullable: bool = False) -> Decimal | None:
        value = self.data.get(key, _MISSING)
        if value is _MISSING:
            return None
        kind = type(value)
        if (kind is float or kind is int) and 0 <= value <= 1:
            return Decimal(value) if kind is int else Decimal(str(value))
        number = self.decimal(key, nullable=nullable)
        if number is None:
            return None
        if not ZERO <= number <= ONE:
            self.error(key, "Enter a fraction between 0 and 1, like 0.24 for 24%.")
            return None
        return number

    def integer(
        self, key: str, low: int, high: int, example: str, *, required: bool = False
    ) -> int | None:
        value = self.raw(key, required)
        if value is _MISSING:
            return None
        if type(value) is int and low <= value <= high:
            return value
        number = parse_number(value) if value is not None else None
        if number is None or number != number.to_integral_value():
            self.error(key, f"Enter a whole number, like {example}.")
            return None
        if not low <= number <= high:
            self.error(key, f"Must be between {low} and {high}.")
            return None
        return int(number)

    def boolean(self, key: str) -> bool | None:
        value = self.data.get(key, _MISSING)
        if value is True or value is False:
            return value
        if value is _MISSING:
            return None
        if not isinstance(value, bool):
            self.error(key, "Must be true or false.")
            return None
        return value

    def choice(
        self, key: str, enum: type[EnumT], *, required: bool = False, nullable: bool = False
    ) -> EnumT | None:
        value = self.data.get(key, _MISSING)
        if value is _MISSING:
            if required:
                self.error(key, "This field is required.")
            return None
        if value is None and nullable:
            return None
        if type(value) is str:
            # The value-to-member map is what enum(value) looks in first, without its overhead.
            member = enum._value2member_map_.get(value)
            if member is not None:
                return member  # type: ignore[return-value]
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(member.value for member in enum)
            self.error(key, f"Must be one of: {allowed}.")
            return None

    def mapping(self, key: str) -> Mapping[str, Any] | None:
        value = self.raw(key, False)
        if value is _MISSING or value is None:
            return None
        if not isinstance(value, Mapping):
            self.error(key, "Must be an object.")
            return None
        return value


def parse_number(value: object) -> Decimal | None:
    """A finite Decimal from a JSON number (or a numeric string from a form), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return Decimal(str(value))
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            return None
    else:
        return None
    return number if number.is_finite() else None


def _or(value: Any, default: Any) -> Any:
    return default if value is None else value


_PLAN_DEFAULTS = Plan()
_IRA_DEFAULTS = Ira()


def _parse_plan(reader: _Reader) -> Plan:
    defaults = _PLAN_DEFAULTS
    return Plan(
        pretax_deferral=_or(reader.money("pretax_deferral"), defaults.pretax_deferral),
        roth_deferral=_or(reader.money("roth_deferral"), defaults.roth_deferral),
        employer_contribution=_or(
            reader.money("employer_contribution"), defaults.employer_contribution
        ),
        forfeitures=_or(reader.money("forfeitures"), defaults.forfeitures),
        allows_after_tax=_or(reader.boolean("allows_after_tax"), defaults.allows_after_tax),
        after_tax_cap=reader.money("after_tax_cap", nullable=True),
        after_tax_cap_percent=reader.rate("after_tax_cap_percent", nullable=True),
        after_tax_contribution=reader.money("after_tax_contribution", nullable=True),
        allows_in_service_distribution=_or(
            reader.boolean("allows_in_service_distribution"),
            defaults.allows_in_service_distribution,
        ),
        allows_in_plan_roth_conversion=_or(
            reader.boolean("allows_in_plan_roth_conversion"),
            defaults.allows_in_plan_roth_conversion,
        ),
        after_tax_route=reader.choice("after_tax_route", AfterTaxRoute, nullable=True),
        conversion_frequency=_or(
            reader.choice("conversion_frequency", ConversionFrequency),
            defaults.conversion_frequency,
        ),
        after_tax_earnings=reader.money("after_tax_earnings", nullable=True),
        accepts_ira_rollins=_or(
            reader.boolean("accepts_ira_rollins"), defaults.accepts_ira_rollins
        ),
    )


def _parse_ira(reader: _Reader) -> Ira:
    defaults = _IRA_DEFAULTS
    return Ira(
        year_end_balance=_or(reader.money("year_end_balance"), defaults.year_end_balance),
        basis=_or(reader.money("basis"), defaults.basis),
        roll_into_plan=_or(reader.boolean("roll_into_plan"), defaults.roll_into_plan),
        nondeductible_contribution=reader.money("nondeductible_contribution", nullable=True),
        contribution_made_next_year=_or(
            reader.boolean("contribution_made_next_year"), defaults.contribution_made_next_year
        ),
        conversion=reader.money("conversion", nullable=True),
        earnings_before_conversion=_or(
            reader.money("earnings_before_conversion"), defaults.earnings_before_conversion
        ),
    )


def _parse_person(reader: _Reader, index: int) -> Person | None:
    reader.check_unknown(PERSON_FIELDS)
    name_value = reader.raw("name", False)
    name = DEFAULT_NAMES[index] if index < len(DEFAULT_NAMES) else f"Person {index + 1}"
    if name_value is not _MISSING and name_value is not None:
        if not isinstance(name_value, str) or not name_value.strip():
            reader.error("name", "Enter a name.")
        elif len(name_value.strip()) > MAX_NAME_LENGTH:
            reader.error("name", f"Use at most {MAX_NAME_LENGTH} characters.")
        else:
            name = name_value.strip()
    age = reader.integer("age", MIN_AGE, MAX_AGE, "45", required=True)
    compensation = reader.money("compensation", required=True)
    prior_year_fica_wages = reader.money("prior_year_fica_wages", nullable=True)
    lived_apart = _or(reader.boolean("lived_apart_all_year"), False)

    plan_data = reader.mapping("plan")
    plan = None
    if plan_data is not None:
        plan_reader = _Reader(plan_data, reader.path("plan."), reader.errors)
        plan_reader.check_unknown(PLAN_FIELDS)
        plan = _parse_plan(plan_reader)
    ira_data = reader.mapping("ira")
    ira = _IRA_DEFAULTS
    if ira_data is not None:
        ira_reader = _Reader(ira_data, reader.path("ira."), reader.errors)
        ira_reader.check_unknown(IRA_FIELDS)
        ira = _parse_ira(ira_reader)
    if age is None or compensation is None:
        return None
    return Person(
        name=name,
        age=age,
        compensation=compensation,
        prior_year_fica_wages=prior_year_fica_wages,
        plan=plan,
        ira=ira,
        lived_apart_all_year=lived_apart,
    )


_HOUSEHOLD_DEFAULTS = Household(tax_year=0, filing_status=FilingStatus.SINGLE, people=())


def parse_household(data: Mapping[str, Any]) -> Household:
    """Contract input JSON -> Household. Raises InvalidInput listing every bad field."""
    if not isinstance(data, Mapping):
        raise InvalidInput({"__all__": ["Send a JSON object describing the household."]})
    errors: dict[str, list[str]] = {}
    reader = _Reader(data, "", errors)
    reader.check_unknown(HOUSEHOLD_FIELDS)

    tax_year = reader.integer("tax_year", 1900, 2200, "2026", required=True)
    if tax_year is not None and not has_year(tax_year):
        reader.error("tax_year", UnknownTaxYear(tax_year, available_years()).errors["tax_year"][0])
        tax_year = None
    filing_status = reader.choice("filing_status", FilingStatus, required=True)
    defaults = _HOUSEHOLD_DEFAULTS
    other_income = _or(reader.money("other_income"), defaults.other_income)
    itemized = reader.money("itemized_deductions", nullable=True)
    federal_marginal_rate = reader.rate("federal_marginal_rate", nullable=True)
    state_tax_rate = _or(reader.rate("state_tax_rate"), defaults.state_tax_rate)
    expected_return = _or(reader.rate("expected_return"), defaults.expected_return)
    years = _or(
        reader.integer("years_to_retirement", 0, MAX_YEARS_TO_RETIREMENT, "20"),
        defaults.years_to_retirement,
    )
    places = _or(
        reader.integer("form_8606_ratio_places", MIN_RATIO_PLACES, MAX_RATIO_PLACES, "5"),
        defaults.form_8606_ratio_places,
    )
    taxable_account_tax_rate = reader.rate("taxable_account_tax_rate", nullable=True)

    people: list[Person] = []
    people_complete = True
    people_value = reader.raw("people", True)
    if people_value is not _MISSING:
        if not isinstance(people_value, list | tuple):
            reader.error("people", "Must be a list of one or two people.")
            people_complete = False
        elif not people_value:
            reader.error("people", "Add at least one person.")
            people_complete = False
        elif len(people_value) > 2:
            reader.error("people", "At most two people: you and a spouse.")
            people_complete = False
        else:
            if (
                len(people_value) == 2
                and filing_status is not None
                and filing_status not in MARRIED
            ):
                reader.error("people", "A spouse can only be added on a married return.")
            for index, person_data in enumerate(people_value):
                if not isinstance(person_data, Mapping):
                    reader.error(f"people.{index}", "Must be an object.")
                    people_complete = False
                    continue
                person = _parse_person(_Reader(person_data, f"people.{index}.", errors), index)
                if person is None:
                    people_complete = False
                else:
                    people.append(person)
    else:
        people_complete = False

    if tax_year is not None and filing_status is not None and people_complete:
        household = Household(
            tax_year=tax_year,
            filing_status=filing_status,
            people=tuple(people),
            other_income=other_income,
            itemized_deductions=itemized,
            federal_marginal_rate=federal_marginal_rate,
            state_tax_rate=state_tax_rate,
            expected_return=expected_return,
            years_to_retirement=years,
            form_8606_ratio_places=places,
            taxable_account_tax_rate=taxable_account_tax_rate,
        )
        _check_limits(household, errors)
        if not errors:
            return household
    raise InvalidInput(errors)


def _check_limits(household: Household, errors: dict[str, list[str]]) -> None:
    """Rules that need the year's table and the whole household."""
    table = year_table(household.tax_year)
    year = household.tax_year

    def add(path: str, message: str) -> None:
        errors.setdefault(path, []).append(message)

    for index, person in enumerate(household.people):
        prefix = f"people.{index}."
        if (
            person.lived_apart_all_year
            and household.filing_status is not FilingStatus.MARRIED_FILING_SEPARATELY
        ):
            add(prefix + "lived_apart_all_year", "Only used on a married-filing-separately return.")
        plan = person.plan
        if plan is not None:
            deferrals = plan.pretax_deferral + plan.roth_deferral
            limit = deferral_limit(table, person.age)
            if deferrals > limit:
                add(
                    prefix + "plan.pretax_deferral",
                    f"Pre-tax plus Roth deferrals can be at most {format_money(limit)} in {year} "
                    f"at age {person.age} (the 402(g) limit plus the catch-up for that age).",
                )
            asked = plan.after_tax_contribution or ZERO
            if deferrals + asked > person.compensation:
                field = "plan.after_tax_contribution" if asked > ZERO else "plan.pretax_deferral"
                add(
                    prefix + field,
                    f"Deferrals plus after-tax contributions ({format_money(deferrals + asked)}) "
                    f"cannot be more than compensation ({format_money(person.compensation)}).",
                )
            route = plan.after_tax_route
            if route in (
                AfterTaxRoute.ROLLOVER_TO_ROTH_IRA,
                AfterTaxRoute.SPLIT_EARNINGS_TO_TRADITIONAL_IRA,
            ):
                if not plan.allows_in_service_distribution:
                    add(
                        prefix + "plan.after_tax_route",
                        "This route needs a plan that allows in-service distributions.",
                    )
            elif (
                route is AfterTaxRoute.IN_PLAN_CONVERSION
                and not plan.allows_in_plan_roth_conversion
            ):
                add(
                    prefix + "plan.after_tax_route",
                    "This route needs a plan that allows in-plan Roth conversions.",
                )
        if person.ira.roll_into_plan and (plan is None or not plan.accepts_ira_rollins):
            add(
                prefix + "ira.roll_into_plan",
                "The workplace plan must accept roll-ins of IRA money (accepts_ira_rollins).",
            )

    # Living apart all year is a fact about the couple (IRC 408A(c)(3)(D)), so both agree.
    people = household.people
    if (
        household.filing_status is FilingStatus.MARRIED_FILING_SEPARATELY
        and len(people) == 2
        and people[0].lived_apart_all_year != people[1].lived_apart_all_year
    ):
        add("people.1.lived_apart_all_year", "Both spouses either lived apart all year or not.")

    resolved = resolve_ira_contributions(household, table)
    for index, (person, contribution) in enumerate(zip(household.people, resolved, strict=True)):
        asked = person.ira.nondeductible_contribution
        if asked is not None and asked > contribution.limit:
            dollar_limit = ira_dollar_limit(table, person.age)
            if dollar_limit == ZERO:
                reason = "no traditional IRA contribution is allowed in or after the year of age 70½ before 2020"
            elif contribution.limit < dollar_limit:
                reason = "the IRA limit is capped by taxable compensation"
            else:
                reason = "the IRA limit for that age"
            add(
                f"people.{index}.ira.nondeductible_contribution",
                f"At most {format_money(contribution.limit)} for {year} at age {person.age} ({reason}).",
            )


# ---------------------------------------------------------------- back to JSON


def json_number(value: Decimal) -> int | float:
    whole = int(value)
    if whole == value:
        return whole
    return float(value)


def _json_value(value: object) -> object:
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, Decimal):
        return json_number(value)
    return value


def _object_to_dict(instance: object, names: frozenset[str] | None = None) -> dict[str, object]:
    result: dict[str, object] = {}
    for item in fields(instance):  # type: ignore[arg-type]
        if names is None or item.name in names:
            result[item.name] = _json_value(getattr(instance, item.name))
    return result


def household_to_dict(household: Household) -> dict[str, object]:
    """Household -> contract input JSON; parse_household(household_to_dict(h)) == h."""
    people: list[dict[str, object]] = []
    for person in household.people:
        person_dict: dict[str, object] = {
            "name": person.name,
            "age": person.age,
            "compensation": json_number(person.compensation),
            "prior_year_fica_wages": _json_value(person.prior_year_fica_wages),
            "ira": _object_to_dict(person.ira),
        }
        if person.plan is not None:
            person_dict["plan"] = _object_to_dict(person.plan)
        if person.lived_apart_all_year:
            person_dict["lived_apart_all_year"] = True
        people.append(person_dict)
    data = _object_to_dict(household, HOUSEHOLD_FIELDS - {"people"})
    data["people"] = people
    return data
