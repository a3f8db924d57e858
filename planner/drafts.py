"""The wizard's working copy of a household: the `Draft`, kept in the session.

A draft holds the planner contract's input document (planner-contract.md) as the wizard
fills it in, the answers the contract does not hold (an employer-match formula), what was
typed on a step that did not validate yet, and a link to the saved scenario being edited.
Forms read and write it through contract paths (`get`/`set`); the engine gets it through
`household()`.

In the session it is one JSON object:

    {"schema": 1, "inputs": {...}, "wizard": {"match": {"0": {"rate": .5, "up_to": .06}}},
     "raw": {step: {...}}, "scenario": None | {"code": ..., "version": ..., "name": ...}}

A saved scenario stores `stored()`: the same object without "raw" and "scenario". Drafts
saved by earlier versions (without "wizard", "raw" or "scenario") load with those empty.

Schema 2: a plan's four Yes / No / Not sure answers (PLAN_ANSWERS) may be null, and an answer
absent from a plan means Not sure (the wizard's default), where the contract reads absent as
false. Schema 1 drafts load through `upgrade`, which writes their absent answers as false, so
they open with the same figures (migration 0003 does the same to saved scenarios).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.sessions.backends.base import SessionBase

from planner.engine import (
    Household,
    InvalidInput,
    YearTable,
    available_years,
    parse_household,
    year_table,
)
from planner.engine.match import employer_match
from planner.engine.next_year import ONE_YEAR_PAYCHECK_FIELDS
from planner.engine.so_far import BALANCES_TODAY
from planner.engine.vocabulary import DEFAULT_NAMES, default_name

# What was already done in the IRAs, dated in its year, and balances on a day of it.
YEAR_BOUND_IRA_FIELDS = ("contributions_made", "conversions_made", *BALANCES_TODAY)

SCHEMA_VERSION = 2
# Schemas Draft.from_json and the import read (older ones through `upgrade`).
READABLE_SCHEMAS = (1, SCHEMA_VERSION)
PLAN_ANSWERS = (
    "allows_after_tax",
    "allows_in_service_distribution",
    "allows_in_plan_roth_conversion",
    "accepts_ira_rollins",
)
SESSION_KEY = "planner_draft"
_ABSENT: Any = object()


def json_number(value: Decimal | None) -> int | float | None:
    """A Decimal as the JSON number the contract takes (int when whole)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _decimal(value: Any) -> Decimal:
    return Decimal(str(value or 0))


def _plans(inputs: Any) -> list[dict[str, Any]]:
    people = inputs.get("people") if isinstance(inputs, dict) else None
    if not isinstance(people, list):
        return []
    return [
        person["plan"]
        for person in people
        if isinstance(person, dict) and isinstance(person.get("plan"), dict)
    ]


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """A stored or session draft in the current schema. Schema 1 read an absent plan answer
    as false (the contract's default): it is written as false, so the figures stay the same."""
    if data.get("schema", 1) != 1:
        return data
    data = copy.deepcopy(data)
    for plan in _plans(data.get("inputs")):
        for name in PLAN_ANSWERS:
            plan.setdefault(name, False)
    data["schema"] = SCHEMA_VERSION
    return data


@dataclass
class ScenarioLink:
    """The saved scenario this draft edits; the version guards against overwriting."""

    code: str
    version: int
    name: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "version": self.version, "name": self.name}

    @classmethod
    def from_json(cls, data: Any) -> ScenarioLink | None:
        if not isinstance(data, dict) or not data.get("code"):
            return None
        version = data.get("version")
        return cls(
            code=str(data["code"]),
            version=version if isinstance(version, int) else 0,
            name=str(data.get("name") or ""),
        )


@dataclass
class Draft:
    inputs: dict[str, Any]
    wizard: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, dict[str, str]] = field(default_factory=dict)
    scenario: ScenarioLink | None = None

    # Loading and saving ------------------------------------------------------------------

    @classmethod
    def new(cls, tax_year: int) -> Draft:
        inputs = {
            "tax_year": tax_year,
            "filing_status": "single",
            "people": [{"name": DEFAULT_NAMES[0]}],
        }
        return cls(inputs=inputs)

    @classmethod
    def from_json(cls, data: Any) -> Draft | None:
        """A draft from its session or stored form; None when `data` is not one."""
        if not isinstance(data, dict) or not isinstance(data.get("inputs"), dict):
            return None
        data = upgrade(data)
        wizard, raw = data.get("wizard"), data.get("raw")
        return cls(
            inputs=data["inputs"],
            wizard=wizard if isinstance(wizard, dict) else {},
            raw=raw if isinstance(raw, dict) else {},
            scenario=ScenarioLink.from_json(data.get("scenario")),
        )

    @classmethod
    def load(cls, session: SessionBase) -> Draft | None:
        """The session's draft. It shares the session's decoded data for this request:
        change it only to `save` it, or in a request that never saves the session."""
        return cls.from_json(session.get(SESSION_KEY))

    def save(self, session: SessionBase) -> None:
        session[SESSION_KEY] = {
            "schema": SCHEMA_VERSION,
            "inputs": self.inputs,
            "wizard": self.wizard,
            "raw": self.raw,
            "scenario": self.scenario.to_json() if self.scenario else None,
        }

    @staticmethod
    def clear(session: SessionBase) -> None:
        session.pop(SESSION_KEY, None)

    def copy(self) -> Draft:
        return copy.deepcopy(self)

    def stored(self) -> dict[str, Any]:
        """What a saved scenario keeps: the answers, not the session bookkeeping."""
        return {
            "schema": SCHEMA_VERSION,
            "inputs": copy.deepcopy(self.inputs),
            "wizard": copy.deepcopy(self.wizard),
        }

    def is_blank(self) -> bool:
        """Nothing typed yet: the answers are those of a new draft for the same year."""
        return self.stored() == Draft.new(self.tax_year or 0).stored()

    # Scenario link -----------------------------------------------------------------------

    def attach(self, link: ScenarioLink) -> None:
        self.scenario = link

    def detach(self) -> None:
        self.scenario = None

    def is_linked_to(self, code: object, version: int | None = None) -> bool:
        """Linked to the scenario `code` (at `version`, when one is given)."""
        link = self.scenario
        if link is None or link.code != str(code):
            return False
        return version is None or link.version == version

    # Contract values by path -------------------------------------------------------------

    def get(self, path: str, default: Any = None) -> Any:
        """The value at a contract path ("people.0.plan.pretax_deferral"), or `default`."""
        node: Any = self.inputs
        for key in path.split("."):
            if isinstance(node, dict):
                node = node.get(key, _ABSENT)
            elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
                node = node[int(key)]
            else:
                node = _ABSENT
            if node is _ABSENT:
                return default
        return node

    def set(self, path: str, value: Any) -> None:
        """Put `value` at a contract path, making the people and objects on the way."""
        *parents, last = path.split(".")
        node: Any = self.inputs
        for key in parents:
            if isinstance(node, list):
                index = int(key)
                while len(node) <= index:
                    node.append({})
                if not isinstance(node[index], dict):
                    node[index] = {}
                node = node[index]
            else:
                empty: Any = [] if key == "people" else {}
                if not isinstance(node.get(key), type(empty)):
                    node[key] = empty
                node = node[key]
        node[last] = value

    def set_first_dated(self, path: str, entry: dict[str, Any] | None) -> None:
        """Put `entry` first in the list of dated amounts at `path` (ira.contributions_made,
        ira.conversions_made), or take the first away when None; later entries (from the
        API or an import) stay as they are."""
        entries = self.get(path)
        if entries is None and entry is None:
            return
        rest = entries[1:] if isinstance(entries, list) else []
        self.set(path, ([entry] if entry is not None else []) + rest)

    @property
    def tax_year(self) -> int | None:
        year = self.inputs.get("tax_year")
        return year if isinstance(year, int) and not isinstance(year, bool) else None

    def people_count(self) -> int:
        """How many people the wizard asks about (at least one)."""
        return max(1, len(self.inputs.get("people") or []))

    def person_name(self, index: int) -> str:
        return str(self.get(f"people.{index}.name") or default_name(index))

    def person_names(self) -> list[str]:
        return [self.person_name(i) for i in range(self.people_count())]

    def has_no_workplace_plan(self, index: int) -> bool:
        """ "No workplace plan" was answered for this person (a null plan, not one not yet
        entered)."""
        return self.get(f"people.{index}.plan", "not answered") is None

    def clear_year_bound(self) -> bool:
        """Take away what belongs to the year it was entered for (next_year's one-year fields:
        what was done, dated, and the paychecks' dates and year-to-date amounts); True when
        anything was there."""
        cleared = False
        for person in self.inputs.get("people") or []:
            if not isinstance(person, dict):
                continue
            places = (
                (person.get("ira"), YEAR_BOUND_IRA_FIELDS),
                ((person.get("plan") or {}).get("paychecks"), ONE_YEAR_PAYCHECK_FIELDS),
            )
            for node, names in places:
                if not isinstance(node, dict):
                    continue
                for name in names:
                    if node.pop(name, None) not in (None, [], ""):
                        cleared = True
        return cleared

    def drop_people_after(self, count: int) -> None:
        people = self.inputs.get("people")
        if isinstance(people, list):
            del people[count:]
        for index in self.match_formulas():
            if index >= count:
                self.set_match_formula(index, None)

    def household_done(self) -> bool:
        """The household step is saved: enough for the engine to compare the strategies."""
        return self.get("people.0.compensation") is not None

    def table(self) -> YearTable:
        """The draft's year table; a year without one (an old import, say) falls back to the latest."""
        try:
            return year_table(int(self.inputs.get("tax_year")))  # type: ignore[arg-type]
        except (InvalidInput, TypeError, ValueError):
            return year_table(max(available_years()))

    def household(self) -> Household:
        """The engine's input; raises InvalidInput with every problem and its path."""
        return parse_household(self.contract_inputs())

    def contract_inputs(self) -> dict[str, Any]:
        """The contract input document: a plan answer not given yet is null (Not sure)."""
        inputs = copy.deepcopy(self.inputs)
        for plan in _plans(inputs):
            for name in PLAN_ANSWERS:
                plan.setdefault(name, None)
        return inputs

    # The employer-match formula (wizard only) --------------------------------------------

    def match_formulas(self) -> dict[int, tuple[Decimal, Decimal]]:
        """Person index -> (match rate, up to this share of pay), as fractions."""
        formulas = {}
        for key, formula in (self.wizard.get("match") or {}).items():
            if str(key).isdigit() and isinstance(formula, dict):
                formulas[int(key)] = (_decimal(formula.get("rate")), _decimal(formula.get("up_to")))
        return formulas

    def set_match_formula(self, index: int, formula: tuple[Decimal, Decimal] | None) -> None:
        matches = self.wizard.setdefault("match", {})
        if formula is None:
            matches.pop(str(index), None)
        else:
            rate, up_to = formula
            matches[str(index)] = {"rate": float(rate), "up_to": float(up_to)}

    def refresh_match_dollars(self) -> None:
        """Employer dollars from each person's match formula, since pay or deferrals change,
        and the formula the paycheck plan matches each paycheck with."""
        year = self.table().year
        people = self.inputs.get("people") or []
        formulas = self.match_formulas()
        for index in range(len(people)):
            paychecks = self.get(f"people.{index}.plan.paychecks")
            if isinstance(paychecks, dict):
                rate, up_to = formulas.get(index, (Decimal(0), Decimal(0)))
                paychecks["match_rate"] = json_number(rate)
                paychecks["match_up_to"] = json_number(up_to)
        for index, (rate, up_to) in self.match_formulas().items():
            if index >= len(people):
                continue
            deferrals = _decimal(self.get(f"people.{index}.plan.pretax_deferral")) + _decimal(
                self.get(f"people.{index}.plan.roth_deferral")
            )
            dollars = employer_match(
                year, _decimal(self.get(f"people.{index}.compensation")), deferrals, rate, up_to
            )
            self.set(f"people.{index}.plan.employer_contribution", json_number(dollars))
