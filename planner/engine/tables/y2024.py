from __future__ import annotations

from datetime import date

from planner.engine.tables.schema import (
    NET_INVESTMENT_INCOME_TAX_RATE,
    NET_INVESTMENT_INCOME_TAX_SOURCES,
    NET_INVESTMENT_INCOME_TAX_THRESHOLD,
    NO_SECTION_68_SOURCE,
    YearTable,
    additional_standard_deduction_source,
    brackets_and_deductions,
    dollars,
    phase_out,
)

BRACKETS, STANDARD_DEDUCTION = brackets_and_deductions(
    # six upper bracket edges (10/12/22/24/32/35%), then the basic standard deduction
    single=(11_600, 47_150, 100_525, 191_950, 243_725, 609_350, 14_600),
    joint=(23_200, 94_300, 201_050, 383_900, 487_450, 731_200, 29_200),
    separate=(11_600, 47_150, 100_525, 191_950, 243_725, 365_600, 14_600),
    head_of_household=(16_550, 63_100, 100_500, 191_950, 243_700, 609_350, 21_900),
)

PLAN_LIMITS = "Notice 2023-75"
BRACKETS_SOURCE = "Rev. Proc. 2023-34"

TABLE = YearTable(
    year=2024,
    elective_deferral=dollars(23_000),
    catch_up=dollars(7_500),
    catch_up_age_60_to_63=None,
    annual_additions=dollars(69_000),
    compensation_limit=dollars(345_000),
    hce_threshold=dollars(155_000),
    hce_threshold_lookback=dollars(150_000),
    ira_contribution=dollars(7_000),
    ira_catch_up=dollars(1_000),
    roth_phase_out_single=phase_out(146_000, 161_000),
    roth_phase_out_joint=phase_out(230_000, 240_000),
    roth_phase_out_separate=phase_out(0, 10_000),
    deduction_phase_out_active_single=phase_out(77_000, 87_000),
    deduction_phase_out_active_joint=phase_out(123_000, 143_000),
    deduction_phase_out_spouse_covered_joint=phase_out(230_000, 240_000),
    deduction_phase_out_separate=phase_out(0, 10_000),
    roth_catch_up_wage_threshold=dollars(145_000),
    roth_catch_up_enforced=False,
    traditional_ira_age_70_half_bar=False,
    ira_contribution_deadline=date(2025, 4, 15),
    brackets=BRACKETS,
    standard_deduction=STANDARD_DEDUCTION,
    additional_standard_deduction_unmarried=dollars(1_950),
    additional_standard_deduction_married=dollars(1_550),
    senior_deduction=None,
    itemized_deduction_reduction_rate=None,
    net_investment_income_tax_rate=NET_INVESTMENT_INCOME_TAX_RATE,
    net_investment_income_tax_threshold=NET_INVESTMENT_INCOME_TAX_THRESHOLD,
    sources={
        "elective_deferral": PLAN_LIMITS + " (IRC 402(g))",
        "catch_up": PLAN_LIMITS + " (IRC 414(v))",
        "catch_up_age_60_to_63": "n/a: SECURE 2.0 sec. 109 starts in 2025",
        "annual_additions": PLAN_LIMITS + " (IRC 415(c))",
        "compensation_limit": PLAN_LIMITS + " (IRC 401(a)(17))",
        "hce_threshold": PLAN_LIMITS + " (IRC 414(q))",
        "hce_threshold_lookback": "Notice 2022-55 (IRC 414(q) figure for 2023, applied to 2023 pay)",
        "ira_contribution": PLAN_LIMITS + " (IRC 219(b)(5)(A))",
        "ira_catch_up": PLAN_LIMITS + " (IRC 219(b)(5)(B))",
        "roth_phase_out_single": PLAN_LIMITS + " (IRC 408A(c)(3))",
        "roth_phase_out_joint": PLAN_LIMITS + " (IRC 408A(c)(3))",
        "roth_phase_out_separate": "IRC 408A(c)(3)(B)(ii)(III): 0-10,000, not indexed",
        "deduction_phase_out_active_single": PLAN_LIMITS + " (IRC 219(g)(3))",
        "deduction_phase_out_active_joint": PLAN_LIMITS + " (IRC 219(g)(3))",
        "deduction_phase_out_spouse_covered_joint": PLAN_LIMITS + " (IRC 219(g)(7))",
        "deduction_phase_out_separate": "IRS IRA deduction tables: MFS 0-10,000 range is not indexed (IRC 219(g)(3)(B)(iii))",
        "roth_catch_up_wage_threshold": "IRC 414(v)(7) as added by SECURE 2.0 sec. 603 ($145,000 of 2023 wages); not enforced: Notice 2023-62 transition relief through 2025",
        "roth_catch_up_enforced": "IRC 414(v)(7) as added by SECURE 2.0 sec. 603 ($145,000 of 2023 wages); not enforced: Notice 2023-62 transition relief through 2025",
        "traditional_ira_age_70_half_bar": "SECURE Act 2019 sec. 107 repealed the age 70 1/2 bar from tax year 2020",
        "ira_contribution_deadline": "normal April due date of the 2024 return (April 15, 2025)",
        "brackets": BRACKETS_SOURCE,
        "standard_deduction": BRACKETS_SOURCE,
        "additional_standard_deduction_unmarried": additional_standard_deduction_source(
            "Rev. Proc. 2023-34"
        ),
        "additional_standard_deduction_married": additional_standard_deduction_source(
            "Rev. Proc. 2023-34"
        ),
        "senior_deduction": "None before 2025: OBBBA, P.L. 119-21, sec. 70103 applies to tax years 2025-2028",
        "itemized_deduction_reduction_rate": NO_SECTION_68_SOURCE,
        **NET_INVESTMENT_INCOME_TAX_SOURCES,
    },
)
