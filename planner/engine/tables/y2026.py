from __future__ import annotations

from datetime import date
from decimal import Decimal

from planner.engine.tables.schema import (
    NET_INVESTMENT_INCOME_TAX_RATE,
    NET_INVESTMENT_INCOME_TAX_SOURCES,
    NET_INVESTMENT_INCOME_TAX_THRESHOLD,
    SECTION_68_RATE,
    SECTION_68_SOURCE,
    SeniorDeduction,
    YearTable,
    additional_standard_deduction_source,
    brackets_and_deductions,
    dollars,
    phase_out,
)

BRACKETS, STANDARD_DEDUCTION = brackets_and_deductions(
    # six upper bracket edges (10/12/22/24/32/35%), then the basic standard deduction
    single=(12_400, 50_400, 105_700, 201_775, 256_225, 640_600, 16_100),
    joint=(24_800, 100_800, 211_400, 403_550, 512_450, 768_700, 32_200),
    separate=(12_400, 50_400, 105_700, 201_775, 256_225, 384_350, 16_100),
    head_of_household=(17_700, 67_450, 105_700, 201_750, 256_200, 640_600, 24_150),
)

PLAN_LIMITS = "Notice 2025-67 (IR-2025-111)"
BRACKETS_SOURCE = "Rev. Proc. 2025-32 (incorporates OBBBA, P.L. 119-21)"

TABLE = YearTable(
    year=2026,
    elective_deferral=dollars(24_500),
    catch_up=dollars(8_000),
    catch_up_age_60_to_63=dollars(11_250),
    annual_additions=dollars(72_000),
    compensation_limit=dollars(360_000),
    hce_threshold=dollars(160_000),
    hce_threshold_lookback=dollars(160_000),
    ira_contribution=dollars(7_500),
    ira_catch_up=dollars(1_100),
    roth_phase_out_single=phase_out(153_000, 168_000),
    roth_phase_out_joint=phase_out(242_000, 252_000),
    roth_phase_out_separate=phase_out(0, 10_000),
    deduction_phase_out_active_single=phase_out(81_000, 91_000),
    deduction_phase_out_active_joint=phase_out(129_000, 149_000),
    deduction_phase_out_spouse_covered_joint=phase_out(242_000, 252_000),
    deduction_phase_out_separate=phase_out(0, 10_000),
    roth_catch_up_wage_threshold=dollars(150_000),
    roth_catch_up_enforced=True,
    traditional_ira_age_70_half_bar=False,
    ira_contribution_deadline=date(2027, 4, 15),
    brackets=BRACKETS,
    standard_deduction=STANDARD_DEDUCTION,
    additional_standard_deduction_unmarried=dollars(2_050),
    additional_standard_deduction_married=dollars(1_650),
    senior_deduction=SeniorDeduction(
        amount=dollars(6_000),
        phase_out_start_joint=dollars(150_000),
        phase_out_start_other=dollars(75_000),
        phase_out_rate=Decimal("0.06"),
    ),
    itemized_deduction_reduction_rate=SECTION_68_RATE,
    net_investment_income_tax_rate=NET_INVESTMENT_INCOME_TAX_RATE,
    net_investment_income_tax_threshold=NET_INVESTMENT_INCOME_TAX_THRESHOLD,
    sources={
        "elective_deferral": PLAN_LIMITS + " (IRC 402(g))",
        "catch_up": PLAN_LIMITS + " (IRC 414(v))",
        "catch_up_age_60_to_63": "Notice 2025-67 (IR-2025-111) (SECURE 2.0 sec. 109: 150% of the 2024 catch-up, ages 60-63 at Dec 31)",
        "annual_additions": PLAN_LIMITS + " (IRC 415(c))",
        "compensation_limit": PLAN_LIMITS + " (IRC 401(a)(17))",
        "hce_threshold": PLAN_LIMITS + " (IRC 414(q))",
        "hce_threshold_lookback": "Notice 2024-80 (IRC 414(q) figure for 2025, applied to 2025 pay)",
        "ira_contribution": PLAN_LIMITS + " (IRC 219(b)(5)(A))",
        "ira_catch_up": PLAN_LIMITS + " (IRC 219(b)(5)(B))",
        "roth_phase_out_single": PLAN_LIMITS + " (IRC 408A(c)(3))",
        "roth_phase_out_joint": PLAN_LIMITS + " (IRC 408A(c)(3))",
        "roth_phase_out_separate": "IRC 408A(c)(3)(B)(ii)(III): 0-10,000, not indexed",
        "deduction_phase_out_active_single": PLAN_LIMITS + " (IRC 219(g)(3))",
        "deduction_phase_out_active_joint": PLAN_LIMITS + " (IRC 219(g)(3))",
        "deduction_phase_out_spouse_covered_joint": PLAN_LIMITS + " (IRC 219(g)(7))",
        "deduction_phase_out_separate": "IRS IRA deduction tables: MFS 0-10,000 range is not indexed (IRC 219(g)(3)(B)(iii))",
        "roth_catch_up_wage_threshold": "Notice 2025-67 ($150,000 of 2025 wages); enforced from 2026 (T.D. 10033 good-faith standard; transition relief ended with 2025)",
        "roth_catch_up_enforced": "Notice 2025-67 ($150,000 of 2025 wages); enforced from 2026 (T.D. 10033 good-faith standard; transition relief ended with 2025)",
        "traditional_ira_age_70_half_bar": "SECURE Act 2019 sec. 107 repealed the age 70 1/2 bar from tax year 2020",
        "ira_contribution_deadline": "normal April due date of the 2026 return (April 15, 2027)",
        "brackets": BRACKETS_SOURCE,
        "standard_deduction": BRACKETS_SOURCE,
        "additional_standard_deduction_unmarried": additional_standard_deduction_source(
            "Rev. Proc. 2025-32"
        ),
        "additional_standard_deduction_married": additional_standard_deduction_source(
            "Rev. Proc. 2025-32"
        ),
        "senior_deduction": (
            "OBBBA, P.L. 119-21, sec. 70103 (IRC 151(d)(5)(C)), from the statute text: $6,000 per "
            "person 65+, less 6% of MAGI over $75,000 ($150,000 joint), tax years 2025-2028; "
            "joint return required if married. UNCONFIRMED against IRS guidance (tax-rules.md sec. 2)"
        ),
        "itemized_deduction_reduction_rate": SECTION_68_SOURCE,
        **NET_INVESTMENT_INCOME_TAX_SOURCES,
    },
)
