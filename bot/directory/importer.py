"""Read a directory file into rows: CSV (a spreadsheet saved as CSV) or Open Referral UK JSON."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

Rows = list[tuple[int, dict[str, object]]]


class DirectoryFileError(ValueError):
    """The file as a whole cannot be read (not a row problem)."""


def read_rows(path: Path) -> Rows:
    """(line or record number, row) pairs; raises DirectoryFileError for an unreadable file."""
    path = Path(path)
    if not path.is_file():
        raise DirectoryFileError(f"{path}: no such file")
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            return list(_csv_rows(path))
        if suffix == ".json":
            return list(_oruk_rows(path))
    except UnicodeDecodeError as exc:
        raise DirectoryFileError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    raise DirectoryFileError(f"{path}: use a .csv file or Open Referral UK .json")


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or "id" not in reader.fieldnames:
            raise DirectoryFileError(f"{path}: the first row must be the column names, including 'id'")
        for row in reader:
            yield reader.line_num, {k: v for k, v in row.items() if k is not None}


def _first(items: object, key: str) -> str:
    if isinstance(items, list) and items and isinstance(items[0], dict):
        return str(items[0].get(key) or "")
    return ""


def _oruk_rows(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    """Open Referral UK services: {"services": [...]} or a bare list, with nested organization,
    service_at_locations, contacts/phones, eligibilitys, cost_options and service_taxonomys."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise DirectoryFileError(f"{path}: not valid JSON ({exc})") from None
    services = data.get("services", data.get("content")) if isinstance(data, dict) else data
    if not isinstance(services, list):
        raise DirectoryFileError(f"{path}: expected a list of services")
    for number, s in enumerate(services, start=1):
        if not isinstance(s, dict):
            yield number, {"id": ""}
            continue
        location: dict[str, Any] = {}
        sal = s.get("service_at_locations") or []
        if isinstance(sal, list) and sal and isinstance(sal[0], dict):
            location = sal[0].get("location") or {}
        address = (location.get("physical_addresses") or [{}]) if isinstance(location, dict) else [{}]
        address = address[0] if isinstance(address, list) and address and isinstance(address[0], dict) else {}
        phones = (
            s.get("phones") or (s.get("contacts") or [{}])[0].get("phones", [])
            if isinstance(s.get("contacts"), list)
            else s.get("phones")
        )
        taxonomy = [
            (t.get("taxonomy") or {}).get("id") or t.get("category") or ""
            for t in s.get("service_taxonomys") or []
            if isinstance(t, dict)
        ]
        organization: dict[str, Any] = s["organization"] if isinstance(s.get("organization"), dict) else {}
        yield (
            number,
            {
                "id": s.get("id"),
                "organisation": organization.get("name"),
                "service_name": s.get("name"),
                "description": s.get("description"),
                "categories": ";".join(t for t in taxonomy if t),
                "access": s.get("access") or "",
                "eligibility": _first(s.get("eligibilitys"), "eligibility"),
                "audience": s.get("audience", ""),
                "cost": _first(s.get("cost_options"), "option"),
                "phone": _first(phones, "number"),
                "email": s.get("email"),
                "website": s.get("url"),
                "address": address.get("address_1", ""),
                "town": address.get("city", ""),
                "postcode": address.get("postal_code", ""),
                "latitude": location.get("latitude", "") if isinstance(location, dict) else "",
                "longitude": location.get("longitude", "") if isinstance(location, dict) else "",
                "nation": s.get("nation", ""),
                "service_area": _first(s.get("service_areas"), "service_area") or s.get("service_area", ""),
                "hours": s.get("hours", ""),
                "source_url": s.get("source_url", ""),
                "source_note": s.get("source_note", ""),
                "last_checked": s.get("last_checked") or s.get("assured_date", ""),
                "unknowns": s.get("unknowns", ""),
            },
        )
