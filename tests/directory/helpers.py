"""Builders shared by the directory tests: a service row, a CSV file of rows, and a directory loaded from them."""

import csv
import datetime
from pathlib import Path

from bot.directory import open_directory
from bot.directory.importer import read_rows
from bot.directory.records import COLUMNS

SEED = Path(__file__).resolve().parents[2] / "data" / "services" / "seed_services.csv"
TODAY = datetime.date(2026, 11, 26)


def service_row(id_, town="Leeds", categories="pain_management", checked="2026-10-01", **extra):
    """One directory row with every column, the given values and plain defaults for the rest."""
    base = {
        "id": id_,
        "organisation": "Org",
        "service_name": id_,
        "categories": categories,
        "town": town,
        "service_area": "local",
        "source_url": "https://example.org",
        "last_checked": checked,
    }
    return {c: "" for c in COLUMNS} | base | extra


def write_csv(path: Path, rows) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def load_directory(tmp_path: Path, rows):
    """A directory in `tmp_path` imported from `rows`, and the import report."""
    directory = open_directory(tmp_path / "d.db")
    report = directory.import_rows(read_rows(write_csv(tmp_path / "d.csv", rows)), today=TODAY)
    return directory, report
