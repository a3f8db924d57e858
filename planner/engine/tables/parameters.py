"""Tax law as parameters: each figure's values by year, each value with its reference.

The files in planner/engine/parameters/ (and any year file loaded later, in the same format)
hold, per parameter, a label, the law it applies, how it is updated and its values by year:

    {"references": {"notice-2025-67": {"title": "Notice 2025-67", "href": "https://..."}},
     "parameters": {"elective_deferral": {"values": {"2026": {"value": 24500,
                                                              "reference": "notice-2025-67"}}}}}

A value holds from its year until the next value. A "yearly" parameter is published for each
year (inflation-indexed limits, brackets, deadlines): a year after its last value is planned
with that value carried forward and marked provisional. A "by_law" parameter holds until the
law changes (a fixed statutory figure). A "prior_year" parameter is another parameter's value
for the year before (exactly: IRC 414(q)(1)(B) looks back to the prior year's figure).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from planner.engine.tables.schema import (
    BracketSchedule,
    FilingStatus,
    MonthDay,
    PhaseOutRange,
    ProvisionalFigure,
    Reference,
    SeniorDeduction,
    YearTable,
)

PARAMETERS_DIR = Path(__file__).resolve().parents[1] / "parameters"
# The publishers whose documents a reference may link to.
OFFICIAL_HOSTS = (
    "www.irs.gov",
    "www.congress.gov",
    "www.law.cornell.edu",
    "www.ecfr.gov",
    "www.federalregister.gov",
    "www.govinfo.gov",
    "www.ssa.gov",
)
Updated = Literal["yearly", "by_law", "prior_year"]
_STRICT = ConfigDict(extra="forbid", frozen=True)


class ReferenceEntry(BaseModel):
    model_config = _STRICT

    title: str = Field(min_length=1)
    href: Annotated[str, Field(pattern=r"^https://[^/\s]+/\S*$")]


class ValueEntry(BaseModel):
    """One year's value; `reference` names an entry of some file's `references`."""

    model_config = _STRICT

    value: Any
    reference: str = Field(min_length=1)
    note: str | None = Field(None, min_length=1)


class ParameterEntry(BaseModel):
    model_config = _STRICT

    label: str | None = Field(None, min_length=1)
    law: str | None = None
    updated: Updated | None = None
    published_in: str | None = None
    prior_year_of: str | None = None
    values: dict[Annotated[int, Field(ge=1900, le=2200)], ValueEntry] = {}


class ParameterFile(BaseModel):
    """The format of every parameter file, in the repository or loaded later."""

    model_config = _STRICT

    references: dict[str, ReferenceEntry] = {}
    parameters: dict[str, ParameterEntry] = {}


class ParameterError(ValueError):
    """A parameter file that does not validate: one message per problem."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


# ------------------------------------------------------------------ value types


class _Range(BaseModel):
    model_config = _STRICT
    low: Decimal = Field(ge=0)
    high: Decimal = Field(ge=0)


class _Senior(BaseModel):
    model_config = _STRICT
    amount: Decimal = Field(ge=0)
    phase_out_start_joint: Decimal = Field(ge=0)
    phase_out_start_other: Decimal = Field(ge=0)
    phase_out_rate: Decimal = Field(ge=0, le=1)


class _Lines(BaseModel):
    model_config = _STRICT
    gross: str = Field(min_length=1)
    taxable: str = Field(min_length=1)


Money = Annotated[Decimal, Field(ge=0)]
Status = Literal[
    "single", "married_filing_jointly", "married_filing_separately", "head_of_household"
]
TCJA_RATES: tuple[Decimal, ...] = tuple(
    Decimal(rate) for rate in ("0.10", "0.12", "0.22", "0.24", "0.32", "0.35", "0.37")
)


def _by_status(values: Mapping[str, Any]) -> dict[FilingStatus, Any]:
    by_status = {FilingStatus(status): value for status, value in values.items()}
    # IRC 1(a), 63(c)(2)(A) and 1411(b)(1): a surviving spouse uses the joint column.
    by_status[FilingStatus.QUALIFYING_SURVIVING_SPOUSE] = by_status[
        FilingStatus.MARRIED_FILING_JOINTLY
    ]
    return by_status


def _rate(text: str) -> Decimal:
    """A rate as a decimal ("0.038") or an exact fraction ("2/37", divided in Decimal)."""
    if "/" in text:
        fraction = Fraction(text)
        return Decimal(fraction.numerator) / Decimal(fraction.denominator)
    return Decimal(text)


def _kind(annotation: Any, convert: Callable[[Any], Any] = lambda value: value) -> Any:
    adapter: TypeAdapter[Any] = TypeAdapter(annotation)
    return lambda raw: convert(adapter.validate_python(raw))


_money = _kind(Money)
_money_or_none = _kind(Money | None)
_flag = _kind(bool)
_range = _kind(_Range, lambda r: PhaseOutRange(r.low, r.high))
_status_money = _kind(dict[Status, Money], _by_status)
_lines = _kind(_Lines, lambda lines: (lines.gross, lines.taxable))


_brackets = _kind(
    dict[Status, Annotated[tuple[Money, ...], Field(min_length=6, max_length=6)]],
    lambda rows: _by_status(
        {status: BracketSchedule(row, TCJA_RATES) for status, row in rows.items()}
    ),
)
_senior = _kind(
    _Senior | None,
    lambda rule: (
        None
        if rule is None
        else SeniorDeduction(
            rule.amount, rule.phase_out_start_joint, rule.phase_out_start_other, rule.phase_out_rate
        )
    ),
)
_date = _kind(date)


def _to_month_day(text: str) -> MonthDay:
    """ "10-15": October 15; a day every year has (February 29 is not one)."""
    match = re.fullmatch(r"(\d\d)-(\d\d)", text)
    if match is None:
        raise ValueError(f"{text!r} is not a month and day like 10-15")
    month, day = int(match[1]), int(match[2])
    date(2023, month, day)  # ValueError for a day a common year does not have
    return MonthDay(month, day)


_month_day = _kind(str, _to_month_day)
_rate_or_none = _kind(str | None, lambda text: None if text is None else _rate(text))
_age_table = _kind(dict[int, Annotated[Decimal, Field(gt=0)]])


# Every figure of a YearTable, with the type of its values.
VALUE_TYPES: dict[str, Callable[[Any], Any]] = {
    "elective_deferral": _money,
    "catch_up": _money,
    "catch_up_age_60_to_63": _money_or_none,
    "annual_additions": _money,
    "compensation_limit": _money,
    "hce_threshold": _money,
    "hce_threshold_lookback": _money,
    "ira_contribution": _money,
    "ira_catch_up": _money,
    "roth_phase_out_single": _range,
    "roth_phase_out_joint": _range,
    "roth_phase_out_separate": _range,
    "deduction_phase_out_active_single": _range,
    "deduction_phase_out_active_joint": _range,
    "deduction_phase_out_spouse_covered_joint": _range,
    "deduction_phase_out_separate": _range,
    "roth_catch_up_wage_threshold": _money_or_none,
    "roth_catch_up_enforced": _flag,
    "traditional_ira_age_70_half_bar": _flag,
    "ira_contribution_deadline": _date,
    "excess_contribution_withdrawal_day": _month_day,
    "excess_deferral_distribution_day": _month_day,
    "first_rmd_deadline_day": _month_day,
    "brackets": _brackets,
    "standard_deduction": _status_money,
    "additional_standard_deduction_unmarried": _money,
    "additional_standard_deduction_married": _money,
    "senior_deduction": _senior,
    "itemized_deduction_reduction_rate": _rate_or_none,
    "net_investment_income_tax_rate": _kind(str, _rate),
    "social_security_tax_rate": _kind(str, _rate),
    "social_security_wage_base": _money,
    "medicare_tax_rate": _kind(str, _rate),
    "additional_medicare_tax_rate": _kind(str, _rate),
    "additional_medicare_withholding_threshold": _money,
    "net_investment_income_tax_threshold": _status_money,
    "rmd_age": _kind(Annotated[Decimal, Field(gt=0)]),
    "rmd_waived": _flag,
    "uniform_lifetime_table": _age_table,
    "form_1040_ira_lines": _lines,
    "form_1040_pension_lines": _lines,
}


# ------------------------------------------------------------------ loading


def read_file(path: Path) -> ParameterFile:
    return parse_file(json.loads(path.read_text(encoding="utf-8")), path.name)


def parse_file(document: Any, name: str = "file") -> ParameterFile:
    try:
        return ParameterFile.model_validate(document)
    except ValidationError as error:
        raise ParameterError(
            [
                f"{name}: {'.'.join(str(part) for part in problem['loc'])}: {problem['msg']}"
                for problem in error.errors()
            ]
        ) from None


def repository_files() -> list[ParameterFile]:
    return [read_file(path) for path in sorted(PARAMETERS_DIR.glob("*.json"))]


@dataclass(frozen=True)
class _Parameter:
    name: str
    label: str
    law: str
    updated: Updated
    published_in: str
    prior_year_of: str | None
    values: dict[int, tuple[Any, ValueEntry]]


class TaxLaw:
    """Every parameter with its values, merged from the repository's files and loaded ones."""

    def __init__(
        self, files: Iterable[ParameterFile], loaded: Iterable[ParameterFile] = ()
    ) -> None:
        files, loaded = list(files), list(loaded)
        problems: list[str] = []
        self.references: dict[str, Reference] = {}
        for document in [*files, *loaded]:
            for key, reference in document.references.items():
                self.references[key] = Reference(reference.title, reference.href)
        definitions: dict[str, ParameterEntry] = {}
        for document in files:
            for name, entry in document.parameters.items():
                if name in definitions:
                    problems.append(f"{name}: defined twice")
                definitions[name] = entry
        for name in sorted(set(VALUE_TYPES) - set(definitions)):
            problems.append(f"{name}: no parameter file defines it")
        self.parameters: dict[str, _Parameter] = {}
        for name, entry in definitions.items():
            if name not in VALUE_TYPES:
                problems.append(f"{name}: not a figure the engine uses")
                continue
            if entry.label is None or entry.updated is None:
                problems.append(f"{name}: needs a label and how it is updated")
                continue
            if entry.updated == "yearly" and not entry.published_in:
                problems.append(f"{name}: a yearly figure says where it is published")
            if (entry.updated == "prior_year") != (entry.prior_year_of is not None):
                problems.append(f"{name}: prior_year_of goes with updated: prior_year")
            self.parameters[name] = _Parameter(
                name,
                entry.label,
                entry.law or "",
                entry.updated,
                entry.published_in or "",
                entry.prior_year_of,
                {},
            )
        for document in [*files, *loaded]:
            for name, entry in document.parameters.items():
                parameter = self.parameters.get(name)
                if parameter is None:
                    if document in loaded:
                        problems.append(f"{name}: not a figure the engine uses")
                    continue
                for year, value in entry.values.items():
                    problems += self._add(parameter, year, value)
        for parameter in self.parameters.values():
            problems += self._check_years(parameter)
        if problems:
            raise ParameterError(problems)

    def _add(self, parameter: _Parameter, year: int, entry: ValueEntry) -> list[str]:
        where = f"{parameter.name}.values.{year}"
        if parameter.updated == "prior_year":
            return [f"{where}: the figure is the prior year's {parameter.prior_year_of}"]
        if entry.reference not in self.references:
            return [f"{where}.reference: no reference named {entry.reference!r}"]
        try:
            value = VALUE_TYPES[parameter.name](entry.value)
        except (ValidationError, ValueError, ArithmeticError) as error:
            return [f"{where}.value: {error}".splitlines()[0]]
        parameter.values[year] = (value, entry)
        return []

    def _check_years(self, parameter: _Parameter) -> list[str]:
        if parameter.updated == "prior_year":
            if parameter.prior_year_of not in self.parameters:
                return [f"{parameter.name}: no parameter {parameter.prior_year_of}"]
            return []
        years = sorted(parameter.values)
        if not years:
            return [f"{parameter.name}: no values"]
        if parameter.updated == "yearly":
            # A yearly figure's years run without a gap (a year left out would be carried
            # silently), except while the figure is not in force (null).
            gaps = [
                year
                for year in range(years[0], years[-1] + 1)
                if year not in parameter.values
                and parameter.values[max(y for y in years if y < year)][0] is not None
            ]
            if gaps:
                return [f"{parameter.name}: no value for {', '.join(map(str, gaps))}"]
        return []

    # -------------------------------------------------------------- years

    def _yearly(self) -> list[_Parameter]:
        return [p for p in self.parameters.values() if p.updated == "yearly"]

    def first_year(self) -> int:
        return max(min(p.values) for p in self._yearly())

    def last_published_year(self) -> int:
        """The last year every yearly figure is published for."""
        return min(max(p.values) for p in self._yearly())

    def years(self) -> list[int]:
        """Published years and the next one, which is planned on provisional figures."""
        return list(range(self.first_year(), self.last_published_year() + 2))

    # -------------------------------------------------------------- one year

    def _listed(self, parameter: _Parameter, year: int) -> int | None:
        listed = [y for y in parameter.values if y <= year]
        return max(listed) if listed else None

    def _source(self, parameter: _Parameter, entry: ValueEntry, detail: str | None = None) -> str:
        title = self.references[entry.reference].title
        detail = detail or entry.note or parameter.law
        return f"{title} ({detail})" if detail else title

    def figure(self, name: str, year: int) -> tuple[Any, str, Reference, ProvisionalFigure | None]:
        """The value in force in `year`, its source, its reference and, if carried, why."""
        parameter = self.parameters[name]
        if parameter.prior_year_of is not None:
            base = self.parameters[parameter.prior_year_of]
            value, _, reference, carried = self.figure(base.name, year - 1)
            listed = self._listed(base, year - 1)
            assert listed is not None
            entry = base.values[listed][1]
            detail = f"{parameter.law}: the {year - 1} figure, applied to {year - 1} pay"
            source = self._source(parameter, entry, detail)
            if carried is not None:
                carried = ProvisionalFigure(
                    name, parameter.label, carried.carried_from, carried.comes_from
                )
                source = _provisional_source(source, carried)
            return value, source, reference, carried
        listed = self._listed(parameter, year)
        if listed is None:
            raise KeyError(f"{name} has no value for {year}")
        value, entry = parameter.values[listed]
        source = self._source(parameter, entry)
        reference = self.references[entry.reference]
        if parameter.updated != "yearly" or year <= max(parameter.values):
            return value, source, reference, None
        carried = ProvisionalFigure(name, parameter.label, listed, parameter.published_in)
        if isinstance(value, date):
            # A date figure is a deadline: it carries to the same day of the later year,
            # moved off a weekend or legal holiday as the law moves it.
            day = _unmoved(value)
            value = next_business_day(day.replace(year=value.year + year - listed))
            moved = "" if value.day == day.day else ", moved off a weekend or legal holiday"
            source = (
                f"Provisional: {listed}'s deadline a year on ({value:%B} {value.day}, "
                f"{value.year}{moved}, IRC 7503) until {year}'s is announced. {listed}: {source}"
            )
            return value, source, reference, carried
        return value, _provisional_source(source, carried), reference, carried

    def table(self, year: int) -> YearTable:
        figures: dict[str, Any] = {}
        sources: dict[str, str] = {}
        references: dict[str, Reference] = {}
        provisional: dict[str, ProvisionalFigure] = {}
        for name in VALUE_TYPES:
            value, source, reference, carried = self.figure(name, year)
            figures[name], sources[name], references[name] = value, source, reference
            if carried is not None:
                provisional[name] = carried
        return YearTable(
            year=year,
            sources=sources,
            references=references,
            provisional=provisional,
            **figures,
        )


def next_business_day(day: date) -> date:
    """IRC 7503: a deadline on a Saturday, Sunday or legal holiday moves to the next day that
    is none of them. The one legal holiday near the April due date is the District of
    Columbia's Emancipation Day, April 16, observed on Friday the 15th when it is a Saturday
    and on Monday the 17th when it is a Sunday (D.C. Code 1-612.02; the due dates of April 18,
    2022 and 2023 in the year files are this rule)."""
    while day.weekday() >= 5 or day == _emancipation_day_observed(day.year):
        day = date.fromordinal(day.toordinal() + 1)
    return day


def _unmoved(day: date) -> date:
    """The date a deadline was moved from (a published April 18 was April 15), so a later
    year carries the statutory day, not the moved one."""
    start = day
    while next_business_day(date.fromordinal(start.toordinal() - 1)) == day:
        start = date.fromordinal(start.toordinal() - 1)
    return start


def _emancipation_day_observed(year: int) -> date:
    day = date(year, 4, 16)
    if day.weekday() == 5:
        return date(year, 4, 15)
    if day.weekday() == 6:
        return date(year, 4, 17)
    return day


def _provisional_source(source: str, carried: ProvisionalFigure) -> str:
    return (
        f"Provisional: the {carried.carried_from} figure, carried until {carried.comes_from}"
        f" gives the new one. {carried.carried_from}: {source}"
    )


def year_file_year(document: ParameterFile) -> int:
    """The one year a loaded year file gives figures for."""
    years = {year for entry in document.parameters.values() for year in entry.values}
    if len(years) != 1:
        found = ", ".join(map(str, sorted(years))) or "none"
        raise ParameterError([f"A year file gives values for one year; this one has: {found}"])
    return years.pop()
