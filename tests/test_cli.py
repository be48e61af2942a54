"""The operator commands, as a volunteer or manager would run them."""
import csv

from bot.cli import main
from tests.directory.test_import import SEED, row, write_csv


def test_kb_check_and_report(capsys):
    assert main(["kb", "check"]) == 0
    assert "6 areas, 19 examples, 5 principles" in capsys.readouterr().out
    assert main(["kb", "report"]) == 0
    assert "local_knowledge" in capsys.readouterr().out


def test_kb_search(capsys):
    assert main(["kb", "search", "yoga", "--limit", "1"]) == 0
    assert "business_case" in capsys.readouterr().out


def test_directory_validate_reports_lines_and_fields(tmp_path, capsys):
    path = write_csv(tmp_path / "f.csv", [row(), row(id="x", categories="nonsense")])
    assert main(["directory", "validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "line 3: categories: 'nonsense'" in out and "2 rows checked, 1 with problems" in out


def test_directory_import_export_stale(tmp_path, capsys):
    db = str(tmp_path / "d.db")
    assert main(["directory", "import", str(SEED), "--db", db]) == 0
    assert "imported 42 of 42" in capsys.readouterr().out
    out_file = tmp_path / "out.csv"
    assert main(["directory", "export", str(out_file), "--db", db]) == 0
    assert len(list(csv.DictReader(out_file.open()))) == 42
    assert main(["directory", "stale", "--months", "12", "--db", db]) == 0
    assert "not checked in the last 12 months" in capsys.readouterr().out


def test_directory_import_of_a_missing_file_is_a_clear_error(tmp_path, capsys):
    assert main(["directory", "import", str(tmp_path / "nope.csv"), "--db", str(tmp_path / "d.db")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_purge_dry_run(tmp_path, capsys):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "{tmp_path / "c.db"}"\n')
    assert main(["purge", "--older-than", "30d", "--endpoints", str(endpoints), "--dry-run"]) == 0
    assert "would delete 0 conversation(s)" in capsys.readouterr().out
    assert main(["purge", "--older-than", "soon", "--endpoints", str(endpoints)]) == 2


def test_insights_report_and_bad_dates(tmp_path, capsys):
    out = tmp_path / "report"
    assert main(["insights", "report", "--from", "2026-11-01", "--to", "2026-11-30", "--out", str(out),
                 "--db", str(tmp_path / "i.db")]) == 0
    assert (out / "report.html").exists() and (out / "summary.csv").exists()
    assert main(["insights", "report", "--from", "yesterday", "--to", "2026-11-30"]) == 2
    assert main(["insights", "report", "--from", "2026-11-30", "--to", "2026-11-01"]) == 2
