"""The results page at /plan/results/: side by side, Form 8606, warnings, checklist."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from tests.web.test_wizard import SPOUSE, complete

pytestmark = pytest.mark.django_db

# shared/docs/origin-question.txt, with $94,500 already in a traditional IRA.
PRO_RATA_IRAS = {"p0-year_end_balance": "94500"}


def _page(client: Client) -> str:
    response = client.get("/plan/results/")
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)).strip()


def _row(page: str, heading: str, start: str = "comparison-table") -> list[str]:
    """Cells of the first row headed `heading` after `start`."""
    offset = page.index(start)
    match = re.search(rf"<th scope=\"row\">{re.escape(heading)}.*?</tr>", page[offset:], re.S)
    assert match, f"no row {heading!r}"
    return [_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", match.group(0), re.S)]


def _form_8606(page: str) -> dict[str, str]:
    start = page.index('class="table table-sm table-numbers form-8606"')
    table = page[start : page.index("</table>", start)]
    rows = re.findall(r'<th scope="row">(\w+)</th><td[^>]*>.*?</td><td>(.*?)</td>', table)
    return {number: _text(value) for number, value in rows}


def _warning(page: str, code: str) -> str:
    match = re.search(rf'data-code="{code}">(.*?)</li>', page, re.S)
    assert match, f"no warning {code}"
    return _text(match.group(1))


def test_it_shows_the_origin_example_side_by_side(client: Client) -> None:
    # 2018: 415(c) $55,000 − $18,500 − $12,500 = $24,000 after-tax room; IRA limit $5,500.
    complete(client)
    page = _page(client)
    assert "Your plan for 2018" in page
    assert "<html" in page
    assert _row(page, "Roth dollars added") == ["$5,500", "$24,000", "$29,500"]
    assert _row(page, "Tax due now") == ["$0", "$0", "$0"]
    assert _row(page, "After-tax room", start="Mega backdoor Roth for you") == ["$24,000"]
    assert _row(page, "After-tax contribution", start="Mega backdoor Roth for you") == ["$24,000"]
    assert _row(page, "Nondeductible contribution", start="Backdoor Roth IRA for you") == ["$5,500"]


def test_it_shows_the_after_tax_room_used_in_the_side_by_side(client: Client) -> None:
    complete(client)
    page = _page(client)
    assert _row(page, "After-tax 401(k) room used") == ["–", "$24,000 of $24,000", "$24,000"]


def test_a_plan_without_after_tax_money_shows_no_room_not_0_of_0(client: Client) -> None:
    # The room counts only plans that take after-tax money (IRC 415(c) room they can use).
    # "Not sure" is computed as no: the cell says it is the plan as entered, not that the
    # 415(c) room is gone (a walk found "no room" beside $32,500 of room).
    complete(client, plan_features={"p0-allows_after_tax": "no"})
    page = _page(client)
    assert _row(page, "After-tax 401(k) room used") == [
        "–",
        "$0 (no plan as entered takes after-tax money)",
        "$0",
    ]


def test_a_plan_taking_after_tax_money_without_415c_room_shows_no_room(client: Client) -> None:
    # 2018: $18,500 deferred and $36,500 from the employer fill the $55,000 annual additions
    # limit (IRC 415(c)(1)(A)): the plan takes after-tax money, but there is no room for it.
    complete(client, contributions={"p0-employer_contribution": "36500"})
    page = _page(client)
    assert _row(page, "After-tax 401(k) room used") == [
        "–",
        "$0 (no room for after-tax money)",
        "$0",
    ]


def test_it_shows_the_basis_carried_forward_in_the_side_by_side(client: Client) -> None:
    # Form 8606 line 14: $5,500 − $302.50 = $5,197.50 of basis carried to 2019.
    complete(client, iras=PRO_RATA_IRAS)
    page = _page(client)
    assert _row(page, "Basis carried forward") == ["$5,197.50", "–", "$5,197.50"]


def test_it_shows_the_form_8606_lines_of_the_pro_rata_case(client: Client) -> None:
    # Form 8606 (2018) lines 6–18 instructions; tax-rules golden case c/d:
    # line 9 = $94,500 + $5,500, line 10 = $5,500 / $100,000, line 18 = $5,500 × (1 − 0.055).
    complete(client, iras=PRO_RATA_IRAS)
    page = _page(client)
    # No plan takes the IRA money: the answer skips the backdoor and files no such form, so
    # the form entered is folded under "as entered".
    assert page.index("Form 8606 as entered") < page.index(
        'class="table table-sm table-numbers form-8606"'
    )
    lines = _form_8606(page)
    assert lines["1"] == "$5,500"
    assert lines["3"] == "$5,500"
    assert lines["6"] == "$94,500"
    assert lines["8"] == "$5,500"
    assert lines["9"] == "$100,000"
    assert lines["10"] == "0.055"
    assert lines["11"] == "$302.50"
    assert lines["14"] == "$5,197.50"
    assert lines["16"] == "$5,500"
    assert lines["17"] == "$302.50"
    assert lines["18"] == "$5,197.50"


def test_it_shows_a_clean_form_8606_without_pre_tax_iras(client: Client) -> None:
    complete(client)
    lines = _form_8606(_page(client))
    assert lines["6"] == "$0"
    assert lines["10"] == "1"
    assert lines["18"] == "$0"


def test_it_warns_about_the_pro_rata_rule_with_the_roll_in_remedy(client: Client) -> None:
    complete(
        client,
        plan_features={"p0-accepts_ira_rollins": "on"},
        iras=PRO_RATA_IRAS,
    )
    page = _page(client)
    warning = _warning(page, "pro_rata")
    assert "$94,500" in warning
    assert "$5,197.50" in warning
    assert "What to do:" in warning
    assert "into the 401(k)" in warning
    assert "before December 31" in warning
    assert "$1,663.20" in warning
    assert "Both" in page
    assert _row(page, "Tax due now") == ["$1,663.20", "$0", "$1,663.20"]


def test_the_form_8606_shown_first_is_the_answers_when_it_rolls_the_ira_in_first(
    client: Client,
) -> None:
    # The plan takes roll-ins and nothing was said about rolling the $94,500 in: the answer
    # rolls it in first, so its Form 8606 has line 6 at $0 and line 10 at 1 (Form 8606
    # instructions, line 6; IRC 408(d)(3)(A)(ii)). The form as entered is folded under it,
    # and the side by side says its columns are as entered.
    complete(client, plan_features={"p0-accepts_ira_rollins": "on"}, iras=PRO_RATA_IRAS)
    page = _page(client)
    answer = _form_8606(page)
    assert (answer["6"], answer["10"], answer["18"]) == ("$0", "1", "$0")
    block = page[page.index('class="form-8606-block"') :]
    assert (
        "As the answer does it (“Roll in first, then backdoor”): $0 taxable, $0 of tax."
        in _text(block)
    )
    assert "Backdoor Roth IRA, as entered" in page
    assert (
        "The answer, “Roll in first, then backdoor”, changes it: $0 taxable, $0 of tax (its Form"
        " 8606 is below)." in _text(page)
    )
    entered = _form_8606(block[block.index("Form 8606 as entered") :])
    assert (entered["6"], entered["18"]) == ("$94,500", "$5,197.50")
    side = page[page.index('id="side-by-side"') : page.index("comparison-table")]
    assert "The columns are each strategy as entered." in _text(side)
    assert "$29,500 to Roth for $0 of tax now" in _text(side)
    assert _row(page, "Tax due now") == ["$1,663.20", "$0", "$1,663.20"]
    # The wizard's side-by-side panel shows the same table, and says the same.
    step = html.unescape(client.get("/plan/assumptions/").content.decode())
    assert "The columns are each strategy as entered." in step
    assert "$29,500 to Roth for $0 of tax now" in _text(step)


def test_it_says_when_the_plan_takes_no_roll_ins(client: Client) -> None:
    complete(client, iras=PRO_RATA_IRAS)
    page = _page(client)
    assert "pro-rata rule" in _warning(page, "pro_rata")
    assert "does not accept roll-ins" in _warning(page, "rollin_not_accepted")


def test_it_shows_no_tax_after_rolling_the_ira_into_the_plan(client: Client) -> None:
    complete(
        client,
        plan_features={"p0-accepts_ira_rollins": "on"},
        iras={**PRO_RATA_IRAS, "p0-roll_into_plan": "on"},
    )
    page = _page(client)
    assert _row(page, "Tax due now") == ["$0", "$0", "$0"]
    assert _row(page, "Pre-tax IRA money rolled into the 401(k)", start="Backdoor") == ["$94,500"]
    assert 'data-code="pro_rata"' not in page


def test_it_lists_dated_actions(client: Client) -> None:
    complete(client)
    page = _page(client)
    checklist = _text(page[page.index('id="checklist-heading"') :])
    assert "By December 31, 2018" in checklist
    assert "$24,000" in checklist


def test_it_draws_accessible_charts(client: Client) -> None:
    complete(client)
    page = _page(client)
    assert page.count('role="img"') >= 2
    assert '<title id="projection-title">' in page
    assert '<title id="tax-title">' in page


def test_it_shows_both_people_on_a_married_return(client: Client) -> None:
    spouse_steps = {
        "contributions": {
            "p1-pretax_deferral": "10000",
            "p1-roth_deferral": "0",
            "p1-employer_mode": "dollars",
            "p1-employer_contribution": "5000",
            "p1-forfeitures": "0",
        },
        "plan_features": {"p1-conversion_frequency": "annually", "p1-after_tax_route": ""},
        "iras": {"p1-year_end_balance": "0", "p1-basis": "0", "p1-earnings_before_conversion": "0"},
    }
    complete(
        client,
        household=SPOUSE,
        contributions=spouse_steps["contributions"],
        plan_features=spouse_steps["plan_features"],
        iras=spouse_steps["iras"],
    )
    page = _page(client)
    assert '<h2 id="person-1" class="h4">You</h2>' in page
    assert '<h2 id="person-2" class="h4">Sam</h2>' in page
    assert "Form 8606 for you, 2018" in page
    assert "Form 8606 for Sam, 2018" in page
    # Two backdoors of $5,500 (2018); only "You" has an after-tax plan.
    assert _row(page, "Roth dollars added") == ["$11,000", "$24,000", "$35,000"]


def test_it_sends_visitors_without_a_draft_to_the_household(client: Client) -> None:
    response = client.get("/plan/results/")
    assert response.status_code == 302
    assert response["Location"] == "/plan/household/"


def test_it_sends_a_draft_without_pay_to_the_household(client: Client) -> None:
    session = client.session
    session["planner_draft"] = {
        "schema": 1,
        "inputs": {"tax_year": 2018, "filing_status": "single", "people": [{"name": "You"}]},
        "wizard": {},
        "raw": {},
        "scenario": None,
    }
    session.save()
    assert client.get("/plan/results/")["Location"] == "/plan/household/"


def test_it_only_shows_results_on_get(client: Client) -> None:
    complete(client)
    assert client.post("/plan/results/").status_code == 405


def test_it_offers_a_restart_that_asks_before_clearing_the_draft(client: Client) -> None:
    complete(client)
    page = _page(client)
    assert 'href="/plan/restart/"' in page
    question = client.get("/plan/restart/")
    assert question.status_code == 200
    assert b"Start a new plan?" in question.content
    assert client.get("/plan/results/").status_code == 200, "asking clears nothing"
    response = client.post("/plan/restart/", {"confirm": "yes"})
    assert response["Location"] == "/plan/household/"
    assert client.get("/plan/results/")["Location"] == "/plan/household/"
