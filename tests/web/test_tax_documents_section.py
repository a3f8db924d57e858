"""The tax-document forecast shows on the results, scenario and shared pages."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from planner.models import ShareLink


def _section(page: str) -> str:
    start = page.index('class="mb-4 tax-documents"')
    return page[start : page.index("</section>", start)]


def test_shared_page_lists_each_moves_forms_after_form_8606(
    client: Client, share_link: ShareLink
) -> None:
    page = client.get(reverse("planner:shared_scenario", args=[share_link.token])).text
    assert page.index("Form 8606 for") < page.index("Tax documents to expect")
    section = _section(page)
    # The base household: after-tax money rolled to a Roth IRA, then a clean backdoor.
    moves = ["in_service_rollover_to_roth_ira", "nondeductible_ira_contribution",
             "ira_roth_conversion"]  # fmt: skip
    positions = [section.index(f'data-move="{move}"') for move in moves]
    assert positions == sorted(positions)
    assert "box 7 code G" in section
    assert "box 7 code 2" in section and "IRA/SEP/SIMPLE box checked" in section
    assert "Form 5498 from the Roth IRA custodian (Roth IRA): box 3 $7,500" in section
    assert "Instructions for Forms 1099-R and 5498" in section


def test_owner_results_page_shows_it_too(alice_client: Client, scenario, set_draft) -> None:
    set_draft(alice_client, scenario.draft())
    page = alice_client.get(reverse("planner:results")).text
    assert "Tax documents to expect" in _section(page)
