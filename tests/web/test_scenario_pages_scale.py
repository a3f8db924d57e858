"""Scenario pages cost the same for 1 scenario or 1,000: stored headline figures (worked out
again only when the answers or the engine's version change), pages of 25, flat query counts."""

from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from planner import models
from planner.engine import ENGINE_VERSION
from planner.models import Scenario
from tests.web.conftest import make_draft


def _make(owner, count: int) -> list[Scenario]:
    return [Scenario.create_from_draft(owner, make_draft(), f"Plan {n}") for n in range(count)]


def _engine_refuses(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(household):
        raise AssertionError("the engine ran")

    monkeypatch.setattr(models, "compute_plan", refuse)


def test_saving_stores_the_headline_with_the_engine_version(scenario) -> None:
    scenario.refresh_from_db()
    assert scenario.headline_engine_version == ENGINE_VERSION
    assert Decimal(scenario.headline_totals["both"]["roth_added"]) == 42500


def test_the_list_shows_stored_figures_without_running_the_engine(
    alice_client, scenario, monkeypatch
) -> None:
    _engine_refuses(monkeypatch)
    html = alice_client.get("/scenarios/").content.decode()
    assert "$42,500" in html


def test_a_figure_from_an_older_engine_is_worked_out_again_and_stored(
    alice_client, scenario
) -> None:
    stale = {key: dict.fromkeys(models.STRATEGY_FIELDS, "1.00") for key in models.STRATEGIES}
    Scenario.objects.filter(pk=scenario.pk).update(
        headline_totals=stale, headline_engine_version=ENGINE_VERSION - 1
    )
    html = alice_client.get("/scenarios/").content.decode()
    assert "$42,500" in html and "$1.00" not in html
    scenario.refresh_from_db()
    assert scenario.headline_engine_version == ENGINE_VERSION
    assert Decimal(scenario.headline_totals["both"]["roth_added"]) == 42500


def test_a_scenario_saved_before_headlines_were_stored_gets_one_on_read(
    alice_client, alice
) -> None:
    # As rows made before migration 0003 (and by bulk_create): no headline at all.
    form = make_draft().stored()
    Scenario.objects.bulk_create([Scenario(owner=alice, name="Old", form=form, tax_year=2026)])
    assert alice_client.get("/scenarios/").content.decode().count("$42,500") == 1
    old = Scenario.objects.get(name="Old")
    assert old.headline_engine_version == ENGINE_VERSION


def test_a_stored_headline_missing_a_figure_is_worked_out_again(alice_client, scenario) -> None:
    # As after an engine change that added a figure without bumping ENGINE_VERSION.
    scenario.refresh_from_db()
    del scenario.headline_totals["both"]["roth_added"]
    Scenario.objects.filter(pk=scenario.pk).update(headline_totals=scenario.headline_totals)
    assert "$42,500" in alice_client.get("/scenarios/").content.decode()
    scenario.refresh_from_db()
    assert Decimal(scenario.headline_totals["both"]["roth_added"]) == 42500


def test_saving_new_answers_stores_their_headline(alice, scenario) -> None:
    draft = make_draft()
    draft.inputs["people"][0]["plan"]["allows_after_tax"] = False
    assert scenario.save_draft(draft, name="", expected_version=scenario.version)
    scenario.refresh_from_db()
    assert Decimal(scenario.headline_totals["both"]["roth_added"]) == 7500


def test_answers_without_a_result_store_no_headline(alice_client, alice) -> None:
    draft = make_draft()
    draft.inputs["people"] = [{"name": "You"}]
    half = Scenario.create_from_draft(alice, draft, "Half done")
    assert (half.headline_totals, half.headline_engine_version) == (None, ENGINE_VERSION)
    assert b"Needs more answers" in alice_client.get("/scenarios/").content


def test_the_list_comes_in_pages_of_25_with_plain_links(alice_client, alice) -> None:
    _make(alice, 30)
    first = alice_client.get("/scenarios/").content.decode()
    assert len(re.findall(r'name="s" value=', first)) == 25
    assert "Plan 29" in first and "Plan 4<" not in first
    assert 'href="?page=2"' in first and "Page 1 of 2" in first
    second = alice_client.get("/scenarios/?page=2").content.decode()
    assert len(re.findall(r'name="s" value=', second)) == 5
    assert "Plan 0<" in second and 'href="?page=1"' in second
    assert alice_client.get("/scenarios/?page=x").status_code == 200


def test_compare_keeps_the_chosen_scenarios_across_pages_of_its_picker(alice_client, alice) -> None:
    plans = _make(alice, 30)
    chosen = f"s={plans[0].code}&s={plans[1].code}"
    html = alice_client.get(f"/scenarios/compare/?{chosen}").content.decode()
    assert len(re.findall(r'type="checkbox" name="s"', html)) == 2 + 25
    assert html.count(" checked>") == 2
    assert f'href="?page=2&amp;s={plans[0].code}&amp;s={plans[1].code}"' in html
    second = alice_client.get(f"/scenarios/compare/?page=2&{chosen}").content.decode()
    # The chosen two stay ticked; the 28 others: 25 on page 1, 3 on page 2.
    assert len(re.findall(r'type="checkbox" name="s"', second)) == 2 + 3
    assert second.count(" checked>") == 2


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_makes_as_many_queries_for_1_scenario_as_for_30(
    alice_client, alice, bob_client, bob
) -> None:
    _make(alice, 1)
    _make(bob, 30)
    assert _queries(alice_client, "/scenarios/") == _queries(bob_client, "/scenarios/")


def test_compare_makes_as_many_queries_for_3_scenarios_as_for_30(
    alice_client, alice, bob_client, bob
) -> None:
    few, many = _make(alice, 3), _make(bob, 30)
    url = "/scenarios/compare/?s={0.code}&s={1.code}"
    assert _queries(alice_client, url.format(*few)) == _queries(bob_client, url.format(*many))


def test_a_stale_headline_is_not_written_over_answers_saved_meanwhile(alice, scenario) -> None:
    read = Scenario.objects.get(pk=scenario.pk)
    read.headline_engine_version = None  # as read by a list page before an engine bump
    draft = make_draft()
    draft.inputs["people"][0]["plan"]["allows_after_tax"] = False
    assert scenario.save_draft(draft, name="", expected_version=scenario.version)
    Scenario.with_fresh_headlines([read])
    scenario.refresh_from_db()
    assert Decimal(scenario.headline_totals["both"]["roth_added"]) == 7500


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 12, 24, 19, 41, tzinfo=UTC),  # p.m., standard time
        datetime(2026, 7, 4, 4, 5, tzinfo=UTC),  # a.m., daylight saving time
        datetime(2026, 3, 1, 5, 0, tzinfo=UTC),  # midnight
        datetime(2026, 11, 1, 5, 30, tzinfo=UTC),  # 1:30 a.m. twice that night: no zone name
    ],
)
def test_local_time_shows_what_the_date_filters_showed(moment: datetime) -> None:
    filters = Template(
        """<time datetime="{{ moment|date:'c' }}">{{ moment|date:"M j, Y, g:i a T" }}</time>"""
    )
    tag = Template("{% load planner_tags %}{% local_time moment %}")
    context = Context({"moment": moment})
    assert tag.render(context) == filters.render(context)


def test_a_page_of_25_reads_no_answers_until_a_row_needs_them(
    alice_client, alice, django_assert_max_num_queries
) -> None:
    plans = _make(alice, 30)
    # The session, the user, the count and the page: not the answers (Scenario.listed).
    with django_assert_max_num_queries(4) as page:
        assert alice_client.get("/scenarios/").status_code == 200
    assert not any('"form"' in query["sql"] for query in page.captured_queries)
    # A household's years show the basis from the answers, and stale headlines are worked out
    # again from them: one query reads the answers of the whole page, then one write a headline.
    for earlier, later in itertools.pairwise(plans[-4:]):
        Scenario.objects.filter(pk=later.pk).update(previous=earlier)
    stale = plans[-6:-4]
    Scenario.objects.filter(pk__in=[plan.pk for plan in stale]).update(headline_engine_version=None)
    with django_assert_max_num_queries(4 + 1 + len(stale)):
        html = alice_client.get("/scenarios/").content.decode()
    assert "Year by year" in html and html.count("$42,500") == 25
    assert set(Scenario.objects.values_list("headline_engine_version", flat=True)) == {
        ENGINE_VERSION
    }


def _pro_rata_scenario(owner) -> Scenario:
    """A scenario whose answer is not both strategies as entered: $200,000 of pre-tax IRA
    money and a plan that takes no roll-ins make the backdoor mostly taxable (Form 8606 lines
    6-11), so the answer skips it."""
    draft = make_draft()
    draft.inputs["people"][0]["ira"] = {"year_end_balance": 200000}
    draft.inputs["people"][0]["plan"]["accepts_ira_rollins"] = False
    return Scenario.create_from_draft(owner, draft, "Pro rata")


def test_the_list_and_the_comparison_show_the_answer_first(alice_client, alice) -> None:
    # Decide once: the list gives what the scenario's page recommends, not the strategies as
    # entered; the comparison gives the answer first, then each strategy as entered.
    from planner.templatetags.planner_tags import money

    scenario = _pro_rata_scenario(alice)
    result = scenario.result()
    answer, both = result.decision, result.totals.both
    assert (answer.roth_added, answer.tax_due) != (both.roth_added, both.tax_due)
    row = re.search(
        r"<tr>\s*<td class=\"no-print\">.*?</tr>",
        alice_client.get("/scenarios/").content.decode(),
        re.S,
    ).group(0)
    assert f"<td>{money(answer.roth_added)}</td>" in row
    assert f"<td>{money(answer.tax_due)}</td>" in row
    assert money(both.tax_due) not in row
    other = Scenario.create_from_draft(alice, make_draft(), "Clean")
    page = alice_client.get(f"/scenarios/compare/?s={scenario.code}&s={other.code}")
    rows = re.findall(r"<tr>(.*?)</tr>", page.content.decode(), re.S)
    first = next(r for r in rows if "Roth dollars added" in r)
    assert "The answer" in first and money(answer.roth_added) in first


def test_a_headline_stored_before_the_answer_was_kept_is_worked_out_again(
    alice_client, alice
) -> None:
    # Headlines stored by this engine version but without the answer's figures (as before it
    # was kept) are derived data: the list works them out again and stores the answer.
    scenario = _pro_rata_scenario(alice)
    old = {key: scenario.headline_totals[key] for key in models.STRATEGIES}
    Scenario.objects.filter(pk=scenario.pk).update(headline_totals=old)
    alice_client.get("/scenarios/")
    scenario.refresh_from_db()
    assert Decimal(scenario.headline_totals["answer"]["roth_added"]) == (
        scenario.result().decision.roth_added
    )


def test_a_headline_stored_before_its_year_ended_is_worked_out_again_after(
    alice_client, alice, monkeypatch
) -> None:
    # A review: saved on December 20, 2025 with $7,000 contributed and the conversion left to
    # the engine, the list kept "$7,000 to Roth" after December 31, while the page (Form 8606
    # line 8: no conversion was made) said $0. The headline keeps the day's year-ended state.
    from datetime import date

    from django.utils import timezone

    draft = make_draft()
    draft.inputs["tax_year"] = 2025
    person = draft.inputs["people"][0]
    person["plan"].update(allows_after_tax=False, pretax_deferral=23500)  # 2025's 402(g)
    person["ira"] = {
        "nondeductible_contribution": 7000,
        "contributions_made": [{"date": "2025-12-15", "amount": 7000}],
        "year_end_balance": 7000,
    }
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2025, 12, 20))
    scenario = Scenario.create_from_draft(alice, draft, "Late 2025")
    assert scenario.headline_totals["year_ended"] is False
    assert Decimal(scenario.headline_totals["answer"]["roth_added"]) == 7000
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2026, 1, 10))
    alice_client.get("/scenarios/")
    scenario.refresh_from_db()
    assert scenario.headline_totals["year_ended"] is True
    assert Decimal(scenario.headline_totals["answer"]["roth_added"]) == 0
