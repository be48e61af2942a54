"""One directory entry as a volunteer's spreadsheet holds it, and the checks each row must pass.

Every entry carries where its facts came from (`source_url`) and when a person last checked them
(`last_checked`). Unknown details stay empty, and `unknowns` says what is not known so replies can say so.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from bot.places import Ambiguous, Place, resolve

CATEGORIES = {
    "crisis_support": "crisis support",
    "urgent_mental_health": "urgent mental health help",
    "talking_therapies": "talking therapies",
    "pain_management": "pain management",
    "msk_physio": "MSK and physiotherapy",
    "peer_support": "peer support and groups",
    "social_prescribing": "social prescribing and link workers",
    "community_support": "community and charity support (work, debt, housing, loneliness)",
    "exercise_mind_body": "exercise and mind-body programmes",
    "information_line": "information lines",
    "professional_network": "networks for professionals",
}
ACCESS = {
    "self_referral": "you can refer yourself",
    "gp_referral": "through your GP",
    "professional_referral": "through a health professional's referral",
    "self_or_gp_referral": "refer yourself or ask your GP",
    "via_gp_practice": "contact your GP practice, which can book you in without a GP referral",
    "open_to_all": "open to anyone",
    "unknown": "not known: please check with them first",
}
# Who an entry is for. Search leaves "professionals" entries (networks, training, e-learning) out for
# patients and carers: they are not support a person can use. "carers" entries (support for unpaid carers)
# are left out for someone who has said they are a patient (`bot.directory.search.audience_for_role`).
AUDIENCES = {
    "public": "anyone looking for support (the default when empty)",
    "carers": "unpaid carers: shown to carers, professionals and anyone whose role is not known",
    "professionals": "health and care professionals only",
}
SERVICE_AREAS = {"national", "nation", "local"}
NATIONS = {"England", "Wales", "Scotland", "Northern Ireland", "UK"}
COLUMNS = [
    "id",
    "organisation",
    "service_name",
    "description",
    "categories",
    "access",
    "eligibility",
    "audience",
    "cost",
    "phone",
    "text",
    "email",
    "website",
    "address",
    "town",
    "postcode",
    "nation",
    "service_area",
    "hours",
    "source_url",
    "source_note",
    "last_checked",
    "unknowns",
    "latitude",
    "longitude",
]
REQUIRED = ["id", "organisation", "service_name", "categories", "service_area", "source_url", "last_checked"]
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
_PHONE = re.compile(r"^[0-9 ]{3,20}$")
_SOURCE = re.compile(r"^(https?://\S+|guide:section-\d{2}|factsheet:[a-z_]+)$")
MAX_TEXT = 2000
UK_BOUNDS = (49.8, 60.9, -8.7, 1.8)  # lat min, lat max, lon min, lon max


@dataclass(frozen=True)
class RowError:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.field}: {self.message}"


@dataclass
class ServiceRecord:
    id: str
    organisation: str
    service_name: str
    description: str
    categories: list[str]
    access: str
    eligibility: str
    cost: str
    phone: str
    text: str
    email: str
    website: str
    address: str
    town: str
    postcode: str
    nation: str
    service_area: str
    hours: str
    source_url: str
    source_note: str
    last_checked: str
    unknowns: list[str]
    latitude: float | None = None
    longitude: float | None = None
    approximate: bool = False  # coordinates worked out from the town or postcode area, not given
    audience: str = "public"  # one of AUDIENCES
    extra: dict[str, str] = field(default_factory=dict)

    def as_row(self) -> dict[str, str]:
        row = {c: getattr(self, c) for c in COLUMNS}
        row["categories"] = ";".join(self.categories)
        row["unknowns"] = ";".join(self.unknowns)
        row["latitude"] = "" if self.latitude is None else f"{self.latitude:.5f}"
        row["longitude"] = "" if self.longitude is None else f"{self.longitude:.5f}"
        return row


def _clean(value: object) -> str:
    text = "" if value is None else str(value)
    text = "".join(ch for ch in text if ch.isprintable() or ch == " ")
    return " ".join(text.split())


def parse_row(
    raw: dict[str, object], line: int, today: datetime.date | None = None
) -> tuple[ServiceRecord | None, list[RowError]]:
    """Check one row; returns the record (or None) and every problem found in it."""
    today = today or datetime.date.today()
    row = {k: _clean(raw.get(k)) for k in COLUMNS}
    errors: list[RowError] = []

    def bad(field_name: str, message: str) -> None:
        errors.append(RowError(line, field_name, message))

    for name in REQUIRED:
        if not row[name]:
            bad(name, "is required")
    for name, value in row.items():
        if len(value) > MAX_TEXT:
            bad(name, f"is longer than {MAX_TEXT} characters")
    if row["id"] and not _ID.match(row["id"]):
        bad("id", "use lower-case letters, digits, '-' or '_' (up to 80)")
    categories = [c.strip() for c in row["categories"].split(";") if c.strip()]
    for c in categories:
        if c not in CATEGORIES:
            bad("categories", f"'{c}' is not one of {', '.join(sorted(CATEGORIES))}")
    access = row["access"] or "unknown"
    if access not in ACCESS:
        bad("access", f"'{access}' is not one of {', '.join(sorted(ACCESS))}")  # noqa: E501
    audience = row["audience"] or "public"
    if audience not in AUDIENCES:
        bad("audience", f"'{audience}' is not one of {', '.join(sorted(AUDIENCES))}")
    if row["service_area"] and row["service_area"] not in SERVICE_AREAS:
        bad("service_area", f"'{row['service_area']}' is not one of national, nation, local")
    if row["nation"] and row["nation"] not in NATIONS:
        bad("nation", f"'{row['nation']}' is not one of {', '.join(sorted(NATIONS))}")
    if row["service_area"] == "nation" and row["nation"] in ("", "UK"):
        bad("nation", "a service for one nation must say which nation")
    for name in ("phone",):
        if row[name] and not _PHONE.match(row[name]):
            bad(name, f"'{row[name]}' is not a phone number (digits and spaces)")
    if row["source_url"] and not _SOURCE.match(row["source_url"]):
        bad("source_url", "must be a web address (https://...), guide:section-NN or factsheet:name")
    if row["last_checked"]:
        try:
            checked = datetime.date.fromisoformat(row["last_checked"])
            if checked > today:
                bad("last_checked", "is in the future")
        except ValueError:
            bad("last_checked", f"'{row['last_checked']}' is not a date like 2026-11-26")
    latitude = longitude = None
    if row["latitude"] or row["longitude"]:
        try:
            latitude, longitude = float(row["latitude"]), float(row["longitude"])
            lat_min, lat_max, lon_min, lon_max = UK_BOUNDS
            if not (lat_min <= latitude <= lat_max and lon_min <= longitude <= lon_max):
                bad("latitude", "the coordinates are not in the UK")
        except ValueError:
            bad("latitude", "latitude and longitude must both be numbers")
    nation = row["nation"]
    approximate = False
    if latitude is None and row["service_area"] == "local" and not errors:
        place = _locate(row)
        if isinstance(place, Place):
            latitude, longitude, approximate = place.latitude, place.longitude, True
            nation = nation or (place.nation or "")
        elif isinstance(place, Ambiguous):
            bad("town", f"'{row['town']}' could be {' or '.join(l for l, _ in place.options)}: add a postcode or coordinates")
        # Otherwise the entry is kept without coordinates: it cannot show in nearby searches, and the
        # importer says so (ImportReport.unplaced).
    if errors:
        return None, errors
    text_fields: dict[str, Any] = {
        k: row[k] for k in COLUMNS if k not in ("categories", "unknowns", "latitude", "longitude", "access", "audience", "nation")
    }
    return ServiceRecord(
        **text_fields,
        categories=categories,
        access=access,
        audience=audience,
        nation=nation,
        unknowns=[u.strip() for u in row["unknowns"].split(";") if u.strip()],
        latitude=latitude,
        longitude=longitude,
        approximate=approximate,
    ), []


def _locate(row: dict[str, str]):
    if row["postcode"]:
        place = resolve(row["postcode"])
        if isinstance(place, Place):
            return place
    return resolve(row["town"]) if row["town"] else None
