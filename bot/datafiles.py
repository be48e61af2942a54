"""Reading the project's YAML data files, with one clear error when a file or a pattern in it cannot be read."""

import re
from collections.abc import Iterable
from pathlib import Path
from re import Pattern
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


def compile_patterns(patterns: Iterable[Any], error: type[Exception], where: str | Path, name: str) -> tuple[Pattern[str], ...]:
    """Each regular expression compiled. A bad one raises `error` (the caller's own exception type) naming
    the file, the list the pattern is in, and the pattern."""
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(str(pattern)))
        except re.error as exc:
            raise error(f"{where}: {name}: {pattern!r} is not a valid pattern ({exc})") from None
    return tuple(compiled)
