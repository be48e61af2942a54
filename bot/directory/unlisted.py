"""Kinds of support people ask for that the directory has nothing for yet (data/services/unlisted_needs.yml).

A search for one is answered honestly ("I don't have any services just for veterans in my directory yet")
and then with everything the directory has near the person, rather than with a silent search for any kind.
"""

from __future__ import annotations

import functools
from pathlib import Path

from bot import DATA_DIR
from bot.datafiles import load_yaml
from bot.directory.records import CATEGORIES

UNLISTED_FILE = DATA_DIR / "services" / "unlisted_needs.yml"


class UnlistedNeedsError(ValueError):
    """The unlisted needs file is invalid; the message names the need and the field."""


@functools.lru_cache(maxsize=2)
def unlisted_needs(path: Path = UNLISTED_FILE) -> dict[str, str]:
    """Each unlisted need's value (as the `support_kind` entity gives it) and its label, checked on load."""
    data = load_yaml(path, UnlistedNeedsError)
    needs = data.get("needs") if isinstance(data, dict) else None
    if not isinstance(needs, dict) or not needs:
        raise UnlistedNeedsError(f"{path}: expected a non-empty 'needs:' mapping")
    labels = {}
    for value, entry in needs.items():
        if value in CATEGORIES or value == "any":
            raise UnlistedNeedsError(f"{path}: need {value!r} is a directory category, so it is not unlisted")
        label = entry.get("label") if isinstance(entry, dict) else None
        if not isinstance(label, str) or not label.strip():
            raise UnlistedNeedsError(f"{path}: need {value!r} has no 'label'")
        labels[str(value)] = label.strip()
    return labels
