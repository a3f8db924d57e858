"""A tampered or outdated draft (session or saved scenario) opens with a clear message and
the readable answers kept; never a 500 (issue 11)."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.test import Client

from planner import drafts
from planner.draft_repair import repaired
from planner.models import Scenario
from tests.web.conftest import INPUTS, make_draft

PERSON = INPUTS["people"][0]
BROKEN_INPUTS: dict[str, dict[str, Any]] = {
    "people is text": {"people": "x"},
    "a person is a number": {"people": [1]},
    "three people": {"people": [PERSON, PERSON, PERSON]},
    "plan is text": {"people": [{**PERSON, "plan": "x"}]},
    "ira is a list": {"people": [{**PERSON, "ira": [1]}]},
    "return is huge": {"expected_return": 1e308},
    "return is text": {"expected_return": "abc"},
    "year is text": {"tax_year": "x"},
    "year is huge": {"tax_year": 10**30},
    "status is a list": {"filing_status": ["x"]},
    "pay is text": {"people": [{**PERSON, "compensation": "lots"}]},
    "age is huge": {"people": [{**PERSON, "age": 1e308}]},
    "name has NUL": {"people": [{**PERSON, "name": "a\x00b"}]},
}
PAGES = [
    "/plan/household/",
    "/plan/401k/",
    "/plan/plan-features/",
    "/plan/iras/",
    "/plan/assumptions/",
    "/plan/results/",
]


def _stored_draft() -> dict[str, Any]:
    """A draft as the session holds it (JSON), so it can be broken in any way."""
    draft = make_draft()
    draft.save(session := {})  # type: ignore[arg-type]
    return session[drafts.SESSION_KEY]


def _broken(case: str) -> dict[str, Any]:
    draft = _stored_draft()
    if case == "inputs is a list":
        draft["inputs"] = [1]
    elif case == "wizard is text":
        draft["wizard"] = "x"
    elif case == "typed answers are text":
        draft["raw"] = {"household": "x"}
    else:
        draft["inputs"].update(copy.deepcopy(BROKEN_INPUTS[case]))
    return draft


CASES = [*BROKEN_INPUTS, "inputs is a list", "wizard is text", "typed answers are text"]


def _put(client: Client, draft: dict[str, Any]) -> None:
    session = client.session
    session[drafts.SESSION_KEY] = draft  # as tampered: not through drafts.save_draft
    session.save()


@pytest.mark.parametrize("case", CASES)
def test_every_wizard_page_opens_with_a_broken_session_draft(alice, case) -> None:
    for page in PAGES:
        client = Client(raise_request_exception=False)
        client.force_login(alice)
        _put(client, _broken(case))
        response = client.get(page, follow=True)
        assert response.status_code == 200, (case, page)
        preview = client.post("/plan/household/preview/", {}, headers={"HX-Request": "true"})
        assert preview.status_code == 200, (case, page)


@pytest.mark.parametrize("case", [c for c in CASES if c != "typed answers are text"])
def test_the_person_is_told_what_was_cleared(client, db, case) -> None:
    _put(client, _broken(case))
    page = client.get("/plan/household/", follow=True).content.decode()
    assert "could not be read and were cleared" in page


def test_readable_answers_are_kept(client, db) -> None:
    _put(client, _broken("return is huge"))
    client.get("/plan/household/")
    inputs = client.session[drafts.SESSION_KEY]["inputs"]
    assert "expected_return" not in inputs
    assert inputs["people"][0]["compensation"] == 250000


def test_a_good_draft_is_left_alone() -> None:
    draft = _stored_draft()
    assert repaired(draft) == (draft, [])


# A NUL cannot be stored in PostgreSQL's JSON at all (and import refuses it everywhere).
SAVED_CASES = [c for c in CASES if c not in ("typed answers are text", "name has NUL")]


@pytest.mark.parametrize("case", SAVED_CASES)
def test_a_broken_saved_scenario_opens_edits_and_exports(alice, case) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    draft = _broken(case)
    form = {"schema": drafts.SCHEMA_VERSION, "inputs": draft["inputs"], "wizard": {}}
    scenario = Scenario.objects.create(owner=alice, name="Tampered", form=form)
    assert client.get(f"/scenarios/{scenario.code}/").status_code == 200
    assert client.get("/scenarios/").status_code == 200
    assert client.get("/scenarios/export/").status_code == 200
    assert client.get(f"/scenarios/compare/?s={scenario.code}").status_code == 200
    response = client.post(f"/scenarios/{scenario.code}/edit/", follow=True)
    assert response.status_code == 200
    for page in PAGES:
        assert client.get(page, follow=True).status_code == 200, (case, page)


def test_logging_in_with_a_broken_draft_works(client, alice) -> None:
    from tests.web.conftest import PASSWORD

    _put(client, _broken("people is text"))
    response = client.post("/login/", {"username": "alice@example.org", "password": PASSWORD})
    assert response.status_code == 302
