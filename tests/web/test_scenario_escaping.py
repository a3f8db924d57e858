"""A scenario name with HTML in it is shown escaped on every page that shows it."""

from __future__ import annotations

import pytest

from planner.models import Scenario, ShareLink
from tests.web.conftest import make_draft

NAME = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture
def evil(alice) -> Scenario:
    return Scenario.create_from_draft(alice, make_draft(), NAME)


def _assert_escaped(html: str) -> None:
    assert NAME not in html
    assert ESCAPED in html


def test_it_escapes_the_list(alice_client, evil) -> None:
    _assert_escaped(alice_client.get("/scenarios/").content.decode())


def test_it_escapes_the_detail_page(alice_client, evil) -> None:
    _assert_escaped(alice_client.get(f"/scenarios/{evil.code}/").content.decode())


def test_it_escapes_rename_and_delete(alice_client, evil) -> None:
    _assert_escaped(alice_client.get(f"/scenarios/{evil.code}/rename/").content.decode())
    _assert_escaped(alice_client.get(f"/scenarios/{evil.code}/delete/").content.decode())


def test_it_escapes_compare(alice_client, alice, evil, scenario) -> None:
    url = f"/scenarios/compare/?s={evil.code}&s={scenario.code}"
    _assert_escaped(alice_client.get(url).content.decode())


def test_it_escapes_the_share_page(client, evil) -> None:
    link = ShareLink.create_for(evil, label=NAME)
    _assert_escaped(client.get(f"/s/{link.token}/").content.decode())


def test_it_escapes_share_labels_for_the_owner(alice_client, evil) -> None:
    ShareLink.create_for(evil, label=NAME)
    _assert_escaped(alice_client.get(f"/scenarios/{evil.code}/").content.decode())


def test_it_escapes_messages(alice_client, evil) -> None:
    response = alice_client.post(f"/scenarios/{evil.code}/duplicate/", follow=True)
    html = response.content.decode()
    assert NAME not in html
    assert "Made a copy: “Copy of " + ESCAPED in html


def test_it_escapes_the_save_form(alice_client, evil, set_draft) -> None:
    set_draft(alice_client, evil.draft(), evil.link())
    _assert_escaped(alice_client.get("/plan/results/").content.decode())
