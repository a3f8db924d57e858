"""Tax-year tables. Each `yYYYY` module defines `TABLE`; adding a year is adding a module."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from planner.engine.errors import UnknownTaxYear
from planner.engine.tables.schema import (
    BracketSchedule,
    FilingStatus,
    PhaseOutRange,
    YearTable,
)

__all__ = [
    "BracketSchedule",
    "FilingStatus",
    "PhaseOutRange",
    "YearTable",
    "available_years",
    "year_table",
]


@cache
def _tables() -> dict[int, YearTable]:
    tables: dict[int, YearTable] = {}
    for module_info in pkgutil.iter_modules(__path__):
        name = module_info.name
        if len(name) == 5 and name[0] == "y" and name[1:].isdigit():
            table = importlib.import_module(f"{__name__}.{name}").TABLE
            if table.year != int(name[1:]):
                raise ValueError(f"Module {name} holds the table for {table.year}.")
            tables[table.year] = table
    return dict(sorted(tables.items()))


def available_years() -> list[int]:
    return list(_tables())


def has_year(year: int) -> bool:
    return year in _tables()


def year_table(year: int) -> YearTable:
    try:
        return _tables()[year]
    except (KeyError, TypeError):
        raise UnknownTaxYear(year, available_years()) from None
