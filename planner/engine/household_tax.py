"""The household's federal and state income tax: deductions, returns, and what the moves cost."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from planner.engine.federal_tax import line_16_tax
from planner.engine.limits import SENIOR_AGE, ira_compensation
from planner.engine.models import FilingStatus, Household, Person
from planner.engine.money import ZERO, cents
from planner.engine.tables import YearTable


def additional_standard_deduction(
    table: YearTable, status: FilingStatus, people: Sequence[Person]
) -> Decimal:
    """IRC 63(f)(1)(A), (3): the extra standard deduction for each person on the return aged 65+.

    Unmarried filers (single, head of household) get the unmarried amount; on a married
    return each listed spouse aged 65+ adds the married amount (on a separate return that is
    only the person it belongs to). Blindness (IRC 63(f)(2)) is not modelled.
    """
    seniors = sum(1 for person in people if person.age >= SENIOR_AGE)
    if seniors == 0:
        return ZERO
    if status in (FilingStatus.SINGLE, FilingStatus.HEAD_OF_HOUSEHOLD):
        return seniors * table.additional_standard_deduction_unmarried
    return seniors * table.additional_standard_deduction_married


def senior_deduction(
    table: YearTable, status: FilingStatus, people: Sequence[Person], magi: Decimal
) -> Decimal:
    """OBBBA sec. 70103, IRC 151(d)(5)(C): the 2025-2028 deduction for each person aged 65+.

    Each qualifying person's amount is reduced by the rate times MAGI above the start (MAGI
    here is AGI: no foreign exclusions are modelled), not below 0. It is allowed whether or
    not the return itemizes; married people get it only on a joint return.
    """
    rule = table.senior_deduction
    if rule is None or status is FilingStatus.MARRIED_FILING_SEPARATELY:
        return ZERO
    seniors = sum(1 for person in people if person.age >= SENIOR_AGE)
    if seniors == 0:
        return ZERO
    if status is FilingStatus.MARRIED_FILING_JOINTLY:
        start = rule.phase_out_start_joint
    else:
        start = rule.phase_out_start_other
    reduction = max(ZERO, magi - start) * rule.phase_out_rate
    return seniors * max(ZERO, rule.amount - reduction)


@dataclass(frozen=True, slots=True)
class TaxReturn:
    """One Form 1040: a joint or single return, or one spouse's separate return.

    `deduction` is the total subtracted from AGI: the standard deduction (with any age-65
    addition) or itemized deductions, plus the senior deduction at this AGI.
    """

    members: tuple[int, ...]
    agi: Decimal
    deduction: Decimal
    taxable_income: Decimal
    federal_tax: Decimal


@dataclass(frozen=True, slots=True)
class ScenarioTax:
    total: Decimal
    # Per return: the change in federal tax, and the federal tax with the moves.
    federal_by_return: tuple[Decimal, ...]
    federal_tax_with_moves: tuple[Decimal, ...]


class TaxCalculator:
    """Prices taxable amounts against the household's return(s).

    Federal tax is tax(with) - tax(without) on each return from the year's brackets, or the
    taxable amount times federal_marginal_rate when one is given; state tax is always the
    taxable amount times state_tax_rate. The taxable amounts raise AGI, so a senior deduction
    in its phase-out range shrinks with them.
    """

    def __init__(
        self,
        household: Household,
        table: YearTable,
        compensation: Sequence[Decimal] | None = None,
    ) -> None:
        """compensation: each person's ira_compensation, when the caller has it already."""
        if compensation is None:
            compensation = [ira_compensation(person, table) for person in household.people]
        self.household = household
        self.table = table
        status = household.filing_status
        self.schedule = table.brackets[status]
        people = household.people
        if status is FilingStatus.MARRIED_FILING_SEPARATELY:
            groups: list[tuple[int, ...]] = [(index,) for index in range(len(people))]
        else:
            groups = [tuple(range(len(people)))]
        members_people = [tuple(people[i] for i in members) for members in groups]
        basic = table.standard_deduction[status]
        standard = [
            basic + additional_standard_deduction(table, status, group_people)
            for group_people in members_people
        ]
        # IRC 63(b), (e): itemize only when that beats the standard deduction of the return
        # that holds the household's itemized deductions (the first person's).
        itemized = household.itemized_deductions
        itemizes = itemized is not None and itemized > standard[0]
        self._people_by_return = tuple(members_people)
        # Whether a return can have a senior deduction at all depends only on the year, the
        # filing status and ages: decided once here, since every scenario asks again.
        self._may_have_senior_deduction = tuple(
            table.senior_deduction is not None
            and status is not FilingStatus.MARRIED_FILING_SEPARATELY
            and any(person.age >= SENIOR_AGE for person in group_people)
            for group_people in members_people
        )
        self._base_deduction: list[Decimal] = []
        returns: list[TaxReturn] = []
        for r, members in enumerate(groups):
            # other_income and itemized deductions belong to the first person's return.
            holds_household_items = 0 in members
            # A required Roth catch-up (IRC 414(v)(7)) is not excluded from income.
            agi = sum((compensation[i] for i in members), ZERO)
            if holds_household_items:
                agi += household.other_income
            if itemizes and itemized is not None:
                # IRC 63(c)(6)(A): when one spouse itemizes on a separate return, the other's
                # standard deduction (age-65 addition included) is 0.
                base = itemized if holds_household_items else ZERO
            else:
                base = standard[r]
            self._base_deduction.append(base)
            deduction = self.deduction_at(r, agi)
            taxable_income = max(ZERO, agi - deduction)
            returns.append(
                TaxReturn(
                    members,
                    agi,
                    deduction,
                    taxable_income,
                    line_16_tax(self.schedule, taxable_income),
                )
            )
        self.returns = tuple(returns)
        self.return_of_person = {
            i: r for r, tax_return in enumerate(returns) for i in tax_return.members
        }

    def deduction_at(self, return_index: int, agi: Decimal) -> Decimal:
        """Standard or itemized deduction plus the senior deduction, at this AGI (= MAGI)."""
        if not self._may_have_senior_deduction[return_index]:
            return self._base_deduction[return_index]
        return self._base_deduction[return_index] + senior_deduction(
            self.table, self.household.filing_status, self._people_by_return[return_index], agi
        )

    def taxable_income_at(self, return_index: int, agi: Decimal) -> Decimal:
        """IRC 63(a): AGI less the deductions that go with it, not below 0."""
        return max(ZERO, agi - self.deduction_at(return_index, agi))

    def scenario(self, taxable_by_person: Sequence[Decimal]) -> ScenarioTax:
        household = self.household
        federal_by_return: list[Decimal] = []
        with_moves_by_return: list[Decimal] = []
        for r, tax_return in enumerate(self.returns):
            added = sum((taxable_by_person[i] for i in tax_return.members), ZERO)
            if household.federal_marginal_rate is not None:
                change = added * household.federal_marginal_rate
                with_moves = cents(tax_return.federal_tax + change)
            elif added == ZERO:
                change = ZERO
                with_moves = tax_return.federal_tax
            else:
                with_moves = line_16_tax(
                    self.schedule, self.taxable_income_at(r, tax_return.agi + added)
                )
                change = with_moves - tax_return.federal_tax
            federal_by_return.append(change)
            with_moves_by_return.append(with_moves)
        total_taxable = sum(taxable_by_person, ZERO)
        return ScenarioTax(
            total=cents(sum(federal_by_return, ZERO) + total_taxable * household.state_tax_rate),
            federal_by_return=tuple(federal_by_return),
            federal_tax_with_moves=tuple(with_moves_by_return),
        )

    def share(
        self,
        scenario: ScenarioTax,
        taxable_by_person: Sequence[Decimal],
        person: int,
        amount: Decimal,
    ) -> Decimal:
        """The part of a scenario's tax that one of the person's taxable amounts bears.

        A return's federal tax change is shared in proportion to taxable amounts, so the
        shares add up (to the cent, give or take rounding) to the return's total.
        """
        if amount == ZERO:
            return ZERO
        return_index = self.return_of_person[person]
        members = self.returns[return_index].members
        return_taxable = sum((taxable_by_person[i] for i in members), ZERO)
        federal = scenario.federal_by_return[return_index] * amount / return_taxable
        return cents(federal + amount * self.household.state_tax_rate)


def household_magi(calculator: TaxCalculator) -> Decimal:
    """IRC 1411(d) MAGI (here AGI) of the return that holds the household's other income.

    That is the one return for single, head of household and joint filers, and the first
    person's separate return for married filing separately.
    """
    return calculator.returns[calculator.return_of_person[0]].agi
