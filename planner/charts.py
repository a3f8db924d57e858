"""Geometry for the results charts, drawn as server-side SVG (no script, no inline style)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from planner.engine import Projection, Totals
from planner.engine.vocabulary import STRATEGY_LABELS

WIDTH = 640
HEIGHT = 300
LEFT, RIGHT, TOP, BOTTOM = 72, 16, 16, 40


@dataclass(frozen=True)
class Tick:
    x: float
    y: float
    label: str


def _nice_step(maximum: float, count: int = 4) -> float:
    raw = maximum / count if maximum > 0 else 1
    magnitude = 10 ** (len(str(int(raw))) - 1)
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * magnitude:
            return multiple * magnitude
    return 10 * magnitude


def _short_money(amount: float) -> str:
    if amount >= 1_000_000:
        return f"${amount / 1_000_000:.1f}M".replace(".0M", "M")
    if amount >= 1_000:
        return f"${amount / 1_000:.0f}k"
    return f"${amount:.0f}"


def projection_chart(projection: Projection) -> dict[str, Any] | None:
    """Two lines, Roth and taxable account, over the years to retirement."""
    by_year = projection.by_year
    if len(by_year) < 2:
        return None
    roth = [float(row.roth_value) for row in by_year]
    taxable = [float(row.taxable_account_value) for row in by_year]
    top = max(max(roth), max(taxable))
    if top <= 0:
        return None
    step = _nice_step(top)
    y_max = step * (int(top / step) + 1)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    last = len(by_year) - 1

    def x(index: int) -> float:
        return round(LEFT + plot_w * index / last, 1)

    def y(value: float) -> float:
        return round(TOP + plot_h * (1 - value / y_max), 1)

    def points(values: list[float]) -> str:
        return " ".join(f"{x(i)},{y(v)}" for i, v in enumerate(values))

    y_ticks = [
        Tick(LEFT, y(step * n), _short_money(step * n)) for n in range(int(y_max / step) + 1)
    ]
    every = max(1, last // 5)
    x_ticks = [Tick(x(i), HEIGHT - BOTTOM, str(i)) for i in range(0, last + 1, every)]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "top": TOP,
        "bottom": HEIGHT - BOTTOM,
        "roth_points": points(roth),
        "taxable_points": points(taxable),
        "y_ticks": y_ticks,
        "x_ticks": x_ticks,
        "roth_end": (x(last), y(roth[-1])),
        "taxable_end": (x(last), y(taxable[-1])),
    }


def tax_vs_roth_chart(totals: Totals) -> dict[str, Any] | None:
    """Grouped bars: Roth dollars added and tax due now, for each strategy."""
    blocks = [(label, getattr(totals, key)) for key, label in STRATEGY_LABELS.items()]
    rows = [(label, block.roth_added, block.tax_due) for label, block in blocks]
    top = float(max(max(r[1], r[2]) for r in rows))
    if top <= 0:
        return None
    step = _nice_step(top)
    y_max = step * (int(top / step) + 1)
    plot_h = HEIGHT - TOP - BOTTOM
    group_w = (WIDTH - LEFT - RIGHT) / len(rows)
    bar_w = group_w * 0.3

    def height(value: Decimal) -> float:
        return round(plot_h * float(value) / y_max, 1)

    groups = []
    for index, (label, roth, tax) in enumerate(rows):
        start = LEFT + group_w * index + group_w * 0.15
        groups.append(
            {
                "label": label,
                "label_x": round(LEFT + group_w * (index + 0.5), 1),
                "roth": {
                    "x": round(start, 1),
                    "h": height(roth),
                    "y": round(HEIGHT - BOTTOM - height(roth), 1),
                    "value": roth,
                },
                "tax": {
                    "x": round(start + bar_w + 4, 1),
                    "h": height(tax),
                    "y": round(HEIGHT - BOTTOM - height(tax), 1),
                    "value": tax,
                },
            }
        )
    y_ticks = [
        Tick(LEFT, round(TOP + plot_h * (1 - step * n / y_max), 1), _short_money(step * n))
        for n in range(int(y_max / step) + 1)
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "bottom": HEIGHT - BOTTOM,
        "bar_width": round(bar_w, 1),
        "groups": groups,
        "y_ticks": y_ticks,
    }
