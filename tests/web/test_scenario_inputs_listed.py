"""A saved scenario lists every answer in words, including the inputs added for issue 9
(a second employer's plan and its pay, last year's IRA balance at RMD age)."""

from __future__ import annotations

from planner.models import describe_inputs


def test_the_second_plan_and_last_years_ira_balance_are_listed_in_words() -> None:
    inputs = {
        "tax_year": 2026,
        "filing_status": "single",
        "people": [
            {
                "name": "Alex",
                "age": 74,
                "compensation": 90000,
                "second_plan_compensation": 40000,
                "second_plan": {"pretax_deferral": 0, "allows_after_tax": True},
                "ira": {"year_end_balance": 100000, "prior_year_end_balance": 120000},
            }
        ],
    }
    sections = dict(describe_inputs(inputs))
    assert ("Pay from the second employer", "$40,000") in sections["Alex"]
    # Form 8606 line 6 is the value of them all, basis included: not "pre-tax" (a walk found
    # the label said so while the verdict named a smaller pre-tax figure).
    iras = sections["Alex: IRAs"]
    assert ("Traditional, SEP and SIMPLE IRAs on December 31", "$100,000") in iras
    assert ("Traditional, SEP and SIMPLE IRAs on December 31 of last year", "$120,000") in iras
    second = dict(sections["Alex: second employer's plan"])
    assert "Yes" in second.values()
    assert all("_" not in label for label, _ in sections["Alex: IRAs"])
