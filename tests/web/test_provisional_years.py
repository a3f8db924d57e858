"""Issue 18: plan next year in December on provisional figures, load the official ones without a
release (`manage.py load_tax_year`), and see what changed in a plan saved before the load."""

from __future__ import annotations

import json
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from planner.engine.tables import install_loaded, year_table
from planner.models import Scenario, ShareLink, TaxYearFigures
from tests.web.conftest import INPUTS, make_draft

pytestmark = pytest.mark.django_db

# Made-up 2027 figures in the repository's file format: a test file, not the IRS's figures.
YEAR_FILE = Path(__file__).resolve().parents[1] / "data" / "tax-year-2027-test.json"


@pytest.fixture(autouse=True)
def _repository_figures_only() -> Iterator[None]:
    install_loaded([])
    yield
    install_loaded([])


def _plan_2027(client: Client, owner: User) -> Scenario:
    scenario = Scenario.create_from_draft(owner, make_draft(), "Household plan 2026")
    client.post(reverse("planner:scenario_next_year", args=[scenario.code]))
    return Scenario.objects.get(previous=scenario)


def test_plan_next_year_in_december_gives_2027_on_marked_provisional_figures(
    alice_client: Client, alice: User
) -> None:
    new = _plan_2027(alice_client, alice)
    assert (new.tax_year, new.name) == (2027, "Household plan 2027")
    assert new.provisional_basis["figures"]["annual_additions"]["value"] == "$72,000"
    page = alice_client.get(reverse("planner:scenario_detail", args=[new.code])).text
    assert "Provisional 2027 figures." in page
    assert "2027&#x27;s official figures are not all in this planner yet" in page
    assert "IRS notice of the year&#x27;s retirement plan and IRA limits" in page
    assert '<span class="badge text-bg-warning">provisional</span>' in page
    assert "Saved on provisional" not in page


def test_loading_2027_figures_shows_what_changed_in_a_plan_saved_before(
    alice_client: Client, alice: User
) -> None:
    new = _plan_2027(alice_client, alice)
    before = new.result()
    assert before is not None
    out = StringIO()
    call_command("load_tax_year", str(YEAR_FILE), stdout=out)
    assert "Loaded the 2027 figures" in out.getvalue()
    assert "brackets" in out.getvalue()  # still provisional: the file gives plan limits only
    assert TaxYearFigures.objects.get().year == 2027
    assert year_table(2027).elective_deferral == 25000

    page = alice_client.get(reverse("planner:scenario_detail", args=[new.code])).text
    assert "Saved on provisional 2027 figures" in page
    assert "Elective deferral limit: $24,500 → $25,000 (official)" in page
    assert "Annual additions limit: $72,000 → $73,500 (official)" in page
    assert "IRA contribution limit: $7,500, unchanged (official)" in page
    # IRC 415(c) room with the 24,500 deferral typed in: 72,000 - 24,500 - 12,500 = 35,000
    # on the carried figure, 73,500 - 24,500 - 12,500 = 36,500 on the loaded one.
    assert "Mega backdoor Roth: Roth dollars added: $35,000 → $36,500" in page


def test_a_year_file_that_does_not_validate_is_refused_and_nothing_is_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads(YEAR_FILE.read_text(encoding="utf-8"))
    del document["parameters"]["elective_deferral"]["values"]["2027"]["reference"]
    bad = tmp_path / "2027.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    err = StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("load_tax_year", str(bad), stderr=err)
    assert exited.value.code == 2
    assert "elective_deferral.values.2027.reference: Field required" in err.getvalue()
    assert not TaxYearFigures.objects.exists()


def test_the_api_marks_provisional_figures_and_takes_a_households_own_limit(
    client: Client,
) -> None:
    body = {**INPUTS, "tax_year": 2027, "limit_overrides": {"annual_additions": 60000}}
    response = client.post("/api/plan", json.dumps(body), content_type="application/json")
    assert response.status_code == 200
    limits = response.json()["limits"]
    assert limits["annual_additions"] == 60000
    assert limits["overridden"] == {"annual_additions": 72000}
    assert {figure["figure"] for figure in limits["provisional"]} >= {"elective_deferral"}
    assert limits["provisional_note"].startswith("2027's official figures")


def test_an_unknown_limit_to_override_is_a_field_error(client: Client) -> None:
    body = {**INPUTS, "limit_overrides": {"gift_tax": 1}}
    response = client.post("/api/plan", json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert "limit_overrides.gift_tax" in json.dumps(response.json()["errors"])


def test_the_schema_publishes_the_added_output_fields(client: Client) -> None:
    schema = client.get("/api/schema/").json()
    assert "limit_overrides" in schema["input"]["properties"]
    limits = json.dumps(schema["output"])
    for field in ("provisional_note", "overridden", "references", "carried_from"):
        assert field in limits


def test_a_shared_plan_seen_before_the_load_shows_the_loaded_figures_after_it(
    alice_client: Client, alice: User
) -> None:
    # The kept HTML of a plan (planner/rendered.py) is keyed by the loaded figures too.
    new = _plan_2027(alice_client, alice)
    token = ShareLink.create_for(new, label="CPA").token
    before = Client().get(f"/s/{token}/").text
    assert "$35,000" in before and "$36,500" not in before
    call_command("load_tax_year", str(YEAR_FILE), stdout=StringIO())
    after = Client().get(f"/s/{token}/").text
    # IRC 415(c) room: 73,500 - 24,500 - 12,500 = 36,500 on the loaded 2027 figure.
    assert "$36,500" in after
