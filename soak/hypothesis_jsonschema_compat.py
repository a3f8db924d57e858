"""hypothesis-jsonschema 0.23.1 (its latest release) draws an object's keys with
`cu.many(...).more()`, an internal of Hypothesis that Hypothesis 6.170 replaced with a
with/for API. This gives it the old two-method object over the same choice sequence.
Import `from_schema` from here; drop this file once hypothesis-jsonschema catches up."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import hypothesis_jsonschema._from_schema as _from_schema
from hypothesis.internal.conjecture.utils import _calc_p_continue
from hypothesis_jsonschema import from_schema

__all__ = ["from_schema"]


class LegacyMany:
    def __init__(self, data: Any, min_size: int, max_size: float, average_size: float) -> None:
        self.data = data
        self.min_size, self.max_size = min_size, max_size
        self.p_continue = _calc_p_continue(average_size - min_size, max_size - min_size)
        self.count = 0
        self.rejections = 0
        self.stopped = False

    def more(self) -> bool:
        if self.stopped:
            return False
        forced = None
        if self.count < self.min_size:
            forced = True
        elif self.count >= self.max_size:
            forced = False
        p = self.p_continue if forced is None else (1.0 if forced else 0.0)
        if forced is None and not 0 < p < 1:
            forced = p >= 1
        go = self.data.draw_boolean(p if 0 < p < 1 else 0.5, forced=forced)
        self.count += go
        return go

    def reject(self) -> None:
        self.count -= 1
        self.rejections += 1
        if self.rejections > max(3, 2 * self.count):
            if self.count < self.min_size:
                self.data.mark_invalid()
            self.stopped = True


if not hasattr(_from_schema.cu.many, "more"):
    _from_schema.cu = SimpleNamespace(many=LegacyMany)
