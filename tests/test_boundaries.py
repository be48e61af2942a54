"""The domain packages work without Rasa: importing them loads no Rasa module (the adapters are
bot/nlu/components.py, bot/dialogue/policy.py and bot/channels/, and the actions)."""

import subprocess
import sys

import pytest

DOMAIN_MODULES = [
    "bot.knowledge",
    "bot.directory",
    "bot.places",
    "bot.safety",
    "bot.safety.assess",
    "bot.insights",
    "bot.answers",
    "bot.dialogue.followups",
    "bot.dialogue.offers",
    "bot.dialogue.roles",
    "bot.dialogue.area_names",
]


@pytest.mark.parametrize("module", DOMAIN_MODULES)
def test_domain_module_imports_no_rasa(module):
    code = (
        f"import sys, {module}; bad = sorted(m for m in sys.modules if m == 'rasa' or m.startswith(('rasa.', 'rasa_sdk')));"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, f"{module} imports {result.stdout.strip()} {result.stderr[-500:]}"
