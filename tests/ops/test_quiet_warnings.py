"""Sanic turns deprecation notices back on when it is imported; `keep_ignoring_warnings` turns them off
again when the person asked for that, and only then."""

import subprocess
import sys

import pytest

from bot import REPO_ROOT

WARN = "import warnings; warnings.warn('old API', DeprecationWarning)"


def stderr_of(code: str, warnings_option: str) -> str:
    env = {"PYTHONWARNINGS": warnings_option, "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stderr


def test_importing_sanic_alone_brings_deprecation_notices_back():
    assert "old API" in stderr_of(f"import sanic.app; {WARN}", "ignore")


def test_keep_ignoring_warnings_silences_them_after_sanic():
    code = f"from bot.ops.quiet_warnings import keep_ignoring_warnings; assert keep_ignoring_warnings(); {WARN}"
    assert "old API" not in stderr_of(code, "ignore")


@pytest.mark.parametrize("option", ["default", "always"])
def test_asking_for_warnings_still_shows_them(option):
    code = f"from bot.ops.quiet_warnings import keep_ignoring_warnings; assert not keep_ignoring_warnings(); {WARN}"
    assert "old API" in stderr_of(code, option)


def test_a_deprecation_that_is_also_a_user_warning_stays_quiet_after_rasa_shows_user_warnings_once():
    """pyparsing's deprecations are UserWarnings too, and Rasa's command line shows UserWarnings once."""
    code = (
        "from bot.ops.quiet_warnings import keep_ignoring_warnings; keep_ignoring_warnings(); import warnings; "
        "warnings.filterwarnings('once', category=UserWarning); "
        "Old = type('OldParser', (UserWarning, DeprecationWarning), {}); warnings.warn('old parser', Old); "
        "warnings.warn('a real problem', UserWarning)"
    )
    stderr = stderr_of(code, "ignore")
    assert "old parser" not in stderr and "a real problem" in stderr
