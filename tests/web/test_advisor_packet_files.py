"""The advisor packet's files: the checklist calendar (RFC 5545), the JSON and the CSV.

Files under a share link follow the link: served while it is live, 410 once it is revoked or
expired, 404 for a token that never existed, and never carrying the owner's email.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from decimal import Decimal

import pytest
import vobject
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from planner.engine import result_to_dict
from planner.engine.checklist import Action, Step, action_checklist
from planner.models import ShareLink
from tests.web.conftest import make_draft

SHARED_FILES = ("shared_calendar", "shared_json", "shared_csv")


def _checklist(scenario) -> list[Action]:
    return action_checklist(scenario.household(), scenario.result())


def _events(body: bytes) -> list:
    """Parsed with vobject, a second parser: icalendar wrote the file."""
    calendar = vobject.readOne(body.decode())
    return list(calendar.vevent_list)


def test_shared_calendar_has_one_dated_all_day_event_per_checklist_step(
    client: Client, share_link: ShareLink
) -> None:
    response = client.get(reverse("planner:shared_calendar", args=[share_link.token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"].startswith("attachment;")
    steps = _checklist(share_link.scenario.for_advisor)  # named as on the shared page
    events = _events(response.content)
    assert len(steps) > 1
    assert len(events) == len(steps)
    share_url = f"http://testserver/s/{share_link.token}/"
    for step, event in zip(steps, events, strict=True):
        assert event.dtstart.value == step.due  # a date, not a datetime: all day
        assert event.dtend.value == step.due + timedelta(days=1)
        # A step dated before today, while others are ahead, says so (any day the suite runs).
        assert event.summary.value.removeprefix("Date passed: ").startswith(step.title)
        assert event.url.value == share_url
        assert share_url in event.description.value
        assert step.detail in event.description.value
        # RFC 5545 VALARM: a week's notice before each deadline still ahead (custodians need
        # days); none on a date passed.
        alarms = event.contents.get("valarm", [])
        if event.summary.value.startswith("Date passed: ") or step.due < timezone.now().date():
            assert alarms == []
            continue
        (alarm,) = alarms
        assert alarm.trigger.value == -timedelta(days=7)
        assert alarm.action.value == "DISPLAY"
        assert alarm.description.value.startswith("In a week: " + step.title)
    assert len({event.uid.value for event in events}) == len(events)


def test_owner_calendar_links_back_to_the_scenario_page(alice_client: Client, scenario) -> None:
    response = alice_client.get(reverse("planner:scenario_calendar", args=[scenario.code]))
    assert response.status_code == 200
    events = _events(response.content)
    assert len(events) == len(_checklist(scenario))
    url = f"http://testserver/scenarios/{scenario.code}/"
    assert {event.url.value for event in events} == {url}


def test_owner_calendar_is_the_owners_only(bob_client: Client, client: Client, scenario) -> None:
    url = reverse("planner:scenario_calendar", args=[scenario.code])
    assert bob_client.get(url).status_code == 404
    assert client.get(url).status_code == 302  # to the log-in page


def test_results_page_calendar_comes_from_the_draft(client: Client, db, set_draft) -> None:
    set_draft(client, make_draft())
    response = client.get(reverse("planner:results_calendar"))
    assert response.status_code == 200
    assert len(_events(response.content)) >= 1
    assert b"http://testserver/plan/results/" in response.content
    assert reverse("planner:results_calendar") in client.get(reverse("planner:results")).text


def test_results_calendar_without_a_plan_sends_back_to_the_results(client: Client, db) -> None:
    response = client.get(reverse("planner:results_calendar"))
    assert response.status_code == 302


def test_shared_json_is_the_contract_input_and_result(
    client: Client, share_link: ShareLink
) -> None:
    response = client.get(reverse("planner:shared_json", args=[share_link.token]))
    assert response.status_code == 200
    document = json.loads(response.content)
    scenario = share_link.scenario
    assert document["inputs"] == scenario.inputs
    assert document["result"] == json.loads(json.dumps(result_to_dict(scenario.result())))
    assert document["name"] == scenario.name


def test_shared_csv_has_the_side_by_side_table_and_form_8606_lines(
    client: Client, share_link: ShareLink
) -> None:
    response = client.get(reverse("planner:shared_csv", args=[share_link.token]))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    result = result_to_dict(share_link.scenario.result())
    both = {row["item"]: row["value"] for row in rows if row["strategy"] == "Both"}
    assert Decimal(both["Roth dollars added"]) == Decimal(
        str(result["totals"]["both"]["roth_added"])
    )
    assert Decimal(both["Tax due now"]) == Decimal(str(result["totals"]["both"]["tax_due"]))
    form = result["people"][0]["backdoor_roth"]["form_8606"]
    lines = {row["line"]: row["value"] for row in rows if row["section"] == "form_8606"}
    assert Decimal(lines["8"]) == Decimal(str(form["line_8"]))
    assert Decimal(lines["14"]) == Decimal(str(form["line_14"]))
    assert Decimal(lines["18"]) == Decimal(str(form["line_18"]))


def test_shared_csv_adds_the_answers_form_8606_where_it_rolls_the_ira_in_first(
    client: Client, alice
) -> None:
    # $40,000 of pre-tax IRA money, and a plan that takes roll-ins: the answer rolls it in
    # first, so its Form 8606 has line 6 at 0 and line 18 at 0 (IRC 408(d)(3)(A)(ii)); the
    # form as entered stays in the "form_8606" rows.
    from planner.models import Scenario

    draft = make_draft()
    draft.inputs["people"][0]["plan"]["accepts_ira_rollins"] = True
    draft.inputs["people"][0]["ira"] = {"year_end_balance": 40000}
    link = ShareLink.create_for(Scenario.create_from_draft(alice, draft, "Roll it in"))
    response = client.get(reverse("planner:shared_csv", args=[link.token]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    entered = {row["line"]: row["value"] for row in rows if row["section"] == "form_8606"}
    answer = {row["line"]: row["value"] for row in rows if row["section"] == "form_8606_answer"}
    assert Decimal(entered["6"]) == 40000 and Decimal(entered["18"]) > 0
    assert Decimal(answer["6"]) == 0 and Decimal(answer["18"]) == 0
    # The advisor's file names the client as the shared page does, never "You".
    assert {row["person"] for row in rows if row["section"].startswith("form_8606")} == {
        "the client"
    }
    assert Decimal(answer["8"]) == Decimal(entered["8"])
    # The answer's totals sit beside the side by side, which is each strategy as entered.
    totals = {row["item"]: row["value"] for row in rows if row["section"] == "answer"}
    decision = result_to_dict(link.scenario.result())["decision"]
    assert Decimal(totals["Tax due now"]) == Decimal(str(decision["tax_due"])) == 0
    assert Decimal(totals["Roth dollars added"]) == Decimal(str(decision["roth_added"]))


def test_shared_page_links_to_the_three_files(client: Client, share_link: ShareLink) -> None:
    page = client.get(reverse("planner:shared_scenario", args=[share_link.token])).text
    for name in SHARED_FILES:
        assert reverse(f"planner:{name}", args=[share_link.token]) in page


@pytest.mark.parametrize("name", SHARED_FILES)
def test_files_never_carry_the_owners_email(
    client: Client, share_link: ShareLink, alice, name: str
) -> None:
    response = client.get(reverse(f"planner:{name}", args=[share_link.token]))
    assert response.status_code == 200
    assert alice.email.encode() not in response.content
    assert b"alice" not in response.content.lower()
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response["X-Robots-Tag"]


@pytest.mark.parametrize("name", SHARED_FILES)
def test_files_are_gone_once_the_link_is_revoked(
    client: Client, share_link: ShareLink, name: str
) -> None:
    share_link.revoke()
    response = client.get(reverse(f"planner:{name}", args=[share_link.token]))
    assert response.status_code == 410
    assert b"BEGIN:VCALENDAR" not in response.content and b'"inputs"' not in response.content


@pytest.mark.parametrize("name", SHARED_FILES)
def test_files_are_gone_once_the_link_expires(
    client: Client, share_link: ShareLink, name: str
) -> None:
    ShareLink.objects.filter(pk=share_link.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert client.get(reverse(f"planner:{name}", args=[share_link.token])).status_code == 410


@pytest.mark.parametrize("name", SHARED_FILES)
def test_an_unknown_token_is_not_found(client: Client, db, name: str) -> None:
    assert client.get(reverse(f"planner:{name}", args=["no-such-token"])).status_code == 404


def test_a_calendar_of_a_year_gone_by_sets_no_reminders() -> None:
    # A review: with every date passed (no step ahead, so none is marked "Date passed"), each
    # event still got "In a week:" reminders for days long gone.
    from datetime import date

    from planner.packet import checklist_calendar

    steps = [
        Action(date(2020, 12, 31), "Convert $6,000", "Line 8.", "Ann", Step.CONVERSION),
        Action(
            timezone.now().date() + timedelta(days=30),
            "File Form 8606",
            "",
            None,
            Step.FILE_FORM_8606,
        ),
    ]
    body = checklist_calendar(steps, name="Old", url="http://testserver/", uid_seed="x")
    past, ahead = _events(body)
    assert past.contents.get("valarm", []) == []
    assert len(ahead.contents.get("valarm", [])) == 1
