"""Keep docs/benchmarks.md as named sections, so each benchmark rewrites only its own part."""

import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
HEADER = (
    "# Benchmarks\n\nFigures from this repository's benchmark scripts. Each section says the command, "
    "the machine and how many runs made it.\n"
)


def write_section(title: str, body: str) -> None:
    text = DOC.read_text() if DOC.exists() else HEADER
    section = f"## {title}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(section + "\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + section
    DOC.write_text(text.rstrip() + "\n")
    print(f"wrote section '{title}' of {DOC}")


def percentile(values, p: float) -> float:
    """The p-th percentile by nearest rank (0 for no values)."""
    values = sorted(values)
    if not values:
        return 0.0
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]
