"""Required minimum distributions from traditional, SEP and SIMPLE IRAs (IRC 401(a)(9), 408(a)(6)).

The year's RMD is the prior December 31 balance divided by the Uniform Lifetime Table factor
for the age reached on December 31 of the year (Treas. Reg. 1.401(a)(9)-5 Q&A-4; Pub. 590-B
Appendix B, Table III). Any amount distributed in a year counts first toward that year's RMD,
and an RMD cannot be rolled over or converted (Treas. Reg. 1.402(c)-2 Q&A-7; IRC 408(d)(3)(E)),
so a conversion in an RMD year comes after the RMD. Inherited IRAs are out of scope; so is the
Joint and Last Survivor table for a sole-beneficiary spouse more than 10 years younger.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from planner.engine.money import ZERO, cents

if TYPE_CHECKING:
    from planner.engine.contract import Person


def _table(rows: str) -> dict[int, Decimal]:
    numbers = rows.split()
    return {
        int(age): Decimal(factor) for age, factor in zip(numbers[::2], numbers[1::2], strict=True)
    }


# Treas. Reg. 1.401(a)(9)-9(c) as amended by T.D. 9930 (distribution calendar years from 2022);
# Pub. 590-B (2023) Appendix B, Table III. The last row covers 120 and older.
UNIFORM_LIFETIME_FROM_2022 = _table(
    "70 29.1 71 28.2 72 27.4 73 26.5 74 25.5 75 24.6 76 23.7 77 22.9 78 22.0 79 21.1 80 20.2 "
    "81 19.4 82 18.5 83 17.7 84 16.8 85 16.0 86 15.2 87 14.4 88 13.7 89 12.9 90 12.2 91 11.5 "
    "92 10.8 93 10.1 94 9.5 95 8.9 96 8.4 97 7.8 98 7.3 99 6.8 100 6.4 101 6.0 102 5.6 "
    "103 5.2 104 4.9 105 4.6 106 4.3 107 4.1 108 3.9 109 3.7 110 3.5 111 3.4 112 3.3 113 3.1 "
    "114 3.0 115 2.9 116 2.8 117 2.7 118 2.5 119 2.3 120 2.0"
)
# Treas. Reg. 1.401(a)(9)-9 Q&A-2 before T.D. 9930 (2002-2021); Pub. 590-B (2020) Appendix B,
# Table III. The last row covers 115 and older.
UNIFORM_LIFETIME_BEFORE_2022 = _table(
    "70 27.4 71 26.5 72 25.6 73 24.7 74 23.8 75 22.9 76 22.0 77 21.2 78 20.3 79 19.5 80 18.7 "
    "81 17.9 82 17.1 83 16.3 84 15.5 85 14.8 86 14.1 87 13.4 88 12.7 89 12.0 90 11.4 91 10.8 "
    "92 10.2 93 9.6 94 9.1 95 8.6 96 8.1 97 7.6 98 7.1 99 6.7 100 6.3 101 5.9 102 5.5 "
    "103 5.2 104 4.9 105 4.5 106 4.2 107 3.9 108 3.7 109 3.4 110 3.1 111 2.9 112 2.6 113 2.4 "
    "114 2.1 115 1.9"
)
NEW_TABLE_YEAR = 2022
CARES_ACT_WAIVER_YEAR = 2020
AGE_70_HALF_YEARS_END = 2019  # SECURE Act 2019 sec. 114: 72 for those 70½ after 2019
SECURE_2_0_YEAR = 2023  # SECURE 2.0 sec. 107: 73 from 2023 (75 from 2033 is outside 2018-2026)


class RmdRule(StrEnum):
    NONE = "none"
    REQUIRED = "required"
    # Age 70 before 2020: 70½ was reached in the year only with a birthday January 1-June 30.
    REQUIRED_IF_BORN_FIRST_HALF = "required_if_born_first_half"
    # CARES Act sec. 2203: no RMD for 2020.
    WAIVED_2020 = "waived_2020"


def rmd_age(year: int) -> Decimal:
    """The age at which RMDs start for someone reaching it in the year (IRC 401(a)(9)(C))."""
    if year <= AGE_70_HALF_YEARS_END:
        return Decimal("70.5")
    if year < SECURE_2_0_YEAR:
        return Decimal(72)
    return Decimal(73)


def rmd_rule(year: int, age: int) -> RmdRule:
    """Whether the year needs an RMD at this age on December 31 (the contract's `age`)."""
    if year <= AGE_70_HALF_YEARS_END:
        if age >= 71:
            return RmdRule.REQUIRED
        return RmdRule.REQUIRED_IF_BORN_FIRST_HALF if age == 70 else RmdRule.NONE
    if year == CARES_ACT_WAIVER_YEAR:
        # Only those 70½ before 2020 (71 or older at the end of 2020) would have owed one.
        return RmdRule.WAIVED_2020 if age >= 71 else RmdRule.NONE
    return RmdRule.REQUIRED if age >= rmd_age(year) else RmdRule.NONE


def rmd_applies(year: int, age: int) -> bool:
    """Whether someone this age on December 31 may owe an RMD for the year."""
    return rmd_rule(year, age) in (RmdRule.REQUIRED, RmdRule.REQUIRED_IF_BORN_FIRST_HALF)


def distribution_period(year: int, age: int) -> Decimal:
    table = UNIFORM_LIFETIME_FROM_2022 if year >= NEW_TABLE_YEAR else UNIFORM_LIFETIME_BEFORE_2022
    return table[min(max(age, min(table)), max(table))]


@dataclass(frozen=True, slots=True)
class RequiredDistribution:
    rule: RmdRule
    amount: Decimal
    prior_year_end_balance: Decimal
    # True when the prior December 31 balance was not given and this year's stands in.
    balance_assumed: bool
    distribution_period: Decimal | None


def required_distribution(person: Person, year: int) -> RequiredDistribution:
    ira = person.ira
    rule = rmd_rule(year, person.age)
    assumed = ira.prior_year_end_balance is None
    balance = ira.year_end_balance if assumed else ira.prior_year_end_balance
    assert balance is not None
    if not rmd_applies(year, person.age) or balance <= ZERO:
        return RequiredDistribution(rule, ZERO, balance, assumed, None)
    period = distribution_period(year, person.age)
    return RequiredDistribution(rule, cents(balance / period), balance, assumed, period)
