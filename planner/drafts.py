"""The wizard's working copy of a household, kept in the session.

A draft is a plain JSON-able dict:

    {
      "schema": 1,
      "inputs": {...},          # the planner contract's input document (planner-contract.md)
      "wizard": {...},          # answers the contract does not hold (e.g. a match formula)
      "raw": {step: {...}},     # what the user typed on a step that did not validate yet
      "scenario": None | {"code": "<uuid>", "version": <int>},  # the saved scenario being edited
    }

Saved scenarios store the same dict (without "raw" and "scenario"), so opening one for
editing is `save_draft(session, scenario_draft, scenario=...)` and nothing is retyped.
"""

from __future__ import annotations

import copy
from typing import Any

from django.contrib.sessions.backends.base import SessionBase

SCHEMA_VERSION = 1
SESSION_KEY = "planner_draft"


def new_draft(tax_year: int) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "inputs": {"tax_year": tax_year, "filing_status": "single", "people": [{"name": "You"}]},
        "wizard": {},
        "raw": {},
        "scenario": None,
    }


def get_draft(session: SessionBase) -> dict[str, Any] | None:
    draft = session.get(SESSION_KEY)
    return copy.deepcopy(draft) if draft else None


def save_draft(
    session: SessionBase, draft: dict[str, Any], *, scenario: dict[str, Any] | None = None
) -> None:
    draft = copy.deepcopy(draft)
    draft.setdefault("raw", {})
    draft.setdefault("wizard", {})
    if scenario is not None:
        draft["scenario"] = scenario
    draft.setdefault("scenario", None)
    session[SESSION_KEY] = draft


def clear_draft(session: SessionBase) -> None:
    session.pop(SESSION_KEY, None)


def stored_form(draft: dict[str, Any]) -> dict[str, Any]:
    """What a saved scenario keeps: the answers, not the session bookkeeping."""
    return {
        "schema": SCHEMA_VERSION,
        "inputs": copy.deepcopy(draft["inputs"]),
        "wizard": copy.deepcopy(draft.get("wizard", {})),
    }
