"""The Teams app zip: its files, its icons, and its manifest against Microsoft's schema (from node_modules)."""

from __future__ import annotations

import argparse
import copy
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from PIL import Image

from bot import REPO_ROOT
from bot.ops import teams_package
from bot.ops.teams_package import (
    AppSettings,
    PackageError,
    build_package,
    icon_problems,
    manifest_problems,
    manifest_schema,
    outline_icon,
    package_problems,
)

APP_ID = "00000000-0000-4000-8000-0000000000aa"
SETTINGS = AppSettings(
    app_id=APP_ID,
    name="Test assistant",
    full_name="Test assistant for integrated care",
    short_description="A short description for the test.",
    long_description="A longer description for the test.",
    developer_name="Test developers",
    website_url="https://example.org",
    privacy_url="https://example.org/privacy",
    terms_url="https://example.org/terms",
    version="1.2.3",
    accent_color="#2E5E4E",
    valid_domains=("bot.example.org",),
)


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    try:
        return manifest_schema()
    except PackageError as exc:
        pytest.fail(str(exc))


@pytest.fixture
def package(schema, tmp_path) -> Path:
    return build_package(SETTINGS, tmp_path / "teams-app.zip")


def read(package: Path, name: str) -> bytes:
    with zipfile.ZipFile(package) as archive:
        return archive.read(name)


def test_the_manifest_version_is_the_newest_the_npm_package_ships(schema):
    versions = [folder.name[1:] for folder in teams_package.SCHEMAS_DIR.iterdir() if re.fullmatch(r"v\d+\.\d+", folder.name)]
    assert max(versions, key=lambda v: tuple(map(int, v.split(".")))) == teams_package.MANIFEST_VERSION
    assert schema["properties"]["manifestVersion"]["const"] == teams_package.MANIFEST_VERSION


def _patterns(node: Any, path: str = "") -> list[tuple[str, str]]:
    if isinstance(node, dict):
        own = [(path, node["pattern"])] if isinstance(node.get("pattern"), str) else []
        return own + [p for key, value in node.items() for p in _patterns(value, f"{path}/{key}")]
    if isinstance(node, list):
        return [p for i, value in enumerate(node) for p in _patterns(value, f"{path}/{i}")]
    return []


def _compiles(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True


def test_draft_7_reads_the_schema_as_written(schema):
    meta = jsonschema.Draft7Validator(jsonschema.Draft7Validator.META_SCHEMA)
    assert [e.message for e in meta.iter_errors(schema)] == []  # a boolean exclusiveMinimum (draft 4) would fail
    assert not re.search(r'"id": "', json.dumps(schema)), "a draft-4 `id` keyword would mean something else"
    unreadable = [path for path, pattern in _patterns(schema) if not _compiles(pattern)]
    assert unreadable == ["/definitions/extensionFunction/properties/name"], (
        "Python's re reads every pattern but one (\\p{L}, for Office add-in functions, which a bot's manifest never holds)"
    )


def test_the_zip_holds_exactly_the_manifest_and_icons_at_its_root(package):
    with zipfile.ZipFile(package) as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
    manifest = json.loads(read(package, "manifest.json"))
    assert manifest["manifestVersion"] == "1.30"
    assert manifest["$schema"] == "https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json"
    assert manifest["id"] == APP_ID
    assert manifest["bots"] == [{"botId": APP_ID, "scopes": ["personal"], "isNotificationOnly": False, "supportsFiles": False}]
    assert manifest["name"] == {"short": "Test assistant", "full": "Test assistant for integrated care"}
    assert manifest["developer"]["privacyUrl"] == "https://example.org/privacy"
    assert manifest["icons"] == {"color": "color.png", "outline": "outline.png"}
    assert (manifest["accentColor"], manifest["version"], manifest["validDomains"]) == ("#2E5E4E", "1.2.3", ["bot.example.org"])


def test_the_built_package_passes_the_official_schema_and_the_icon_rules(package, schema):
    assert manifest_problems(json.loads(read(package, "manifest.json")), schema) == []
    assert package_problems(package) == []


def test_the_icons_have_teams_sizes_and_colours(package):
    color = Image.open(io.BytesIO(read(package, "color.png")))
    assert color.size == (192, 192)
    assert color.convert("RGB").getpixel((4, 4)) == (0x2E, 0x5E, 0x4E)
    assert color.convert("RGB").getpixel((96, 86)) == (255, 255, 255)
    outline = Image.open(io.BytesIO(read(package, "outline.png")))
    assert (outline.size, outline.mode) == ((32, 32), "RGBA")
    pixels = list(outline.getdata())
    assert all((r, g, b) == (255, 255, 255) for r, g, b, alpha in pixels if alpha)
    assert outline.getpixel((0, 0))[3] == 0 and outline.getpixel((16, 16))[3] == 0, "transparent around and inside"
    assert sum(alpha == 255 for *_, alpha in pixels) > 40, "the rim is drawn"


def test_the_same_settings_give_the_same_zip(tmp_path):
    first = build_package(SETTINGS, tmp_path / "a.zip").read_bytes()
    assert build_package(SETTINGS, tmp_path / "b.zip").read_bytes() == first


def _manifest() -> dict[str, Any]:
    return teams_package.app_manifest(SETTINGS)


def _set(path: str, value: Any) -> dict[str, Any]:
    manifest = copy.deepcopy(_manifest())
    *parents, last = path.split("/")
    target = manifest
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    if value is None:
        del target[last]
    else:
        target[last] = value
    return manifest


@pytest.mark.parametrize(
    "manifest, where",
    [
        (_set("manifestVersion", "1.29"), "manifest.json manifestVersion"),
        (_set("bots/0/scopes", ["personal", "everyone"]), "manifest.json bots/0/scopes/1"),
        (_set("developer/privacyUrl", None), "manifest.json developer"),
        (_set("accentColor", "green"), "manifest.json accentColor"),
        (_set("id", "not-a-guid"), "manifest.json id"),
        (_set("description/short", "x" * 81), "manifest.json description/short"),
        (_set("unknownField", True), "manifest.json (top)"),
        (_set("version", "1.0"), "manifest.json version"),
    ],
)
def test_a_broken_manifest_fails_validation(schema, manifest, where):
    assert manifest_problems(_manifest(), schema) == []
    problems = manifest_problems(manifest, schema)
    assert problems and all(p.startswith(where) for p in problems), problems


def test_settings_beyond_teams_limits_stop_the_build_and_leave_no_zip(tmp_path):
    with pytest.raises(PackageError, match="description/short"):
        build_package(replace(SETTINGS, short_description="x" * 81), tmp_path / "teams-app.zip")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(PackageError, match="accent_color"):
        build_package(replace(SETTINGS, accent_color="not a colour"), tmp_path / "teams-app.zip")


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_the_icon_checks_catch_wrong_sizes_and_colours():
    good_color = _png(Image.new("RGB", (192, 192), "#2E5E4E"))
    assert icon_problems(good_color, outline_icon()) == []
    assert icon_problems(_png(Image.new("RGB", (100, 100))), outline_icon()) == ["color.png is 100x100, Teams wants 192x192"]
    red_dot = Image.open(io.BytesIO(outline_icon()))
    red_dot.putpixel((16, 16), (255, 0, 0, 255))
    assert icon_problems(good_color, _png(red_dot)) == ["outline.png has pixels that are not white"]
    opaque = Image.new("RGBA", (32, 32), (255, 255, 255, 255))
    assert icon_problems(good_color, _png(opaque)) == ["outline.png has no transparent background"]
    assert icon_problems(good_color, _png(Image.new("RGB", (32, 32), "white"))) == ["outline.png has no transparency"]


def test_a_missing_schema_says_to_run_npm_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(teams_package, "SCHEMAS_DIR", tmp_path)
    with pytest.raises(PackageError, match=r"run `npm ci`"):
        manifest_schema()


# ---------------------------------------------------------------- settings file and command


SETTINGS_YAML = """\
name: Test assistant
short_description: A short description for the test.
long_description: A longer description for the test.
developer_name: Test developers
website_url: https://example.org
privacy_url: https://example.org/privacy
terms_url: https://example.org/terms
version: 1.2.3
accent_color: "#2E5E4E"
valid_domains: [bot.example.org]
"""


def _command(tmp_path: Path, *argv: str) -> int:
    parser = argparse.ArgumentParser()
    teams_package.add_arguments(parser)
    return teams_package.package_command(parser.parse_args(list(argv)))


def test_the_command_builds_the_zip_from_the_settings_file_and_teams_app_id(tmp_path, monkeypatch, capsys):
    (tmp_path / "teams_app.yml").write_text(SETTINGS_YAML, encoding="utf-8")
    monkeypatch.setenv("TEAMS_APP_ID", APP_ID)
    out = tmp_path / "out" / "app.zip"
    assert _command(tmp_path, "--settings", str(tmp_path / "teams_app.yml"), "--out", str(out)) == 0
    assert package_problems(out) == []
    assert json.loads(read(out, "manifest.json"))["bots"][0]["botId"] == APP_ID
    assert "Upload an app" in capsys.readouterr().out


@pytest.mark.parametrize(
    "text, env_app_id, message",
    [
        (SETTINGS_YAML, "", "no app id: set TEAMS_APP_ID"),
        (SETTINGS_YAML + "colour: red\n", APP_ID, "unknown settings ['colour']"),
        (SETTINGS_YAML.replace("version: 1.2.3\n", ""), APP_ID, "missing settings ['version']"),
        (None, APP_ID, "not found: write it as docs/teams.md shows"),
    ],
)
def test_the_command_says_what_is_wrong(tmp_path, monkeypatch, capsys, text, env_app_id, message):
    settings = tmp_path / "teams_app.yml"
    if text is not None:
        settings.write_text(text, encoding="utf-8")
    monkeypatch.setenv("TEAMS_APP_ID", env_app_id)
    assert _command(tmp_path, "--settings", str(settings), "--out", str(tmp_path / "app.zip")) == 1
    assert message in capsys.readouterr().err
    assert not (tmp_path / "app.zip").exists()


def test_the_sample_settings_build_a_package_out_of_the_box_with_a_warning(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TEAMS_APP_ID", APP_ID)
    out = tmp_path / "app.zip"
    assert _command(tmp_path, "--out", str(out)) == 0  # the default settings: data/channels/teams_app.yml
    assert package_problems(out) == []
    manifest = json.loads(read(out, "manifest.json"))
    assert manifest["bots"][0]["scopes"] == ["personal"]
    err = capsys.readouterr().err
    for name in ("website_url", "privacy_url", "terms_url"):
        assert f"warning: {name} is a placeholder" in err


def test_own_addresses_build_without_a_warning(tmp_path, monkeypatch, capsys):
    own = SETTINGS_YAML.replace("example.org", "mindbody-care.org.uk")
    (tmp_path / "teams_app.yml").write_text(own, encoding="utf-8")
    monkeypatch.setenv("TEAMS_APP_ID", APP_ID)
    assert _command(tmp_path, "--settings", str(tmp_path / "teams_app.yml"), "--out", str(tmp_path / "a.zip")) == 0
    assert "warning" not in capsys.readouterr().err


def test_team_scopes_are_a_deliberate_setting_with_a_warning(tmp_path, monkeypatch, capsys):
    settings = tmp_path / "teams_app.yml"
    settings.write_text(SETTINGS_YAML + "scopes: [personal, team, groupChat]\n", encoding="utf-8")
    monkeypatch.setenv("TEAMS_APP_ID", APP_ID)
    assert _command(tmp_path, "--settings", str(settings), "--out", str(tmp_path / "a.zip")) == 0
    assert json.loads(read(tmp_path / "a.zip", "manifest.json"))["bots"][0]["scopes"] == ["personal", "team", "groupChat"]
    assert "TEAMS_ALLOW_TEAM_SCOPE=true" in capsys.readouterr().err
    settings.write_text(SETTINGS_YAML + "scopes: [everyone]\n", encoding="utf-8")
    assert _command(tmp_path, "--settings", str(settings), "--out", str(tmp_path / "b.zip")) == 1
    assert "scopes must be some of" in capsys.readouterr().err


def test_the_command_runs_as_python_m_bot_teams_package(tmp_path):
    out = tmp_path / "app.zip"
    result = subprocess.run(
        [sys.executable, "-m", "bot", "teams", "package", "--out", str(out)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "TEAMS_APP_ID": APP_ID},
    )
    assert result.returncode == 0, result.stderr
    assert package_problems(out) == [] and "placeholder" in result.stderr
