"""No page shows template syntax: a `{# … #}` comment over several lines is printed as
text by Django (only `{% comment %}` spans lines), and so is a mistyped tag."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from planner.models import Scenario, ShareLink
from tests.web.conftest import make_draft
from tests.web.test_wizard import complete

TEMPLATE_SYNTAX = re.compile(r"\{[#%{]|[#%}]\}")


def _assert_clean(client: Client, url: str, data: dict[str, str] | None = None) -> None:
    response = client.post(url, data) if data is not None else client.get(url)
    assert response.status_code in (200, 400, 403, 404, 405), (url, response.status_code)
    page = response.content.decode()
    found = TEMPLATE_SYNTAX.search(page)
    assert found is None, f"{url}: {page[max(0, found.start() - 80) : found.end() + 80]!r}"


@pytest.mark.django_db
def test_no_wizard_or_results_page_shows_template_syntax(client: Client) -> None:
    _assert_clean(client, "/")
    _assert_clean(client, "/plan/household/")
    complete(client, iras={"p0-year_end_balance": "94500"})
    for slug in ("household", "401k", "plan-features", "iras", "assumptions"):
        _assert_clean(client, f"/plan/{slug}/")
    _assert_clean(client, "/plan/results/")
    _assert_clean(client, "/plan/restart/")
    # A step with errors and its summary, and the panel's preview fragment.
    _assert_clean(client, "/plan/401k/", {"p0-pretax_deferral": "abc", "go": "next"})
    _assert_clean(client, "/plan/401k/preview/", {"p0-pretax_deferral": "1000"})
    _assert_clean(client, "/plan/no-such-step/")


def test_no_account_or_scenario_page_shows_template_syntax(
    client: Client, alice_client: Client, alice, scenario: Scenario, share_link: ShareLink
) -> None:
    for url in ("/login/", "/signup/", "/password-reset/", "/password-reset/done/"):
        _assert_clean(client, url)
    _assert_clean(client, "/login/", {"username": "nobody@example.org", "password": "wrong"})
    _assert_clean(client, f"/s/{share_link.token}/")
    _assert_clean(client, "/s/not-a-token/")
    other = Scenario.create_from_draft(alice, make_draft(other_income=5000), "More income")
    for url in (
        "/scenarios/",
        f"/scenarios/{scenario.code}/",
        f"/scenarios/{scenario.code}/rename/",
        f"/scenarios/{scenario.code}/delete/",
        f"/scenarios/compare/?s={scenario.code}&s={other.code}",
        "/password-change/",
    ):
        _assert_clean(alice_client, url)


def test_no_template_has_a_comment_that_spans_lines() -> None:
    # The rendered pages above cover the paths taken; this covers every template.
    paths = [p for d in settings.TEMPLATES[0]["DIRS"] for p in Path(d).rglob("*.html")]
    assert any(path.name == "wizard_step.html" for path in paths)
    for path in paths:
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if "{#" in line:
                assert "#}" in line[line.index("{#") :], f"{path}:{number}"
