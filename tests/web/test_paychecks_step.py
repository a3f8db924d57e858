"""The paychecks step (issue 19): asked only when after-tax money or a match formula needs
it, works without JavaScript, keeps what was typed, and the results show the elections and
the paycheck table. Figures: the origin case (tests/engine/test_paychecks.py works them out)."""

from __future__ import annotations

import html
import json
import re

import pytest
from django.test import Client

from tests.web.test_wizard import (
    CONTRIBUTIONS,
    PLAN_FEATURES,
    _assert_field_error,
    _input_value,
    _person,
    _post,
    complete,
    start,
)

pytestmark = pytest.mark.django_db

FORMULA = {
    **CONTRIBUTIONS,
    "p0-employer_mode": "formula",
    "p0-match_rate": "100",
    "p0-match_up_to": "6.25",
}
PAYCHECKS = {"p0-pay_per_period": "7692.31", "p0-frequency": "biweekly"}


def test_it_is_skipped_without_after_tax_money_or_a_match_formula(client: Client) -> None:
    start(client)
    _post(client, "/plan/401k/", CONTRIBUTIONS)
    response = _post(client, "/plan/plan-features/", {**PLAN_FEATURES, "p0-allows_after_tax": "no"})
    assert response["Location"] == "/plan/iras/"
    assert client.get("/plan/paychecks/")["Location"] == "/plan/iras/"
    assert "Paychecks" not in client.get("/plan/iras/").content.decode()
    assert "Step 4 of 6" in client.get("/plan/iras/").content.decode()


def test_a_match_formula_alone_asks_it(client: Client) -> None:
    start(client)
    _post(client, "/plan/401k/", FORMULA)
    response = _post(client, "/plan/plan-features/", {**PLAN_FEATURES, "p0-allows_after_tax": "no"})
    assert response["Location"] == "/plan/paychecks/"
    page = client.get("/plan/paychecks/").content.decode()
    assert "Step 4 of 7" in page
    assert "Match: 100% of the first 6.25% of pay (from the 401(k) step)." in html.unescape(page)
    # A first guess of the pay per paycheck: $200,000 / 26.
    assert _input_value(page, "p0-pay_per_period") == "7692.31"


def test_the_first_guess_divides_the_pay_by_the_year_s_paydays(client: Client) -> None:
    # Every two weeks from the year's first Friday: 2027 starts on a Friday, January 1, so
    # it has 27 paydays (to December 31) and $250,000 / 27 = $9,259.26 each, not / 26.
    start(client, tax_year="2027", compensation="250000")
    _post(client, "/plan/401k/", {**FORMULA, "p0-pretax_deferral": "24500"})
    _post(client, "/plan/plan-features/", {**PLAN_FEATURES, "p0-allows_after_tax": "no"})
    page = client.get("/plan/paychecks/").content.decode()
    assert _input_value(page, "p0-pay_per_period") == "9259.26"


def test_the_origin_case_gets_its_elections_and_paycheck_table(client: Client) -> None:
    complete(client, contributions=FORMULA, paychecks=PAYCHECKS)
    paychecks = _person(client)["plan"]["paychecks"]
    assert paychecks["pay_per_period"] == 7692.31
    assert (paychecks["match_rate"], paychecks["match_up_to"]) == (1, 0.0625)
    page = html.unescape(client.get("/plan/results/").content.decode())
    assert "Paycheck elections for you" in page
    elections = page[page.index('class="table table-sm table-numbers elections-table"') :]
    elections = elections[: elections.index("</table>")]
    rows = re.findall(
        r'<tr><th scope="row">([^<]+)</th><td>([^<]+)</td><td>([^<]+)</td></tr>', elections
    )
    assert rows == [
        ("Pre-tax", "10%", "January 5, 2018"),
        ("Pre-tax", "9%", "April 13, 2018"),
        ("After-tax", "12%", "January 5, 2018"),
    ]
    table = page[page.index('class="table table-sm table-numbers paycheck-table"') :]
    table = table[: table.index("</table>")]
    assert "<caption>Your paychecks from January 5:" in table
    assert '<th scope="col" class="num">Deferrals to date, 402(g)</th>' in table
    assert table.count('<tr><th scope="row">') == 26
    last = re.findall(r'<tr><th scope="row">Dec 21</th>(.*?)</tr>', table)[0]
    assert re.findall(r"<td>([^<]+)</td>", last) == [
        "$7,692.31",
        "$653.81",
        "$0",
        "$923",
        "$480.77",
        "$18,500",
        "$55,000",
    ]
    assert (
        "The year ends at $18,500 pre-tax and $24,000 after-tax, with $12,500 of match: no match lost."
        in page
    )


def test_bad_typing_gets_a_message_next_to_the_field_and_is_kept(client: Client) -> None:
    start(client)
    _post(client, "/plan/plan-features/", PLAN_FEATURES)
    data = {
        **PAYCHECKS,
        "p0-elections_start": "2019-07-01",
        "p0-bonus_1_amount": "5000",
        "p0-match_so_far": "12x",
    }
    response = _post(client, "/plan/paychecks/", data)
    _assert_field_error(response, "p0-match_so_far", "Enter a dollar amount, like 24500.", "12x")
    _assert_field_error(response, "p0-bonus_1_date", "Enter the date the bonus is paid.", "")
    response = _post(
        client, "/plan/paychecks/", {**data, "p0-match_so_far": "0", "p0-bonus_1_amount": ""}
    )
    # The engine's rule comes back onto the field: dates must fall in the tax year.
    _assert_field_error(
        response, "p0-elections_start", "Must be a date in 2018, the tax year.", "2019-07-01"
    )
    _assert_field_error(
        client.post("/plan/paychecks/", {**data, "p0-elections_start": "July 1", "go": "next"}),
        "p0-elections_start",
        "Enter a date like 2026-07-01 (year-month-day).",
        "July 1",
    )


def test_leaving_the_pay_blank_skips_the_paycheck_plan(client: Client) -> None:
    complete(client, paychecks=PAYCHECKS)
    assert "paychecks" in _person(client)["plan"]
    response = _post(client, "/plan/paychecks/", {"p0-pay_per_period": ""})
    assert response.status_code == 302
    assert "paychecks" not in _person(client)["plan"]
    assert "Paycheck elections" not in client.get("/plan/results/").content.decode()


def test_a_changed_match_formula_reaches_the_paycheck_plan(client: Client) -> None:
    complete(client, contributions=FORMULA, paychecks=PAYCHECKS)
    _post(client, "/plan/401k/", {**FORMULA, "p0-match_rate": "50", "p0-match_up_to": "6"})
    paychecks = _person(client)["plan"]["paychecks"]
    assert (paychecks["match_rate"], paychecks["match_up_to"]) == (0.5, 0.06)
    _post(client, "/plan/401k/", CONTRIBUTIONS)  # back to a dollar amount: no formula
    paychecks = _person(client)["plan"]["paychecks"]
    assert (paychecks["match_rate"], paychecks["match_up_to"]) == (0, 0)


ORIGIN_API = {
    "tax_year": 2018,
    "filing_status": "single",
    "people": [
        {
            "age": 40,
            "compensation": 200000,
            "plan": {
                "pretax_deferral": 18500,
                "employer_contribution": 12500,
                "allows_after_tax": True,
                "allows_in_service_distribution": True,
                "paychecks": {"pay_per_period": 7692.31, "match_rate": 1, "match_up_to": 0.0625},
            },
        }
    ],
}


def test_the_api_returns_the_paycheck_plan_and_field_errors(client: Client) -> None:
    response = client.post("/api/plan", ORIGIN_API, content_type="application/json")
    assert response.status_code == 200
    plan = response.json()["people"][0]["paychecks"]
    assert plan["elections"] == [
        {"source": "pretax", "starts": "2018-01-05", "rate": 0.1, "dollars": None},
        {"source": "pretax", "starts": "2018-04-13", "rate": 0.09, "dollars": None},
        {"source": "after_tax", "starts": "2018-01-05", "rate": 0.12, "dollars": None},
    ]
    assert plan["paychecks"][-1] == {
        "paid_on": "2018-12-21",
        "pay": 7692.31,
        "plan_pay": 7692.31,
        "pretax": 653.81,
        "roth": 0,
        "after_tax": 923,
        "match": 480.77,
        "deferrals_to_date": 18500,
        "annual_additions_to_date": 55000,
    }
    bad = json.loads(json.dumps(ORIGIN_API))
    bad["people"][0]["plan"]["paychecks"]["frequency"] = "fortnightly"
    response = client.post("/api/plan", bad, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "people.0.plan.paychecks.frequency": [
            "Must be one of: weekly, biweekly, semi_monthly, monthly."
        ]
    }


def test_the_calendar_has_the_election_change_dates(client: Client) -> None:
    import icalendar

    complete(client, contributions=FORMULA, paychecks=PAYCHECKS)
    response = client.get("/plan/results/calendar.ics")
    assert response.status_code == 200
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    dated = {(str(event["summary"]), event.decoded("dtstart").isoformat()) for event in events}
    assert ("Set pre-tax 10%, after-tax 12% from January 5, 2018 (You)", "2018-01-05") in dated
    assert ("Change to pre-tax 9% from April 13, 2018 (You)", "2018-04-13") in dated


def test_the_scenario_summary_lists_the_paychecks_in_words() -> None:
    from planner.models import describe_inputs

    inputs = json.loads(json.dumps(ORIGIN_API))
    paychecks = inputs["people"][0]["plan"]["paychecks"]
    paychecks |= {"frequency": "monthly", "bonuses": [{"paid_on": "2018-03-15", "amount": 30000}]}
    sections = dict(describe_inputs(inputs))
    rows = dict(sections["You: paychecks"])
    assert rows["Pay frequency"] == "Monthly (last day)"
    assert rows["Pay per paycheck"] == "$7,692.31"
    assert rows["Match up to (share of pay)"] == "6.25%"
    assert rows["Bonuses"] == "$30,000 on 2018-03-15"
    # The conversion frequency keeps its own label for the same value.
    inputs["people"][0]["plan"]["conversion_frequency"] = "monthly"
    plan_rows = dict(dict(describe_inputs(inputs))["You: 401(k) plan"])
    assert plan_rows["Conversion frequency"] == "Monthly"


def test_a_tampered_paycheck_draft_is_repaired_not_an_error(client: Client) -> None:
    complete(client, contributions=FORMULA, paychecks=PAYCHECKS)
    session = client.session
    draft = session["planner_draft"]
    paychecks = draft["inputs"]["people"][0]["plan"]["paychecks"]
    paychecks |= {"pay_per_period": "lots", "match_true_up": "yes", "bonuses": "none"}
    session["planner_draft"] = draft
    session.save()
    for url in ("/plan/results/", "/plan/paychecks/"):
        response = client.get(url, follow=True)
        assert response.status_code == 200
    paychecks = _person(client)["plan"]["paychecks"]
    assert "pay_per_period" not in paychecks and "bonuses" not in paychecks
    assert paychecks["frequency"] == "biweekly"


def test_employer_dollars_are_said_to_be_outside_the_paychecks(client: Client) -> None:
    # The origin case with the employer's $12,500 as a dollar figure, not a match formula:
    # no match is paid with the paychecks, and its 415(c) room is kept for it.
    complete(client, paychecks=PAYCHECKS)
    page = html.unescape(client.get("/plan/results/").content.decode())
    summary = re.search(r"<p class=\"small\">The year ends at (.*?)</p>", page, re.S).group(1)
    assert "of match" not in summary
    assert "The other $12,500 of employer money is not paid with the paychecks" in summary
    assert "$24,000 after-tax" in summary
