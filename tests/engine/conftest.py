from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The engine is imported without Django or an installed package; make the repo root importable.
REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))


TEST_YEAR_FILE = REPO_ROOT / "tests" / "data" / "tax-year-2027-test.json"


@pytest.fixture
def tables_with_2027() -> Iterator[None]:
    """2027 figures loaded as `manage.py load_tax_year` would; made-up test figures, not the IRS's."""
    from planner.engine.tables import install_loaded

    install_loaded([json.loads(TEST_YEAR_FILE.read_text(encoding="utf-8"))])
    yield
    install_loaded([])
