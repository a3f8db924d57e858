"""The advisor packet on paper: Chromium prints the shared page, and the owner's saved scenario
and results, in at most three Letter or A4 pages."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from playwright.sync_api import Page
from pypdf import PdfReader

from planner.drafts import Draft
from planner.models import Scenario, ShareLink
from planner.templatetags.planner_tags import FORM_8606_LINES
from tests.print_cases import MARRIED_2026, ORIGIN

MAX_PAGES = 3
PAPERS = ("Letter", "A4")
CASES = [
    pytest.param(ORIGIN, "Origin case 2018", ["the client"], id="origin-2018"),
    pytest.param(MARRIED_2026, "Alex and Sam 2026", ["Alex", "Sam"], id="married-2026"),
]


def _share(inputs: dict[str, Any], name: str) -> ShareLink:
    owner = User.objects.create_user("owner@example.org", "owner@example.org", "a-long-pass-77")
    draft = Draft.new(inputs["tax_year"])
    draft.inputs = inputs
    scenario = Scenario.create_from_draft(owner, draft, name)
    return ShareLink.create_for(scenario, label="for the CPA")


def _pages(page: Page, paper: str, keep: Path) -> list[str]:
    """The text of each printed page, its whitespace folded to single spaces."""
    pdf = page.pdf(format=paper)
    keep.write_bytes(pdf)  # to look at when a check fails
    reader = PdfReader(BytesIO(pdf))
    return [" ".join(p.extract_text().split()) for p in reader.pages]


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize(("inputs", "name", "people"), CASES)
def test_the_shared_page_prints_as_a_three_page_packet(
    live_server,
    page: Page,
    tmp_path: Path,
    inputs: dict[str, Any],
    name: str,
    people: list[str],
    paper: str,
) -> None:
    link = _share(inputs, name)
    page.goto(f"{live_server.url}/s/{link.token}/")
    pages = _pages(page, paper, tmp_path / f"packet-{paper}.pdf")

    assert 1 <= len(pages) <= MAX_PAGES
    year = inputs["tax_year"]
    for text in pages:
        # The repeated header: scenario, year, dates and the link's label on every page.
        assert name in text
        assert f"tax year {year}" in text
        assert "prepared " in text and "updated " in text
        assert "“for the CPA”" in text
    whole = " ".join(pages)
    for heading in ("Side by side", "Checklist", "Assumptions", "Limits used for"):
        assert heading in whole
    for person in people:
        heading = f"Form 8606 for {person}, {year}"
        on = [text for text in pages if heading in text]
        assert len(on) == 1, heading
        # Every line of the form, number and wording, on the page that carries its heading.
        for _key, number, label in FORM_8606_LINES:
            assert f"{number} {label}" in on[0], (person, number)


@pytest.mark.parametrize(("inputs", "name", "people"), CASES)
def test_the_owners_scenario_and_results_print_in_three_pages(
    live_server, page: Page, tmp_path: Path, inputs: dict[str, Any], name: str, people: list[str]
) -> None:
    scenario = _share(inputs, name).scenario
    owner = Client()
    owner.force_login(scenario.owner)
    cookie = owner.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/scenarios/{scenario.code}/")
    printed = {
        f"scenario-{paper}": _pages(page, paper, tmp_path / f"s-{paper}.pdf") for paper in PAPERS
    }
    # Editing it puts it in the planner: the results page prints under the scenario's name.
    page.get_by_role("button", name="Edit in the planner").click()
    page.goto(f"{live_server.url}/plan/results/")
    printed |= {
        f"results-{paper}": _pages(page, paper, tmp_path / f"r-{paper}.pdf") for paper in PAPERS
    }

    for which, pages in printed.items():
        assert 1 <= len(pages) <= MAX_PAGES, which
        assert all(name in text for text in pages), which
        for person in people:
            owner_name = "you" if person == "the client" else person
            heading = f"Form 8606 for {owner_name}, {inputs['tax_year']}"
            assert len([text for text in pages if heading in text]) == 1, (which, heading)
