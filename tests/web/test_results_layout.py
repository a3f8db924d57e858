"""Issue 16, item 5, in the HTML itself (what a browser with JavaScript off gets): the results
and the shared page open with the answer and what to do first, Save near the top on the
results, then each detail under a heading that folds (native <details>/<summary>); no table
holds the page's headings, lists or forms."""

from __future__ import annotations

import copy
import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from planner.drafts import Draft
from planner.models import Scenario, ShareLink
from tests.print_cases import ORIGIN
from tests.web.test_wizard import complete

pytestmark = pytest.mark.django_db

PRO_RATA_IRAS = {"p0-year_end_balance": "94500"}
STRUCTURE = {"h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "form", "section", "nav", "details"}


class _Outline(HTMLParser):
    """The tags found inside tables, and each fold's summary and what its summary holds."""

    def __init__(self) -> None:
        super().__init__()
        self.tables = 0
        self.inside_tables: list[str] = []
        self.presentation: list[str] = []
        self.folds: list[dict[str, object]] = []
        self._summary: dict[str, object] | None = None
        self._last_details: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("role") in ("presentation", "none"):
            self.presentation.append(tag)
        if self.tables and tag in STRUCTURE:
            self.inside_tables.append(tag)
        if tag == "table":
            self.tables += 1
        if tag == "details":
            self._last_details = found
        if tag == "summary" and "fold" in (self._last_details.get("class") or "").split():
            self._summary = {"open": "open" in self._last_details, "first": None}
            self.folds.append(self._summary)
        elif self._summary is not None and self._summary["first"] is None:
            self._summary["first"] = (tag, found.get("id"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.tables -= 1
        if tag == "summary":
            self._summary = None


def _outline(page: str) -> _Outline:
    parser = _Outline()
    parser.feed(page)
    return parser


def _results(client: Client) -> str:
    complete(client, iras=PRO_RATA_IRAS)
    response = client.get("/plan/results/")
    assert response.status_code == 200
    return response.content.decode()


def _shared(client: Client, owner) -> str:
    draft = Draft.new(ORIGIN["tax_year"])
    draft.inputs = copy.deepcopy(ORIGIN)
    link = ShareLink.create_for(Scenario.create_from_draft(owner, draft, "Origin"), label="CPA")
    response = client.get(f"/s/{link.token}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_results_open_with_the_answer_then_the_first_step_then_save(client: Client) -> None:
    page = _results(client)
    order = [
        page.index('id="verdict-heading"'),
        page.index('id="first-step-heading"'),
        page.index('id="save-draft-heading"'),
        page.index('class="fold'),
    ]
    assert order == sorted(order)
    # The first step is the checklist's first step.
    first = re.search(r'class="first-step".*?<p[^>]*>(.*?)</p>', page, re.S)
    checklist = re.search(r'<ol class="checklist"[^>]*>\s*<li[^>]*>(.*?)</li>', page, re.S)
    assert first and checklist
    assert first.group(1).strip() == checklist.group(1).strip()
    # The decision leaves this household more than one step (how many is the checklist's).
    assert re.search(r"Then \d+ more steps? in the checklist", page)
    assert 'href="#checklist"' in page and 'id="checklist"' in page


def test_every_detail_sits_under_a_heading_that_folds(client: Client) -> None:
    outline = _outline(_results(client))
    headings = [fold["first"] for fold in outline.folds]
    assert [tag for tag, _id in headings] == ["h2"] * len(headings)
    assert {
        "side-by-side",
        "warnings-heading",
        "checklist-heading",
        "person-1",
        "tax-documents-heading",
        "projection-heading",
        "limits-heading",
    } <= {heading_id for _tag, heading_id in headings}
    # Only the side-by-side table starts open: the rest is a click (or Enter) away.
    assert [fold["first"] for fold in outline.folds if fold["open"]] == [("h2", "side-by-side")]


@pytest.mark.parametrize("which", ["results", "shared", "scenario"])
def test_no_table_holds_the_page(which: str, client: Client, alice, alice_client) -> None:
    if which == "results":
        page = _results(client)
    elif which == "shared":
        page = _shared(client, alice)
    else:
        draft = Draft.new(ORIGIN["tax_year"])
        draft.inputs = copy.deepcopy(ORIGIN)
        scenario = Scenario.create_from_draft(alice, draft, "Origin")
        page = alice_client.get(f"/scenarios/{scenario.code}/").content.decode()
    outline = _outline(page)
    assert outline.presentation == []
    assert outline.inside_tables == []
    assert page.count("<table") >= 4
    assert "<caption" in page and 'scope="row"' in page


def test_the_shared_page_opens_with_the_answer_and_has_no_save(client: Client, alice) -> None:
    page = _shared(client, alice)
    assert page.index('id="verdict-heading"') < page.index('class="fold')
    assert page.index('id="first-step-heading"') < page.index('class="fold')
    assert "save-draft" not in page
    assert "results_calendar" not in page and "/plan/results/calendar" not in page
