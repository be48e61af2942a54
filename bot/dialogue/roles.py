"""Who is writing, from the words of a message (data/dialogue/role_cues.yml). Pure, no Rasa.

"My patients..." or "our service..." suggest a professional, "my mum..." a carer, "my back..." a
patient. None means the words don't say, and the assistant asks.
"""

from __future__ import annotations

import functools
from pathlib import Path
from re import Pattern

from bot import DATA_DIR
from bot.datafiles import compile_patterns, load_yaml

ROLE_CUES_FILE = DATA_DIR / "dialogue" / "role_cues.yml"
ROLES = ("professional", "carer", "patient")


class RoleCuesError(ValueError):
    """The role cues file is malformed; the message names the role and pattern."""


@functools.lru_cache(maxsize=2)
def load_role_cues(path: Path = ROLE_CUES_FILE) -> tuple[tuple[str, tuple[Pattern[str], ...]], ...]:
    raw: dict[str, list] = load_yaml(path, RoleCuesError) or {}
    if set(raw) != set(ROLES):
        raise RoleCuesError(f"{path}: needs exactly the roles {ROLES}, found {sorted(raw)}")
    return tuple((role, compile_patterns(raw[role], RoleCuesError, path, role)) for role in ROLES)


def role_from_words(text: str) -> str | None:
    """ "professional", "carer" or "patient" when the message says so; None otherwise."""
    lowered = " ".join((text or "").lower().replace("\u2019", "'").split())
    for role, patterns in load_role_cues():
        if any(p.search(lowered) for p in patterns):
            return role
    return None
