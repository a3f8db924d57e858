"""Import validates every scenario as the API does, and refuses what the database or a page
could not hold; nothing is imported unless everything is good."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from planner import drafts
from planner.models import EXPORT_FORMAT, Scenario
from tests.web.conftest import INPUTS


def _export(*forms: dict[str, Any], names: list[str] | None = None) -> str:
    names = names or [f"Plan {n}" for n in range(len(forms))]
    return json.dumps(
        {
            "format": EXPORT_FORMAT,
            "version": 1,
            "scenarios": [
                {"name": name, "form": form} for name, form in zip(names, forms, strict=True)
            ],
        }
    )


def _form(**changes: Any) -> dict[str, Any]:
    return {"schema": drafts.SCHEMA_VERSION, "inputs": {**copy.deepcopy(INPUTS), **changes}}


def _post(client, text: str | bytes):
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    upload = SimpleUploadedFile("scenarios.json", data, content_type="application/json")
    return client.post("/scenarios/import/", {"file": upload})


def test_a_good_file_still_imports(alice_client, alice) -> None:
    response = _post(alice_client, _export(_form(), _form(other_income=5)))
    assert response.status_code == 302
    assert Scenario.objects.filter(owner=alice).count() == 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"people": "x"}, "people: Must be a list"),
        ({"people": [1]}, "people.0: Must be an object"),
        ({"tax_year": 10**30}, "larger than this planner handles"),
        ({"tax_year": -1}, "tax_year: Must be between"),
        ({"tax_year": 1900}, "tax_year"),
        ({"expected_return": 1e308}, "expected_return"),
        ({"filing_status": ["single"]}, "filing_status"),
    ],
)
def test_inputs_the_api_refuses_are_refused(alice_client, alice, changes, message) -> None:
    response = _post(alice_client, _export(_form(), _form(**changes)))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was imported" in page
    assert message in page
    assert not Scenario.objects.filter(owner=alice).exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (_export(_form()).replace("250000", "NaN"), "not valid JSON"),
        (_export(_form()).replace("250000", "Infinity"), "not valid JSON"),
        (_export(_form()).replace("250000", "-Infinity"), "not valid JSON"),
        (_export(_form()).replace("250000", "1e999"), "too large to be real"),
        (_export(_form(), names=["a\ud800b"]), "lone surrogate"),
        (_export(_form(), names=["a\x00b"]), "NUL character"),
        ("[" * 20000 + "]" * 20000, "not valid JSON"),
        (
            _export({**_form(), "wizard": {"x": json.loads("[" * 30 + "]" * 30)}}),
            "nests deeper",
        ),
    ],
)
def test_values_the_database_or_pages_cannot_hold_are_refused(
    alice_client, alice, text, message
) -> None:
    response = _post(alice_client, text)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Scenario.objects.filter(owner=alice).exists()


def test_an_imported_scenario_opens_and_exports(alice_client, alice) -> None:
    _post(alice_client, _export(_form(), names=["Plan é ✓"]))
    scenario = Scenario.objects.get(owner=alice)
    assert alice_client.get(f"/scenarios/{scenario.code}/").status_code == 200
    assert alice_client.get("/scenarios/export/").status_code == 200
