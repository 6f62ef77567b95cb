"""Every make target a maintainer uses runs to its end without a traceback (make check, stale,
coverage, schema), with the installed environment (the venv's own install step is skipped)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT

BIN = Path(sys.executable).parent


@pytest.mark.parametrize("target", ["check", "stale", "coverage", "schema"])
def test_make_target_runs(target: str, tmp_path: Path) -> None:
    """Assert that the target exits 0 and prints no traceback."""
    result = subprocess.run(
        ["make", "-s", target, "STAMP=", f"BIN={BIN}"], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-2000:]
    assert result.returncode == 0, output[-2000:]
