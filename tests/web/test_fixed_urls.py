"""{% fixed_url %} (planner/templatetags/links.py): the URL {% url %} would give, reversed once
for every later page, and again under another script prefix."""

from __future__ import annotations

from unittest import mock

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import clear_script_prefix, reverse, set_script_prefix

from planner.templatetags import links
from tests.web.test_wizard import complete

pytestmark = pytest.mark.django_db


def _render(source: str, **context: object) -> str:
    return Template("{% load links %}" + source).render(Context(context))


def test_it_gives_the_url_that_reverse_gives() -> None:
    assert _render("{% fixed_url 'planner:results' %}") == reverse("planner:results")
    assert _render("{% fixed_url 'planner:wizard_step' slug %}", slug="401k") == reverse(
        "planner:wizard_step", args=["401k"]
    )


def test_another_script_prefix_gets_its_own_url() -> None:
    assert _render("{% fixed_url 'planner:home' %}") == "/"
    set_script_prefix("/planner/")
    try:
        assert _render("{% fixed_url 'planner:home' %}") == "/planner/"
    finally:
        clear_script_prefix()
    assert _render("{% fixed_url 'planner:home' %}") == "/"


def test_the_results_page_reverses_its_links_once_not_on_every_view(client: Client) -> None:
    complete(client)
    links._reversed.cache_clear()
    with mock.patch.object(links, "reverse", wraps=reverse) as reversing:
        first = client.get("/plan/results/")
        reversed_first = reversing.call_count
        second = client.get("/plan/results/")
    assert first.status_code == second.status_code == 200
    assert reversed_first >= 10  # the nav, the steps, the Save form's links
    assert reversing.call_count == reversed_first
