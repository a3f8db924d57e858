"""Required minimum distributions from traditional, SEP and SIMPLE IRAs (IRC 401(a)(9), 408(a)(6)).

The year's RMD is the prior December 31 balance divided by the Uniform Lifetime Table factor
for the age reached on December 31 of the year (Treas. Reg. 1.401(a)(9)-5 Q&A-4; Pub. 590-B
Appendix B, Table III). Any amount distributed in a year counts first toward that year's RMD,
and an RMD cannot be rolled over or converted (Treas. Reg. 1.402(c)-2 Q&A-7; IRC 408(d)(3)(E)),
so a conversion in an RMD year comes after the RMD. Inherited IRAs are out of scope; so is the
Joint and Last Survivor table for a sole-beneficiary spouse more than 10 years younger.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from planner.engine.money import ZERO, cents
from planner.engine.tables import year_table

if TYPE_CHECKING:
    from planner.engine.contract import Person


def _uniform_lifetime(year: int) -> Mapping[int, Decimal]:
    return year_table(year).uniform_lifetime_table


# The two Uniform Lifetime Tables (parameters/rmd.json): Treas. Reg. 1.401(a)(9)-9 before and
# after T.D. 9930, which applies to distribution calendar years from 2022.
UNIFORM_LIFETIME_BEFORE_2022 = _uniform_lifetime(2021)
UNIFORM_LIFETIME_FROM_2022 = _uniform_lifetime(2022)
AGE_70_HALF = Decimal("70.5")


class RmdRule(StrEnum):
    NONE = "none"
    REQUIRED = "required"
    # Age 70 before 2020: 70½ was reached in the year only with a birthday January 1-June 30.
    REQUIRED_IF_BORN_FIRST_HALF = "required_if_born_first_half"
    # CARES Act sec. 2203: no RMD for 2020.
    WAIVED_2020 = "waived_2020"


def rmd_age(year: int) -> Decimal:
    """The age at which RMDs start for someone reaching it in the year (IRC 401(a)(9)(C))."""
    return year_table(year).rmd_age


def rmd_rule(year: int, age: int) -> RmdRule:
    """Whether the year needs an RMD at this age on December 31 (the contract's `age`)."""
    table = year_table(year)
    if table.rmd_age == AGE_70_HALF:
        if age >= 71:
            return RmdRule.REQUIRED
        return RmdRule.REQUIRED_IF_BORN_FIRST_HALF if age == 70 else RmdRule.NONE
    if table.rmd_waived:
        # Only those 70½ before 2020 (71 or older at the end of 2020) would have owed one.
        return RmdRule.WAIVED_2020 if age >= 71 else RmdRule.NONE
    return RmdRule.REQUIRED if age >= table.rmd_age else RmdRule.NONE


def rmd_applies(year: int, age: int) -> bool:
    """Whether someone this age on December 31 may owe an RMD for the year."""
    return rmd_rule(year, age) in (RmdRule.REQUIRED, RmdRule.REQUIRED_IF_BORN_FIRST_HALF)


def distribution_period(year: int, age: int) -> Decimal:
    table = _uniform_lifetime(year)
    return table[min(max(age, min(table)), max(table))]


@dataclass(frozen=True, slots=True)
class RequiredDistribution:
    rule: RmdRule
    amount: Decimal
    prior_year_end_balance: Decimal
    # True when the prior December 31 balance was not given and this year's stands in.
    balance_assumed: bool
    distribution_period: Decimal | None
    # The first RMD (the year the RMD age is reached) may be taken until April 1 of the next
    # year (IRC 401(a)(9)(C); Pub. 590-B): that day, else None.
    may_wait_until: date | None = None


def required_distribution(person: Person, year: int) -> RequiredDistribution:
    ira = person.ira
    rule = rmd_rule(year, person.age)
    assumed = ira.prior_year_end_balance is None
    balance = ira.year_end_balance if assumed else ira.prior_year_end_balance
    assert balance is not None
    if not rmd_applies(year, person.age) or balance <= ZERO:
        return RequiredDistribution(rule, ZERO, balance, assumed, None)
    period = distribution_period(year, person.age)
    first = rule is RmdRule.REQUIRED and person.age == year_table(year).rmd_age
    return RequiredDistribution(
        rule,
        cents(balance / period),
        balance,
        assumed,
        period,
        may_wait_until=year_table(year).first_rmd_deadline_day.of(year + 1) if first else None,
    )
