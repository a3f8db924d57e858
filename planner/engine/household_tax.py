"""The household's federal and state income tax: deductions, returns, and what the moves cost."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from planner.engine.federal_tax import line_16_tax
from planner.engine.limits import SENIOR_AGE, ira_compensation
from planner.engine.models import FilingStatus, Household, Person
from planner.engine.money import CENT, ZERO, cents
from planner.engine.tables import YearTable


def additional_standard_deduction(
    table: YearTable, status: FilingStatus, people: Sequence[Person]
) -> Decimal:
    """IRC 63(f)(1)(A), (3): the extra standard deduction for each person on the return aged 65+.

    Unmarried filers (single, head of household) get the unmarried amount; on a married
    return each listed spouse aged 65+ adds the married amount (on a separate return that is
    only the person it belongs to). A qualifying surviving spouse gets the married amount:
    IRC 63(f)(3) raises it only for one "not married and ... not a surviving spouse".
    Blindness (IRC 63(f)(2)) is not modelled.
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
    not the return itemizes; married people get it only on a joint return. A qualifying
    surviving spouse files no joint return, so the other ($75,000) start applies.
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


def section_68_reduction(
    itemized: Decimal,
    income_before_itemized: Decimal,
    threshold: Decimal,
    rate: Decimal | None,
) -> Decimal:
    """IRC 68(a)-(b) as rewritten by OBBBA (P.L. 119-21 sec. 70111(a)), tax years after 2025.

    Itemized deductions are reduced by 2/37 of the lesser of (1) those deductions or (2)
    taxable income determined without sec. 68 and increased by those deductions (here AGI less
    the senior deduction: `income_before_itemized`) above where the 37% bracket begins.
    Rounded down to the cent, so it never exceeds 2/37 of the deductions.
    """
    if rate is None or itemized <= ZERO:
        return ZERO
    excess = max(ZERO, income_before_itemized - threshold)
    return (rate * min(itemized, excess)).quantize(CENT, ROUND_DOWN)


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
        distributions: Sequence[Decimal] | None = None,
    ) -> None:
        """compensation: each person's ira_compensation, when the caller has it already;
        distributions: each person's taxable IRA distributions (the RMD's Form 8606 line 15a),
        income whether or not the moves happen."""
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
        itemized = household.itemized_deductions
        self._people_by_return = tuple(members_people)
        # Whether a return can have a senior deduction at all depends only on the year, the
        # filing status and ages: decided once here, since every scenario asks again.
        self._may_have_senior_deduction = tuple(
            table.senior_deduction is not None
            and status is not FilingStatus.MARRIED_FILING_SEPARATELY
            and any(person.age >= SENIOR_AGE for person in group_people)
            for group_people in members_people
        )
        # IRC 68(b)(1)(B): the income above "the amount at which the 37 percent rate bracket
        # begins" for the return's filing status.
        self.section_68_threshold = self.schedule.upper_edges[-1]
        # other_income and itemized deductions belong to the first person's return.
        # A required Roth catch-up (IRC 414(v)(7)) is not excluded from income.
        if distributions is None:
            distributions = [ZERO] * len(people)
        agis = [
            sum((compensation[i] + distributions[i] for i in members), ZERO)
            + (household.other_income if 0 in members else ZERO)
            for members in groups
        ]
        self._standard = standard
        self._itemized = [itemized if 0 in members else None for members in groups]
        if itemized is not None and len(groups) > 1 and self.itemizes_at(0, agis[0]):
            # IRC 63(c)(6)(A): when one spouse itemizes on a separate return, the other's
            # standard deduction (age-65 addition included) is 0. Decided at the income without
            # the moves, since the other spouse's return cannot follow each what-if.
            self._standard = [standard[0], *(ZERO for _ in groups[1:])]
        returns: list[TaxReturn] = []
        for r, members in enumerate(groups):
            agi = agis[r]
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
        # A plan prices the same taxable amounts several times (each strategy alone, both, the
        # decision, the "not sure" branches); equal amounts have equal tax.
        self._scenarios: dict[tuple[Decimal, ...], ScenarioTax] = {}

    def _senior_deduction_at(self, return_index: int, agi: Decimal) -> Decimal:
        if not self._may_have_senior_deduction[return_index]:
            return ZERO
        return senior_deduction(
            self.table, self.household.filing_status, self._people_by_return[return_index], agi
        )

    def section_68_reduction_at(self, return_index: int, agi: Decimal) -> Decimal:
        """The IRC 68 reduction of the return's itemized deductions at this AGI (0 if none)."""
        itemized = self._itemized[return_index]
        if itemized is None:
            return ZERO
        return section_68_reduction(
            itemized,
            agi - self._senior_deduction_at(return_index, agi),
            self.section_68_threshold,
            self.table.itemized_deduction_reduction_rate,
        )

    def itemizes_at(self, return_index: int, agi: Decimal) -> bool:
        """IRC 63(b), (e): itemize only when the itemized deductions, after the IRC 68
        reduction at this AGI, beat the standard deduction."""
        itemized = self._itemized[return_index]
        if itemized is None:
            return False
        reduced = itemized - self.section_68_reduction_at(return_index, agi)
        return reduced > self._standard[return_index]

    def deduction_at(self, return_index: int, agi: Decimal) -> Decimal:
        """Standard or (reduced) itemized deduction plus the senior deduction, at this AGI (= MAGI)."""
        if self.itemizes_at(return_index, agi):
            itemized = self._itemized[return_index]
            assert itemized is not None
            base = itemized - self.section_68_reduction_at(return_index, agi)
        else:
            base = self._standard[return_index]
        return base + self._senior_deduction_at(return_index, agi)

    def taxable_income_at(self, return_index: int, agi: Decimal) -> Decimal:
        """IRC 63(a): AGI less the deductions that go with it, not below 0."""
        return max(ZERO, agi - self.deduction_at(return_index, agi))

    def scenario(self, taxable_by_person: Sequence[Decimal]) -> ScenarioTax:
        key = tuple(taxable_by_person)
        found = self._scenarios.get(key)
        if found is None:
            found = self._scenarios[key] = self._price(key)
        return found

    def _price(self, taxable_by_person: tuple[Decimal, ...]) -> ScenarioTax:
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
