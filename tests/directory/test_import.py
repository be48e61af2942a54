"""The importer: good, broken, duplicate and large files; one transaction; injection has no effect."""

import csv
import json
import re

import pytest

from bot.directory import open_directory
from bot.directory.importer import DirectoryFileError, read_rows
from bot.directory.records import COLUMNS
from tests.directory.helpers import SEED, TODAY, write_csv


def row(**values):
    base = {
        "id": "leeds_pain_group",
        "organisation": "Example Org",
        "service_name": "Pain group",
        "description": "A weekly group.",
        "categories": "peer_support;pain_management",
        "access": "self_referral",
        "town": "Leeds",
        "service_area": "local",
        "source_url": "https://example.org/pain",
        "last_checked": "2026-10-01",
    }
    return {c: "" for c in COLUMNS} | base | values


def test_the_seed_file_imports_cleanly(tmp_path):
    directory = open_directory(tmp_path / "d.db")
    report = directory.import_rows(read_rows(SEED), today=TODAY)
    assert report.errors == [] and report.loaded == report.read > 30
    assert directory.count() == report.loaded


def test_broken_rows_are_reported_by_line_and_field_and_good_rows_still_load(tmp_path):
    path = write_csv(
        tmp_path / "f.csv",
        [
            row(),
            row(id="bad one", categories="witchcraft"),
            row(id="no_date", last_checked="last spring"),
            row(id="future", last_checked="2099-01-01"),
            row(id="no_source", source_url=""),
            row(id="bad_phone", phone="call us!"),
            row(id="nowhere", town="Newport"),
            row(id="ok_two", town="Cardiff"),
        ],
    )
    directory = open_directory(tmp_path / "d.db")
    report = directory.import_rows(read_rows(path), today=TODAY)
    messages = [str(e) for e in report.errors]
    assert report.loaded == 2
    assert "line 3: id: use lower-case letters, digits, '-' or '_' (up to 80)" in messages
    assert any(m.startswith("line 3: categories: 'witchcraft'") for m in messages)
    assert any(m.startswith("line 4: last_checked") for m in messages)
    assert "line 5: last_checked: is in the future" in messages
    assert "line 6: source_url: is required" in messages
    assert any(m.startswith("line 7: phone") for m in messages)
    assert any(m.startswith("line 8: town: 'Newport' could be") for m in messages)


def test_duplicate_ids_in_one_file_are_refused_after_the_first(tmp_path):
    path = write_csv(tmp_path / "f.csv", [row(), row(service_name="Again")])
    report = open_directory(tmp_path / "d.db").import_rows(read_rows(path), today=TODAY)
    assert report.loaded == 1 and "is used again (first on line 2)" in str(report.errors[0])


def test_reimporting_replaces_entries_by_id(tmp_path):
    directory = open_directory(tmp_path / "d.db")
    directory.import_rows(read_rows(write_csv(tmp_path / "a.csv", [row()])), today=TODAY)
    directory.import_rows(read_rows(write_csv(tmp_path / "b.csv", [row(service_name="Renamed", town="York")])), today=TODAY)
    assert directory.count() == 1
    assert directory.db.execute("select count(*) from locations").fetchone()[0] == 1
    assert directory.db.execute("select count(*) from location_rtree").fetchone()[0] == 1
    assert directory.export_rows()[0]["service_name"] == "Renamed"


def test_a_failed_import_changes_nothing(tmp_path):
    directory = open_directory(tmp_path / "d.db")
    directory.import_rows(read_rows(write_csv(tmp_path / "a.csv", [row()])), today=TODAY)

    def rows_then_failure():
        yield 2, row(id="first_new")
        yield 3, row(id="second_new")
        raise OSError("the disk went away")

    with pytest.raises(OSError):
        directory.import_rows(rows_then_failure(), today=TODAY)
    assert [r["id"] for r in directory.export_rows()] == ["leeds_pain_group"]


def test_injection_in_fields_is_stored_as_text(tmp_path):
    nasty = "x'); drop table services; --"
    path = write_csv(tmp_path / "f.csv", [row(service_name=nasty, description="<script>alert(1)</script>")])
    directory = open_directory(tmp_path / "d.db")
    directory.import_rows(read_rows(path), today=TODAY)
    assert directory.export_rows()[0]["service_name"] == nasty
    assert "services" in directory.db.table_names()


def test_export_round_trips(tmp_path):
    directory = open_directory(tmp_path / "d.db")
    directory.import_rows(read_rows(SEED), today=TODAY)
    exported = write_csv(tmp_path / "out.csv", directory.export_rows())
    again = open_directory(tmp_path / "again.db")
    report = again.import_rows(read_rows(exported), today=TODAY)
    assert report.errors == [] and again.export_rows() == directory.export_rows()


def test_large_file_with_progress(tmp_path):
    rows = [row(id=f"svc_{i}", town=["Leeds", "York", "Bristol", "Cardiff"][i % 4]) for i in range(5000)]
    seen = []
    report = open_directory(tmp_path / "d.db").import_rows(
        read_rows(write_csv(tmp_path / "big.csv", rows)), total=5000, progress=lambda d, t: seen.append(d), today=TODAY
    )
    assert report.loaded == 5000 and seen[-1] == 5000 and 1000 in seen


def test_open_referral_json(tmp_path):
    path = tmp_path / "oruk.json"
    path.write_text(
        json.dumps(
            {
                "services": [
                    {
                        "id": "york_talking",
                        "name": "Talking therapy",
                        "description": "Talk.",
                        "organization": {"name": "York Org"},
                        "service_taxonomys": [{"taxonomy": {"id": "talking_therapies"}}],
                        "access": "self_referral",
                        "service_at_locations": [{"location": {"physical_addresses": [{"city": "York", "postal_code": ""}]}}],
                        "service_areas": [{"service_area": "local"}],
                        "source_url": "https://example.org/york",
                        "last_checked": "2026-09-01",
                    },
                    "not a service",
                ]
            }
        )
    )
    report = open_directory(tmp_path / "d.db").import_rows(read_rows(path), today=TODAY)
    assert report.loaded == 1 and report.errors[0].line == 2


@pytest.mark.parametrize(
    "content,suffix,message",
    [
        (b"\xff\xfe\x00bad", ".csv", "not UTF-8"),
        (b"{not json", ".json", "not valid JSON"),
        (b"name,town\nx,y\n", ".csv", "including 'id'"),
        (b"", ".txt", "use a .csv"),
    ],
)
def test_unreadable_files_get_a_clear_error(tmp_path, content, suffix, message):
    path = tmp_path / f"f{suffix}"
    path.write_bytes(content)
    with pytest.raises(DirectoryFileError, match=message):
        read_rows(path)


def test_every_phone_and_text_number_in_the_seed_is_on_the_fact_sheet():
    from tests.safety.test_contacts import FACT_SHEET

    sheet = re.sub(r"\s", "", FACT_SHEET.read_text().split("## Never use")[0])
    numbers = {re.sub(r"\D", "", r[field]) for r in csv.DictReader(SEED.open()) for field in ("phone", "text") if r[field]}
    assert numbers and all(n in sheet for n in numbers), [n for n in numbers if n not in sheet]
