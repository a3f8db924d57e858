from __future__ import annotations

import sys
from pathlib import Path

# The engine is imported without Django or an installed package; make the repo root importable.
REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))
