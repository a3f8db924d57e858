"""Issue 16 on the pages: the results, the shared page, the calendar and the packet's files
say the one decision (the origin case's "skip the backdoor unless you roll the $94,500 in
first"), with badges per person; self-employment is asked in the wizard."""

from __future__ import annotations

import json
import re
from typing import Any

import icalendar
import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from planner.drafts import Draft
from planner.models import Scenario, ShareLink
from tests.print_cases import ORIGIN
from tests.web.test_wizard import complete

pytestmark = pytest.mark.django_db

# What the origin's backdoor as entered would put on a checklist (Form 8606 lines 6-18: 94.5%
# of the $5,500 conversion taxable); the decision skips it, so no page may list it.
SKIPPED_STEPS = ("Contribute $5,500 nondeductible", "Convert $5,500", "Pay about")


def _text(page: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def _section(page: str, heading_id: str) -> str:
    start = page.index(f'id="{heading_id}"')
    return _text(page[start : page.index("</section>", start)])


def _share(owner: User, inputs: dict[str, Any]) -> ShareLink:
    draft = Draft.new(inputs["tax_year"])
    draft.inputs = inputs
    return ShareLink.create_for(Scenario.create_from_draft(owner, draft, "Origin"), label="CPA")


def _summaries(body: bytes) -> list[str]:
    return [str(e["summary"]) for e in icalendar.Calendar.from_ical(body).walk("VEVENT")]


def test_the_shared_page_calendar_and_files_follow_the_origin_verdict(
    client: Client, alice: User
) -> None:
    link = _share(alice, ORIGIN)
    page = client.get(f"/s/{link.token}/").content.decode()
    verdict = _section(page, "verdict-heading")
    assert "Skip the backdoor this year unless the client rolls the $94,500 into a 401(k)" in (
        verdict
    )
    checklist = _section(page, "checklist-heading")
    assert "Contribute $24,000 after-tax" in checklist
    for step in SKIPPED_STEPS:
        assert step not in checklist
    calendar = client.get(reverse("planner:shared_calendar", args=[link.token])).content
    summaries = _summaries(calendar)
    # A saved draft's absent plan answer is "not sure" (schema 2): the roll-in question first.
    assert summaries == [
        "Ask the client's plan administrator whether the plan allows roll-ins of pre-tax IRA "
        "money (the client)",
        "Contribute $24,000 after-tax to the 401(k) through payroll (the client)",
        "Roll the after-tax money (and its earnings) out to the client's Roth IRA (the client)",
    ]
    document = json.loads(client.get(reverse("planner:shared_json", args=[link.token])).content)
    assert document["result"]["decision"]["people"][0]["ira"]["route"] == "skip"
    assert document["result"]["decision"]["roth_added"] == 24000


def test_the_owner_sees_the_same_steps_with_badges(alice_client: Client, alice: User) -> None:
    link = _share(alice, ORIGIN)
    code = link.scenario.code
    page = alice_client.get(f"/scenarios/{code}/").content.decode()
    assert "Skip the backdoor this year unless you roll the $94,500" in page
    badges = re.findall(r'class="badge[^"]*decision-badge[^"]*">([^<]+)<', page)
    assert badges == ["Mega backdoor", "Skip the backdoor"]
    checklist = _section(page, "checklist-heading")
    for step in SKIPPED_STEPS:
        assert step not in checklist
    calendar = alice_client.get(reverse("planner:scenario_calendar", args=[code])).content
    assert not any(s.startswith(SKIPPED_STEPS) for s in _summaries(calendar))


def test_a_not_sure_answer_that_changes_nothing_is_said_on_the_results(client: Client) -> None:
    complete(
        client,
        plan_features={
            "p0-allows_in_plan_roth_conversion": "unsure",
            "p0-accepts_ira_rollins": "unsure",
        },
        iras={"p0-year_end_balance": "0"},
    )
    page = client.get("/plan/results/").content.decode()
    verdict = _section(page, "verdict-heading")
    assert "Whether your plan takes IRA roll-ins (“not sure”) does not change anything here" in (
        verdict
    )


def test_the_wizard_asks_about_self_employment_and_the_results_open_a_solo_401k(
    client: Client,
) -> None:
    complete(
        client,
        plan_features={"p0-accepts_ira_rollins": "no"},
        iras={"p0-year_end_balance": "94500", "p0-self_employed": "on"},
    )
    draft = Draft.load(client.session)
    assert draft is not None
    assert draft.get("people.0.self_employed") is True
    page = client.get("/plan/results/").content.decode()
    assert "Open a solo 401(k) for your self-employment income" in _section(
        page, "checklist-heading"
    )
    assert "Roll in first, then backdoor" in page
    # The answer is kept when the step is shown again.
    iras = client.get("/plan/iras/").content.decode()
    assert re.search(r'<input[^>]*name="p0-self_employed"[^>]*checked', iras)


def test_a_direct_roth_answer_s_tax_documents_and_form_8606_follow_it(client: Client) -> None:
    # 2018 married filing jointly on $150,000 (MAGI under the $189,000 joint phase-out,
    # Notice 2017-64): the answer contributes $5,500 straight to the Roth IRA. The tax
    # documents expect Form 5498 box 10 (a Roth contribution), not the backdoor's Form 8606
    # line 1 and conversion, which would claim basis that does not exist.
    complete(
        client, household={"filing_status": "married_filing_jointly", "compensation": "150000"}
    )
    page = client.get("/plan/results/").content.decode()
    documents = _section(page, "tax-documents-heading")
    assert "box 10 $5,500" in documents
    assert "Form 8606 line 1" not in documents and "Roth conversion" not in documents
    assert "The answer, “Direct Roth IRA”, leaves $0 taxable" in _text(page)
