"""Faithful and in our own words: every number in the knowledge base is in the guide, and no run of
twelve words is copied from it (the project's own-words check, run on the whole repository)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.knowledge import KNOWLEDGE_DIR

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT.parent / "shared" / "guide" / "guide.txt"
CHECK = ROOT.parent / "shared" / "tools" / "verbatim_check.py"
NUMBER = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")


def numbers(text: str) -> set:
    return {m.rstrip(",").replace(",", "") for m in NUMBER.findall(text)}


def test_the_guide_is_beside_the_checkout():
    assert GUIDE.is_file(), f"expected the guide at {GUIDE}"


@pytest.mark.parametrize("path", sorted(KNOWLEDGE_DIR.rglob("*.yml")), ids=lambda p: p.name)
def test_every_number_in_the_knowledge_base_appears_in_the_guide(path):
    guide_numbers = numbers(GUIDE.read_text(encoding="utf-8"))
    extra = numbers(path.read_text(encoding="utf-8")) - guide_numbers
    assert not extra, f"{path.name} has numbers the guide does not: {sorted(extra)}"


def test_number_check_catches_an_invented_figure(tmp_path):
    invented = numbers("Around 73.5% of patients, 12,345 in all")
    assert invented - numbers(GUIDE.read_text(encoding="utf-8")) == {"73.5", "12345"}


def test_nothing_is_copied_from_the_guide():
    result = subprocess.run([sys.executable, str(CHECK), str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
