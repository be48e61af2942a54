"""Read `data/knowledge/` once, validate it, and hand back a `KnowledgeBase`.

Any problem stops the load with a `KnowledgeBaseError` that lists every error found, each naming the
file, the entry and the field: serving half the content would be worse than not starting.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from bot import DATA_DIR
from bot.datafiles import load_yaml
from bot.knowledge.models import AREA_IDS, About, Area, Principles

KNOWLEDGE_DIR = DATA_DIR / "knowledge"


class KnowledgeBaseError(Exception):
    """The knowledge base files are missing or invalid. `errors` holds one line per problem."""

    def __init__(self, errors: Sequence[str]):
        self.errors = list(errors)
        super().__init__(f"The knowledge base is invalid ({len(self.errors)} problem(s)):\n  " + "\n  ".join(self.errors))


def _describe_location(raw: Any, loc: tuple[Any, ...]) -> str:
    """Turn pydantic's ('examples', 2, 'what_they_did') into "examples[2] (lk_x): field 'what_they_did'"."""
    parts: list[str] = []
    node = raw
    for i, step in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(step, int):
            label = f"[{step}]"
            node = node[step] if isinstance(node, list) and step < len(node) else None
            if isinstance(node, dict) and node.get("id"):
                label += f" ({node['id']})"
            elif isinstance(node, dict) and node.get("title"):
                label += f" ({node['title'][:40]})"
            parts.append(label)
        elif last:
            parts.append(f": field '{step}'")
        else:
            parts.append(f".{step}" if parts else str(step))
            node = node.get(step) if isinstance(node, dict) else None
    text = "".join(parts)
    return "top level" + text if text.startswith(":") else text


class _Unreadable(Exception):
    """A file that cannot be read; collected with the other problems rather than raised alone."""


def _validate(path: Path, model: type[BaseModel], errors: list[str]) -> Any:
    try:
        raw = load_yaml(path, _Unreadable, name=_rel(path))
    except _Unreadable as exc:
        errors.append(str(exc))
        return None
    if not isinstance(raw, dict):
        errors.append(f"{_rel(path)}: expected a mapping at the top level")
        return None
    try:
        return model.parse_obj(raw)
    except ValidationError as exc:
        for err in exc.errors():
            where = _describe_location(raw, tuple(err["loc"]))
            msg = "is missing" if err["type"] == "value_error.missing" else err["msg"]
            if err["type"] == "value_error.extra":
                msg = "is not a known field"
            errors.append(f"{_rel(path)}: {where} {msg}")
        return None


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(DATA_DIR.parent))
    except ValueError:
        return str(path)


def _check_unique_ids(area: Area, path: Path, errors: list[str]) -> None:
    for part in ("what_to_try", "challenges", "examples"):
        seen = set()
        for entry in getattr(area, part):
            if entry.id in seen:
                errors.append(f"{_rel(path)}: {part} ({entry.id}): id is used twice")
            seen.add(entry.id)


def load_files(directory: Path = KNOWLEDGE_DIR) -> tuple[dict[str, Area], Principles, About]:
    """Validate every file; raise `KnowledgeBaseError` listing all problems, or return the parts."""
    errors: list[str] = []
    areas: dict[str, Area] = {}
    for area_id in AREA_IDS:
        path = directory / "areas" / f"{area_id}.yml"
        area = _validate(path, Area, errors)
        if area is None:
            continue
        if area.id != area_id:
            errors.append(f"{_rel(path)}: field 'id' is '{area.id}' but the file is for '{area_id}'")
            continue
        _check_unique_ids(area, path, errors)
        areas[area_id] = area
    unexpected = (
        sorted(p.name for p in (directory / "areas").glob("*.yml") if p.stem not in AREA_IDS)
        if (directory / "areas").is_dir()
        else []
    )
    for name in unexpected:
        errors.append(f"{_rel(directory / 'areas' / name)}: not one of the six areas {', '.join(AREA_IDS)}")
    principles = _validate(directory / "principles.yml", Principles, errors)
    about = _validate(directory / "about.yml", About, errors)
    if errors:
        raise KnowledgeBaseError(errors)
    return areas, principles, about
