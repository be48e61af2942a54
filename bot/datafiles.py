"""Reading the project's YAML data files, with one clear error when a file cannot be read."""

from pathlib import Path
from typing import Any

import yaml


def load_yaml(path: str | Path, error: type[Exception], name: str | Path | None = None) -> Any:
    """The parsed file. When it cannot be read, raises `error` (the caller's own exception type) with a
    message that starts with `name` (default: the path) and says whether it is missing or not valid YAML."""
    shown = name or path
    try:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise error(f"{shown}: file is missing") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise error(f"{shown}: not valid YAML ({str(exc).splitlines()[0]})") from None
    except OSError as exc:
        raise error(f"{shown}: cannot be read ({exc})") from None
