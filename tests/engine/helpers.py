from __future__ import annotations

import copy
from typing import Any

BASE_PERSON: dict[str, Any] = {
    "name": "You",
    "age": 45,
    "compensation": 250000,
    "plan": {
        "pretax_deferral": 24500,
        "employer_contribution": 12500,
        "allows_after_tax": True,
        "allows_in_service_distribution": True,
        "accepts_ira_rollins": True,
    },
    "ira": {},
}


def household(**overrides: Any) -> dict[str, Any]:
    """A 2026 single household with a mega backdoor and a clean backdoor; override top-level keys."""
    data: dict[str, Any] = {
        "tax_year": 2026,
        "filing_status": "single",
        "people": [copy.deepcopy(BASE_PERSON)],
    }
    data.update(overrides)
    return data


def person(**overrides: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE_PERSON)
    for key, value in overrides.items():
        if key in ("plan", "ira") and isinstance(value, dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return data


def codes(result: dict[str, Any]) -> list[str]:
    return [warning["code"] for warning in result["warnings"]]


def warning(result: dict[str, Any], code: str) -> dict[str, Any]:
    matches = [item for item in result["warnings"] if item["code"] == code]
    assert matches, f"no {code} warning in {codes(result)}"
    return matches[0]
