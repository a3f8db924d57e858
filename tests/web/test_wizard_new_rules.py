"""The wizard asks for what the rules of issue 9 need, only when they apply: the qualifying
surviving spouse status, last year's IRA balance at RMD age (Pub. 590-B), last year's W-2
box 3 wages, and a second employer's plan (its own 415(c) limit)."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.test import Client

from tests.web.test_wizard import ASSUMPTIONS, CONTRIBUTIONS, HOUSEHOLD, IRAS, PLAN_FEATURES

pytestmark = pytest.mark.django_db


def _post(client: Client, url: str, data: dict[str, str]) -> Any:
    return client.post(url, {**data, "go": "next"})


def _person(client: Client) -> dict[str, Any]:
    return client.session["planner_draft"]["inputs"]["people"][0]


def _household(client: Client, **changes: str) -> None:
    response = _post(client, "/plan/household/", {**HOUSEHOLD, **changes})
    assert response.status_code == 302, response.content


def test_the_filing_status_offers_the_qualifying_surviving_spouse(client: Client) -> None:
    page = html.unescape(client.get("/plan/household/").content.decode())
    assert 'value="qualifying_surviving_spouse"' in page
    assert "Qualifying surviving spouse: for the two years after" in page
    _household(client, tax_year="2026", filing_status="qualifying_surviving_spouse")
    assert client.session["planner_draft"]["inputs"]["filing_status"] == (
        "qualifying_surviving_spouse"
    )


def test_last_years_ira_balance_is_asked_only_at_rmd_age(client: Client) -> None:
    # SECURE 2.0 sec. 107: RMDs from 73 for 2026; at 60 there is nothing to ask.
    _household(client, tax_year="2026", age="60")
    page = client.get("/plan/iras/").content.decode()
    assert "p0-prior_year_end_balance" not in page
    assert "Inherited IRAs are out of scope" in html.unescape(page)

    _household(client, tax_year="2026", age="75")
    page = html.unescape(client.get("/plan/iras/").content.decode())
    assert "p0-prior_year_end_balance" in page
    assert "required minimum distribution" in page
    response = _post(
        client,
        "/plan/iras/",
        {**IRAS, "p0-year_end_balance": "250000", "p0-prior_year_end_balance": "246000"},
    )
    assert response.status_code == 302
    assert _person(client)["ira"]["prior_year_end_balance"] == 246000


def test_no_rmd_question_with_no_ira_money(client: Client) -> None:
    _household(client, tax_year="2026", age="75")
    _post(client, "/plan/iras/", {**IRAS, "p0-year_end_balance": "0"})
    assert "p0-prior_year_end_balance" not in client.get("/plan/iras/").content.decode()


def test_prior_year_wages_say_where_to_find_them(client: Client) -> None:
    _household(client, tax_year="2026")
    page = html.unescape(client.get("/plan/401k/").content.decode())
    assert "Box 3 (Social Security wages) of last year's W-2 from this employer" in page


def test_a_second_employers_plan_is_asked_on_the_401k_step(client: Client) -> None:
    _household(client, tax_year="2026")
    page = html.unescape(client.get("/plan/401k/").content.decode())
    assert "second, unrelated employer" in page
    second = {
        "p0-has_second_plan": "on",
        "p0-second_plan_compensation": "80000",
        "p0-second_pretax_deferral": "0",
        "p0-second_roth_deferral": "0",
        "p0-second_employer_contribution": "16000",
        "p0-second_allows_after_tax": "on",
        "p0-second_allows_in_plan_roth_conversion": "on",
    }
    response = _post(client, "/plan/401k/", {**CONTRIBUTIONS, **second})
    assert response.status_code == 302, response.content
    person = _person(client)
    assert person["second_plan_compensation"] == 80000
    assert person["second_plan"]["employer_contribution"] == 16000
    assert person["second_plan"]["allows_in_plan_roth_conversion"] is True
    _post(client, "/plan/plan-features/", PLAN_FEATURES)
    _post(client, "/plan/iras/", IRAS)
    _post(client, "/plan/assumptions/", ASSUMPTIONS)
    results = html.unescape(client.get("/plan/results/").content.decode())
    assert "own 415(c) limit" in results

    # Unticked, the answers behind the box are ignored and the second plan goes away.
    response = _post(client, "/plan/401k/", {**CONTRIBUTIONS, **second, "p0-has_second_plan": ""})
    assert response.status_code == 302
    assert _person(client).get("second_plan") is None


def test_the_shared_402g_limit_shows_on_the_deferral_field(client: Client) -> None:
    # IRC 402(g)(1): 24,500 for 2026 across both employers (HOUSEHOLD is age 40).
    _household(client, tax_year="2026")
    response = _post(
        client,
        "/plan/401k/",
        {
            **CONTRIBUTIONS,
            "p0-pretax_deferral": "24500",
            "p0-has_second_plan": "on",
            "p0-second_plan_compensation": "50000",
            "p0-second_pretax_deferral": "5000",
        },
    )
    assert response.status_code == 200
    assert "both employers" in html.unescape(response.content.decode())
