"""The shared page speaks to an advisor about the client: never "you", never the owner's email."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from planner.drafts import Draft
from planner.models import Scenario, ShareLink
from tests.print_cases import MARRIED_2026, ORIGIN, unnamed

SECOND_PERSON = re.compile(r"\b(you|your|yours|yourself)\b", re.IGNORECASE)


def _share(owner: User, inputs: dict[str, Any], name: str) -> ShareLink:
    draft = Draft.new(inputs["tax_year"])
    draft.inputs = inputs
    return ShareLink.create_for(Scenario.create_from_draft(owner, draft, name), label="for the CPA")


def _main_text(page: str) -> str:
    """The page's words inside <main>: the site's header and footer speak to the visitor."""
    main = re.search(r"<main\b.*?</main>", page, re.DOTALL)
    assert main is not None
    text = re.sub(r"<[^>]+>", " ", main.group(0))
    return " ".join(html.unescape(text).split())


@pytest.mark.parametrize(
    ("inputs", "names"),
    [
        pytest.param(ORIGIN, ["the client"], id="origin-2018-default-name"),
        pytest.param(unnamed(MARRIED_2026), ["the client", "the client's spouse"], id="married"),
        pytest.param(MARRIED_2026, ["Alex", "Sam"], id="married-named"),
    ],
)
def test_the_shared_page_names_people_and_never_says_you(
    client: Client, alice: User, inputs: dict[str, Any], names: list[str]
) -> None:
    link = _share(alice, inputs, "Household plan")
    page = client.get(f"/s/{link.token}/").content.decode()
    text = _main_text(page)
    assert SECOND_PERSON.findall(text) == [], [
        text[max(0, m.start() - 60) : m.end() + 60] for m in SECOND_PERSON.finditer(text)
    ]
    assert "alice@example.org" not in page.lower()
    for name in names:
        assert f"Form 8606 for {name}" in text
    # The engine's own sentences (checklist, warnings) use the names too.
    assert f"to {names[0]}'s Roth IRA" in text


def test_the_owner_still_reads_you_on_the_same_plan(alice_client: Client, alice: User) -> None:
    link = _share(alice, ORIGIN, "Origin")
    scenario = link.scenario
    page = alice_client.get(f"/scenarios/{scenario.code}/").content.decode()
    assert "Form 8606 for you, 2018" in page
    assert "to your Roth IRA" in page
