from __future__ import annotations

from collections.abc import Mapping, Sequence


class EngineError(Exception):
    """Base class for every error the tax engine raises on purpose."""


class InvalidInput(EngineError):
    """Bad input, with one or more plain-English messages per contract field path."""

    def __init__(self, errors: Mapping[str, Sequence[str]]) -> None:
        self.errors: dict[str, list[str]] = {
            path: list(messages) for path, messages in errors.items()
        }
        summary = "; ".join(
            f"{path}: {message}" for path, messages in self.errors.items() for message in messages
        )
        super().__init__(summary or "Invalid input.")


def year_span(years: Sequence[int]) -> str:
    if not years:
        return "none"
    ordered = sorted(years)
    if ordered == list(range(ordered[0], ordered[-1] + 1)) and len(ordered) > 1:
        return f"{ordered[0]}–{ordered[-1]}"
    return ", ".join(str(year) for year in ordered)


class UnknownTaxYear(InvalidInput):
    """A tax year with no limits table. A subclass of InvalidInput so callers can report it as a field error."""

    def __init__(self, year: object, available: Sequence[int]) -> None:
        self.year = year
        self.available = list(available)
        message = (
            f"Tax year {year} has no limits table yet; available years: {year_span(available)}."
        )
        super().__init__({"tax_year": [message]})
