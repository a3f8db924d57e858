"""House style section 8 item 5: the engine imports no Django."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_it_imports_the_engine_without_django() -> None:
    code = "import planner.engine, sys; print([m for m in sys.modules if m.startswith('django')])"
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == "[]"
