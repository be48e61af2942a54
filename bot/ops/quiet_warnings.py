"""Keep `PYTHONWARNINGS=ignore` in force for library deprecation notices once Sanic and Rasa have started.

Sanic's app module calls `warnings.filterwarnings("once", category=DeprecationWarning)` when it is imported,
and Rasa's command line adds `filterwarnings("once", category=UserWarning)` as it starts, which catches
pyparsing's deprecations (they are UserWarnings too). Between them, `make run` printed about thirty lines of
deprecation notices (pkg_resources, pyparsing, click, SQLAlchemy ...) that say nothing to a person starting
the assistant. Asking for warnings (`PYTHONWARNINGS=default`, `-W default`) still shows them all, and Rasa's
own warnings still show either way.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable
from typing import Any


def _without_deprecations(show: Callable[..., Any]) -> Callable[..., Any]:
    def showwarning(message: Any, category: type[Warning], *args: Any, **kwargs: Any) -> Any:
        if issubclass(category, (DeprecationWarning, PendingDeprecationWarning)):
            return None
        return show(message, category, *args, **kwargs)

    return showwarning


def keep_ignoring_warnings() -> bool:
    """Import Sanic; then, if warnings were asked to be ignored, ignore them again and never show a
    deprecation notice, whatever filter a library adds later. True if it did."""
    import sanic.app  # noqa: F401  (its import is what resets the filter)

    if "ignore" not in sys.warnoptions:
        return False
    warnings.filterwarnings("ignore")
    warnings.showwarning = _without_deprecations(warnings.showwarning)
    return True
