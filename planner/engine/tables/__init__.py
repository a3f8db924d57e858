"""Tax-year tables, built once per process from the parameter files (planner/engine/parameters/).

Adding a year is adding values to those files, or loading a year file of the same format
(`install_loaded`, which the web app calls with the files `manage.py load_tax_year` stored).
The year after the last published one is planned on provisional figures.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from planner.engine.errors import UnknownTaxYear
from planner.engine.money import format_money, long_date
from planner.engine.tables.parameters import (
    ParameterError,
    ParameterFile,
    TaxLaw,
    parse_file,
    repository_files,
    year_file_year,
)
from planner.engine.tables.schema import (
    BracketSchedule,
    FilingStatus,
    PhaseOutRange,
    ProvisionalFigure,
    Reference,
    YearTable,
)

__all__ = [
    "BracketSchedule",
    "FilingStatus",
    "ParameterError",
    "PhaseOutRange",
    "ProvisionalFigure",
    "Reference",
    "YearTable",
    "available_years",
    "before_unpublished_year",
    "figure_label",
    "figure_text",
    "has_year",
    "install_loaded",
    "loaded_digest",
    "provisional_note",
    "provisional_years",
    "published_years",
    "validate_year_file",
    "planning_table",
    "year_table",
]

_loaded: tuple[ParameterFile, ...] = ()
# Called before a year that is not published is looked up: the web app checks there whether
# figures were loaded since (`manage.py load_tax_year`). Published years never call it.
_before_unpublished_year: Callable[[], None] | None = None


def before_unpublished_year(callback: Callable[[], None] | None) -> None:
    global _before_unpublished_year
    _before_unpublished_year = callback


@cache
def _repository() -> tuple[ParameterFile, ...]:
    return tuple(repository_files())


@cache
def tax_law() -> TaxLaw:
    return TaxLaw(_repository(), _loaded)


@cache
def _tables() -> dict[int, YearTable]:
    law = tax_law()
    return {year: law.table(year) for year in law.years()}


def install_loaded(documents: Iterable[Mapping[str, object]]) -> None:
    """Use these year files (loaded without a release) on top of the repository's files.

    Raises ParameterError, keeping the figures in use, when they do not validate together.
    """
    global _loaded
    files = tuple(parse_file(document, "loaded file") for document in documents)
    if files == _loaded:
        return
    TaxLaw(_repository(), files)
    _loaded = files
    tax_law.cache_clear()
    _tables.cache_clear()
    _overridden.cache_clear()
    loaded_digest.cache_clear()


@cache
def loaded_digest() -> str:
    """Names the figures loaded without a release: the same in every process that uses them,
    so HTML kept for one set of figures is never served for another."""
    text = json.dumps([file.model_dump(mode="json") for file in _loaded], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def validate_year_file(document: object) -> tuple[int, ParameterFile]:
    """A year file's year, once it validates on its own and with the figures already in use."""
    parsed = parse_file(document, "the file")
    year = year_file_year(parsed)
    others = tuple(file for file in _loaded if year_file_year(file) != year)
    TaxLaw(_repository(), (*others, parsed))
    return year, parsed


def available_years() -> list[int]:
    """Every year the planner can plan: the published years and the provisional one."""
    return list(_tables())


def published_years() -> list[int]:
    return [year for year, table in _tables().items() if not table.provisional]


def provisional_years() -> list[int]:
    return [year for year, table in _tables().items() if table.provisional]


def _published(year: int) -> YearTable | None:
    table = _tables().get(year)
    if table is not None and not table.provisional:
        return table
    if _before_unpublished_year is not None:
        _before_unpublished_year()
    return None


def has_year(year: int) -> bool:
    return _published(year) is not None or year in _tables()


def year_table(year: int) -> YearTable:
    table = _published(year) or _tables().get(year)
    if table is None:
        raise UnknownTaxYear(year, available_years())
    return table


def planning_table(year: int, overrides: Mapping[Any, Decimal] | None = None) -> YearTable:
    """The year's table with the household's own figures in place of the official ones.

    `overrides` maps figure names (the contract's OverridableLimit, a str) to dollars.
    """
    table = year_table(year)
    # A figure the year does not have (the age 60-63 catch-up before 2025) cannot be
    # replaced; the contract refuses such an override with a field error.
    kept = tuple(
        sorted(
            (str(k), v) for k, v in (overrides or {}).items() if getattr(table, str(k)) is not None
        )
    )
    return _overridden(year, kept) if kept else table


@cache
def _overridden(year: int, overrides: tuple[tuple[str, Decimal], ...]) -> YearTable:
    table = year_table(year)
    official = {name: getattr(table, name) for name, _ in overrides}
    sources = dict(table.sources)
    for name, _ in overrides:
        sources[name] = (
            f"Your own figure, in place of the official {format_money(official[name])}"
            f" ({sources[name]})"
        )
    changes: dict[str, Any] = {**dict(overrides), "sources": sources, "overridden": official}
    return dataclasses.replace(table, **changes)


def provisional_note(table: YearTable) -> str | None:
    """Which of the year's figures are carried from an earlier year, and where new ones come from."""
    if not table.provisional:
        return None
    by_source: dict[str, int] = {}
    for figure in table.provisional.values():
        by_source[figure.comes_from] = by_source.get(figure.comes_from, 0) + 1
    carried_from = " and ".join(
        map(str, sorted({figure.carried_from for figure in table.provisional.values()}))
    )
    count = len(table.provisional)
    sources = "; ".join(
        f"{source}, for {number} figure{'s' if number > 1 else ''}"
        for source, number in by_source.items()
    )
    return (
        f"{table.year}'s official figures are not all in this planner yet, so {count} of them"
        f" are {carried_from}'s, carried forward and marked provisional. The new ones replace"
        f" them when the planner's tables are updated from: {sources}."
    )


STATUS_WORDS = {
    FilingStatus.SINGLE: "single",
    FilingStatus.MARRIED_FILING_JOINTLY: "joint",
    FilingStatus.MARRIED_FILING_SEPARATELY: "separate",
    FilingStatus.HEAD_OF_HOUSEHOLD: "head of household",
}


def figure_label(name: str) -> str:
    """A figure's label in the parameter files, e.g. "Annual additions limit"."""
    return tax_law().parameters[name].label


def figure_text(table: YearTable, name: str) -> str:
    """A figure of the table in words, to compare a year's figures before and after a load."""
    value = getattr(table, name)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return "none"
    if isinstance(value, Decimal):
        return format_money(value)
    if isinstance(value, PhaseOutRange):
        return f"{format_money(value.low)}–{format_money(value.high)}"
    if isinstance(value, date):
        return long_date(value)
    if isinstance(value, Mapping):
        return "; ".join(
            f"{word} {_figure_words(value[status])}" for status, word in STATUS_WORDS.items()
        )
    return str(value)


def _figure_words(value: object) -> str:
    if isinstance(value, BracketSchedule):
        return " / ".join(format_money(edge) for edge in value.upper_edges)
    return format_money(value) if isinstance(value, Decimal) else str(value)
