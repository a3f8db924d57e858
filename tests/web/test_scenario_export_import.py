from __future__ import annotations

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from planner.models import Scenario
from tests.web.conftest import make_draft


def _upload(content: bytes | str, name: str = "scenarios.json") -> SimpleUploadedFile:
    data = content.encode() if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="application/json")


def test_it_exports_all_scenarios_as_json(alice_client, alice, scenario) -> None:
    Scenario.create_from_draft(alice, make_draft(other_income=9), "Second")
    response = alice_client.get("/scenarios/export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="roth-scenarios-')
    document = json.loads(response.content)
    assert document["format"] == "rothsite-scenarios"
    assert {s["name"] for s in document["scenarios"]} == {"Roll the IRA in", "Second"}
    assert "alice@example.org" not in response.content.decode()


def test_it_round_trips_through_import(alice_client, bob_client, bob, scenario) -> None:
    exported = alice_client.get("/scenarios/export/").content
    response = bob_client.post("/scenarios/import/", {"file": _upload(exported)})
    assert response["Location"] == "/scenarios/"
    copy = Scenario.objects.get(owner=bob)
    assert copy.name == scenario.name
    assert copy.form == scenario.form
    assert copy.tax_year == 2026
    assert copy.code != scenario.code
    assert copy.result() == scenario.result()


def test_it_refuses_a_file_that_is_not_json(alice_client, alice) -> None:
    response = alice_client.post("/scenarios/import/", {"file": _upload(b"\x89PNG...")})
    assert response.status_code == 400
    assert b"not valid JSON" in response.content
    assert not Scenario.objects.exists()


def test_it_refuses_json_that_is_not_an_export(alice_client) -> None:
    response = alice_client.post("/scenarios/import/", {"file": _upload('{"tax_year": 2026}')})
    assert response.status_code == 400
    assert b"not a scenarios export" in response.content


def test_it_imports_nothing_when_one_scenario_is_bad(alice_client, alice, scenario) -> None:
    document = json.loads(alice_client.get("/scenarios/export/").content)
    document["scenarios"].append({"name": "Broken", "form": {"schema": 1}})
    response = alice_client.post("/scenarios/import/", {"file": _upload(json.dumps(document))})
    assert response.status_code == 400
    assert b"Nothing was imported" in response.content
    assert b"Scenario 2: has no" in response.content
    assert Scenario.objects.count() == 1


def test_it_requires_a_file(alice_client) -> None:
    response = alice_client.post("/scenarios/import/", {})
    assert response.status_code == 400
    assert b"error-summary" in response.content


def test_it_sends_anonymous_visitors_to_log_in(client, db) -> None:
    assert client.get("/scenarios/export/")["Location"] == "/login/?next=/scenarios/export/"
    assert client.post("/scenarios/import/")["Location"] == "/login/?next=/scenarios/import/"


def test_it_rejects_the_wrong_methods(alice_client) -> None:
    assert alice_client.post("/scenarios/export/").status_code == 405
    assert alice_client.get("/scenarios/import/").status_code == 405


def test_import_needs_csrf(alice, scenario) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    exported = client.get("/scenarios/export/").content
    assert client.post("/scenarios/import/", {"file": _upload(exported)}).status_code == 403
    assert Scenario.objects.count() == 1
