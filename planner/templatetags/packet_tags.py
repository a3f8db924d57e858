"""Template tags for the advisor packet: the tax-document forecast and a household's years."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import template

from planner.engine import Household, PlanResult
from planner.engine import tax_documents as forecast
from planner.engine.tax_documents import MoveDocuments
from planner.engine.vocabulary import default_name

register = template.Library()


@register.simple_tag
def expected_tax_documents(
    household: Household | None, result: PlanResult | None
) -> list[MoveDocuments]:
    if household is None or result is None:
        return []
    return forecast.expected_tax_documents(household, result)


def _basis(scenario: Any) -> list[tuple[str, Decimal]]:
    """Each person's basis brought into the year (Form 8606 line 2), from the inputs."""
    people = scenario.inputs.get("people")
    rows = []
    for index, person in enumerate(people if isinstance(people, list) else []):
        if not isinstance(person, dict):
            continue
        name = str(person.get("name") or default_name(index))
        ira = person.get("ira") if isinstance(person.get("ira"), dict) else {}
        rows.append((name, Decimal(str(ira.get("basis") or 0))))
    return rows


@register.simple_tag
def household_years(scenarios: Iterable[Any]) -> list[list[dict[str, Any]]]:
    """Chains of scenarios planned one from the other by "Plan next year", oldest year first.

    Only chains of two or more years; each year lists the basis it brought in.
    """
    scenarios = list(scenarios)
    by_id = {scenario.pk: scenario for scenario in scenarios}
    followers = {s.previous_id for s in scenarios if s.previous_id in by_id}
    chains = []
    for last in scenarios:
        if last.pk in followers or last.previous_id not in by_id:
            continue
        chain = [last]
        seen = {last.pk}
        while chain[0].previous_id in by_id and chain[0].previous_id not in seen:
            chain.insert(0, by_id[chain[0].previous_id])
            seen.add(chain[0].pk)
        chains.append([{"scenario": s, "basis": _basis(s)} for s in chain])
    return chains
