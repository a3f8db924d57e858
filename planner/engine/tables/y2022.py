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
    single=(10_275, 41_775, 89_075, 170_050, 215_950, 539_900, 12_950),
    joint=(20_550, 83_550, 178_150, 340_100, 431_900, 647_850, 25_900),
    separate=(10_275, 41_775, 89_075, 170_050, 215_950, 323_925, 12_950),
    head_of_household=(14_650, 55_900, 89_050, 170_050, 215_950, 539_900, 19_400),
)

PLAN_LIMITS = "Notice 2021-61"
BRACKETS_SOURCE = "Rev. Proc. 2021-45"

TABLE = YearTable(
    year=2022,
    elective_deferral=dollars(20_500),
    catch_up=dollars(6_500),
    catch_up_age_60_to_63=None,
    annual_additions=dollars(61_000),
    compensation_limit=dollars(305_000),
    hce_threshold=dollars(135_000),
    hce_threshold_lookback=dollars(130_000),
    ira_contribution=dollars(6_000),
    ira_catch_up=dollars(1_000),
    roth_phase_out_single=phase_out(129_000, 144_000),
    roth_phase_out_joint=phase_out(204_000, 214_000),
    roth_phase_out_separate=phase_out(0, 10_000),
    deduction_phase_out_active_single=phase_out(68_000, 78_000),
    deduction_phase_out_active_joint=phase_out(109_000, 129_000),
    deduction_phase_out_spouse_covered_joint=phase_out(204_000, 214_000),
    deduction_phase_out_separate=phase_out(0, 10_000),
    roth_catch_up_wage_threshold=None,
    roth_catch_up_enforced=False,
    traditional_ira_age_70_half_bar=False,
    ira_contribution_deadline=date(2023, 4, 18),
    brackets=BRACKETS,
    standard_deduction=STANDARD_DEDUCTION,
    additional_standard_deduction_unmarried=dollars(1_750),
    additional_standard_deduction_married=dollars(1_400),
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
        "hce_threshold_lookback": "Notice 2020-79 (IRC 414(q) figure for 2021, applied to 2021 pay)",
        "ira_contribution": PLAN_LIMITS + " (IRC 219(b)(5)(A))",
        "ira_catch_up": PLAN_LIMITS + " (IRC 219(b)(5)(B))",
        "roth_phase_out_single": PLAN_LIMITS + " (IRC 408A(c)(3))",
        "roth_phase_out_joint": PLAN_LIMITS + " (IRC 408A(c)(3))",
        "roth_phase_out_separate": "IRC 408A(c)(3)(B)(ii)(III): 0-10,000, not indexed",
        "deduction_phase_out_active_single": PLAN_LIMITS + " (IRC 219(g)(3))",
        "deduction_phase_out_active_joint": PLAN_LIMITS + " (IRC 219(g)(3))",
        "deduction_phase_out_spouse_covered_joint": PLAN_LIMITS + " (IRC 219(g)(7))",
        "deduction_phase_out_separate": "IRS IRA deduction tables: MFS 0-10,000 range is not indexed (IRC 219(g)(3)(B)(iii))",
        "roth_catch_up_wage_threshold": "n/a before 2024: IRC 414(v)(7) (SECURE 2.0 sec. 603) first applies to 2024 catch-ups",
        "roth_catch_up_enforced": "n/a before 2024: IRC 414(v)(7) (SECURE 2.0 sec. 603) first applies to 2024 catch-ups",
        "traditional_ira_age_70_half_bar": "SECURE Act 2019 sec. 107 repealed the age 70 1/2 bar from tax year 2020",
        "ira_contribution_deadline": "2022 Form 8606 line 1 (through April 18, 2023)",
        "brackets": BRACKETS_SOURCE,
        "standard_deduction": BRACKETS_SOURCE,
        "additional_standard_deduction_unmarried": additional_standard_deduction_source(
            "Rev. Proc. 2021-45"
        ),
        "additional_standard_deduction_married": additional_standard_deduction_source(
            "Rev. Proc. 2021-45"
        ),
        "senior_deduction": "None before 2025: OBBBA, P.L. 119-21, sec. 70103 applies to tax years 2025-2028",
        "itemized_deduction_reduction_rate": NO_SECTION_68_SOURCE,
        **NET_INVESTMENT_INCOME_TAX_SOURCES,
    },
)
