"""The limits a result used, with their sources, for the printed packet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django import template

from planner.engine.models import Limits
from planner.engine.money import long_date
from planner.engine.tables import figure_label
from planner.templatetags.planner_tags import money

register = template.Library()

WORDS = {"ira": "IRA", "hce": "HCE", "roth": "Roth", "70": "70½", "half": "", "63": "63"}


@dataclass(frozen=True)
class LimitUsed:
    label: str
    amount: str
    source: str
    href: str = ""
    provisional: bool = False
    own: bool = False


@dataclass(frozen=True)
class OwnLimit:
    label: str
    yours: str
    official: str


def _label(key: str) -> str:
    words = [WORDS.get(word, word) for word in key.split("_")]
    text = " ".join(word for word in words if word)
    return text[:1].upper() + text[1:]


def _amount(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return long_date(value)
    if isinstance(value, Decimal):
        return money(value)
    return ""


@register.simple_tag
def limits_used(limits: Limits) -> list[LimitUsed]:
    """Every figure of the year's table the result rests on, with the source it comes from."""
    provisional = {figure.figure for figure in limits.provisional}
    return [
        LimitUsed(
            _label(key),
            _amount(getattr(limits, key, None)),
            source,
            limits.references[key].href if key in limits.references else "",
            key in provisional,
            key in limits.overridden,
        )
        for key, source in limits.sources.items()
    ]


@register.simple_tag
def own_limits(limits: Limits) -> list[OwnLimit]:
    """The limits the household set itself (limit_overrides), with the official figures."""
    return [
        OwnLimit(figure_label(key), money(getattr(limits, key)), money(official))
        for key, official in limits.overridden.items()
    ]
