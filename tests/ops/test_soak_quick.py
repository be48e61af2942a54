"""The short soak: concurrent conversations, hostile requests and faults (devtools/soak.py --quick)."""

import subprocess
import sys

from bot import REPO_ROOT


def test_quick_soak_passes():
    result = subprocess.run(
        [sys.executable, "-m", "devtools.soak", "--quick"], capture_output=True, text=True, timeout=900, cwd=REPO_ROOT
    )
    lines = [l for l in result.stdout.splitlines() if l.startswith(("load", "hostile", "faults", "PASS", "FAIL"))]
    assert result.returncode == 0 and lines[-1] == "PASS", "\n".join(lines) + result.stderr[-2000:]
