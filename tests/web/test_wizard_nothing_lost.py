"""Issue 10 on the server: the step nav saves typing, errors in words, labelled badges."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from planner.models import Scenario
from tests.web.conftest import make_draft
from tests.web.test_wizard import (
    CONTRIBUTIONS,
    IRAS,
    PLAN_FEATURES,
    _draft,
    _person,
    _post,
    _summary,
    complete,
    start,
)

pytestmark = pytest.mark.django_db


def test_every_step_link_is_a_button_of_the_step_s_form(client: Client) -> None:
    start(client)
    page = client.get("/plan/401k/").content.decode()
    nav_start = page.index('aria-label="Planner steps"')
    nav = page[nav_start : page.index("</nav>", nav_start)]
    for slug in ("household", "401k", "plan-features", "iras", "assumptions", "results"):
        assert f'form="wizard-form" name="goto" value="{slug}"' in nav
    assert "href=" not in nav
    # The hidden Next comes first, so Enter in a field still means Next.
    first_submit = re.search(r"<button[^>]*type=\"submit\"[^>]*>", page).group(0)
    assert 'value="next"' in first_submit and "hidden" in first_submit


def test_a_step_link_saves_the_typing_before_it_moves(client: Client) -> None:
    complete(client)
    data = {**CONTRIBUTIONS, "p0-pretax_deferral": "10000", "goto": "results"}
    response = client.post("/plan/401k/", data)
    assert response["Location"] == "/plan/results/"
    assert _person(client)["plan"]["pretax_deferral"] == 10000
    response = client.post("/plan/iras/", {**IRAS, "goto": "household"})
    assert response["Location"] == "/plan/household/"


def test_a_step_link_forward_stays_on_invalid_typing_with_its_errors(client: Client) -> None:
    complete(client)
    data = {**CONTRIBUTIONS, "p0-pretax_deferral": "abc", "goto": "results"}
    response = client.post("/plan/401k/", data)
    assert response.status_code == 200
    assert "Enter a dollar amount" in _summary(response.content.decode())


def test_a_step_link_back_keeps_invalid_typing_for_later(client: Client) -> None:
    complete(client)
    data = {**CONTRIBUTIONS, "p0-pretax_deferral": "abc", "goto": "household"}
    assert client.post("/plan/401k/", data)["Location"] == "/plan/household/"
    assert _draft(client)["raw"]["401k"]["p0-pretax_deferral"] == "abc"
    page = client.get("/plan/401k/").content.decode()
    assert 'value="abc"' in page and "Enter a dollar amount" in page
    results = client.get("/plan/results/").content.decode()
    assert "not in these results yet" in results and 'href="/plan/401k/"' in results


def test_an_error_fixed_on_another_step_names_it_in_words_and_links_there(
    client: Client,
) -> None:
    complete(client)
    data = {**IRAS, "p0-year_end_balance": "94500", "p0-roll_into_plan": "on"}
    response = _post(client, "/plan/iras/", data)
    page = html.unescape(response.content.decode())
    assert "accepts_ira_rollins" not in page
    summary = _summary(response.content.decode())
    assert "“My plan accepts roll-ins of pre-tax IRA money” on step 3, Plan features" in summary
    assert 'name="goto" value="plan-features"' in summary


def test_no_internal_field_name_reaches_a_page(client: Client) -> None:
    # The shape of the engine's field names in a message: "(accepts_ira_rollins)".
    complete(client)
    data = {**IRAS, "p0-year_end_balance": "94500", "p0-roll_into_plan": "on"}
    pages = [
        _post(client, "/plan/iras/", data).content.decode(),
        client.post("/plan/iras/preview/", data).content.decode(),
    ]
    for page in pages:
        assert not re.search(r"\([a-z]+_[a-z_]+\)", html.unescape(page))


# The cent-agreement case: 7.25% state tax, monthly conversions (taxable earnings on the
# after-tax money), $50,000 in a traditional IRA, no roll-in.
PRO_RATA = {
    "household": {"state_tax_rate": "7.25"},
    "plan_features": {**PLAN_FEATURES, "p0-conversion_frequency": "monthly"},
    "iras": {"p0-year_end_balance": "50000"},
}


def _badges(page: str) -> list[str]:
    return [
        " ".join(b.split())
        for b in re.findall(r'<span class="badge[^"]*dollar-effect">([^<]*)</span>', page)
    ]


def test_every_dollar_badge_says_what_the_figure_is(client: Client) -> None:
    complete(client, **PRO_RATA)
    page = html.unescape(client.get("/plan/results/").content.decode())
    badges = _badges(page)
    assert "at risk of a refund $24,000" in badges
    assert any(b.startswith("penalty if withdrawn early $") for b in badges)
    assert any(b.startswith("costs in tax $") for b in badges)
    assert all(re.match(r"[a-z][a-z :-]+ −?\$[\d,]+(\.\d\d)?$", b) for b in badges), badges


def test_the_pro_rata_badge_equals_the_backdoor_tax_in_the_table(client: Client) -> None:
    complete(client, **PRO_RATA)
    page = html.unescape(client.get("/plan/results/").content.decode())
    cost = next(b for b in _badges(page) if b.startswith("costs in tax"))
    table = page[page.index('<h3 class="h5">Backdoor Roth IRA') :]
    tax_row = re.search(r"Tax due now</th><td>([^<]+)</td>", table).group(1)
    assert cost == f"costs in tax {tax_row}"
    assert "$1,944.82" in cost


def test_the_roll_in_badge_is_labelled_a_saving(client: Client) -> None:
    complete(
        client,
        plan_features={**PRO_RATA["plan_features"], "p0-accepts_ira_rollins": "on"},
        iras=PRO_RATA["iras"],
    )
    page = html.unescape(client.get("/plan/results/").content.decode())
    assert any(b.startswith("a roll-in saves $") for b in _badges(page))


def test_projections_are_in_whole_dollars(client: Client) -> None:
    complete(client, **PRO_RATA)
    page = html.unescape(client.get("/plan/results/").content.decode())
    projection = page[page.index('id="projection-heading"') : page.index('id="tax-title"')]
    assert not re.search(r"\$[\d,]+\.\d\d", projection)
    retirement = re.search(r"Value at retirement.*?</tr>", page, re.S).group(0)
    assert re.findall(r"\$[\d,]+", retirement) and not re.search(r"\$[\d,]+\.\d", retirement)
    # This year's tax keeps its cents.
    assert re.search(r"Tax due now</th><td>\$[\d,]+\.\d\d</td>", page)


def test_the_panel_says_one_line_instead_of_truncated_warnings(client: Client) -> None:
    complete(client, **PRO_RATA)
    page = html.unescape(client.get("/plan/assumptions/").content.decode())
    assert "including:" not in page
    status = re.search(r'id="panel-status"[^>]*>([^<]*)<', page).group(1)
    # The engine's verdict headline: the route, its Roth dollars and its tax now.
    assert re.match(r"Do the [a-z ]+: \$[\d,.]+ to Roth for \$[\d,.]+ of tax now\.", status)


def test_compare_shows_the_answers_that_differ_and_the_differences(
    alice_client: Client, alice, scenario: Scenario
) -> None:
    draft = make_draft()
    draft.inputs["people"][0]["plan"]["allows_after_tax"] = False
    other = Scenario.create_from_draft(alice, draft, "No after-tax")
    page = html.unescape(
        alice_client.get(f"/scenarios/compare/?s={scenario.code}&s={other.code}").content.decode()
    )
    answers = page[page.index('class="table table-sm input-differences"') :]
    answers = answers[: answers.index("</table>")]
    rows = re.findall(r"<tr><th[^>]*>([^<]*)</th><td>([^<]*)</td><td>([^<]*)</td></tr>", answers)
    assert rows == [("You: 401(k) plan: Plan allows after-tax contributions", "Yes", "No")]
    assert "Difference" in page and "No after-tax − Roll the IRA in" in page
    # Mega backdoor Roth dollars: $35,000 in the first, none in the second.
    mega = re.search(r"Mega backdoor Roth</th>.*?</tr>", page, re.S).group(0)
    assert "−$35,000" in mega
