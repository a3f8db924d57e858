"""The live side-by-side panel: POST /plan/<step>/preview/ returns only #comparison."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.test import Client

from tests.web.test_wizard import (
    CONTRIBUTIONS,
    HOUSEHOLD,
    IRAS,
    PLAN_FEATURES,
    complete,
    start,
)

pytestmark = pytest.mark.django_db

HX = {"HX-Request": "true"}
HEADINGS = ("Backdoor Roth IRA", "Mega backdoor Roth", "Both")


def _preview(client: Client, step: str, data: dict[str, str]) -> Any:
    return client.post(f"/plan/{step}/preview/", data, headers=HX)


def _fragment(response: Any) -> str:
    assert response.status_code == 200
    page = response.content.decode()
    assert "<html" not in page
    assert "<form" not in page
    return html.unescape(page)


def _row(fragment: str, heading: str) -> list[str]:
    """The cells of one row of the comparison table, as text."""
    match = re.search(rf"<th scope=\"row\">{re.escape(heading)}.*?</tr>", fragment, re.S)
    assert match, f"no row {heading!r}"
    cells = re.findall(r"<td[^>]*>(.*?)</td>", match.group(0), re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", cell)).strip() for cell in cells]


def test_it_previews_the_household_as_a_fragment(client: Client) -> None:
    fragment = _fragment(_preview(client, "household", HOUSEHOLD))
    for heading in HEADINGS:
        assert f'class="num">{heading}</th>' in fragment
    # 2018 IRA limit $5,500; no after-tax money until the plan allows it.
    assert _row(fragment, "Roth dollars added") == ["$5,500", "$0", "$5,500"]


def test_the_preview_carries_the_csrf_token_of_the_form_it_posts(db: None) -> None:
    # htmx posts the step's form, its hidden csrfmiddlewaretoken included: the preview passes
    # Django's CSRF check with no page-wide hx-headers, and fails without the token.
    browser = Client(enforce_csrf_checks=True)
    page = browser.get("/plan/household/").content.decode()
    assert "hx-headers" not in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token
    typed = {**HOUSEHOLD, "csrfmiddlewaretoken": token.group(1)}
    assert browser.post("/plan/household/preview/", typed, headers=HX).status_code == 200
    assert browser.post("/plan/household/preview/", HOUSEHOLD, headers=HX).status_code == 403


def test_it_previews_the_origin_example_on_the_plan_features_step(client: Client) -> None:
    # 415(c) limit $55,000 − $18,500 − $12,500 = $24,000 of after-tax room (2018).
    start(client)
    client.post("/plan/401k/", {**CONTRIBUTIONS, "go": "next"})
    fragment = _fragment(_preview(client, "plan-features", PLAN_FEATURES))
    assert _row(fragment, "Roth dollars added") == ["$5,500", "$24,000", "$29,500"]
    assert _row(fragment, "Tax due now") == ["$0", "$0", "$0"]


def test_it_previews_answers_without_saving_them(client: Client) -> None:
    start(client)
    client.post("/plan/401k/", {**CONTRIBUTIONS, "go": "next"})
    before = client.session["planner_draft"]
    data = {**CONTRIBUTIONS, "p0-employer_contribution": "0"}
    fragment = _fragment(_preview(client, "401k", data))
    assert "Roth dollars added" in fragment
    assert client.session["planner_draft"] == before


def test_it_previews_the_after_tax_room_used(client: Client) -> None:
    complete(client)
    fragment = _fragment(_preview(client, "iras", IRAS))
    # Mega column: $24,000 of $24,000 room; Both: $24,000.
    assert _row(fragment, "After-tax 401(k) room used") == ["–", "$24,000 of $24,000", "$24,000"]


def test_it_previews_the_pro_rata_tax_on_the_ira_step(client: Client) -> None:
    # Form 8606: $5,500 / ($94,500 + $5,500) = 0.055 nontaxable, $5,197.50 taxable.
    complete(client)
    fragment = _fragment(_preview(client, "iras", {**IRAS, "p0-year_end_balance": "94,500"}))
    assert _row(fragment, "Taxable amount") == ["$5,197.50", "$0", "$5,197.50"]


def test_it_shows_the_problems_instead_of_numbers_for_bad_input(client: Client) -> None:
    start(client)
    data = {**CONTRIBUTIONS, "p0-pretax_deferral": "abc"}
    fragment = _fragment(_preview(client, "401k", data))
    assert "comparison-table" not in fragment
    assert "Roth dollars added" not in fragment
    assert "No comparison yet" in fragment
    assert "Pre-tax 401(k) deferrals" in fragment
    assert "Enter a dollar amount, like 24500." in fragment


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("compensation", "-1", "Must be 0 or more."),
        ("compensation", "1e15", "That is more than this planner handles"),
        ("compensation", "", "This field is required."),
        ("age", "abc", "Enter a whole number, like 45."),
        ("state_tax_rate", "-3", "Must be 0% or more."),
    ],
)
def test_it_lists_household_problems_in_the_panel(
    client: Client, field: str, typed: str, message: str
) -> None:
    fragment = _fragment(_preview(client, "household", {**HOUSEHOLD, field: typed}))
    assert "comparison-table" not in fragment
    assert message in fragment


def test_it_ignores_a_spouse_on_a_single_return_in_the_panel(client: Client) -> None:
    data = {
        **HOUSEHOLD,
        "has_spouse": "on",
        "spouse_age": "38",
        "spouse_compensation": "100000",
    }
    fragment = _fragment(_preview(client, "household", data))
    assert "comparison-table" in fragment
    assert "spouse" not in fragment.lower()


def test_it_shows_engine_problems_instead_of_stale_numbers(client: Client) -> None:
    # 2026 402(g) limit: $24,500 at age 40; $30,000 is over it.
    start(client, tax_year="2026")
    data = {**CONTRIBUTIONS, "p0-pretax_deferral": "30000"}
    fragment = _fragment(_preview(client, "401k", data))
    assert "comparison-table" not in fragment
    assert "No comparison yet" in fragment
    # A button of the step's form: going there saves what is typed first.
    assert 'form="wizard-form" name="goto" value="401k"' in fragment
    assert "24,500" in fragment
    assert '<span id="panel-status" hx-swap-oob="innerHTML">No comparison yet' in fragment


def test_it_waits_for_the_household_before_comparing(client: Client) -> None:
    fragment = _fragment(_preview(client, "401k", CONTRIBUTIONS))
    assert "Enter your age and pay" in fragment
    assert "comparison-table" not in fragment


def test_it_only_previews_on_post(client: Client) -> None:
    assert client.get("/plan/household/preview/", headers=HX).status_code == 405


def test_it_404s_on_the_preview_of_an_unknown_step(client: Client) -> None:
    assert client.post("/plan/nope/preview/", {}, headers=HX).status_code == 404


def test_it_wires_the_step_form_to_the_preview(client: Client) -> None:
    page = client.get("/plan/household/").content.decode()
    form = re.search(r"<form[^>]*hx-post=[^>]*>", page, re.S)
    assert form
    tag = form.group(0)
    assert 'method="post"' in tag
    assert 'action="/plan/household/"' in tag
    assert 'hx-post="/plan/household/preview/"' in tag
    assert 'hx-trigger="input delay:100ms"' in tag
    assert 'hx-target="#comparison"' in tag
    assert 'hx-sync="this:queue last"' in tag
    # Only the one-line status is a live region, not the whole table.
    assert '<div id="comparison">' in page
    assert re.search(r'<p[^>]*id="panel-status"[^>]*role="status"[^>]*aria-live="polite"', page)
    assert page.count("aria-live") == 1
