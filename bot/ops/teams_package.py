"""The Teams app package: manifest.json, color.png and outline.png in a zip, to upload in Teams under
Apps > Manage your apps > Upload an app. Run it as `python -m bot teams package`.

What the app says about itself (names, descriptions, developer links, version, accent colour, scopes) comes
from a YAML settings file; `data/channels/teams_app.yml` ships with placeholder links, so a package builds out
of the box, with a warning until they are replaced. The bot's id comes from TEAMS_APP_ID (or --app-id), as
the channel's does. The app is for one-to-one chats only unless the settings list more scopes (and the
channel is told to accept them: see `bot.channels.teams.channel`). The zip is checked
before it is kept: the manifest against Microsoft's JSON schema for its manifest version, taken from the
@microsoft/app-manifest npm package that package.json pins (`npm ci` installs it), and the icons against
Teams' rules (color.png 192x192; outline.png 32x32, white on transparent).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import sys
import zipfile
from collections.abc import Sequence
from dataclasses import MISSING, dataclass, fields
from pathlib import Path
from typing import Any

import jsonschema
from PIL import Image, ImageColor, ImageDraw, UnidentifiedImageError

from bot import REPO_ROOT
from bot.datafiles import load_yaml

MANIFEST_VERSION = "1.30"  # the newest Teams manifest schema in @microsoft/app-manifest 1.1.2
MANIFEST_SCHEMA_URL = f"https://developer.microsoft.com/json-schemas/teams/v{MANIFEST_VERSION}/MicrosoftTeams.schema.json"
SCHEMAS_DIR = REPO_ROOT / "node_modules" / "@microsoft" / "app-manifest" / "build" / "json-schemas" / "teams"
DEFAULT_SETTINGS = REPO_ROOT / "data" / "channels" / "teams_app.yml"
DEFAULT_OUT = REPO_ROOT / "build" / "teams" / "teams-app.zip"
BOT_SCOPES = ("personal", "team", "groupChat")
PLACEHOLDER_HOSTS = ("example.org", "example.com", "example.net")
COLOR_ICON, COLOR_SIZE = "color.png", 192
OUTLINE_ICON, OUTLINE_SIZE = "outline.png", 32
PACKAGE_FILES = ("manifest.json", COLOR_ICON, OUTLINE_ICON)

_WHITE = (255, 255, 255)
_SUPERSAMPLE = 8  # icons are drawn large and scaled down, for smooth edges
_SEMVER = re.compile(r"\d+\.\d+\.\d+")
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so the same settings give the same zip

Box = tuple[float, float, float, float]
Points = Sequence[tuple[float, float]]


class PackageError(Exception):
    """The package cannot be built; the message says what to fix."""


@dataclass(frozen=True)
class AppSettings:
    """What the Teams app says about itself. The schema holds Teams' limits: name 30 characters (full_name
    100), short_description 80, long_description 4000, developer_name 32; URLs must be http(s)."""

    app_id: str
    name: str
    short_description: str
    long_description: str
    developer_name: str
    website_url: str
    privacy_url: str
    terms_url: str
    version: str
    accent_color: str
    full_name: str = ""
    valid_domains: tuple[str, ...] = ()
    scopes: tuple[str, ...] = ("personal",)


def load_settings(path: Path, app_id: str) -> AppSettings:
    """The settings in a YAML file, with the app id given apart (it differs between deployments)."""
    if not path.exists():
        raise PackageError(f"{path} not found: write it as docs/teams.md shows")
    data = load_yaml(path, PackageError) or {}
    if not isinstance(data, dict):
        raise PackageError(f"{path} must be a mapping of setting: value")
    known = {f.name for f in fields(AppSettings)} - {"app_id"}
    required = {f.name for f in fields(AppSettings) if f.default is MISSING} - {"app_id"}
    if set(data) - known:
        raise PackageError(f"{path}: unknown settings {sorted(set(data) - known)}; known: {sorted(known)}")
    if required - set(data):
        raise PackageError(f"{path}: missing settings {sorted(required - set(data))}")
    if not app_id:
        raise PackageError("no app id: set TEAMS_APP_ID or pass --app-id (the Azure Bot's Microsoft App ID)")
    values: dict[str, Any] = {
        key: tuple(map(str, value or ())) if key in ("valid_domains", "scopes") else str(value) for key, value in data.items()
    }
    settings = AppSettings(app_id=app_id, **values)
    unknown_scopes = set(settings.scopes) - set(BOT_SCOPES)
    if unknown_scopes or not settings.scopes:
        raise PackageError(f"{path}: scopes must be some of {list(BOT_SCOPES)}, not {list(settings.scopes)}")
    return settings


def placeholders(settings: AppSettings) -> list[tuple[str, str]]:
    """(setting, address) for each address that is still a placeholder (the sample file's example.org)."""
    links = [
        ("website_url", settings.website_url),
        ("privacy_url", settings.privacy_url),
        ("terms_url", settings.terms_url),
        *(("valid_domains", domain) for domain in settings.valid_domains),
    ]
    return [
        (name, link)
        for name, link in links
        if any(link.lower().rstrip("/").endswith(host) or f"{host}/" in link.lower() for host in PLACEHOLDER_HOSTS)
    ]


def app_manifest(settings: AppSettings) -> dict[str, Any]:
    """The manifest of an app that is one bot, in the scopes the settings name (personal chats by default)."""
    name = {"short": settings.name, **({"full": settings.full_name} if settings.full_name else {})}
    return {
        "$schema": MANIFEST_SCHEMA_URL,
        "manifestVersion": MANIFEST_VERSION,
        "version": settings.version,
        "id": settings.app_id,
        "developer": {
            "name": settings.developer_name,
            "websiteUrl": settings.website_url,
            "privacyUrl": settings.privacy_url,
            "termsOfUseUrl": settings.terms_url,
        },
        "name": name,
        "description": {"short": settings.short_description, "full": settings.long_description},
        "icons": {"color": COLOR_ICON, "outline": OUTLINE_ICON},
        "accentColor": settings.accent_color,
        "bots": [
            {"botId": settings.app_id, "scopes": list(settings.scopes), "isNotificationOnly": False, "supportsFiles": False}
        ],
        "validDomains": list(settings.valid_domains),
    }


def _bubble_mask(size: int, body: Box, radius: float, tail: Points, stroke: float = 0) -> Image.Image:
    """A speech bubble as an 8-bit mask; coordinates are fractions of the side. With a stroke, only its rim."""
    side = size * _SUPERSAMPLE
    mask = Image.new("L", (side, side), 0)
    draw = ImageDraw.Draw(mask)
    draw.rounded_rectangle([v * side for v in body], radius=radius * side, fill=255)
    draw.polygon([(x * side, y * side) for x, y in tail], fill=255)
    if stroke:
        inner = (body[0] + stroke, body[1] + stroke, body[2] - stroke, body[3] - stroke)
        draw.rounded_rectangle([v * side for v in inner], radius=(radius - stroke) * side, fill=0)
    return mask.resize((size, size), Image.Resampling.LANCZOS)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def color_icon(accent_color: str) -> bytes:
    """192x192: the accent colour, with a white bubble inside the central 96x96 that Teams keeps clear."""
    try:
        background = ImageColor.getrgb(accent_color)[:3]
    except ValueError:
        raise PackageError(f"accent_color {accent_color!r} is not a colour like #2E5E4E") from None
    icon = Image.new("RGB", (COLOR_SIZE, COLOR_SIZE), background)
    bubble = _bubble_mask(COLOR_SIZE, (0.27, 0.30, 0.73, 0.62), 0.08, [(0.36, 0.60), (0.36, 0.72), (0.48, 0.60)])
    icon.paste(_WHITE, mask=bubble)
    return _png(icon)


def outline_icon() -> bytes:
    """32x32: the same bubble's rim, white on transparent (every pixel is white; only its opacity varies)."""
    icon = Image.new("RGBA", (OUTLINE_SIZE, OUTLINE_SIZE), (*_WHITE, 0))
    icon.putalpha(
        _bubble_mask(OUTLINE_SIZE, (0.06, 0.12, 0.94, 0.72), 0.16, [(0.22, 0.70), (0.22, 0.92), (0.45, 0.70)], stroke=0.07)
    )
    return _png(icon)


def manifest_schema(version: str = MANIFEST_VERSION) -> dict[str, Any]:
    path = SCHEMAS_DIR / f"v{version}" / "MicrosoftTeams.schema.json"
    if not path.exists():
        raise PackageError(
            f"the Teams manifest schema {path} is missing: run `npm ci` "
            "(package.json pins @microsoft/app-manifest, which ships it)"
        )
    return json.loads(path.read_text(encoding="utf-8"))


def manifest_problems(manifest: dict[str, Any], schema: dict[str, Any] | None = None) -> list[str]:
    """Every way the manifest breaks Microsoft's schema, read with Draft 7 rules.

    The schema files name draft-04 but use `const` (draft 6 and later) and none of the keywords whose meaning
    changed since draft 4 (boolean exclusiveMinimum/exclusiveMaximum, `id`), so Draft 7 reads them as meant.
    Python's `re` reads all their patterns but one, for Office add-in functions, which an app that is one bot
    never holds. Formats are checked where jsonschema can without extra packages (not `uri`).
    The schema does not say that `version` is semantic; Teams refuses anything else, so that is checked too.
    """
    schema = manifest_schema() if schema is None else schema
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(manifest), key=lambda e: [str(p) for p in e.absolute_path])
    problems = [f"manifest.json {'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in errors]
    if not _SEMVER.fullmatch(str(manifest.get("version", ""))):
        problems.append("manifest.json version: Teams wants MAJOR.MINOR.PATCH, such as 1.0.0")
    return problems


def icon_problems(color_png: bytes, outline_png: bytes) -> list[str]:
    """Teams' rules for the two icons: sizes, and an outline that is white on a transparent background."""
    try:
        color, outline = Image.open(io.BytesIO(color_png)), Image.open(io.BytesIO(outline_png))
    except UnidentifiedImageError:
        return ["an icon is not a PNG image"]
    problems = [
        f"{name} is {image.width}x{image.height}, Teams wants {size}x{size}"
        for name, image, size in ((COLOR_ICON, color, COLOR_SIZE), (OUTLINE_ICON, outline, OUTLINE_SIZE))
        if image.size != (size, size)
    ]
    if outline.mode != "RGBA":
        return problems + [f"{OUTLINE_ICON} has no transparency"]
    pixels = list(outline.getdata())
    if any(alpha and (r, g, b) != _WHITE for r, g, b, alpha in pixels):
        problems.append(f"{OUTLINE_ICON} has pixels that are not white")
    if all(alpha == 0 for *_, alpha in pixels):
        problems.append(f"{OUTLINE_ICON} is empty")
    if not any(alpha == 0 for *_, alpha in pixels):
        problems.append(f"{OUTLINE_ICON} has no transparent background")
    return problems


def package_problems(path: Path) -> list[str]:
    """Everything wrong with a built zip: its files, its manifest and its icons."""
    with zipfile.ZipFile(path) as archive:
        names = sorted(archive.namelist())
        if names != sorted(PACKAGE_FILES):
            return [f"{path.name} holds {names}; Teams wants exactly {sorted(PACKAGE_FILES)} at its root"]
        manifest = json.loads(archive.read("manifest.json"))
        return manifest_problems(manifest) + icon_problems(archive.read(COLOR_ICON), archive.read(OUTLINE_ICON))


def build_package(settings: AppSettings, out: Path = DEFAULT_OUT) -> Path:
    """Write the zip to `out` and return it; nothing is left there unless every check passes."""
    files = {
        "manifest.json": json.dumps(app_manifest(settings), indent=2, ensure_ascii=False).encode("utf-8"),
        COLOR_ICON: color_icon(settings.accent_color),
        OUTLINE_ICON: outline_icon(),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    draft = out.with_name(f"{out.name}.part")
    with zipfile.ZipFile(draft, "w") as archive:
        for name, data in files.items():
            entry = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, data)
    try:
        problems = package_problems(draft)
        if problems:
            raise PackageError("the Teams app package is not valid:\n  " + "\n  ".join(problems))
        draft.replace(out)
    finally:
        draft.unlink(missing_ok=True)
    return out


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `python -m bot teams package`."""
    parser.add_argument(
        "--settings",
        type=Path,
        default=DEFAULT_SETTINGS,
        help="YAML file with what the app says about itself (default: the sample in data/channels; see docs/teams.md)",
    )
    parser.add_argument("--app-id", default=None, help="the Azure Bot's Microsoft App ID (default: $TEAMS_APP_ID)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the zip")


def package_command(args: argparse.Namespace) -> int:
    """`python -m bot teams package`: build and check the zip; exit 1 with the reasons when it cannot."""
    try:
        settings = load_settings(args.settings, args.app_id or os.environ.get("TEAMS_APP_ID", ""))
        path = build_package(settings, args.out)
    except PackageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for name, link in placeholders(settings):
        print(
            f"warning: {name} is a placeholder ({link}): put your own address in {args.settings} before you publish the app",
            file=sys.stderr,
        )
    if set(settings.scopes) != {"personal"}:
        print(
            f"warning: the app asks for scopes {list(settings.scopes)}: the channel answers outside one-to-one "
            "chats only with TEAMS_ALLOW_TEAM_SCOPE=true, and conversations there are shared by everyone in them",
            file=sys.stderr,
        )
    print(f"wrote {path}; upload it in Teams under Apps > Manage your apps > Upload an app")
    return 0
