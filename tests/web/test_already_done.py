"""Issue 16 item 3 on the server: "Already done this year" on the IRA step (no JavaScript),
the results' "Done so far, left to do", the API's `progress` and the drafts.

Sources as in tests/engine/test_progress.py: Form 8606 lines 6-18 (the pro-rata rule on the
December 31 value, conversions of the year on line 8), IRC 408(d)(3)(A)(ii) (roll-ins take
pre-tax money), IRC 408(d)(4) and Pub. 590-A (an excess withdrawn by the due date).
"""

from __future__ import annotations

import copy
import html
import json
import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from planner import draft_repair
from planner.drafts import Draft
from planner.engine import compute_plan, contract_schema, parse_household
from planner.engine.money import long_date
from tests.web.conftest import INPUTS
from tests.web.test_wizard import (
    ASSUMPTIONS,
    CONTRIBUTIONS,
    IRAS,
    PLAN_FEATURES,
    _assert_field_error,
    _person,
    _post,
    complete,
    start,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 5)
# 2026, 45, self-employed: no 401(k) deferrals, no plan that takes roll-ins.
HOUSEHOLD_2026 = {"tax_year": "2026", "age": "45", "compensation": "250000"}
NO_401K = {**CONTRIBUTIONS, "p0-pretax_deferral": "0", "p0-employer_contribution": "0"}
NO_FEATURES = {
    **PLAN_FEATURES,
    "p0-allows_after_tax": "no",
    "p0-allows_in_service_distribution": "no",
}
# Contributed and converted $7,000 in January 2026, then found a $40,000 SEP-IRA.
FOUND_SEP = {
    **IRAS,
    "p0-nondeductible_contribution": "7000",
    "p0-contribution_made_amount": "7,000",
    "p0-contribution_made_date": "2026-01-15",
    "p0-conversion_made_amount": "$7,000",
    "p0-conversion_made_date": "2026-01-20",
    "p0-sep_balance_today": "40000",
    # Its own business's SEP-IRA: the self-employment income opens a solo 401(k).
    "p0-self_employed": "on",
}


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    # The views count days from timezone.localdate(), today in the site's time zone.
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


def _complete_found_sep(client: Client, **iras: str) -> None:
    complete(
        client,
        household=HOUSEHOLD_2026,
        contributions=NO_401K,
        plan_features=NO_FEATURES,
        iras={**FOUND_SEP, **iras},
        assumptions=ASSUMPTIONS,
    )


def _section(page: str) -> str:
    start = page.index('aria-labelledby="progress-heading"')
    return html.unescape(re.sub(r"\s+", " ", page[start : page.index("</section>", start)]))


def test_the_ira_step_stores_what_is_already_done_as_contract_lists(client: Client) -> None:
    _complete_found_sep(client)
    ira = _person(client)["ira"]
    assert ira["contributions_made"] == [{"date": "2026-01-15", "amount": 7000}]
    assert ira["conversions_made"] == [{"date": "2026-01-20", "amount": 7000}]
    assert ira["sep_balance_today"] == 40000
    page = client.get("/plan/iras/").content.decode()
    assert 'value="2026-01-20"' in page and 'value="40000"' in page, "shown again on Back"


def test_results_tell_the_found_sep_ira_remedy_with_dollars_and_days_left(client: Client) -> None:
    _complete_found_sep(client)
    page = client.get("/plan/results/").content.decode()
    section = _section(page)
    result = compute_plan(Draft.from_json(client.session["planner_draft"]).household(), TODAY)
    repair = result.progress.people[0].repairs[0]
    assert "Done so far, left to do" in section
    assert "Contributed $7,000 on January 15, 2026." in section
    assert "Converted to Roth $7,000 on January 20, 2026." in section
    assert "Pre-tax IRA money ($40,000) makes part of this year's conversion taxable." in section
    assert "by December 31, 2026 (26 days left)" in section
    assert f"${repair.tax_if_kept:,.2f} of tax on $5,957.42 of the conversion" in section
    assert "December 31 value on Form 8606 line 6: $40,000" in section
    # The Form 8606 the page shows counts the same conversion and balance (lines 6 and 8).
    assert page.index("Done so far") < page.index("Side by side")


def test_results_without_anything_done_have_no_such_section(client: Client) -> None:
    complete(client)
    assert 'id="progress-heading"' not in client.get("/plan/results/").content.decode()


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("conversion_made_date", "2025-12-31", "Only conversions made in 2026 count for 2026"),
        ("conversion_made_date", "31/12/2026", "Enter a date, like 2026-01-15."),
        ("contribution_made_amount", "seven", "Enter a dollar amount"),
    ],
)
def test_a_bad_done_answer_is_shown_next_to_its_field_and_kept(
    client: Client, field: str, typed: str, message: str
) -> None:
    complete(client, household=HOUSEHOLD_2026)
    response = _post(client, "/plan/iras/", {**FOUND_SEP, f"p0-{field}": typed})
    _assert_field_error(response, f"p0-{field}", message, typed)
    page = response.content.decode()
    assert 'value="40000"' in page, "the other answers are kept"


def test_an_amount_without_its_date_asks_for_the_date(client: Client) -> None:
    complete(client, household=HOUSEHOLD_2026)
    data = {**FOUND_SEP, "p0-conversion_made_date": ""}
    response = _post(client, "/plan/iras/", data)
    _assert_field_error(response, "p0-conversion_made_date", "Enter the date too.", "")


def test_the_api_returns_progress_counted_from_today(client: Client) -> None:
    data = copy.deepcopy(INPUTS)
    data["people"][0]["plan"] = None
    data["people"][0]["ira"] = {
        "nondeductible_contribution": 7000,
        "contributions_made": [{"date": "2026-01-15", "amount": 7000}],
        "conversions_made": [{"date": "2026-01-20", "amount": 7000}],
        "sep_balance_today": 40000,
    }
    response = client.post("/api/plan", json.dumps(data), content_type="application/json")
    assert response.status_code == 200
    progress = response.json()["progress"]
    assert progress["as_of"] == "2026-12-05"
    (repair,) = progress["people"][0]["repairs"]
    assert repair["kind"] == "pre_tax_after_conversion"
    assert (repair["deadline"], repair["days_left"], repair["amount"]) == ("2026-12-31", 26, 40000)
    assert repair["taxable_if_kept"] == 5957.42 and repair["tax_if_rolled_in"] == 0
    assert response.json()["people"][0]["backdoor_roth"]["form_8606"]["line_8"] == 7000


def test_the_api_names_a_bad_date_with_a_400() -> None:
    data = copy.deepcopy(INPUTS)
    data["people"][0]["ira"] = {"conversions_made": [{"date": "2026-02-30", "amount": 7000}]}
    response = Client().post("/api/plan", json.dumps(data), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "people.0.ira.conversions_made.0.date": ["Enter a date as YYYY-MM-DD, like 2026-01-15."]
    }


def test_the_published_schemas_carry_the_new_fields() -> None:
    schemas = contract_schema()
    ira = schemas["input"]["$defs"]["Ira"]["properties"]
    for name in (
        "contributions_made",
        "conversions_made",
        "traditional_balance_today",
        "sep_balance_today",
        "simple_balance_today",
    ):
        assert name in ira
    assert "progress" in schemas["output"]["properties"]
    assert "Repair" in schemas["output"]["$defs"]


def test_a_draft_keeps_the_entries_the_wizard_does_not_show() -> None:
    draft = Draft(inputs=copy.deepcopy(INPUTS))
    path = "people.0.ira.conversions_made"
    draft.set(path, [{"date": "2026-01-20", "amount": 7000}, {"date": "2026-03-01", "amount": 10}])
    draft.set_first_dated(path, {"date": "2026-01-21", "amount": 7100})
    assert draft.get(path) == [
        {"date": "2026-01-21", "amount": 7100},
        {"date": "2026-03-01", "amount": 10},
    ]
    parse_household(draft.contract_inputs())


def test_a_saved_draft_from_before_opens_with_the_same_figures() -> None:
    # Nothing done entered: the figures are those of the plan alone (additive fields).
    draft = Draft(inputs=copy.deepcopy(INPUTS))
    before = compute_plan(parse_household(INPUTS))
    after = compute_plan(draft.household(), TODAY)
    assert after.progress is None
    assert after.totals == before.totals and after.people == before.people


def test_a_tampered_list_of_done_amounts_is_cleared_and_named() -> None:
    inputs: dict[str, Any] = copy.deepcopy(INPUTS)
    inputs["people"][0]["ira"] = {"conversions_made": [{"date": 5}], "sep_balance_today": "x"}
    fixed, cleared = draft_repair.repaired({"schema": 2, "inputs": inputs})
    assert cleared == ["people.0.ira.conversions_made", "people.0.ira.sep_balance_today"]
    assert fixed["inputs"]["people"][0]["ira"] == {}


def test_a_saved_scenario_lists_what_is_already_done() -> None:
    from planner.models import describe_inputs

    inputs: dict[str, Any] = copy.deepcopy(INPUTS)
    inputs["people"][0]["ira"] = {
        "conversions_made": [{"date": "2026-01-20", "amount": 7000}],
        "sep_balance_today": 40000,
    }
    rows = dict(row for _title, section in describe_inputs(inputs) for row in section)
    assert rows["Roth conversions already made"] == "$7,000 on 2026-01-20"
    assert rows["SEP-IRA balance today"] == "$40,000"


def _verdict(page: str) -> str:
    start = page.index('aria-labelledby="verdict-heading"')
    return html.unescape(re.sub(r"\s+", " ", page[start : page.index("</section>", start)]))


def test_the_results_checklist_and_calendar_say_the_same_found_sep_answer(client: Client) -> None:
    # One decision (issue 16): the backdoor made in January is done, so neither the page's
    # checklist nor the .ics asks to contribute or convert again; the repair (roll the $40,000
    # into a plan by December 31, IRC 408(d)(3)(A)(ii); Form 8606 line 6) is in all three.
    _complete_found_sep(client)
    page = client.get("/plan/results/").content.decode()
    verdict = _verdict(page)
    assert "Skip the backdoor" not in verdict
    assert "The backdoor is done: $7,000 contributed and converted to Roth this year." in verdict
    assert "by December 31, 2026 (26 days left) and the tax is $0" in verdict
    assert "Pre-tax IRA money ($40,000)" in _section(page)
    checklist = html.unescape(page[page.index("Side by side") :])
    assert "Roll the pre-tax IRA money ($40,000) into the solo 401(k)" in page
    assert "Contribute $7,000 nondeductible" not in checklist
    assert "Convert $7,000 from the traditional IRA" not in checklist
    body = client.get("/plan/results/calendar.ics").content.decode()
    unfolded = body.replace("\r\n ", "")
    assert "Roll the pre-tax IRA money ($40\\,000) into the solo 401(k)" in unfolded
    assert "SUMMARY:Contribute" not in unfolded
    assert "SUMMARY:Convert" not in unfolded


def test_in_december_the_results_start_from_the_first_step_still_ahead(client: Client) -> None:
    # Paycheck elections from the year's first payday (January 2, 2026) are behind on
    # December 5; the year-end steps are not. "What to do first" is the first step ahead,
    # and the checklist marks the ones whose dates have gone.
    from tests.web.test_paychecks_step import FORMULA

    complete(
        client,
        household={"tax_year": "2026"},
        contributions={**FORMULA, "p0-pretax_deferral": "24500"},
        paychecks={"p0-pay_per_period": "7692.31", "p0-frequency": "biweekly"},
    )
    page = html.unescape(re.sub(r"\s+", " ", client.get("/plan/results/").content.decode()))
    first = page[
        page.index('id="first-step-heading"') : page.index(
            "</section>", page.index('id="first-step-heading"')
        )
    ]
    # The year's last biweekly payday, the after-tax money's deadline, is still ahead.
    assert "By December 18, 2026" in first
    assert "By January 2, 2026" not in first
    assert re.search(
        r"\d+ earlier steps?, dated before December 5, (is|are) marked in the checklist", first
    )
    assert "give the date they can start on the Paychecks step" in first
    checklist = page[
        page.index('id="checklist"') : page.index("</ol>", page.index('id="checklist"'))
    ]
    passed = re.findall(r"Date passed</span> <strong>By ([^<]+)</strong>", checklist)
    assert passed and "January 2, 2026" in passed
    assert all(day.endswith("2026") and not day.startswith("December") for day in passed)
    # The calendar file keeps every step (its UIDs stay the same) and names the passed ones.
    ics = client.get("/plan/results/calendar.ics").content.decode().replace("\r\n ", "")
    summaries = re.findall(r"^SUMMARY:(.*)$", ics, re.M)
    assert any(s.startswith("Date passed: Set pre-tax") for s in summaries)
    assert not any(s.startswith("Date passed: Contribute") for s in summaries)


def test_two_bad_done_dates_are_both_named_at_once(client: Client) -> None:
    # A newcomer's walk: a contribution dated after today hid the engine's rule on the
    # conversion's date (Form 8606 line 8 counts the tax year's conversions) until the first
    # was fixed; the stand-in for the bad date now leaves that row out of the check.
    future = (TODAY + timedelta(days=1)).isoformat()
    start(client, **HOUSEHOLD_2026)
    for step, data in (("/plan/401k/", NO_401K), ("/plan/plan-features/", NO_FEATURES)):
        client.post(step, {**data, "go": "next"})
    data = {
        **FOUND_SEP,
        "p0-contribution_made_date": future,
        "p0-conversion_made_date": "2025-04-15",
        "go": "next",
    }
    response = client.post("/plan/iras/", data)
    _assert_field_error(response, "p0-contribution_made_date", "That day is still to come", future)
    _assert_field_error(
        response, "p0-conversion_made_date", "Only conversions made in 2026 count", "2025-04-15"
    )


def test_an_already_done_day_still_to_come_is_refused_next_to_its_field(client: Client) -> None:
    # "Already done" is counted from today: a contribution dated after today has not happened
    # (a planned one is the backdoor contribution asked above), so it is refused, kept as typed.
    future = (TODAY + timedelta(days=1)).isoformat()
    start(client, **HOUSEHOLD_2026)
    for step, data in (
        ("/plan/401k/", NO_401K),
        ("/plan/plan-features/", NO_FEATURES),
    ):
        client.post(step, {**data, "go": "next"})
    response = client.post(
        "/plan/iras/", {**FOUND_SEP, "p0-contribution_made_date": future, "go": "next"}
    )
    _assert_field_error(
        response,
        "p0-contribution_made_date",
        "That day is still to come: enter only what is already done, on or before today"
        f" ({long_date(TODAY)}).",
        future,
    )
    # Today itself is already done.
    response = client.post(
        "/plan/iras/", {**FOUND_SEP, "p0-conversion_made_date": TODAY.isoformat(), "go": "next"}
    )
    assert response.status_code == 302
