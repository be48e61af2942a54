"""Crisis and support contacts from `data/safety/crisis_contacts.yml` (taken from the verified fact sheet)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from bot import DATA_DIR
from bot.datafiles import load_yaml

CONTACTS_FILE = DATA_DIR / "safety" / "crisis_contacts.yml"
NATIONS = ("England", "Wales", "Scotland", "Northern Ireland")


class ContactsError(ValueError):
    """The contacts file is missing a field; the message names the entry."""


@dataclass(frozen=True)
class Contact:
    id: str
    name: str
    how: str
    when: str | None = None
    when_other: str | None = None  # `when`, said of someone else
    phone: str | None = None
    text: str | None = None
    email: str | None = None
    max_age: int | None = None


def _contact(raw: dict, where: str) -> Contact:
    for key in ("id", "name", "how", "sources"):
        if not raw.get(key):
            raise ContactsError(f"{where}: field '{key}' is missing")
    return Contact(
        id=raw["id"],
        name=raw["name"],
        how=raw["how"],
        when=raw.get("when"),
        when_other=raw.get("when_other"),
        phone=raw.get("phone"),
        text=raw.get("text"),
        email=raw.get("email"),
        max_age=raw.get("max_age"),
    )


@dataclass(frozen=True)
class CrisisContacts:
    checked: str
    emergency: Contact
    urgent_by_nation: tuple[tuple[str, Contact], ...]
    talk_any_time: tuple[Contact, ...]
    for_young_people: tuple[Contact, ...]
    scotland_extra: tuple[Contact, ...]
    never_use: tuple[str, ...]
    police_non_emergency: Contact
    silent_solution: Contact
    domestic_abuse_by_nation: tuple[tuple[str, Contact], ...]
    domestic_abuse_uk: tuple[Contact, ...]
    children: Contact
    older_adults: Contact
    adult_safeguarding: Contact
    medicines_everyone: Contact
    medicines_by_nation: tuple[tuple[str, Contact], ...]

    def urgent_for(self, nation: str | None) -> list[tuple[str, Contact]]:
        """The urgent mental health line for the nation, or all four when the nation is unknown."""
        pairs = list(self.urgent_by_nation)
        if nation in NATIONS:
            return [(n, c) for n, c in pairs if n == nation]
        return pairs

    def domestic_abuse_for(self, nation: str | None) -> list[tuple[str, Contact]]:
        """The nation's domestic abuse line, or all four when the nation is unknown."""
        return _for_nation(self.domestic_abuse_by_nation, nation)

    def medicines_for(self, nation: str | None) -> list[tuple[str, Contact]]:
        return _for_nation(self.medicines_by_nation, nation)

    def all_contacts(self) -> list[Contact]:
        return [
            self.emergency,
            *(c for _, c in self.urgent_by_nation),
            *self.talk_any_time,
            *self.for_young_people,
            *self.scotland_extra,
            self.police_non_emergency,
            self.silent_solution,
            *(c for _, c in self.domestic_abuse_by_nation),
            *self.domestic_abuse_uk,
            self.children,
            self.older_adults,
            self.adult_safeguarding,
            self.medicines_everyone,
            *(c for _, c in self.medicines_by_nation),
        ]


def _for_nation(pairs: tuple[tuple[str, Contact], ...], nation: str | None) -> list[tuple[str, Contact]]:
    if nation in NATIONS:
        return [(n, c) for n, c in pairs if n == nation]
    return list(pairs)


def _by_nation(raw: dict, key: str, where: str) -> tuple[tuple[str, Contact], ...]:
    section = raw[key]
    missing = [n for n in NATIONS if n not in section]
    if missing:
        raise ContactsError(f"{where}: {key} lacks {', '.join(missing)}")
    return tuple((n, _contact(section[n], f"{where}: {key}.{n}")) for n in NATIONS)


@functools.lru_cache(maxsize=2)
def load_crisis_contacts(path: Path = CONTACTS_FILE) -> CrisisContacts:
    where = str(path)
    try:
        raw = load_yaml(path, ContactsError)
        return CrisisContacts(
            checked=str(raw["checked"]),
            emergency=_contact(raw["emergency"], f"{where}: emergency"),
            urgent_by_nation=_by_nation(raw, "urgent_by_nation", where),
            talk_any_time=tuple(_contact(c, f"{where}: talk_any_time") for c in raw["talk_any_time"]),
            for_young_people=tuple(_contact(c, f"{where}: for_young_people") for c in raw["for_young_people"]),
            scotland_extra=tuple(_contact(c, f"{where}: scotland_extra") for c in raw.get("scotland_extra", [])),
            never_use=tuple(raw.get("never_use", [])),
            police_non_emergency=_contact(raw["police_non_emergency"], f"{where}: police_non_emergency"),
            silent_solution=_contact(raw["silent_solution"], f"{where}: silent_solution"),
            domestic_abuse_by_nation=_by_nation(raw, "domestic_abuse_by_nation", where),
            domestic_abuse_uk=tuple(_contact(c, f"{where}: domestic_abuse_uk") for c in raw["domestic_abuse_uk"]),
            children=_contact(raw["children"], f"{where}: children"),
            older_adults=_contact(raw["older_adults"], f"{where}: older_adults"),
            adult_safeguarding=_contact(raw["adult_safeguarding"], f"{where}: adult_safeguarding"),
            medicines_everyone=_contact(raw["medicines_everyone"], f"{where}: medicines_everyone"),
            medicines_by_nation=_by_nation(raw, "medicines_by_nation", where),
        )
    except (KeyError, TypeError) as exc:
        raise ContactsError(f"{where}: cannot be loaded ({exc!r})") from None
