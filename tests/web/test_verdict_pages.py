"""The verdict on the results page, the shared page and the wizard's panel; "not sure" answers.

The case is the origin question (shared/docs/origin-question.txt): 2018, $18,500 pre-tax,
$12,500 match, after-tax contributions with in-service distributions, $94,500 in a pre-tax
IRA. Its backdoor is taxed under the pro-rata rule, Form 8606 lines 6-11 (IRC 408(d)(2)).
"""

from __future__ import annotations

import copy
import html
import importlib
import re
from datetime import date

import pytest
from django.apps import apps as django_apps
from django.test import Client
from django.utils import timezone

from planner.drafts import Draft
from planner.engine import compute_plan, parse_household
from planner.models import Scenario, ShareLink
from tests.engine.test_verdict import origin
from tests.print_cases import ORIGIN
from tests.web.test_wizard import PLAN_FEATURES, complete

pytestmark = pytest.mark.django_db

ORIGIN_IRAS = {"p0-year_end_balance": "94500"}
HX = {"HX-Request": "true"}


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)).strip()


def _page(client: Client, url: str = "/plan/results/") -> str:
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def _verdict(page: str) -> str:
    start = page.index('class="mb-4 verdict"')
    return _text(page[start : page.index("</section>", start)])


def _comparison_cells(page: str) -> set[str]:
    start = page.index("comparison-table")
    table = page[start : page.index("</table>", start)]
    return {_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", table, re.S)}


def _row(page: str, heading: str) -> list[str]:
    offset = page.index("comparison-table")
    match = re.search(rf"<th scope=\"row\">{re.escape(heading)}.*?</tr>", page[offset:], re.S)
    assert match
    return [_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", match.group(0), re.S)]


def test_the_results_open_with_the_verdict_for_both_routes(client: Client) -> None:
    complete(client, plan_features={"p0-accepts_ira_rollins": "yes"}, iras=ORIGIN_IRAS)
    page = _page(client)
    assert page.index('id="verdict-heading"') < page.index(
        'class="table table-sm table-numbers comparison-table'
    )
    verdict = _verdict(page)
    backdoor_tax, mega_tax, _ = _row(page, "Tax due now")
    assert (
        "Do the mega backdoor: contribute $24,000 after-tax to the 401(k) and roll it out to a Roth IRA"
        in verdict
    )
    assert "The IRA balance does not affect it." in verdict
    assert (
        f"The backdoor would be 94.5% taxable ({backdoor_tax} tax) because of your $94,500 "
        "pre-tax IRA balance on December 31: roll it into your 401(k) by December 31 and it is $0."
    ) in verdict
    # The answer rolls the IRA in first, so "Why" says what the roll-in avoids, and the
    # basis the entered backdoor would carry forward (Form 8606 line 14) is not the answer's.
    assert "Why 94.5% of your conversion would be taxable as entered" in verdict
    assert "basis carried forward is not lost money" not in verdict
    # The mega backdoor's figures are the table's, to the cent.
    assert f"$24,000 to Roth for {mega_tax} of tax now" in verdict


def test_every_dollar_figure_of_the_verdict_is_on_the_page(client: Client) -> None:
    complete(client, plan_features={"p0-accepts_ira_rollins": "unsure"}, iras=ORIGIN_IRAS)
    page = _page(client)
    verdict = _verdict(page)
    rest = _text(page[page.index("</section>", page.index('class="mb-4 verdict"')) :])
    for figure in set(re.findall(r"\$[\d,]+(?:\.\d\d)?", verdict)) - {"$0"}:
        assert re.search(re.escape(figure) + r"(?![\d,])", rest), figure


def test_not_sure_about_roll_ins_shows_both_branches(client: Client) -> None:
    complete(client, plan_features={"p0-accepts_ira_rollins": "unsure"}, iras=ORIGIN_IRAS)
    page = _page(client)
    backdoor_tax = _row(page, "Tax due now")[0]
    assert backdoor_tax not in ("$0", "–")
    verdict = _verdict(page)
    assert (
        f"If your plan takes IRA roll-ins: $0 of tax on the backdoor; if not: skip the backdoor this year (as entered, {backdoor_tax} of tax)."
        in verdict
    )
    assert "Your “not sure” answers could change this" in verdict
    # The checklist asks the plan, with the words to look for.
    checklist = _text(page[page.index('id="checklist-heading"') :])
    assert (
        "Ask your plan administrator whether the plan allows roll-ins of pre-tax IRA money"
        in checklist
    )
    assert "“rollovers into the plan” or “roll-in”" in checklist


def test_not_sure_never_reads_as_no_on_the_page(client: Client) -> None:
    complete(client, plan_features={"p0-accepts_ira_rollins": "unsure"}, iras=ORIGIN_IRAS)
    page = _page(client)
    assert "does not accept roll-ins" not in page
    assert "cannot be rolled into a workplace plan" not in page


def test_the_warnings_follow_the_verdict_by_dollar_effect(client: Client) -> None:
    complete(client, plan_features={"p0-accepts_ira_rollins": "yes"}, iras=ORIGIN_IRAS)
    page = _page(client)
    start = page.index('id="warnings-heading"')
    assert page.index('id="verdict-heading"') < start
    codes = re.findall(r'data-code="(\w+)"', page[start:])
    result = compute_plan(Draft.load(client.session).household())  # type: ignore[union-attr]
    by_effect = [w.code for w in result.warnings_by_effect()]
    assert codes == by_effect
    effects = [w.dollar_effect or 0 for w in result.warnings_by_effect()]
    assert effects == sorted(effects, reverse=True)
    assert codes.index("pro_rata") < codes.index("step_transaction")


def test_the_shared_page_opens_with_the_verdict(client: Client, alice) -> None:
    draft = Draft.new(2018)
    draft.inputs = copy.deepcopy(ORIGIN)
    draft.inputs["people"][0]["plan"]["accepts_ira_rollins"] = None
    scenario = Scenario.create_from_draft(alice, draft, "Origin")
    link = ShareLink.create_for(scenario, label="for my CPA")
    page = _page(client, f"/s/{link.token}/")
    assert page.index('id="verdict-heading"') < page.index("comparison-table")
    verdict = _verdict(page)
    backdoor_tax = _row(page, "Tax due now")[0]
    assert "Do the mega backdoor" in verdict
    assert (
        # The shared page speaks of the client, not "you" (issue 13).
        f"If the client's plan takes IRA roll-ins: $0 of tax on the backdoor; if not: "
        f"skip the backdoor this year (as entered, {backdoor_tax} of tax)." in verdict
    )


def test_the_panel_says_the_verdict_in_its_live_line_only(client: Client) -> None:
    complete(client, iras=ORIGIN_IRAS)
    page = _page(client, "/plan/assumptions/")
    status = re.search(
        r'<p[^>]*id="panel-status"[^>]*aria-live="polite"[^>]*>(.*?)</p>', page, re.S
    )
    assert status
    result = compute_plan(Draft.load(client.session).household())  # type: ignore[union-attr]
    assert result.verdict is not None
    assert _text(status.group(1)) == result.verdict.headline
    # Its first sentence stands alone: the rest is hidden on a phone's sticky line.
    first, rest = status.group(1).split('<span class="status-rest">')
    assert first == result.verdict.status
    assert first.endswith("of tax now.") and rest.startswith(" ")
    assert status.group(1).startswith("Do the mega backdoor: $24,000 to Roth")
    # The table is not a live region: only the one line is announced.
    assert not re.search(r'id="comparison"[^>]*aria-live', page)
    assert page.count("aria-live") == 1
    # The preview swaps the line's text in place (out of band), not the live region itself.
    fragment = html.unescape(
        client.post(
            "/plan/iras/preview/", {"p0-year_end_balance": "0"}, headers=HX
        ).content.decode()
    )
    line = re.search(
        r'<span id="panel-status" hx-swap-oob="innerHTML">(.*?)</span>', fragment, re.S
    )
    assert line and line.group(1).startswith("Do both: $29,500 to Roth")


def test_the_panel_line_says_what_a_not_sure_answer_changes(client: Client) -> None:
    complete(client, iras=ORIGIN_IRAS)
    data = {**PLAN_FEATURES, "p0-accepts_ira_rollins": "unsure"}
    fragment = html.unescape(
        client.post("/plan/plan-features/preview/", data, headers=HX).content.decode()
    )
    line = re.search(
        r'<span id="panel-status" hx-swap-oob="innerHTML">(.*?)</span>', fragment, re.S
    )
    assert line and line.group(1).endswith(
        "Your “not sure” answers could change this: see “What would change the answer”."
    )


def test_the_plan_features_step_offers_yes_no_and_not_sure(client: Client) -> None:
    complete(client)
    page = _page(client, "/plan/plan-features/")
    for name in (
        "allows_after_tax",
        "allows_in_service_distribution",
        "allows_in_plan_roth_conversion",
        "accepts_ira_rollins",
    ):
        values = re.findall(rf'<input type="radio"[^>]*name="p0-{name}" value="(\w+)"', page)
        assert values == ["yes", "no", "unsure"], name
    assert "Not sure" in page


def test_the_api_carries_the_verdict_and_the_unknowns(client: Client) -> None:
    body = origin(plan={"accepts_ira_rollins": None})
    result = client.post("/api/plan", body, content_type="application/json").json()
    assert result["verdict"]["changes"] == [
        "If your plan takes IRA roll-ins: $0 of tax on the backdoor; if not: skip the backdoor this year (as entered, $1,819.13 of tax)."
    ]
    assert result["unknowns"][0]["path"] == "people.0.plan.accepts_ira_rollins"
    assert result["unknowns"][0]["if_no"]["backdoor_roth"]["tax_due"] == 1819.13
    schema = client.get("/api/schema/").json()
    rollins = schema["input"]["$defs"]["Plan"]["properties"]["accepts_ira_rollins"]
    assert "null: not sure" in rollins["description"]
    assert {"type": "null"} in rollins["anyOf"]
    assert "verdict" in schema["output"]["properties"]


# ---------------------------------------------------------------- stored scenarios


OLD_FORM = {
    "schema": 1,
    "inputs": {
        "tax_year": 2018,
        "filing_status": "single",
        "people": [
            {
                "age": 40,
                "compensation": 200000,
                # Saved before the plan answers had a Not sure: absent meant No.
                "plan": {
                    "pretax_deferral": 18500,
                    "employer_contribution": 12500,
                    "allows_after_tax": True,
                    "allows_in_service_distribution": False,
                },
                "ira": {"year_end_balance": 94500},
            }
        ],
    },
    "wizard": {},
}


def test_the_migration_keeps_an_old_scenarios_figures_and_its_no_answers(alice) -> None:
    before = compute_plan(parse_household(OLD_FORM["inputs"]))
    scenario = Scenario.objects.create(owner=alice, name="Old", form=OLD_FORM, tax_year=2018)
    migration = importlib.import_module("planner.migrations.0003_plan_answers_not_sure")
    migration.upgrade_forms(django_apps, None)
    scenario = Scenario.objects.get(pk=scenario.pk)
    plan = scenario.form["inputs"]["people"][0]["plan"]
    assert scenario.form["schema"] == 2
    assert plan["allows_in_service_distribution"] is False  # a stored false stays No
    assert plan["allows_in_plan_roth_conversion"] is False
    assert plan["accepts_ira_rollins"] is False
    result = scenario.result()
    assert result is not None
    assert result.totals == before.totals
    assert result.unknowns == ()
    # Running it again changes nothing.
    migration.upgrade_forms(django_apps, None)
    assert Scenario.objects.get(pk=scenario.pk).form == scenario.form


def test_an_old_scenario_not_yet_migrated_opens_with_the_same_figures(alice) -> None:
    before = compute_plan(parse_household(OLD_FORM["inputs"]))
    scenario = Scenario.objects.create(owner=alice, name="Old", form=OLD_FORM, tax_year=2018)
    result = scenario.result()
    assert result is not None
    assert result.totals == before.totals
    assert result.unknowns == ()


def test_an_old_export_imports_upgraded(alice_client: Client, alice) -> None:
    export = {
        "format": "backdoor-roth-planner-scenarios",
        "version": 1,
        "scenarios": [{"name": "Old", "form": OLD_FORM}],
    }
    Scenario.import_for(alice, export["scenarios"])
    scenario = Scenario.objects.get(owner=alice, name="Old")
    assert scenario.form["schema"] == 2
    assert scenario.form["inputs"]["people"][0]["plan"]["accepts_ira_rollins"] is False


def test_a_past_years_plan_says_its_dates_have_passed(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 2018 plan's last date is April 15, 2019 (the return's due date, Form 8606)."""
    complete(client, iras=ORIGIN_IRAS)
    monkeypatch.setattr(timezone, "localdate", lambda: date(2026, 12, 2))
    page = _page(client)
    note = "These dates have passed: this plan is a record of 2018."
    assert note in _verdict(page)
    checklist = page[page.index('id="checklist-heading"') :]
    assert note in checklist[: checklist.index("</h2>") + 200]
    monkeypatch.setattr(timezone, "localdate", lambda: date(2019, 4, 15))
    assert note not in _page(client)
