"""The assumptions step's own limits: the contract's limit_overrides, typed in the wizard.

A plan may set a lower limit than the law (a plan's own 415(c) cap), and a year's new figures
may be published before the planner has them: the household then plans on its own figures,
and the results say which limits are its own, with the official ones.
"""

from __future__ import annotations

import html

import pytest
from django.test import Client

from tests.web.test_wizard import (
    ASSUMPTIONS,
    _assert_field_error,
    _draft,
    _field_block,
    _input_value,
    _post,
    complete,
    start,
)

pytestmark = pytest.mark.django_db


def test_each_own_limit_names_the_official_figure_it_replaces(client: Client) -> None:
    # Notice 2025-67: 2026's 402(g) limit is $24,500 and its 415(c) limit $72,000.
    start(client, tax_year="2026")
    page = client.get("/plan/assumptions/").content.decode()
    assert "Your own limits (optional)" in page
    deferral = _field_block(page, "own_elective_deferral")
    assert "Elective deferral limit, optional" in deferral
    assert "Blank: the official $24,500 for 2026." in deferral
    assert "Blank: the official $72,000 for 2026." in _field_block(page, "own_annual_additions")
    assert _input_value(page, "own_annual_additions") is None


def test_a_year_without_a_limit_does_not_ask_for_it(client: Client) -> None:
    # The ages 60-63 catch-up starts in 2025 (SECURE 2.0 sec. 109): 2018 has none to replace.
    start(client)
    page = client.get("/plan/assumptions/").content.decode()
    assert 'name="own_catch_up_age_60_to_63"' not in page
    assert 'name="own_catch_up"' in page


def test_a_provisional_year_says_whose_figure_stands_in(client: Client) -> None:
    # 2027's figures are not published in the planner: 2026's are carried forward, and the
    # 401(k) step says so where it gives the limit, not only the results.
    start(client, tax_year="2027")
    page = client.get("/plan/assumptions/").content.decode()
    assert (
        "Blank: $24,500, 2026's figure carried forward (2027's is not in this planner yet)."
        in _field_block(page, "own_elective_deferral")
    )
    deferral = html.unescape(
        _field_block(client.get("/plan/401k/").content.decode(), "p0-pretax_deferral")
    )
    assert (
        "The 2027 limit is $24,500 (+$8,000 catch-up at 50 or older, $11,250 at ages 60 to 63):"
        " provisional, 2026's figures carried forward until 2027's are published" in deferral
    )


def test_an_own_limit_is_planned_on_and_shown_as_the_households(client: Client) -> None:
    # A plan that caps annual additions at $50,000 instead of 2018's $55,000 (Notice
    # 2017-64): $18,500 pre-tax + $12,500 match leave $19,000 of after-tax room, not $24,000.
    complete(client, assumptions={**ASSUMPTIONS, "own_annual_additions": "$50,000"})
    assert _draft(client)["inputs"]["limit_overrides"] == {"annual_additions": 50000}
    results = html.unescape(client.get("/plan/results/").content.decode())
    assert "contribute $19,000 after-tax" in results
    assert "your own figure" in results
    assert (
        _input_value(client.get("/plan/assumptions/").content.decode(), "own_annual_additions")
        == "50000"
    )
    # Emptied again, the official figures are back.
    _post(client, "/plan/assumptions/", ASSUMPTIONS)
    assert _draft(client)["inputs"]["limit_overrides"] is None
    results = html.unescape(client.get("/plan/results/").content.decode())
    assert "contribute $24,000 after-tax" in results


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("lots", "Enter a dollar amount, like 24500."),
        ("-5", "Must be 0 or more."),
        ("1e15", "That is more than this planner handles"),
    ],
)
def test_a_mistyped_own_limit_is_named_next_to_its_field(
    client: Client, typed: str, message: str
) -> None:
    start(client)
    response = _post(client, "/plan/assumptions/", {**ASSUMPTIONS, "own_ira_contribution": typed})
    _assert_field_error(response, "own_ira_contribution", message, typed)


def test_an_own_limit_above_the_official_figure_is_refused_next_to_its_field(
    client: Client,
) -> None:
    # Notice 2017-64: 2018's 415(c) limit is $55,000, the law's ceiling; a plan can only cap
    # lower, so a higher figure is refused, with what was typed kept.
    complete(client)
    response = _post(
        client, "/plan/assumptions/", {**ASSUMPTIONS, "own_annual_additions": "5,000,000"}
    )
    _assert_field_error(
        response,
        "own_annual_additions",
        "At most $55,000, the official 2018 figure: your own limit can be lower",
        "5,000,000",
    )
    assert _draft(client)["inputs"].get("limit_overrides") is None


def test_a_provisional_year_takes_a_published_figure_above_the_carried_one(
    client: Client,
) -> None:
    # 2027 plans on 2026's $24,500 402(g) limit (Notice 2025-67) carried forward: a higher
    # published figure is taken, one more than a quarter above it is taken for a typo.
    complete(client, household={"tax_year": "2027"}, contributions={"p0-pretax_deferral": "24500"})
    response = _post(
        client, "/plan/assumptions/", {**ASSUMPTIONS, "own_elective_deferral": "25000"}
    )
    assert response.status_code == 302
    assert _draft(client)["inputs"]["limit_overrides"] == {"elective_deferral": 25000}
    response = _post(
        client, "/plan/assumptions/", {**ASSUMPTIONS, "own_elective_deferral": "245000"}
    )
    _assert_field_error(
        response,
        "own_elective_deferral",
        "At most $30,625: limits move with inflation, and this is more than a quarter above "
        "2026's $24,500. Check the figure.",
        "245000",
    )
