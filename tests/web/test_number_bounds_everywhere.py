"""A number such as 1E999999999 in any integer or money field gets that field's error from
the API, `roth-plan -`, the wizard and import (issue 17), never a held worker.

On code without the bounds the API and the CLI spend minutes converting the number; the
tests check the answers, and the CLI's subprocess has a timeout so such code fails.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from planner.models import Scenario
from tests.engine.helpers import household, person
from tests.engine.test_number_bounds import deadline  # noqa: F401 (a fixture)
from tests.web.test_scenario_import_hostile import _export, _form
from tests.web.test_wizard import HOUSEHOLD, start

HUGE = "1E999999999"
FIELDS = [
    ("years_to_retirement", "Must be between 0 and 80."),
    ("form_8606_ratio_places", "Must be between 3 and 8."),
    ("other_income", "Must be less than 1,000,000,000,000."),
    ("itemized_deductions", "Must be less than 1,000,000,000,000."),
]


def _document(field: str, text: str = HUGE) -> str:
    return json.dumps(household(**{field: "@@"})).replace('"@@"', text)


@pytest.mark.usefixtures("deadline")
@pytest.mark.parametrize(("field", "message"), FIELDS)
def test_the_api_answers_a_field_error(client, field: str, message: str) -> None:
    response = client.post("/api/plan", _document(field), content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"errors": {field: [message]}}


@pytest.mark.usefixtures("deadline")
def test_the_api_answers_a_person_field_error(client) -> None:
    document = json.dumps(household(people=[person(age="@@")])).replace('"@@"', "-" + HUGE)
    response = client.post("/api/plan", document, content_type="application/json")
    assert response.json() == {"errors": {"people.0.age": ["Must be between 18 and 120."]}}


def test_the_cli_prints_a_field_error() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "planner.engine.cli", "-"],
        input=_document("years_to_retirement"),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert completed.returncode == 2
    assert completed.stderr == "years_to_retirement: Must be between 0 and 80.\n"


@pytest.mark.django_db
def test_the_wizard_explains_it_next_to_the_field(client) -> None:
    start(client)
    response = client.post("/plan/household/", {**HOUSEHOLD, "age": HUGE, "go": "next"})
    assert response.status_code == 200
    assert response.context["forms"][0].errors["age"] == ["Enter a whole number, like 45."]


@pytest.mark.usefixtures("deadline")
@pytest.mark.parametrize("number", [HUGE, "9" * 100, "1." + "5" * 100])
def test_import_refuses_the_number_and_imports_nothing(alice_client, alice, number: str) -> None:
    text = _export(_form()).replace('"compensation": 250000', f'"compensation": {number}')
    upload = SimpleUploadedFile("scenarios.json", text.encode(), content_type="application/json")
    response = alice_client.post("/scenarios/import/", {"file": upload})
    assert response.status_code == 400
    [error] = response.context["form"].errors["file"]
    assert error.startswith("Nothing was imported: the file holds a number ")
    assert not Scenario.objects.filter(owner=alice).exists()
