"""The verdict (planner.engine.verdict) and "not sure" plan answers computed both ways.

The origin case is the question the product answers (2018, $18,500 pre-tax, $12,500 match,
after-tax allowed with in-service distributions, $94,500 in a pre-tax IRA). Its backdoor is
taxed under the pro-rata rule, Form 8606 lines 6-11 (IRC 408(d)(2)): line 9 is $5,500 of
basis plus $94,500, line 10 is 5,500 / 100,000 = 0.055, so 94.5% of the $5,500 conversion,
$5,197.50, is taxable; at the 35% rate given, $1,819.13. Line 14 carries the $5,197.50 of
unused basis to next year's line 2 (Instructions for Form 8606, line 14).
"""

from __future__ import annotations

import copy
import re
from decimal import Decimal
from typing import Any

import pytest

from planner.engine import compute_plan, parse_household, plan, plan_from_dict
from planner.engine.checklist import action_checklist, ask_the_plan
from planner.engine.compute import Computation, YearWithoutMega, compute
from planner.engine.models import Household, PlanResult, Verdict
from planner.engine.money import format_money
from planner.engine.plan import MEGA_FEATURES


def origin(plan: dict[str, Any] | None = None, ira: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "tax_year": 2018,
        "filing_status": "single",
        "federal_marginal_rate": 0.35,
        "people": [
            {
                "age": 45,
                "compensation": 200000,
                "plan": {
                    "pretax_deferral": 18500,
                    "employer_contribution": 12500,
                    "allows_after_tax": True,
                    "allows_in_service_distribution": True,
                    "accepts_ira_rollins": True,
                    **(plan or {}),
                },
                "ira": {"year_end_balance": 94500, **(ira or {})},
            }
        ],
    }


def _result(data: dict[str, Any]) -> PlanResult:
    return compute_plan(parse_household(data))


def _verdict(data: dict[str, Any]) -> Verdict:
    verdict = _result(data).verdict
    assert verdict is not None
    return verdict


def test_it_tells_the_origin_case_to_do_the_mega_backdoor_and_explains_the_pro_rata_cost() -> None:
    verdict = _verdict(origin())
    assert verdict.headline.startswith("Do the mega backdoor: $24,000 to Roth for $0 of tax now.")
    assert verdict.sentences[0].startswith(
        "Do the mega backdoor: contribute $24,000 after-tax to the 401(k) and roll it out to a "
        "Roth IRA: $24,000 to Roth for $0 of tax now. The IRA balance does not affect it."
    )
    assert verdict.sentences[1] == (
        "The backdoor would be 94.5% taxable ($1,819.13 tax) because of your $94,500 pre-tax "
        "IRA balance on December 31: roll it into your 401(k) by December 31 and it is $0."
    )
    assert verdict.changes == (
        "Without the roll-in of your pre-tax IRA money into the 401(k) by December 31, the "
        "backdoor costs $1,819.13 of tax this year (the pro-rata rule, Form 8606 lines 6-11).",
    )
    # The answer rolls the IRA in first: "Why" says what the roll-in avoids, and no basis is
    # carried forward in the answer (its conversion is all basis, Form 8606 line 14 is 0).
    (pro_rata,) = verdict.explanations
    assert "Why 94.5% of your conversion would be taxable as entered" in pro_rata
    assert "You put in $5,500 of after-tax money (basis, line 5)" in pro_rata
    assert "$94,500 of pre-tax money on December 31 (line 6)" in pro_rata
    assert "$5,500 of every $100,000 (line 9) converted is tax-free" in pro_rata
    assert "$5,197.50 of the $5,500 conversion would be taxable as entered" in pro_rata


def test_it_says_what_to_do_when_the_plan_takes_no_roll_ins() -> None:
    verdict = _verdict(origin(plan={"accepts_ira_rollins": False}))
    assert verdict.sentences[1].endswith(
        "with no plan to roll it into, skip the backdoor this year unless the balance goes into "
        "a 401(k) that takes IRA roll-ins first (another employer's plan, say)."
    )
    assert not any("Rolling" in change for change in verdict.changes)
    # What would change the answer: a plan that takes roll-ins (IRC 408(d)(3)(A)(ii)) takes
    # the $94,500 out of Form 8606 line 6, so the backdoor's pro-rata tax is what it saves.
    tax = format_money(
        _result(origin(plan={"accepts_ira_rollins": False})).people[0].backdoor_roth.tax_due
    )
    assert list(verdict.changes) == [
        "A workplace plan that takes IRA roll-ins (your plan does not) would let your pre-tax "
        f"IRA money leave the pro-rata count by December 31, saving up to {tax} of tax on the "
        "backdoor this year."
    ]


def case_c(plan: dict[str, Any] | None = None) -> dict[str, Any]:
    """Golden case c (tax-rules §6): the origin case at the 32% rate it assumes."""
    data = origin(plan={"accepts_ira_rollins": False, **(plan or {})})
    data["federal_marginal_rate"] = 0.32
    return data


def test_a_heavily_pro_rata_backdoor_is_said_plainly_skip_it_golden_case_c() -> None:
    """Form 8606 lines 6-11 (IRC 408(d)(2)): 94.5% of the $5,500 conversion, $5,197.50, is
    taxable at 32%: $1,663.20 (golden case c); line 14 carries the basis forward."""
    verdict = _verdict(case_c())
    assert verdict.headline == (
        "Do the mega backdoor: $24,000 to Roth for $0 of tax now. Skip the backdoor this year "
        "unless you roll the $94,500 into a 401(k) first: as things stand it is in effect a "
        "taxable conversion of $5,197.50 of pre-tax IRA money ($1,663.20 tax now)."
    )


def test_a_plan_that_takes_roll_ins_gets_the_roll_in_first_with_the_401k_and_the_date() -> None:
    """Issue 16 changes this headline: with a plan that takes roll-ins (IRC 408(d)(3)(A)(ii))
    the decision is to roll the $94,500 in by December 31 (Form 8606 line 6 is then $0) and
    do the backdoor tax-free, not "skip the backdoor unless you roll it in"."""
    verdict = _verdict(case_c(plan={"accepts_ira_rollins": True}))
    assert (
        "Roll the $94,500 of pre-tax IRA money into your 401(k) by December 31 and do the "
        "backdoor: $5,500 to Roth for $0 of tax now." in verdict.headline
    )
    assert "Skip" not in verdict.headline


@pytest.mark.parametrize("roll_in_entered", [False, True])
def test_basis_left_after_a_roll_in_is_offered_as_a_tax_free_conversion(
    roll_in_entered: bool,
) -> None:
    # A tax-figure audit: $93,000 pre-tax + $7,000 basis, $7,500 contributed (2026). Rolled in,
    # line 6 = $7,000, line 9 = 14,500, line 10 = 1 (Form 8606): the $7,000 left is all basis,
    # so converting it too adds it to Roth tax-free instead of carrying it on line 14.
    data = {
        "tax_year": 2026,
        "filing_status": "single",
        "people": [
            {
                "age": 40,
                "compensation": 200_000,
                "plan": {"pretax_deferral": 24_500, "accepts_ira_rollins": True},
                "ira": {
                    "year_end_balance": 100_000,
                    "basis": 7_000,
                    "nondeductible_contribution": 7_500,
                    "roll_into_plan": roll_in_entered,
                },
            }
        ],
    }
    verdict = _verdict(data)
    assert (
        "Converting the $7,000 left in your traditional IRAs on December 31 too would add it to "
        "Roth tax-free" in " ".join(verdict.changes)
    )
    # Without a roll-in the pro-rata rule leaves pre-tax money in line 6: no such offer.
    data["people"][0]["plan"]["accepts_ira_rollins"] = False
    data["people"][0]["ira"]["roll_into_plan"] = False
    assert "tax-free" not in " ".join(_verdict(data).changes)


def test_the_backdoor_is_not_the_recommendation_when_the_mega_backdoor_is_not_sure() -> None:
    verdict = _verdict(
        case_c(plan={"allows_after_tax": None, "allows_in_service_distribution": None})
    )
    assert verdict.headline.startswith(
        "Skip the backdoor this year unless you roll the $94,500 into a 401(k) first"
    )
    assert not verdict.headline.startswith("Do the backdoor")
    assert "“not sure”" in verdict.headline


def test_all_of_the_tax_is_the_pro_rata_rules_when_golden_case_d_would_be_0() -> None:
    """Golden case d: with the balance rolled in the conversion is tax-free, so the tax of a
    lightly taxed backdoor is all the pro-rata rule's (Form 8606 line 6)."""
    # Issue 16: $1,000 of pre-tax money alone is now converted whole (see the convert-all
    # test); with $10,000 of basis beside $18,000 on December 31 the backdoor stays lightly
    # taxed: line 10 = 15,500 / 23,500 = 0.65957, and with no earnings line 6 is all the cause.
    verdict = _verdict(
        origin(plan={"accepts_ira_rollins": False}, ira={"year_end_balance": 18000, "basis": 10000})
    )
    assert verdict.headline.endswith("of tax, all of it because of the pre-tax IRA balance.")


@pytest.mark.parametrize(
    ("balance", "earnings", "part"),
    [
        # Line 9 = 5,000 + 6,500; line 10 = 0.47826: $3,391.31 taxable, $1,000 of it without
        # the balance. (Issue 16: the earlier $5,000 + $500 case is $5,500 of pre-tax money,
        # small enough that the whole IRA is now converted instead.)
        (5000, 1000, "most"),
        # Line 9 = 1,000 + 11,500; line 10 = 0.44: $6,440 taxable, $6,000 without the balance.
        (1000, 6000, "part"),
    ],
)
def test_most_only_when_the_balance_causes_more_than_half_the_tax(
    balance: int, earnings: int, part: str
) -> None:
    """Form 8606 lines 6-11: the earnings are taxable with or without the pre-tax balance."""
    verdict = _verdict(
        origin(
            plan={"accepts_ira_rollins": False},
            ira={"year_end_balance": balance, "earnings_before_conversion": earnings},
        )
    )
    assert verdict.headline.endswith(f"of tax, {part} of it because of the pre-tax IRA balance.")


def test_percentages_in_sentences_have_one_decimal_at_most() -> None:
    # Line 10 = 5,500 / (37,000 + 5,500) = 0.12941 (5 places): 87.059% taxable -> 87.1%.
    verdict = _verdict(origin(ira={"year_end_balance": 37000}))
    text = " ".join([verdict.headline, *verdict.sentences, *verdict.explanations])
    assert re.findall(r"\d+\.\d{2,}%", text) == []
    assert "87.1% taxable" in text


def test_mega_only_says_the_mega_backdoor_and_why_there_is_no_backdoor() -> None:
    verdict = _verdict(origin(ira={"nondeductible_contribution": 0}))
    assert verdict.headline == "Do the mega backdoor: $24,000 to Roth for $0 of tax now."
    assert verdict.sentences[1] == "No backdoor Roth: no nondeductible IRA contribution is planned."


def test_backdoor_only_names_the_missing_plan_feature_and_what_it_would_add() -> None:
    verdict = _verdict(origin(plan={"allows_after_tax": False}, ira={"year_end_balance": 0}))
    assert verdict.headline == "Do the backdoor Roth: $5,500 to Roth for $0 of tax now."
    assert verdict.sentences == (
        "Do the backdoor Roth: contribute $5,500 to a traditional IRA and convert $5,500: "
        "$5,500 to Roth for $0 of tax now.",
        "No mega backdoor: your plan does not take after-tax contributions.",
    )
    # 415(c): $55,000 less $18,500 and $12,500 leaves $24,000 of after-tax room.
    assert verdict.changes == (
        "A plan that takes after-tax contributions and allows in-service distributions or "
        "in-plan Roth conversions would let the mega backdoor add up to $24,000 to Roth for you "
        "(the after-tax room)."
        " As you are likely a highly compensated employee (IRC 414(q): prior-year pay above "
        "$120,000), a failed ACP test (IRC 401(m)) could refund part of it after the year ends.",
    )


def test_both_routes_clean_say_do_both_with_the_total() -> None:
    verdict = _verdict(origin(ira={"year_end_balance": 0}))
    assert verdict.headline == "Do both: $29,500 to Roth for $0 of tax now."
    assert [s.split(":")[0] for s in verdict.sentences] == [
        "Do the mega backdoor",
        "Do the backdoor Roth",
    ]
    assert verdict.explanations == ()


def test_neither_route_says_so_with_the_reasons() -> None:
    verdict = _verdict(
        origin(
            plan={"allows_in_service_distribution": False}, ira={"nondeductible_contribution": 0}
        )
    )
    assert verdict.headline == "Neither route adds Roth money this year."
    assert verdict.sentences == (
        "No mega backdoor: your plan allows neither in-service distributions nor in-plan Roth "
        "conversions, so after-tax money cannot reach a Roth account.",
        "No backdoor Roth: no nondeductible IRA contribution is planned.",
    )


def _origin_couple() -> dict[str, Any]:
    """The origin person, married to Sam, who has no workplace plan; no IRA money."""
    data = origin(ira={"year_end_balance": 0})
    data["filing_status"] = "married_filing_jointly"
    data["people"].append(
        {"name": "Sam", "age": 40, "compensation": 100000, "ira": {"year_end_balance": 0}}
    )
    return data


def test_a_couple_gets_sentences_per_person_and_for_the_household() -> None:
    verdict = _verdict(_origin_couple())
    assert "Together, both: $35,000 to Roth for $0 of tax now." in verdict.sentences
    assert "Sam: No mega backdoor: no workplace plan was entered." in verdict.sentences
    assert verdict.sentences[0] == "Together, both: $35,000 to Roth for $0 of tax now."


def test_the_details_under_the_headline_leave_out_what_the_headline_already_says() -> None:
    # The results page shows the headline and then the details: a couple's "Together"
    # total opens both, and was read twice in a row.
    verdict = _verdict(_origin_couple())
    together = "Together, both: $35,000 to Roth for $0 of tax now."
    assert verdict.headline.startswith(together) and verdict.sentences[0] == together
    assert verdict.details == verdict.sentences[1:]
    assert "Sam: No mega backdoor: no workplace plan was entered." in verdict.details
    # Nothing in the details is in the headline, and nothing else is left out.
    assert not any(sentence in verdict.headline for sentence in verdict.details)
    assert set(verdict.sentences) - set(verdict.details) == {together}


# ---------------------------------------------------------------- not sure


def test_not_sure_about_roll_ins_is_computed_both_ways() -> None:
    result = _result(origin(plan={"accepts_ira_rollins": None}))
    (unknown,) = result.unknowns
    assert (unknown.field, unknown.person, unknown.path) == (
        "accepts_ira_rollins",
        "You",
        "people.0.plan.accepts_ira_rollins",
    )
    # The headline figures are the cautious branch: no roll-in.
    assert unknown.if_no == result.totals
    assert result.totals.backdoor_roth.tax_due == Decimal("1819.13")
    assert unknown.if_yes.backdoor_roth.tax_due == Decimal(0)
    verdict = result.verdict
    assert verdict is not None
    assert verdict.changes == (
        "If your plan takes IRA roll-ins: $0 of tax on the backdoor; if not: skip the backdoor this year (as entered, $1,819.13 of tax).",
    )
    assert verdict.headline.endswith(
        "Your “not sure” answers could change this: see “What would change the answer”."
    )


def test_not_sure_gives_the_same_headline_figures_as_no() -> None:
    unsure = _result(origin(plan={"allows_after_tax": None, "accepts_ira_rollins": None}))
    no = _result(origin(plan={"allows_after_tax": False, "accepts_ira_rollins": False}))
    assert unsure.totals == no.totals
    assert unsure.people == no.people


def test_the_cost_without_a_roll_in_is_the_backdoor_s_tax_not_the_saving() -> None:
    """A tax-figure audit (2026, single, $230,000 of pay): $6,500 of basis carried (line 2),
    $8,600 contributed, $20,000 converted, $40,000 in the IRAs on December 31. Without the
    roll-in: line 9 = 60,000, line 10 = 15,100 / 60,000 = 0.25167, line 18 = $14,966.60, over
    the 32% bracket's edge at $201,775 of taxable income: $3,799.31. Rolled in, line 6 holds
    only the basis left and the tax is $1,176. The sentence gives the cost, then the saving."""
    result = _result(
        {
            "tax_year": 2026,
            "filing_status": "single",
            "people": [
                {
                    "name": "Gus",
                    "age": 52,
                    "compensation": 230000,
                    "prior_year_fica_wages": 176100,
                    "plan": {
                        "pretax_deferral": 24500,
                        "employer_contribution": 11500,
                        "accepts_ira_rollins": True,
                    },
                    "ira": {
                        "basis": 6500,
                        "nondeductible_contribution": 8600,
                        "conversion": 20000,
                        "year_end_balance": 40000,
                    },
                }
            ],
        }
    )
    assert result.totals.backdoor_roth.tax_due == Decimal("3799.31")
    assert result.decision is not None and result.decision.tax_due == 1176
    assert result.verdict is not None
    assert (
        "Without the roll-in of Gus's pre-tax IRA money into the 401(k) by December 31, the "
        "backdoor costs $3,799.31 of tax this year, $2,623.31 more (the pro-rata rule, Form 8606 "
        "lines 6-11)." in result.verdict.changes
    )


def test_not_sure_about_the_mega_features_shows_what_the_mega_backdoor_would_add() -> None:
    result = _result(
        origin(plan={"allows_after_tax": None, "allows_in_service_distribution": None})
    )
    assert [u.field for u in result.unknowns] == [
        "allows_after_tax",
        "allows_in_service_distribution",
    ]
    # Yes to one mega feature is computed with the person's other unknown mega features as yes.
    assert all(u.if_yes.mega_backdoor_roth.roth_added == Decimal(24000) for u in result.unknowns)
    assert result.totals.mega_backdoor_roth.roth_added == 0
    verdict = result.verdict
    assert verdict is not None
    assert verdict.changes == (
        "If your plan takes after-tax contributions and allows in-service distributions: the "
        "mega backdoor adds $24,000 to Roth for $0 of tax; if not: $0."
        " As you are likely a highly compensated employee (IRC 414(q): prior-year pay above "
        "$120,000), a failed ACP test (IRC 401(m)) could refund part of it after the year ends.",
        # Ordered by what each change gains: $24,000 of Roth before $1,819.13 of tax.
        "Without the roll-in of your pre-tax IRA money into the 401(k) by December 31, the "
        "backdoor costs $1,819.13 of tax this year (the pro-rata rule, Form 8606 lines 6-11).",
    )
    assert (
        "The mega backdoor depends on whether your plan takes after-tax contributions, which "
        "you are not sure of: the figures assume it does not." in verdict.sentences
    )


def test_a_roll_in_into_a_plan_not_known_to_take_it_is_the_yes_branch() -> None:
    result = _result(origin(plan={"accepts_ira_rollins": None}, ira={"roll_into_plan": True}))
    assert result.people[0].backdoor_roth.rolled_into_plan == 0
    assert result.unknowns[0].if_yes.backdoor_roth.tax_due == 0


def test_an_absent_plan_answer_is_no_and_null_is_not_sure_in_the_contract_output() -> None:
    data = origin()
    del data["people"][0]["plan"]["accepts_ira_rollins"]
    assert plan_from_dict(data)["unknowns"] == []
    data["people"][0]["plan"]["accepts_ira_rollins"] = None
    output = plan_from_dict(data)
    (unknown,) = output["unknowns"]
    assert unknown["if_yes"]["backdoor_roth"]["tax_due"] == 0
    assert unknown["if_no"]["backdoor_roth"]["tax_due"] == 1819.13
    assert output["verdict"]["headline"].startswith("Do the mega backdoor")
    assert output["verdict"]["changes"] == [
        "If your plan takes IRA roll-ins: $0 of tax on the backdoor; if not: skip the backdoor this year (as entered, $1,819.13 of tax)."
    ]


def test_the_plan_not_sure_warnings_do_not_say_no() -> None:
    result = _result(origin(plan={"allows_after_tax": None, "accepts_ira_rollins": None}))
    messages = {w.code: w.message for w in result.warnings}
    assert messages["no_mega_backdoor"].startswith("Not sure whether your plan takes after-tax")
    assert messages["rollin_not_accepted"].startswith("Not sure whether your workplace plan")
    assert "does not accept" not in messages["rollin_not_accepted"]


def married_not_sure(
    alex: dict[str, Any], sam: dict[str, Any], alex_age: int = 45
) -> dict[str, Any]:
    """In 2024, the origin person (Alex, a $94,500 pre-tax IRA to roll in) and a spouse (Sam)
    whose plan takes after-tax money with both ways out, each with the given plan answers."""
    data = origin(plan=alex, ira={"roll_into_plan": True})
    data["tax_year"] = 2024
    data["people"][0]["age"] = alex_age
    data["filing_status"] = "married_filing_jointly"
    data["people"][0]["name"] = "Alex"
    sam_plan = {
        "pretax_deferral": 10000,
        "employer_contribution": 5000,
        "allows_after_tax": True,
        "allows_in_service_distribution": True,
        "allows_in_plan_roth_conversion": True,
        **sam,
    }
    data["people"].append({"name": "Sam", "age": 50, "compensation": 90000, "plan": sam_plan})
    return data


def answered_yes(data: dict[str, Any], index: int, field: str) -> dict[str, Any]:
    """The household with one "not sure" answer as yes: a mega backdoor answer with the
    person's other unsure mega answers, a roll-in answer with the roll-in done."""
    yes = copy.deepcopy(data)
    person = yes["people"][index]
    group = [field] if field == "accepts_ira_rollins" else MEGA_FEATURES
    for name in group:
        if name in person["plan"] and person["plan"][name] is None:
            person["plan"][name] = True
    if field == "accepts_ira_rollins":
        person["ira"]["roll_into_plan"] = True
    return yes


@pytest.mark.parametrize(
    ("alex", "sam", "alex_age"),
    [
        ({"allows_after_tax": None}, {}, 45),
        ({"allows_in_service_distribution": None, "accepts_ira_rollins": None}, {}, 45),
        (
            {"allows_in_service_distribution": False, "allows_in_plan_roth_conversion": None},
            {"allows_after_tax": None},
            45,
        ),
        (
            {"allows_after_tax": None, "allows_in_service_distribution": None},
            {"allows_in_service_distribution": None, "allows_in_plan_roth_conversion": None},
            45,
        ),
        # At 75 an RMD is due from the IRA: its taxable part is income without the moves.
        ({"allows_after_tax": None, "accepts_ira_rollins": None}, {}, 75),
    ],
)
def test_each_yes_branch_has_the_totals_of_the_household_answered_yes(
    alex: dict[str, Any], sam: dict[str, Any], alex_age: int
) -> None:
    data = married_not_sure(alex, sam, alex_age)
    result = _result(data)
    assert result.unknowns
    for unknown in result.unknowns:
        index = int(unknown.path.split(".")[1])
        answered = _result(answered_yes(data, index, unknown.field))
        assert (unknown.person, unknown.field) not in {
            (u.person, u.field) for u in answered.unknowns
        }
        assert unknown.if_yes == answered.totals
        assert unknown.if_yes != unknown.if_no == result.totals


def test_the_mega_answers_of_one_person_are_computed_once_on_the_plans_year(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    years: list[YearWithoutMega | None] = []
    works: list[Computation] = []
    bases: list[Computation | None] = []

    def counted(
        household: Household,
        year: YearWithoutMega | None = None,
        base: Computation | None = None,
    ) -> Computation:
        years.append(year)
        bases.append(base)
        works.append(compute(household, year, base))
        return works[-1]

    monkeypatch.setattr(plan, "compute", counted)
    not_sure = dict.fromkeys((*MEGA_FEATURES, "accepts_ira_rollins"))
    result = _result(married_not_sure(not_sure, {"allows_after_tax": None}))
    assert [(u.person, u.field) for u in result.unknowns] == [
        ("Alex", "allows_after_tax"),
        ("Alex", "allows_in_service_distribution"),
        ("Alex", "allows_in_plan_roth_conversion"),
        ("Alex", "accepts_ira_rollins"),
        ("Sam", "allows_after_tax"),
    ]
    # The plan, Alex's mega backdoor, Alex's roll-in, Sam's mega backdoor.
    assert len(years) == 4
    assert len({u.if_yes.mega_backdoor_roth.roth_added for u in result.unknowns[:3]}) == 1
    # The mega branches take the plan's year without the mega backdoor; a roll-in changes
    # the IRAs, so its branch works the year out again.
    plans_year = works[0].year
    assert years == [None, plans_year, None, plans_year]
    assert works[1].year is plans_year and works[2].year is not plans_year
    # Each branch starts from the plan's work and computes only the person it changes: in
    # Sam's branch, Alex's mega backdoor block is the plan's own.
    plan_work = works[0]
    assert bases == [None, plan_work, plan_work, plan_work]
    sams_branch = works[3]
    assert sams_branch.mega[0] is plan_work.mega[0]
    assert sams_branch.mega[1] is not plan_work.mega[1]


# ---------------------------------------------------------------- checklist


def test_the_checklist_asks_the_plan_first_with_the_words_to_look_for() -> None:
    """The dependent moves are due December 31 (Treas. Reg. 1.415(c)-1(b)(6); Form 8606
    line 6 is the December 31 value), so the question is due then and listed first."""
    household = parse_household(
        origin(plan={"allows_in_service_distribution": None, "accepts_ira_rollins": None})
    )
    actions = action_checklist(household, compute_plan(household))
    ask = actions[0]
    assert ask.due.isoformat() == "2018-12-31"
    assert ask.title == (
        "Ask your plan administrator whether the plan allows in-service distributions of "
        "after-tax money and roll-ins of pre-tax IRA money"
    )
    assert "“in-service withdrawal” or “in-service distribution”" in ask.detail
    assert "“rollovers into the plan” or “roll-in”" in ask.detail


def test_no_plan_question_when_every_answer_is_known() -> None:
    household = parse_household(origin())
    result = compute_plan(household)
    assert result.decision is not None
    decision = result.decision
    assert ask_the_plan(None, decision.people[0], decision.unknowns) is None  # type: ignore[arg-type]


# ---------------------------------------------------------------- cents


MONEY = re.compile(r"\$[\d,]+(?:\.\d\d)?")


def _page_figures(result: PlanResult) -> set[str]:
    figures: list[Decimal | None] = []
    blocks = [result.totals, *(u.if_yes for u in result.unknowns)]
    for totals in blocks:
        for block in (totals.mega_backdoor_roth, totals.backdoor_roth, totals.both):
            figures += [block.roth_added, block.tax_due, block.taxable_amount, block.after_tax_room]
    for person in result.people:
        m, b = person.mega_backdoor_roth, person.backdoor_roth
        figures += [m.after_tax_contribution, m.roth_added, m.tax_due, m.taxable_amount]
        figures += [m.after_tax_room, m.annual_additions_limit]
        figures += [b.nondeductible_contribution, b.conversion, b.roth_added, b.tax_due]
        figures += [b.taxable_amount, b.basis_carried_forward, b.rolled_into_plan]
        if b.form_8606 is not None:
            figures += [b.form_8606.line_5, b.form_8606.line_6, b.form_8606.line_9]
    figures += [w.dollar_effect for w in result.warnings]
    figures.append(result.limits.hce_threshold_lookback)
    return {format_money(f) for f in figures if f is not None} | {"$0"}


@pytest.mark.parametrize(
    "data",
    [
        origin(),
        origin(plan={"accepts_ira_rollins": None}),
        origin(plan={"allows_after_tax": None, "allows_in_service_distribution": None}),
        origin(plan={"allows_after_tax": False}, ira={"year_end_balance": 0}),
        origin(plan={"after_tax_earnings": 123.45}, ira={"year_end_balance": 12345.67}),
        origin(plan={"accepts_ira_rollins": False}),
    ],
    ids=["origin", "rollin-unsure", "mega-unsure", "backdoor-only", "cents", "no-roll-ins"],
)
def test_every_dollar_figure_in_the_verdict_is_a_figure_of_the_result(data: dict[str, Any]) -> None:
    result = _result(data)
    verdict = result.verdict
    assert verdict is not None
    text = " ".join([verdict.headline, *verdict.sentences, *verdict.changes, *verdict.explanations])
    found = set(MONEY.findall(text))
    assert found
    assert found <= _page_figures(result)


# ---------------------------------------------------------------- a couple


def _couple_without_mega() -> dict[str, Any]:
    data = origin(plan={"allows_after_tax": False}, ira={"year_end_balance": 0})
    data["filing_status"] = "married_filing_jointly"
    data["people"].append(
        {"name": "Sam", "age": 40, "compensation": 100000, "ira": {"year_end_balance": 0}}
    )
    return data


def test_a_couple_hears_each_household_total_once_when_the_mega_adds_nothing() -> None:
    verdict = _verdict(_couple_without_mega())
    together = [s for s in verdict.sentences if s.startswith("Together")]
    # Two $5,500 backdoors (2018 IRA limit, IRC 219(b)(5)); "both" would repeat the figures.
    assert together == ["Together, the backdoor Roth: $11,000 to Roth for $0 of tax now."]


def test_the_conference_report_note_is_the_households_once() -> None:
    """H.R. Rep. No. 115-466: one note for the household, however many people convert."""
    result = _result(_couple_without_mega())
    notes = [w for w in result.warnings if w.code == "step_transaction"]
    assert [(w.person, w.code) for w in notes] == [(None, "step_transaction")]


def test_the_acp_caveat_only_for_a_likely_highly_compensated_person() -> None:
    """IRC 414(q): 2017 pay above $120,000 (the 2018 table's look-back figure)."""
    data = origin(plan={"allows_after_tax": False}, ira={"year_end_balance": 0})
    data["people"][0]["compensation"] = 100000
    data["people"][0]["plan"]["employer_contribution"] = 5000
    (change,) = _verdict(data).changes
    assert "ACP" not in change
    data["people"][0]["prior_year_fica_wages"] = 130000
    (change,) = _verdict(data).changes
    assert "a failed ACP test (IRC 401(m)) could refund part of it" in change


def test_after_tax_money_that_cannot_leave_the_plan_uses_no_room_and_says_why() -> None:
    """Tax-rules §4.4: after-tax money left in the plan grows with taxable earnings and adds
    no Roth dollars, so the mega backdoor's room used is $0 while a way out is not sure."""
    result = _result(
        origin(
            plan={"allows_in_service_distribution": None, "allows_in_plan_roth_conversion": None}
        )
    )
    mega = result.totals.mega_backdoor_roth
    assert (mega.roth_added, mega.after_tax_room_used, mega.after_tax_room) == (0, 0, 24000)
    assert result.totals.both.after_tax_room_used == 0
    verdict = result.verdict
    assert verdict is not None
    assert (
        "The mega backdoor depends on whether your plan allows in-service distributions or "
        "in-plan Roth conversions, which you are not sure of: the figures assume it does not, "
        "so none of the after-tax room counts as used (after-tax money left in the plan adds "
        "no Roth dollars)." in verdict.sentences
    )
    household = parse_household(
        origin(
            plan={"allows_in_service_distribution": None, "allows_in_plan_roth_conversion": None}
        )
    )
    titles = [a.title for a in action_checklist(household, compute_plan(household))]
    assert not any(t.startswith("Contribute $24,000 after-tax") for t in titles)


def test_the_pro_rata_remedy_for_a_roll_in_not_sure_is_an_action() -> None:
    """Form 8606 line 6 is the December 31 value: the remedy says what to ask and do by then."""
    result = _result(origin(plan={"accepts_ira_rollins": None}))
    (pro_rata,) = [w for w in result.warnings if w.code == "pro_rata"]
    assert pro_rata.remedy is not None
    assert pro_rata.remedy.startswith("Ask the plan whether it takes roll-ins of IRA money")
    assert "roll the pre-tax IRA money in by December 31" in pro_rata.remedy


def test_a_couple_hears_what_one_persons_answer_adds_to_the_households_mega_backdoor() -> None:
    # Alex's mega backdoor is known; only Sam's plan answer is not sure. The totals compared
    # are the household's, so the sentence says so and names Sam's part beside them.
    result = _result(married_not_sure({}, {"allows_after_tax": None}))
    (unknown,) = result.unknowns
    yes, no = unknown.if_yes.mega_backdoor_roth, unknown.if_no.mega_backdoor_roth
    assert no.roth_added > 0
    sams_part = yes.roth_added - no.roth_added
    (said,) = [c for c in result.verdict.changes if c.startswith("If Sam's plan")]
    assert said.startswith(
        "If Sam's plan takes after-tax contributions: the household's mega backdoor adds "
        f"{format_money(yes.roth_added)} to Roth ({format_money(sams_part)} more) for "
        f"{format_money(yes.tax_due)} of tax; if not: {format_money(no.roth_added)}."
    )


def test_the_pro_rata_sentence_counts_this_years_conversions_apart_from_the_year_end_balance() -> (
    None
):
    # Form 8606 lines 6-8 less basis: $50,000 on December 31 (line 6) and a $260,000
    # conversion (line 8) make $302,500 of pre-tax money after the $7,500 contribution's basis.
    # That is not a December 31 balance, and the sentence does not call it one; with no
    # conversion beyond the backdoor's own, it is the year-end balance.
    data = origin(plan={"accepts_ira_rollins": False}, ira={"year_end_balance": 50000})
    data["tax_year"] = 2026
    data["people"][0]["ira"]["conversion"] = 260000
    sentences = " ".join(_verdict(data).sentences)
    assert (
        "because of your $302,500 of pre-tax IRA money this year (the December 31 balance plus"
        " what is converted or distributed, less basis)"
    ) in sentences
    del data["people"][0]["ira"]["conversion"]
    assert "because of your $50,000 pre-tax IRA balance on December 31" in " ".join(
        _verdict(data).sentences
    )


def test_a_spouse_without_pay_has_no_415c_room_whatever_the_plan_answers() -> None:
    # IRC 415(c)(1)(B): annual additions are at most 100% of compensation, so with $0 of pay
    # no answer about after-tax contributions changes anything, and the verdict says so
    # rather than making the mega backdoor depend on it.
    data = _origin_couple()
    data["people"][1]["compensation"] = 0
    data["people"][1]["plan"] = {
        "pretax_deferral": 0,
        "allows_after_tax": None,
        "allows_in_service_distribution": None,
        "allows_in_plan_roth_conversion": None,
    }
    result = _result(data)
    verdict = result.verdict
    assert verdict is not None
    said = " ".join([verdict.headline, *verdict.sentences, *verdict.changes])
    assert "depends on whether Sam's plan" not in said
    assert "Sam: No mega backdoor: with no pay, Sam's 415(c) limit is $0" in said
    assert verdict.no_change
    # No warning says the answer matters either, whichever answer is the "not sure" one.
    assert not [w for w in result.warnings if w.code == "no_mega_backdoor" and w.person == "Sam"]
    data["people"][1]["plan"]["allows_after_tax"] = True
    result = _result(data)
    assert not [w for w in result.warnings if w.code == "no_mega_backdoor" and w.person == "Sam"]
    for sentence in verdict.no_change:
        assert sentence.startswith("Whether Sam's plan")
        assert sentence.endswith(
            "does not change anything here: with no pay, the 415(c) limit is $0."
        )


def test_no_mega_backdoor_when_the_paychecks_left_are_past_the_compensation_limit() -> None:
    # IRC 401(a)(17), Notice 2025-67: the plan counts $360,000 of 2026 pay; $15,384.62 every
    # two weeks passes it on November 20, so elections from December 4 carry nothing, and
    # the verdict says why rather than "no after-tax contribution is planned".
    data = origin()
    data.update(tax_year=2026)
    data["people"][0].update(compensation=400000, ira={"year_end_balance": 0})
    data["people"][0]["plan"].update(
        pretax_deferral=24500,
        paychecks={
            "pay_per_period": 15384.62,
            "elections_start": "2026-12-04",
            "pretax_so_far": 24500,
        },
    )
    verdict = _verdict(data)
    assert (
        "No mega backdoor: the paychecks left this year can carry none of the $35,000 of "
        "after-tax money, since the plan counts no pay past the compensation limit "
        "(IRC 401(a)(17))." in verdict.sentences
    )


def test_a_way_out_not_sure_changes_nothing_when_the_plan_takes_no_after_tax_money() -> None:
    # IRS "Rollovers of after-tax contributions in retirement plans": in-service distributions
    # and in-plan conversions move after-tax money; with none contributed, either answer
    # leaves the mega backdoor where it is, for that reason.
    data = origin(
        plan={"allows_after_tax": False, "allows_in_service_distribution": None},
        ira={"year_end_balance": 0},
    )
    verdict = _verdict(data)
    assert verdict.no_change == (
        "Whether your plan allows in-service distributions (“not sure”) does not change "
        "anything here: the plan takes no after-tax contributions to move.",
    )


def test_no_mega_backdoor_when_no_payday_is_left() -> None:
    # Biweekly 2026 paydays from January 2 end December 18: elections from December 28 have
    # no paycheck to ride on, and the verdict says that.
    data = origin()
    data.update(tax_year=2026)
    data["people"][0].update(compensation=250000, ira={"year_end_balance": 0})
    data["people"][0]["plan"].update(
        pretax_deferral=24500,
        paychecks={"pay_per_period": 9615.38, "elections_start": "2026-12-28"},
    )
    verdict = _verdict(data)
    assert any(
        sentence.startswith("No mega backdoor: the paychecks left this year can carry none")
        and sentence.endswith(
            "since no payday is left this year from the date the elections start."
        )
        for sentence in verdict.sentences
    ), verdict.sentences


def test_a_direct_roth_in_the_phase_out_with_the_rest_by_backdoor_says_both() -> None:
    # 2026 joint MAGI $245,530 in the $242,000-$252,000 range (Notice 2025-67): 7,500 less
    # 7,500 x 3,530 / 10,000 = 2,647.50, rounded down to 2,640 (IRC 219(g)(2)(C)): $4,860
    # direct, the other $2,640 by backdoor. A tax-figure audit read "so no backdoor is needed;
    # the backdoor adds the other $2,640" in one sentence.
    verdict = _verdict(
        {
            "tax_year": 2026,
            "filing_status": "married_filing_jointly",
            "people": [
                {
                    "name": "Alex",
                    "age": 40,
                    "compensation": 270_030,
                    "plan": {"pretax_deferral": 24_500, "employer_contribution": 10_000},
                },
                {"name": "Blair", "age": 52, "compensation": 0},
            ],
        }
    )
    said = " ".join([verdict.headline, *verdict.sentences])
    assert "no backdoor is needed" not in said
    assert (
        "Alex: Contribute $4,860 directly to a Roth IRA, as much as income allows, and the "
        "backdoor adds the other $2,640 for $0 of tax now." in verdict.headline
    )


def test_a_conversion_this_year_beside_a_contribution_made_next_year_is_said() -> None:
    # Golden case j1's inputs (2025; $12,000 basis; $7,000 paid in 2026, Form 8606 line 4;
    # $20,000 converted in 2025 out of $60,000 + $20,000, line 10 = 0.15, line 18 = $17,000 at
    # 24%: $4,080). A tax-figure audit read "Neither route adds Roth money this year" and
    # "the IRAs hold $60,000 of pre-tax money" (line 6 holds basis from earlier years too).
    verdict = _verdict(
        {
            "tax_year": 2025,
            "filing_status": "single",
            "federal_marginal_rate": 0.24,
            "people": [
                {
                    "age": 45,
                    "compensation": 243_500,
                    "plan": {"pretax_deferral": 23_500, "employer_contribution": 5_000},
                    "ira": {
                        "year_end_balance": 60_000,
                        "basis": 12_000,
                        "nondeductible_contribution": 7_000,
                        "contribution_made_next_year": True,
                        "conversion": 20_000,
                    },
                }
            ],
        }
    )
    assert "Neither route" not in verdict.headline
    assert verdict.headline.startswith(
        "Convert $20,000 of money already in your IRAs: $4,080 of tax now; the $7,000 "
        "contribution made next year is converted then."
    )
    explained = " ".join(verdict.explanations)
    assert "of pre-tax money on December 31" not in explained
    assert "are worth $60,000 on December 31 (line 6), basis included" in explained


def test_a_direct_roth_cut_by_the_phase_out_says_why_the_rest_is_not_a_backdoor() -> None:
    # 2026 head of household, MAGI $160,500 in the $153,000-$168,000 range: $3,750 direct
    # (IRC 408A(c)(3)(A)). The other $3,750 by backdoor would be 57.1% taxable: line 10 =
    # 7,500 / 17,500 with $10,000 of pre-tax IRA money (Form 8606 lines 6-11). A tax-figure
    # audit read "so no backdoor is needed" beside "Why 57.1% of your conversion is taxable".
    verdict = _verdict(
        {
            "tax_year": 2026,
            "filing_status": "head_of_household",
            "people": [
                {
                    "age": 45,
                    "compensation": 185_000,
                    "plan": {"pretax_deferral": 24_500, "employer_contribution": 5_000},
                    "ira": {"year_end_balance": 10_000},
                }
            ],
        }
    )
    assert "no backdoor is needed" not in " ".join([verdict.headline, *verdict.sentences])
    assert verdict.status == "Contribute $3,750 directly to a Roth IRA, as much as income allows."
    assert "A backdoor for the other $3,750 would be 57.1% taxable" in verdict.headline
    assert "would be taxable as entered" in " ".join(verdict.explanations)


def test_late_in_the_year_without_paychecks_the_headline_says_the_pay_left_may_not_carry_it() -> (
    None
):
    """A December walk: without the paychecks step the $32,500 after-tax figure is the whole
    year's, but only the year's pay carries it (Treas. Reg. 1.415(c)-1(b)(6)). Pay of $310,000
    less $24,500 deferred and $16,924 of payroll tax (6.2% of the $184,500 wage base, 1.45%, and
    0.9% above $200,000: IRC 3101) is $268,576; on December 7, 2026, 25 of 365 days are left:
    about $18,395.62, less than $32,500."""
    from datetime import date

    household = parse_household(_alex_paid_310000(allows_after_tax=True))
    december = compute_plan(household, date(2026, 12, 7))
    assert december.decision is not None
    assert december.decision.people[0].mega.year_pay_for_after_tax == 268576
    assert december.verdict is not None
    assert (
        "Only about $18,395.62 of Alex's pay (after deferrals and payroll tax) is left this year, "
        "less than the $32,500 after-tax figure: enter what is in so far on the paychecks step."
        in december.verdict.headline
    )
    # In June the pay still to come carries it: nothing to say.
    june = compute_plan(household, date(2026, 6, 1))
    assert june.verdict is not None and "is left this year" not in june.verdict.headline


def test_a_couples_direct_roth_line_does_not_point_at_a_plan_above() -> None:
    # A tax-figure audit: the headline's first sentence read "Together, the plan above: ...",
    # with nothing above it. Joint MAGI $200,000 is below the $242,000 phase-out (IRC
    # 408A(c)(3), 2026): $7,500 each straight to a Roth IRA.
    data = {
        "tax_year": 2026,
        "filing_status": "married_filing_jointly",
        "people": [
            {"name": "Ann", "age": 40, "compensation": 100000},
            {"name": "Bob", "age": 40, "compensation": 100000},
        ],
    }
    verdict = _verdict(data)
    assert verdict.headline.startswith("Together: $15,000 to Roth for $0 of tax now.")
    assert "the plan above" not in verdict.headline


def test_late_in_the_year_a_couples_pay_left_is_one_sentence() -> None:
    """Two people without the paychecks step: one sentence for the household (the headline
    prints on the packet's first page, which must hold it)."""
    from datetime import date

    from tests.print_cases import MARRIED_2026

    result = compute_plan(parse_household(MARRIED_2026), date(2026, 12, 7))
    assert result.verdict is not None
    headline = result.verdict.headline
    assert headline.count("is left this year") == 1
    assert (
        "of Alex's and $" in headline
        and "of Sam's pay (after deferrals and payroll tax)" in headline
    )
    assert "less than the $35,500 and $38,500 after-tax figures" in headline


def test_a_not_sure_mega_backdoor_in_december_says_the_pay_left_cannot_carry_it() -> None:
    """A walk: "the mega backdoor adds $32,500 to Roth" for a "not sure" plan on December 7,
    with about $18,395.62 of pay left this year (the headline case above, after-tax unknown)."""
    from datetime import date

    household = parse_household(_alex_paid_310000(allows_after_tax=None))
    (change,) = [
        c
        for c in _verdict_on(household, date(2026, 12, 7)).changes
        if c.startswith("If Alex's plan takes after-tax contributions")
    ]
    assert (
        "Only about $18,395.62 of Alex's pay is left this year, so less can go in by December 31."
        in change
    )
    (june,) = [
        c
        for c in _verdict_on(household, date(2026, 6, 1)).changes
        if c.startswith("If Alex's plan takes after-tax contributions")
    ]
    assert "is left this year" not in june


def _verdict_on(household: Household, today: Any) -> Verdict:
    verdict = compute_plan(household, today).verdict
    assert verdict is not None
    return verdict


def _alex_paid_310000(allows_after_tax: bool | None) -> dict[str, Any]:
    """2026, single, $310,000 of pay, $24,500 deferred, $15,000 from the employer, in-plan
    conversions allowed, no paychecks step."""
    plan = {
        "pretax_deferral": 24500,
        "employer_contribution": 15000,
        "allows_after_tax": allows_after_tax,
        "allows_in_plan_roth_conversion": True,
    }
    return {
        "tax_year": 2026,
        "filing_status": "single",
        "people": [{"name": "Alex", "age": 45, "compensation": 310000, "plan": plan}],
    }
