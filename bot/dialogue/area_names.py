"""Plain names for the six areas (data/dialogue/area_names.yml), for patients and carers."""

from __future__ import annotations

import functools
from pathlib import Path

from bot import DATA_DIR
from bot.datafiles import load_yaml
from bot.knowledge import AREA_IDS

AREA_NAMES_FILE = DATA_DIR / "dialogue" / "area_names.yml"


class AreaNamesError(ValueError):
    """The plain names file is incomplete or malformed."""


@functools.lru_cache(maxsize=2)
def plain_area_names(path: Path = AREA_NAMES_FILE) -> dict[str, str]:
    names = load_yaml(path, AreaNamesError) or {}
    missing = sorted(set(AREA_IDS) - set(names))
    unknown = sorted(set(names) - set(AREA_IDS))
    if missing or unknown or not all(isinstance(v, str) and v.strip() for v in names.values()):
        raise AreaNamesError(f"{path}: needs one non-empty name for each area (missing {missing}, unknown {unknown})")
    return dict(names)
