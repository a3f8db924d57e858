"""Warnings: each rule names the source that makes it a rule."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache

from planner.engine.compute import Computation
from planner.engine.federal_tax import line_16_tax
from planner.engine.limits import AGE_70_HALF_BARRED, AGE_70_HALF_MAYBE_BARRED
from planner.engine.models import AfterTaxRoute, Severity, Warning
from planner.engine.money import ZERO, cents, format_money

EARLY_DISTRIBUTION_TAX = Decimal("0.10")
LAST_AGE_BEFORE_59_HALF = 59


@cache
def _date(value: date) -> str:
    # Only the year tables' deadlines come here; strftime's %B is slow enough to matter.
    return f"{value:%B} {value.day}, {value.year}"


def _possessive(name: str) -> str:
    return "Your" if name == "You" else f"{name}'s"


def _object(name: str) -> str:
    return "you" if name == "You" else name


def _catch_up_tax(work: Computation, index: int, amount: Decimal) -> Decimal:
    """Federal plus state tax on a catch-up that is taxable pay instead of a pre-tax deferral."""
    household = work.household
    calculator = work.calculator
    tax_return = calculator.returns[calculator.return_of_person[index]]
    if household.federal_marginal_rate is not None:
        federal = amount * household.federal_marginal_rate
    else:
        return_index = calculator.return_of_person[index]
        pretax_income = calculator.taxable_income_at(return_index, tax_return.agi - amount)
        federal = tax_return.federal_tax - line_16_tax(calculator.schedule, pretax_income)
    return cents(federal + amount * household.state_tax_rate)


def plan_warnings(work: Computation) -> list[Warning]:
    household = work.household
    table = work.table
    year = household.tax_year
    calculator = work.calculator
    warnings: list[Warning] = []

    for index, person in enumerate(household.people):
        name = person.name
        whose = _possessive(name)
        whom = _object(name)
        plan = person.plan
        mega = work.mega[index]
        backdoor = work.backdoor_both[index]
        form = backdoor.form_8606

        def add(
            code: str,
            severity: Severity,
            message: str,
            remedy: str | None = None,
            dollar_effect: Decimal | None = None,
            *,
            who: str = name,
        ) -> None:
            warnings.append(Warning(code, severity, message, remedy, dollar_effect, who))

        # IRC 219(d)(1) before the SECURE Act 2019 sec. 107 repeal (tax years before 2020).
        if table.traditional_ira_age_70_half_bar:
            if person.age >= AGE_70_HALF_BARRED:
                add(
                    "age_70_half",
                    Severity.WARNING,
                    f"Age 70½ was reached by the end of {year} (age {person.age}); before 2020 nobody could "
                    "contribute to a traditional IRA in or after that year, so there is no backdoor "
                    f"contribution for {year}.",
                    "A direct Roth IRA contribution has no age limit, if income allows it.",
                )
            elif person.age == AGE_70_HALF_MAYBE_BARRED:
                add(
                    "age_70_half",
                    Severity.WARNING,
                    f"Age 70 in {year}: with a birthday between January 1 and June 30, age 70½ is reached "
                    f"in {year} and no traditional IRA contribution is allowed (the bar applied before 2020).",
                    "Check the birth date before making the contribution.",
                )

        # Plan features for a mega backdoor (Bogleheads wiki; IRS rollovers of after-tax contributions FAQ).
        if plan is None:
            add(
                "no_mega_backdoor",
                Severity.INFO,
                f"No workplace plan was entered for {whom}, so there is no mega backdoor Roth.",
            )
        elif not plan.allows_after_tax:
            add(
                "no_mega_backdoor",
                Severity.INFO,
                f"{whose} plan does not take after-tax (non-Roth) contributions, so there is no mega backdoor Roth.",
            )
        elif not (plan.allows_in_service_distribution or plan.allows_in_plan_roth_conversion):
            add(
                "no_mega_backdoor",
                Severity.INFO,
                f"{whose} plan takes after-tax contributions but allows neither in-service "
                "distributions nor in-plan Roth conversions, so the money cannot reach a Roth account "
                "while working there.",
            )

        if mega.route is AfterTaxRoute.STAY_IN_PLAN and mega.after_tax_contribution > ZERO:
            can_move = plan is not None and (
                plan.allows_in_service_distribution or plan.allows_in_plan_roth_conversion
            )
            add(
                "after_tax_left_in_plan",
                Severity.WARNING,
                f"{format_money(mega.after_tax_contribution)} of after-tax money stays in the plan: "
                "it adds no Roth dollars, and its earnings will be taxed as ordinary income when withdrawn.",
                "Pick in-plan conversion or rollover to a Roth IRA."
                if can_move
                else "Ask the plan to add in-plan Roth conversions or in-service distributions.",
            )

        # IRC 415(c)(1): annual additions are limited to the lesser of the dollar limit and 100%
        # of compensation. Deferrals above it can still be catch-up for someone 50 or older, up
        # to the unused catch-up limit (Treas. Reg. 1.414(v)-1(b)(1)(i)).
        over = mega.annual_additions_before_after_tax - mega.annual_additions_limit
        if plan is not None and over > ZERO:
            deferrals_without_catch_up = plan.pretax_deferral + plan.roth_deferral - mega.catch_up
            over -= min(over, mega.catch_up_limit - mega.catch_up, deferrals_without_catch_up)
        if plan is not None and over > ZERO:
            add(
                "annual_additions_over_limit",
                Severity.DANGER,
                f"{whose} annual additions for {year} before any after-tax money (deferrals without "
                f"catch-up, employer contributions and forfeitures) come to "
                f"{format_money(mega.annual_additions_before_after_tax)}, which is "
                f"{format_money(over)} over the {format_money(mega.annual_additions_limit)} limit: the "
                f"lesser of {format_money(table.annual_additions)} and 100% of compensation "
                "(IRC 415(c)(1)).",
                f"The plan must correct the {format_money(over)} excess, for example by refunding "
                "deferrals with their earnings or by a correction under EPCRS (Rev. Proc. 2021-30); "
                "lower the deferrals or ask the plan administrator before the year ends.",
                over,
            )

        # IRC 401(m) ACP test; HCE by prior-year pay above the 414(q) figure (IRS 401(k) Fix-It Guide).
        if mega.after_tax_contribution > ZERO:
            pay = person.prior_year_fica_wages
            estimated = pay is None
            pay = person.compensation if pay is None else pay
            if pay > table.hce_threshold_lookback:
                add(
                    "acp_refund_risk",
                    Severity.WARNING,
                    f"{whose} {year - 1} pay of {format_money(pay)}"
                    f"{' (estimated from this year’s pay)' if estimated else ''} is above "
                    f"{format_money(table.hce_threshold_lookback)}, which makes {whom} a likely highly "
                    "compensated employee (IRC 414(q)). After-tax "
                    "contributions are ACP-tested (IRC 401(m)), and a failed test can force a refund "
                    "after the year ends, even in a safe-harbor plan.",
                    "Ask the plan administrator whether the plan passes the ACP test or caps HCE after-tax contributions.",
                    mega.after_tax_contribution,
                )

        # IRC 414(v)(7) (SECURE 2.0 sec. 603); Notice 2023-62 transition relief through 2025.
        threshold = table.roth_catch_up_wage_threshold
        if plan is not None and mega.catch_up > ZERO and threshold is not None:
            pretax_catch_up = min(
                plan.pretax_deferral, max(ZERO, mega.catch_up - plan.roth_deferral)
            )
            wages = person.prior_year_fica_wages
            estimated = wages is None
            wages = person.compensation if wages is None else wages
            if pretax_catch_up > ZERO and wages > threshold:
                wage_text = (
                    f"{whose} {year - 1} FICA wages from this employer "
                    f"({format_money(wages)}{', estimated from this year’s pay' if estimated else ''}) "
                    f"exceed {format_money(threshold)}"
                )
                if table.roth_catch_up_enforced:
                    # The plan treats it as Roth, so it stays in AGI (compute.ira_compensation);
                    # the effect is the tax on it compared with a pre-tax catch-up.
                    extra_tax = _catch_up_tax(work, index, pretax_catch_up)
                    add(
                        "roth_catch_up_required",
                        Severity.WARNING,
                        f"{wage_text}, so the {format_money(pretax_catch_up)} catch-up for {year} must be "
                        "a Roth deferral (IRC 414(v)(7), SECURE 2.0 section 603). The plan counts it "
                        f"as taxable pay, not a pre-tax deferral: about {format_money(extra_tax)} more "
                        f"tax for {year}.",
                        f"Move {format_money(pretax_catch_up)} from pre-tax to Roth deferrals.",
                        extra_tax,
                    )
                else:
                    add(
                        "roth_catch_up_required",
                        Severity.INFO,
                        f"{wage_text}. From 2026 such catch-ups must be Roth (IRC 414(v)(7)), but the "
                        f"transition relief of Notice 2023-62 still allows a pre-tax catch-up in {year}.",
                    )

        # IRC 408A(c)(3); Pub. 590-A Worksheet 2-2.
        if backdoor.direct_roth_allowed > ZERO:
            phase_out = work.phase_outs[index]
            add(
                "direct_roth_possible",
                Severity.INFO,
                f"A direct Roth IRA contribution of up to {format_money(backdoor.direct_roth_allowed)} "
                f"is allowed for {whom} for {year}: modified AGI of {format_money(backdoor.magi)} is below the top of the "
                f"{format_money(phase_out.low)}–{format_money(phase_out.high)} phase-out, so no backdoor "
                "is needed for that amount.",
                "Contribute to the Roth IRA directly instead of contributing to a traditional IRA and converting.",
            )

        # TCJA conference report, H.R. Rep. No. 115-466 (contribute to a traditional IRA, then convert).
        if backdoor.nondeductible_contribution > ZERO and backdoor.conversion > ZERO:
            add(
                "step_transaction",
                Severity.INFO,
                "The conference report on the 2017 tax act describes contributing to a traditional IRA "
                "and converting it to a Roth IRA as allowed, so no waiting period is needed; no IRS "
                "ruling formally blesses the backdoor, and the pro-rata rule applies however long you wait.",
            )

        # Instructions for Form 8606, lines 3, 4 and 8: a conversion counts in the calendar
        # year it happens, so next year's contribution is converted (and reported) next year.
        if person.ira.contribution_made_next_year and backdoor.nondeductible_contribution > ZERO:
            if backdoor.conversion == ZERO:
                placement = (
                    f"it goes on the {year} Form 8606 line 1 and, with no conversion in {year}, "
                    "Part I stops at line 3 and the whole basis is carried forward on line 14. "
                    f"The conversion happens in {year + 1}, after the contribution, and goes on the "
                    f"{year + 1} Form 8606 (line 8), where this basis enters on line 2."
                )
            else:
                placement = (
                    "it goes on Form 8606 lines 1 and 4, stays out of this year's pro-rata basis, "
                    f"and is carried forward on line 14 as basis for next year's form. The "
                    f"{format_money(backdoor.conversion)} converted in {year} is other IRA money; this "
                    f"contribution itself can only be converted in {year + 1}."
                )
            add(
                "contribution_next_year",
                Severity.INFO,
                f"The {format_money(backdoor.nondeductible_contribution)} contribution for {year} is "
                f"made between January 1 and {_date(table.ira_contribution_deadline)}: {placement}",
                f"Make the contribution by {_date(table.ira_contribution_deadline)} and convert it in {year + 1}.",
            )

        # Form 8606 lines 6-11 (pro-rata rule, IRC 408(d)(2)); roll-in of pre-tax money only, IRC 408(d)(3)(A)(ii).
        if (
            form is not None
            and form.line_6 is not None
            and form.line_6 > ZERO
            and backdoor.conversion > ZERO
            and backdoor.taxable_amount > ZERO
        ):
            person_tax = calculator.share(
                work.tax_both, work.taxable_both, index, backdoor.taxable_amount
            )
            message = (
                f"{whose} traditional, SEP and SIMPLE IRAs hold {format_money(form.line_6)} on December 31, "
                f"so under the pro-rata rule {format_money(backdoor.taxable_amount)} of the "
                f"{format_money(backdoor.conversion)} conversion is taxable (Form 8606 lines 6–18)."
            )
            if plan is not None and plan.accepts_ira_rollins and not person.ira.roll_into_plan:
                rolled = work.form_8606_for(
                    index, mega.earnings_to_traditional_ira, roll_into_plan=True
                )
                # The same conversion as above, so the form has its Part II (line 18).
                assert rolled.form is not None
                taxable = list(work.taxable_both)
                taxable[index] = mega.taxable_amount + rolled.form.line_18
                saving = work.tax_both.total - calculator.scenario(taxable).total
                add(
                    "pro_rata",
                    Severity.WARNING,
                    message,
                    f"Roll the pre-tax IRA money ({format_money(rolled.rolled_into_plan)}) into the 401(k) "
                    f"before December 31; only pre-tax money may go, and the basis stays behind. "
                    # Not a permanent saving: without the roll-in the unused basis is carried
                    # forward (Form 8606 line 14) and shelters later years' conversions.
                    f"That cuts this year's tax by {format_money(saving)} (without it, "
                    f"{format_money(backdoor.basis_carried_forward)} of basis carries forward to "
                    "later years).",
                    saving,
                )
            else:
                add(
                    "pro_rata",
                    Severity.WARNING,
                    message,
                    None
                    if person.ira.roll_into_plan
                    else "The pre-tax IRA money cannot be rolled into a workplace plan (see the next note).",
                    person_tax,
                )
                if not person.ira.roll_into_plan:
                    add(
                        "rollin_not_accepted",
                        Severity.INFO,
                        (
                            f"{whose} workplace plan does not accept roll-ins of IRA money"
                            if plan is not None
                            else f"No workplace plan was entered for {whom} to roll IRA money into"
                        )
                        + ", so the pre-tax IRA balance stays in the pro-rata calculation.",
                        "Ask whether the plan (or another employer plan you can join) takes IRA roll-ins, "
                        "or weigh skipping the backdoor this year.",
                    )

        # Notice 2014-54 earnings in a traditional IRA enter Form 8606 line 6 (golden case i3).
        alone = work.backdoor_alone[index]
        if (
            mega.earnings_to_traditional_ira > ZERO
            and backdoor.taxable_amount > alone.taxable_amount
        ):
            converted = list(work.taxable_both)
            converted[index] = mega.earnings + alone.taxable_amount
            effect = work.tax_both.total - calculator.scenario(converted).total
            extra_taxable = backdoor.taxable_amount - alone.taxable_amount
            if effect > ZERO:
                comparison = f"Converting the earnings with the contributions instead would save {format_money(effect)}."
            else:
                comparison = f"Converting the earnings with the contributions instead would cost {format_money(-effect)} more."
            rollin = (
                " Rolling the traditional IRA into the 401(k) before December 31, or sending the earnings "
                "to a pre-tax plan account, avoids both costs."
                if plan is not None and plan.accepts_ira_rollins
                else " Sending the earnings to a pre-tax plan account avoids both costs."
            )
            add(
                "split_earnings_contaminate_backdoor",
                Severity.WARNING,
                f"The {format_money(mega.earnings_to_traditional_ira)} of after-tax earnings sent to a "
                "traditional IRA (Notice 2014-54) is still there on December 31, so it enters Form 8606 "
                f"line 6 and makes {format_money(extra_taxable)} of the backdoor conversion taxable.",
                comparison + rollin,
                effect,
            )

        # IRC 408A(d)(3)(F) (Roth IRA) and 402A(c)(4)(D) (in-plan rollover): 10% tax within five years.
        taxable_converted = mega.taxable_amount + backdoor.taxable_amount
        if person.age <= LAST_AGE_BEFORE_59_HALF and taxable_converted > ZERO:
            add(
                "five_year_rule",
                Severity.INFO,
                f"{format_money(taxable_converted)} of the conversions this year is taxable. Each "
                "conversion's taxable part has its own five-year clock: withdrawing it before age 59½ "
                f"and before January 1, {year + 5} costs a 10% additional tax.",
                f"Leave the converted money in the Roth account until January 1, {year + 5} or age 59½.",
                cents(taxable_converted * EARLY_DISTRIBUTION_TAX),
            )
    return warnings
