"""The directory database: schema, import in one transaction, export, and the stale list.

Tables follow Open Referral UK's core: `organizations`, `services` (with contact, eligibility, cost and
how to access), `locations` (with coordinates, indexed by an R*Tree for nearest-first search) and
`service_taxonomy` (categories). Each service also keeps `source_url` and `last_checked`.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from bot import REPO_ROOT
from bot.directory.records import COLUMNS, RowError, ServiceRecord, parse_row

DEFAULT_DB = REPO_ROOT / "models" / "directory.db"
Progress = Callable[[int, int], None]


@dataclass
class ImportReport:
    read: int = 0
    loaded: int = 0
    errors: list[RowError] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)  # local entries with no place we could find

    @property
    def rejected_lines(self) -> int:
        return len({e.line for e in self.errors})


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:80] or "organisation"


class Directory:
    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self._ensure_schema()

    def _ensure_schema(self) -> None:
        db = self.db
        if "organizations" not in db.table_names():
            db.table("organizations").create({"id": str, "name": str}, pk="id")
        if "services" not in db.table_names():
            db.table("services").create(
                {
                    "id": str,
                    "organization_id": str,
                    "name": str,
                    "description": str,
                    "access": str,
                    "eligibility": str,
                    "audience": str,
                    "cost": str,
                    "phone": str,
                    "text": str,
                    "email": str,
                    "url": str,
                    "hours": str,
                    "service_area": str,
                    "nation": str,
                    "source_url": str,
                    "source_note": str,
                    "last_checked": str,
                    "unknowns": str,
                },
                pk="id",
                foreign_keys=[("organization_id", "organizations", "id")],
            )
            db.table("services").create_index(["service_area", "nation"])
            db.table("services").create_index(["last_checked"])
        elif "audience" not in db["services"].columns_dict:
            # A directory built before entries had an audience: every entry so far counts as public.
            db.table("services").add_column("audience", str)
            db.execute("update services set audience = 'public' where audience is null")
        if "locations" not in db.table_names():
            db.table("locations").create(
                {
                    "id": int,
                    "service_id": str,
                    "address": str,
                    "town": str,
                    "postcode": str,
                    "latitude": float,
                    "longitude": float,
                    "approximate": int,
                },
                pk="id",
                foreign_keys=[("service_id", "services", "id")],
            )
            db.table("locations").create_index(["service_id"])
            db.execute("create virtual table if not exists location_rtree using rtree(id, min_lat, max_lat, min_lon, max_lon)")
        if "service_taxonomy" not in db.table_names():
            db.table("service_taxonomy").create({"service_id": str, "category": str}, pk=("service_id", "category"))
            db.table("service_taxonomy").create_index(["category"])

    # -- import ---------------------------------------------------------------------------------------
    def import_rows(
        self,
        rows: Iterable[tuple[int, dict]],
        total: int | None = None,
        progress: Progress | None = None,
        today: datetime.date | None = None,
    ) -> ImportReport:
        """Validate and load rows in ONE transaction: bad rows are reported and skipped, good rows load,
        and if anything fails part-way nothing is changed. Rows replace entries with the same id."""
        report = ImportReport()
        seen: dict[str, int] = {}
        conn = self.db.conn
        conn.execute("begin")
        try:
            for line, raw in rows:
                report.read += 1
                record, errors = parse_row(raw, line, today)
                if record is not None and record.id in seen:
                    errors = [RowError(line, "id", f"'{record.id}' is used again (first on line {seen[record.id]})")]
                    record = None
                if record is None:
                    report.errors.extend(errors)
                else:
                    seen[record.id] = line
                    self._write(record)
                    if record.service_area == "local" and record.latitude is None:
                        report.unplaced.append(record.id)
                    report.loaded += 1
                if progress and report.read % 1000 == 0:
                    progress(report.read, total or 0)
            conn.execute("commit")
        except BaseException:
            conn.execute("rollback")
            raise
        if progress:
            progress(report.read, total or report.read)
        return report

    def _write(self, r: ServiceRecord) -> None:
        db = self.db
        org_id = _slug(r.organisation)
        db.execute("insert or replace into organizations (id, name) values (?, ?)", [org_id, r.organisation])
        old = [row[0] for row in db.execute("select id from locations where service_id = ?", [r.id]).fetchall()]
        for loc_id in old:
            db.execute("delete from location_rtree where id = ?", [loc_id])
        db.execute("delete from locations where service_id = ?", [r.id])
        db.execute("delete from service_taxonomy where service_id = ?", [r.id])
        db.execute(
            "insert or replace into services (id, organization_id, name, description, access, eligibility, audience, "
            "cost, phone, text, email, url, hours, service_area, nation, source_url, source_note, last_checked, unknowns) "
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                r.id,
                org_id,
                r.service_name,
                r.description,
                r.access,
                r.eligibility,
                r.audience,
                r.cost,
                r.phone,
                r.text,
                r.email,
                r.website,
                r.hours,
                r.service_area,
                r.nation,
                r.source_url,
                r.source_note,
                r.last_checked,
                ";".join(r.unknowns),
            ],
        )
        for category in r.categories:
            db.execute("insert or ignore into service_taxonomy (service_id, category) values (?, ?)", [r.id, category])
        if r.latitude is not None and r.longitude is not None:
            cursor = db.execute(
                "insert into locations (service_id, address, town, postcode, latitude, longitude, approximate) "
                "values (?, ?, ?, ?, ?, ?, ?)",
                [r.id, r.address, r.town, r.postcode, r.latitude, r.longitude, int(r.approximate)],
            )
            db.execute(
                "insert into location_rtree values (?, ?, ?, ?, ?)",
                [cursor.lastrowid, r.latitude, r.latitude, r.longitude, r.longitude],
            )
        elif r.address or r.town or r.postcode:
            db.execute(
                "insert into locations (service_id, address, town, postcode) values (?, ?, ?, ?)",
                [r.id, r.address, r.town, r.postcode],
            )

    # -- read -----------------------------------------------------------------------------------------
    def count(self) -> int:
        return self.db["services"].count

    def export_rows(self) -> list[dict]:
        sql = (
            "select s.*, o.name as organisation, l.address, l.town, l.postcode, l.latitude, l.longitude, l.approximate, "
            "(select group_concat(category, ';') from service_taxonomy t where t.service_id = s.id) as categories "
            "from services s join organizations o on o.id = s.organization_id "
            "left join locations l on l.service_id = s.id order by s.id"
        )
        out = []
        for row in self.db.query(sql):
            if row["approximate"]:  # worked out from the town on import: export what the spreadsheet said
                row["latitude"] = row["longitude"] = None
            out.append(
                {
                    **{c: row.get(c) or "" for c in COLUMNS},
                    "service_name": row["name"],
                    "website": row["url"] or "",
                    "latitude": "" if row["latitude"] is None else f"{row['latitude']:.5f}",
                    "longitude": "" if row["longitude"] is None else f"{row['longitude']:.5f}",
                }
            )
        return out

    def export_csv(self) -> str:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(self.export_rows())
        return buffer.getvalue()

    def stale(self, months: int, today: datetime.date | None = None) -> list[dict]:
        """Entries last checked more than `months` months ago, oldest first."""
        cutoff = months_before(today or datetime.date.today(), months).isoformat()
        return list(
            self.db.query(
                "select id, name, last_checked, source_url from services where last_checked < ? order by last_checked, id",
                [cutoff],
            )
        )


def months_before(day: datetime.date, months: int) -> datetime.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    last_day = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][
        month - 1
    ]
    return datetime.date(year, month, min(day.day, last_day))


def open_directory(path: str | Path | None = None) -> Directory:
    path = Path(path or DEFAULT_DB)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.conn.isolation_level = None  # transactions are explicit (see import_rows)
    return Directory(db)
