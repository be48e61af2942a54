"""Crisis and support contacts from `data/safety/crisis_contacts.yml` (taken from the verified fact sheet)."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Tuple

import yaml

from bot import DATA_DIR

CONTACTS_FILE = DATA_DIR / "safety" / "crisis_contacts.yml"
NATIONS = ("England", "Wales", "Scotland", "Northern Ireland")


class ContactsError(ValueError):
    """The contacts file is missing a field; the message names the entry."""


@dataclass(frozen=True)
class Contact:
    id: str
    name: str
    how: str
    when: Optional[str] = None
    phone: Optional[str] = None
    text: Optional[str] = None
    email: Optional[str] = None
    max_age: Optional[int] = None


def _contact(raw: dict, where: str) -> Contact:
    for key in ("id", "name", "how", "sources"):
        if not raw.get(key):
            raise ContactsError(f"{where}: field '{key}' is missing")
    return Contact(
        id=raw["id"],
        name=raw["name"],
        how=raw["how"],
        when=raw.get("when"),
        phone=raw.get("phone"),
        text=raw.get("text"),
        email=raw.get("email"),
        max_age=raw.get("max_age"),
    )


@dataclass(frozen=True)
class CrisisContacts:
    checked: str
    emergency: Contact
    urgent_by_nation: Tuple[Tuple[str, Contact], ...]
    talk_any_time: Tuple[Contact, ...]
    for_young_people: Tuple[Contact, ...]
    scotland_extra: Tuple[Contact, ...]
    never_use: Tuple[str, ...]

    def urgent_for(self, nation: Optional[str]) -> List[Tuple[str, Contact]]:
        """The urgent mental health line for the nation, or all four when the nation is unknown."""
        pairs = list(self.urgent_by_nation)
        if nation in NATIONS:
            return [(n, c) for n, c in pairs if n == nation]
        return pairs

    def all_contacts(self) -> List[Contact]:
        return [
            self.emergency,
            *(c for _, c in self.urgent_by_nation),
            *self.talk_any_time,
            *self.for_young_people,
            *self.scotland_extra,
        ]


@functools.lru_cache(maxsize=2)
def load_crisis_contacts(path: Path = CONTACTS_FILE) -> CrisisContacts:
    where = str(path)
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        urgent = raw["urgent_by_nation"]
        missing = [n for n in NATIONS if n not in urgent]
        if missing:
            raise ContactsError(f"{where}: urgent_by_nation lacks {', '.join(missing)}")
        return CrisisContacts(
            checked=str(raw["checked"]),
            emergency=_contact(raw["emergency"], f"{where}: emergency"),
            urgent_by_nation=tuple((n, _contact(urgent[n], f"{where}: urgent_by_nation.{n}")) for n in NATIONS),
            talk_any_time=tuple(_contact(c, f"{where}: talk_any_time") for c in raw["talk_any_time"]),
            for_young_people=tuple(_contact(c, f"{where}: for_young_people") for c in raw["for_young_people"]),
            scotland_extra=tuple(_contact(c, f"{where}: scotland_extra") for c in raw.get("scotland_extra", [])),
            never_use=tuple(raw.get("never_use", [])),
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise ContactsError(f"{where}: cannot be loaded ({exc!r})") from None
