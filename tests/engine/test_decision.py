"""The decision (planner.engine.decision, issue 16): what each person should do, as typed facts,
and the verdict and checklist said from it. One test per bullet of the issue's problem list."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from planner.engine import compute_plan, contract_schema, parse_household, plan_from_dict
from planner.engine.checklist import Action, Step, action_checklist
from planner.engine.models import (
    IraRoute,
    MegaRoute,
    PlanResult,
    Reason,
    RollInTarget,
    Verdict,
)
from planner.engine.verdict import verdict
from planner.engine.voice import Voice
from tests.engine.golden import load_cases, to_contract
from tests.print_cases import MARRIED_2026, ORIGIN


def _plan(data: dict[str, Any]) -> tuple[PlanResult, list[Action]]:
    household = parse_household(data)
    result = compute_plan(household)
    return result, action_checklist(household, result)


def _verdict(result: PlanResult) -> Verdict:
    assert result.verdict is not None
    return result.verdict


def _words(result: PlanResult) -> str:
    v = _verdict(result)
    return " ".join([v.headline, *v.sentences, *v.changes, *v.no_change])


def _kinds(actions: list[Action], person: str | None = None) -> set[Step]:
    return {a.kind for a in actions if person is None or a.person in (person, None)}


def single(year: int = 2026, **person: Any) -> dict[str, Any]:
    return {"tax_year": year, "filing_status": "single", "people": [{"age": 45, **person}]}


# ---------------------------------------------------------------- the origin case


def test_the_origin_checklist_follows_the_verdict_skip_the_backdoor() -> None:
    """The 2018 origin question: $94,500 of pre-tax IRA money and a plan that takes no
    roll-ins. Form 8606 lines 6-11: 5,500 / 100,000 = 0.055 of the conversion is tax-free, so
    94.5% of it, $5,197.50, is taxable: the verdict says skip it unless the $94,500 is rolled
    into a 401(k) first, and the checklist has no contribution, conversion or tax payment."""
    result, actions = _plan(ORIGIN)
    assert result.decision is not None
    (person,) = result.decision.people
    assert person.ira.route is IraRoute.SKIP
    assert Reason.PRO_RATA_HEAVY in person.ira.reasons
    assert person.ira.skipped is not None
    assert person.ira.skipped.taxable_amount == Decimal("5197.50")
    assert "Skip the backdoor this year unless you roll the $94,500 into a 401(k) first" in (
        _verdict(result).headline
    )
    titles = [a.title for a in actions]
    assert titles == [
        "Contribute $24,000 after-tax to the 401(k) through payroll",
        "Roll the after-tax money (and its earnings) out to your Roth IRA",
    ]
    # The table keeps the backdoor as entered; the plan recommended adds only the mega backdoor.
    assert result.totals.both.roth_added == 29500
    assert (result.decision.roth_added, result.decision.tax_due) == (24000, 0)


# ---------------------------------------------------------------- direct Roth


def test_at_80000_of_income_a_direct_roth_contribution_is_the_answer() -> None:
    """IRC 408A(c)(3), Rev. Proc./Notice 2025-67: the 2026 single phase-out starts at
    $153,000, so MAGI of $75,000 allows the full $7,500 directly (Pub. 590-A Worksheet 2-2):
    no traditional IRA contribution and no conversion."""
    data = single(compensation=80000, plan={"pretax_deferral": 5000, "employer_contribution": 0})
    result, actions = _plan(data)
    assert result.decision is not None
    ira = result.decision.people[0].ira
    assert (ira.route, ira.direct_roth, ira.nondeductible_contribution, ira.conversion) == (
        IraRoute.DIRECT_ROTH,
        7500,
        0,
        0,
    )
    headline = _verdict(result).headline
    assert headline.startswith("Contribute $7,500 directly to a Roth IRA")
    assert "backdoor Roth:" not in headline
    assert [a.title for a in actions if a.person] == ["Contribute $7,500 directly to your Roth IRA"]
    (direct,) = actions
    assert direct.kind is Step.DIRECT_ROTH_CONTRIBUTION
    assert direct.due.isoformat() == "2027-04-15"  # IRC 219(f)(3): by the return's due date


def test_in_the_phase_out_the_direct_contribution_is_reduced_and_the_rest_goes_by_backdoor() -> (
    None
):
    """Pub. 590-A Worksheet 2-2: (168,000 - MAGI) / 15,000, rounded to 3 places, times
    $7,500, rounded up to $10: MAGI $160,000 gives 0.533 x 7,500 = 3,997.50 -> $4,000; the
    other $3,500 is a clean backdoor (no pre-tax IRA money, Form 8606 line 6 = 0)."""
    data = single(compensation=160000)
    result, actions = _plan(data)
    assert result.decision is not None
    ira = result.decision.people[0].ira
    assert ira.route is IraRoute.DIRECT_ROTH
    assert Reason.DIRECT_ROTH_REDUCED in ira.reasons
    assert (ira.direct_roth, ira.nondeductible_contribution, ira.conversion) == (4000, 3500, 3500)
    assert {Step.DIRECT_ROTH_CONTRIBUTION, Step.NONDEDUCTIBLE_CONTRIBUTION, Step.CONVERSION} <= (
        _kinds(actions)
    )
    assert result.decision.roth_added == 7500


def test_a_74_year_old_with_room_is_told_to_contribute_8600_directly_after_the_rmd() -> None:
    """2026: $7,500 plus the $1,100 catch-up at 50 or older (IRC 219(b)(5)); a Roth IRA has no
    age limit (IRC 408A(c)(4)), and the pre-tax IRA money does not touch a direct contribution.
    At 74 an RMD is due (IRC 401(a)(9), SECURE 2.0 sec. 107: 73 from 2023): $200,000 / 25.5
    (Uniform Lifetime Table, Pub. 590-B Table III) = $7,843.14, said first."""
    data = single(age=74, compensation=60000, ira={"year_end_balance": 200000})
    result, actions = _plan(data)
    assert result.decision is not None
    person = result.decision.people[0]
    assert (person.ira.route, person.ira.direct_roth) == (IraRoute.DIRECT_ROTH, 8600)
    assert person.required_minimum_distribution == Decimal("7843.14")
    v = _verdict(result)
    assert v.status == "First take the $7,843.14 required minimum distribution."
    assert "Contribute $8,600 directly to a Roth IRA" in v.headline
    assert "Skip the backdoor" not in v.headline
    assert [a.kind for a in actions if a.person] == [
        Step.REQUIRED_DISTRIBUTION,
        Step.DIRECT_ROTH_CONTRIBUTION,
    ]


# ---------------------------------------------------------------- plain conversion


def test_a_75_year_old_with_no_pay_converting_30000_gets_a_plain_conversion_rmd_first() -> None:
    """No pay, so no IRA contribution (IRC 219(b)(1)): converting $30,000 is a plain Roth
    conversion, never a backdoor. The RMD ($300,000 / 24.6, Pub. 590-B Table III) comes first
    (Treas. Reg. 1.402(c)-2 Q&A-7)."""
    data = single(age=75, compensation=0, ira={"year_end_balance": 300000, "conversion": 30000})
    result, actions = _plan(data)
    assert result.decision is not None
    person = result.decision.people[0]
    assert person.ira.route is IraRoute.PLAIN_CONVERSION
    assert Reason.NO_NEW_CONTRIBUTION in person.ira.reasons
    assert Reason.RMD_DUE in person.ira.reasons
    v = _verdict(result)
    assert v.status == "First take the $12,195.12 required minimum distribution."
    assert "a plain Roth conversion (not a backdoor)" in v.headline
    said = " ".join([v.headline, *v.sentences])
    assert "Do the backdoor" not in said and "weigh skipping" not in said
    kinds = [a.kind for a in actions if a.person]
    assert kinds.index(Step.REQUIRED_DISTRIBUTION) < kinds.index(Step.CONVERSION)
    assert Step.NONDEDUCTIBLE_CONTRIBUTION not in kinds


# ---------------------------------------------------------------- after-tax IRA money


def test_an_ira_of_basis_is_converted_whole_for_31996_and_not_called_pre_tax() -> None:
    """2025: $20,000 of basis (Form 8606 line 2) and $1,000 of earnings, plus the $7,000
    contribution. Converting everything: line 5 = 27,000, line 9 = 28,000, line 10 = 0.96429
    (5 places), line 17 = 28,000 x 0.96429 = 27,000.12, line 18 = $999.88 taxable, at the 32%
    bracket of $250,000 of pay $319.96."""
    data = single(2025, compensation=250000, ira={"year_end_balance": 21000, "basis": 20000})
    result, actions = _plan(data)
    assert result.decision is not None
    ira = result.decision.people[0].ira
    assert ira.route is IraRoute.CONVERT_ALL
    assert (ira.conversion, ira.taxable_amount, ira.tax_due) == (
        28000,
        Decimal("999.88"),
        Decimal("319.96"),
    )
    assert ira.pre_tax_ira_money == 1000
    words = _words(result)
    assert "$21,000 pre-tax" not in words
    assert "Convert the whole traditional IRA: $28,000 to Roth for $319.96 of tax now" in words
    # Line 10's rounding puts the taxable part 12 cents under the $1,000 of pre-tax money:
    # said as the form's doing, not as "$1,000 is pre-tax, so $999.88 is taxable".
    assert (
        "only $1,000 of it is pre-tax, and Form 8606 (its line 10 ratio rounded) makes $999.88 "
        "of it taxable ($319.96 of tax now)" in words
    )
    assert "Convert $28,000 from the traditional IRA to your Roth IRA" in [a.title for a in actions]
    assert "Pay about $319.96 of tax on the taxable amounts" in [a.title for a in actions]


# ---------------------------------------------------------------- a couple


def test_a_couples_together_line_follows_the_recommended_plan() -> None:
    """Alex's $30,000 of pre-tax IRA money makes 80% of a $7,500 backdoor taxable (Form 8606
    line 10 = 7,500 / 37,500) with no plan to take it: skipped. The household's line adds
    only what the decision does, and each spouse's sentence stands on its own."""
    result, actions = _plan(MARRIED_2026)
    decision = result.decision
    assert decision is not None
    alex, sam = decision.people
    assert alex.ira.route is IraRoute.SKIP
    assert sam.ira.route is IraRoute.BACKDOOR
    assert decision.roth_added == alex.roth_added + sam.roth_added == 82600
    assert decision.tax_due == 0
    assert result.totals.both.roth_added == 90100  # the table's "both" still has Alex's
    v = _verdict(result)
    assert v.sentences[0] == "Together, both: $82,600 to Roth for $0 of tax now."
    assert not any("$90,100" in s for s in v.sentences)
    assert "Sam: Do both: $47,100 to Roth for $0 of tax now." in v.headline
    assert not [a for a in actions if a.person == "Alex" and a.kind is Step.CONVERSION]
    assert [a.title for a in actions if a.kind is Step.ESTIMATED_TAX_PAYMENT] == []


# ---------------------------------------------------------------- solo 401(k)


def test_self_employment_income_opens_a_solo_401k_for_the_sep_ira_money() -> None:
    """A SEP-IRA is pre-tax IRA money on Form 8606 line 6; a solo 401(k) for the
    self-employment income can take it (IRC 408(d)(3)(A)(ii)) by December 31, and the backdoor
    is then tax-free."""
    data = single(compensation=200000, self_employed=True, ira={"year_end_balance": 40000})
    result, actions = _plan(data)
    assert result.decision is not None
    ira = result.decision.people[0].ira
    assert (ira.route, ira.roll_in_target, ira.roll_in, ira.tax_due) == (
        IraRoute.ROLL_IN_FIRST,
        RollInTarget.SOLO_401K,
        40000,
        0,
    )
    assert "Open a solo 401(k) for your self-employment income" in _verdict(result).headline
    assert [a.kind for a in actions if a.person][:2] == [Step.OPEN_SOLO_401K, Step.IRA_ROLL_IN]
    # A model SEP (Form 5305-SEP) cannot sit beside another plan of the same employer (its
    # instructions, a tax-figure audit): the step says so.
    (open_it,) = [a for a in actions if a.kind is Step.OPEN_SOLO_401K]
    assert "model Form 5305-SEP, it cannot keep another plan in the same year" in open_it.detail
    # Without self-employment income the same IRA makes the backdoor one to skip.
    data["people"][0]["self_employed"] = False
    assert compute_plan(parse_household(data)).decision.people[0].ira.route is IraRoute.SKIP  # type: ignore[union-attr]


def test_another_employers_plan_that_takes_roll_ins_is_the_roll_in_target() -> None:
    data = single(
        compensation=200000,
        second_plan={"pretax_deferral": 0, "employer_contribution": 0, "accepts_ira_rollins": True},
        second_plan_compensation=30000,
        ira={"year_end_balance": 40000},
    )
    result, actions = _plan(data)
    assert result.decision is not None
    ira = result.decision.people[0].ira
    assert (ira.route, ira.roll_in_target) == (
        IraRoute.ROLL_IN_FIRST,
        RollInTarget.OTHER_EMPLOYER_PLAN,
    )
    assert "Roll the pre-tax IRA money ($40,000) into your other employer's 401(k)" in [
        a.title for a in actions
    ]


# ---------------------------------------------------------------- not sure, and the warnings


def test_every_not_sure_answer_is_accounted_for() -> None:
    """In-plan conversion is moot when in-service distributions are a known yes, and roll-ins
    with no pre-tax IRA money (Form 8606 line 6 = 0): each is said to change nothing. A way
    out that matters gets both branches in dollars."""
    data = single(
        compensation=250000,
        plan={
            "pretax_deferral": 24500,
            "employer_contribution": 10000,
            "allows_after_tax": True,
            "allows_in_service_distribution": True,
            "allows_in_plan_roth_conversion": None,
            "accepts_ira_rollins": None,
        },
    )
    result = compute_plan(parse_household(data))
    v = _verdict(result)
    assert v.no_change == (
        "Whether your plan allows in-plan Roth conversions (“not sure”) does not change "
        "anything here: after-tax money reaches Roth without it.",
        "Whether your plan takes IRA roll-ins (“not sure”) does not change anything here: "
        "there is no pre-tax IRA money that makes the backdoor taxable.",
    )
    data["people"][0]["plan"]["allows_in_service_distribution"] = False
    v = _verdict(compute_plan(parse_household(data)))
    assert v.changes[0].startswith(
        "If your plan allows in-plan Roth conversions: the mega backdoor adds $37,500 to Roth "
        "for $0 of tax; if not: $0."
    )
    assert len(v.no_change) == 1


def test_the_plan_features_warning_says_no_after_a_no_and_asks_when_not_sure() -> None:
    plan = {
        "pretax_deferral": 24500,
        "employer_contribution": 10000,
        "allows_after_tax": True,
        "allows_in_service_distribution": False,
        "allows_in_plan_roth_conversion": None,
        "after_tax_contribution": 10000,
    }
    output = plan_from_dict(single(compensation=250000, plan=plan))
    messages = {w["code"]: w for w in output["warnings"]}
    message = messages["no_mega_backdoor"]["message"]
    assert "does not allow in-service distributions" in message
    assert "not sure whether it allows in-plan Roth conversions" in message
    assert "not sure whether it allows in-service" not in message
    remedy = messages["after_tax_left_in_plan"]["remedy"]
    assert remedy.startswith("Ask the plan administrator whether the plan allows")
    assert "add" not in remedy
    plan["allows_in_plan_roth_conversion"] = False
    output = plan_from_dict(single(compensation=250000, plan=plan))
    messages = {w["code"]: w for w in output["warnings"]}
    assert "not sure" not in messages["no_mega_backdoor"]["message"]
    assert messages["after_tax_left_in_plan"]["remedy"].startswith("Ask the plan to add")


# ---------------------------------------------------------------- two voices


def test_the_owner_and_the_advisor_hear_the_same_decision() -> None:
    result = compute_plan(parse_household(ORIGIN))
    owner = verdict(result, Voice.OWNER)
    advisor = verdict(result, Voice.ADVISOR)
    assert owner == result.verdict
    assert "unless you roll the $94,500" in owner.headline
    assert "unless the client rolls the $94,500" in advisor.headline
    assert " you " not in f" {advisor.headline} ".lower()
    household = parse_household(ORIGIN)
    said = [a.title for a in action_checklist(household, result, Voice.ADVISOR)]
    assert "Roll the after-tax money (and its earnings) out to the client's Roth IRA" in said


def test_the_decision_is_in_the_contract_output() -> None:
    output = plan_from_dict(ORIGIN)
    person = output["decision"]["people"][0]
    assert person["ira"]["route"] == "skip"
    assert person["mega"]["route"] == MegaRoute.MEGA_BACKDOOR.value
    assert output["decision"]["roth_added"] == 24000


def test_every_golden_case_has_a_decision_its_checklist_follows() -> None:
    for case in load_cases():
        data = to_contract(case["inputs"])
        result, actions = _plan(data)
        assert result.decision is not None, case["name"]
        for person in result.decision.people:
            kinds = _kinds(actions, person.name)
            assert (Step.CONVERSION in kinds) == (person.ira.conversion > 0), case["name"]


def test_the_output_schema_publishes_the_decision_and_the_input_self_employment() -> None:
    schema = contract_schema()
    assert "decision" in schema["output"]["properties"]
    person = schema["input"]["$defs"]["Person"]["properties"]["self_employed"]
    assert "solo 401(k)" in person["description"]
    routes = schema["output"]["$defs"]["IraRoute"]["enum"]
    assert set(routes) == {route.value for route in IraRoute}


def test_a_conversion_asked_for_beside_a_direct_contribution_is_kept_as_a_plain_one() -> None:
    """Income allows the $8,600 directly (Pub. 590-A Worksheet 2-2). Of the $30,000 the
    74-year-old asked to convert, $8,600 was the contribution, now made to the Roth IRA
    directly; the other $21,400 is other IRA money: still converted, after the RMD, as a
    plain conversion (Form 8606 line 8), taxable in full with no basis. Roth gets $30,000."""
    data = single(age=74, compensation=60000, ira={"year_end_balance": 200000, "conversion": 30000})
    result, actions = _plan(data)
    assert result.decision is not None
    ira = result.decision.people[0].ira
    assert (ira.route, ira.direct_roth, ira.conversion, ira.taxable_amount) == (
        IraRoute.DIRECT_ROTH,
        8600,
        21400,
        21400,
    )
    assert result.decision.roth_added == 30000
    assert "a plain Roth conversion (not a backdoor)" in _verdict(result).headline
    kinds = [a.kind for a in actions if a.person]
    assert kinds == [Step.REQUIRED_DISTRIBUTION, Step.CONVERSION, Step.DIRECT_ROTH_CONTRIBUTION]


def test_a_skipped_backdoor_carries_forward_only_last_years_basis() -> None:
    # No plan takes the $94,500 of pre-tax IRA money: the answer skips the backdoor, so no
    # nondeductible contribution is made and Form 8606 line 14 is last year's basis (line 2),
    # $2,000, not the entered backdoor's.
    from tests.engine.helpers import household, person

    data = household(
        people=[
            person(
                plan={"accepts_ira_rollins": False},
                ira={"year_end_balance": 94500, "basis": 2000},
            )
        ]
    )
    result = compute_plan(parse_household(data))
    ira = result.decision.people[0].ira
    assert ira.route is IraRoute.SKIP
    assert result.people[0].backdoor_roth.basis_carried_forward > 2000
    assert ira.basis_carried_forward == 2000
    said = " ".join(result.verdict.explanations)
    assert "basis carried forward is not lost money" not in said


def test_the_projection_grows_what_the_answer_adds() -> None:
    # The answer skips a heavily pro-rata backdoor: the Roth dollars it adds are the mega
    # backdoor's alone, and "At retirement" grows those, not both strategies as entered.
    from tests.engine.helpers import household, person

    data = household(
        people=[person(plan={"accepts_ira_rollins": False}, ira={"year_end_balance": 94500})]
    )
    result = compute_plan(parse_household(data))
    assert result.decision.people[0].ira.route is IraRoute.SKIP
    assert result.decision.roth_added < result.totals.both.roth_added
    assert result.projection.by_year[0].roth_value == result.decision.roth_added
    growth = (1 + Decimal("0.06")) ** result.projection.years
    assert result.projection.roth_value == (result.decision.roth_added * growth).quantize(
        Decimal("0.01")
    )


def test_a_skipped_backdoor_with_a_required_distribution_carries_the_basis_it_leaves() -> None:
    # Age 75: the RMD ($94,500 / 24.6 = $3,841.46, Uniform Lifetime Table) takes basis pro
    # rata. Form 8606: line 10 = 2,000 / (94,500 + 3,841.46) = 0.02034 (five places), line 12
    # = $78.14, line 14 = $1,921.86; no contribution or conversion, as the answer skips.
    from tests.engine.helpers import household, person

    data = household(
        people=[
            person(
                age=75,
                plan={"accepts_ira_rollins": False},
                ira={"year_end_balance": 94500, "basis": 2000},
            )
        ]
    )
    result = compute_plan(parse_household(data))
    decided = result.decision.people[0]
    assert decided.ira.route is IraRoute.SKIP
    assert decided.required_minimum_distribution == Decimal("3841.46")
    assert decided.ira.basis_carried_forward == Decimal("1921.86")
