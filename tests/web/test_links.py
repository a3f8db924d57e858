"""planner/templatetags/links.py: {% fixed_url %} gives the URL {% url %} would, reversed once
for every later page, and again under another script prefix; {% wizard_nav %} gives the nav
its template renders, rendered once for every later page with the same steps."""

from __future__ import annotations

from unittest import mock

import pytest
from django.template import Context, Template
from django.test import Client, override_settings
from django.urls import clear_script_prefix, reverse, set_script_prefix

from planner.forms import STEPS
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
    links._kept_nav_html.cache_clear()
    with mock.patch.object(links, "reverse", wraps=reverse) as reversing:
        first = client.get("/plan/results/")
        reversed_first = reversing.call_count
        second = client.get("/plan/results/")
    assert first.status_code == second.status_code == 200
    assert reversed_first >= 10  # the nav, the steps, the Save form's links
    assert reversing.call_count == reversed_first


@pytest.mark.parametrize("form_id", ["", "wizard-form"])
@pytest.mark.parametrize("current", ["household", "iras", "results"])
def test_the_kept_nav_is_the_one_its_template_renders(current: str, form_id: str) -> None:
    steps = [step for step in STEPS if step.slug != "paychecks"]
    included = _render(
        '{% include "planner/_wizard_nav.html" %}', steps=steps, current=current, form_id=form_id
    )
    kept = _render(
        "{% wizard_nav steps current form_id %}", steps=steps, current=current, form_id=form_id
    )
    assert kept == included
    assert kept.count("<li>") == len(steps) + 1


def test_a_step_page_renders_the_nav_once_not_on_every_view(client: Client) -> None:
    complete(client)
    links._kept_nav_html.cache_clear()
    with mock.patch.object(links, "render_to_string", wraps=links.render_to_string) as rendering:
        pages = [client.get(url) for url in ("/plan/iras/", "/plan/iras/", "/plan/results/")]
    assert [page.status_code for page in pages] == [200, 200, 200]
    assert rendering.call_count == 2  # the step's nav, then the results'


@override_settings(DEBUG=True)
def test_with_debug_an_edited_nav_shows_at_once(client: Client) -> None:
    complete(client)
    with mock.patch.object(links, "render_to_string", wraps=links.render_to_string) as rendering:
        client.get("/plan/results/")
        client.get("/plan/results/")
    assert rendering.call_count == 2


def test_the_footer_names_the_years_the_tables_hold(client: Client) -> None:
    # Each year's figures are data (planner/engine/parameters); the footer says which years
    # are published and which one is planned on figures carried from the year before.
    from planner.engine.tables import available_years, provisional_years, published_years

    page = client.get("/").content.decode()
    published = published_years()
    assert f"tax years {min(published)}–{max(published)}" in page
    for year in provisional_years():
        assert f"{year} provisionally, until the IRS publishes its figures" in page
    assert set(available_years()) == set(published) | set(provisional_years())
