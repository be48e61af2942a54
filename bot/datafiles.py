"""Reading the project's YAML data files, with one clear error when a file cannot be read."""
from pathlib import Path
from typing import Any, Type, Union

import yaml


def load_yaml(path: Union[str, Path], error: Type[Exception]) -> Any:
    """The parsed file; `error` (the caller's own exception type) names the file when it cannot be read."""
    try:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise error(f"{path}: cannot be read ({exc})") from None
