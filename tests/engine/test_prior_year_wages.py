"""Last year's wages from this employer: the 2026+ Roth catch-up (IRC 414(v)(7), SECURE 2.0
sec. 603, FICA wages under IRC 3121(a)) and the HCE test (IRC 414(q)) look at them; when not
given, the results say what was assumed and where to find them (W-2 box 3)."""

from __future__ import annotations

from planner.engine import plan_from_dict
from tests.engine.helpers import codes, household, person, warning


def test_it_says_what_was_assumed_for_the_roth_catch_up() -> None:
    # Notice 2025-67: 150,000 of 2025 wages; this year's 140,000 stands in, below it.
    data = household(
        people=[person(age=55, compensation=140_000, plan={"pretax_deferral": 32_500})]
    )
    found = warning(plan_from_dict(data), "prior_year_wages_assumed")
    assert "2025 wages from this employer were not given" in found["message"]
    assert "$140,000" in found["message"]
    assert "$8,000 catch-up may stay pre-tax" in found["message"]
    assert "414(v)(7)" in found["message"]
    assert "box 3" in found["remedy"] and "W-2" in found["remedy"]


def test_it_says_what_was_assumed_for_the_hce_test() -> None:
    # IRC 414(q)(1)(B): 2025 pay above 160,000 (Notice 2024-80) makes an HCE for 2026.
    found = warning(plan_from_dict(household()), "prior_year_wages_assumed")
    assert "likely a highly compensated employee" in found["message"]
    assert "$160,000" in found["message"]


def test_given_wages_need_no_assumption() -> None:
    data = household(people=[person(prior_year_fica_wages=100_000)])
    assert "prior_year_wages_assumed" not in codes(plan_from_dict(data))


def test_no_assumption_when_no_rule_depends_on_them() -> None:
    # Under 50 (no catch-up, IRC 414(v)) and no after-tax money (no ACP test, IRC 401(m)).
    data = household(people=[person(plan={"allows_after_tax": False})])
    assert "prior_year_wages_assumed" not in codes(plan_from_dict(data))
