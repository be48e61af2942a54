"""Rasa checks every action server response against a JSON schema; this does it with one prepared validator.

Rasa 3.6 (`RemoteAction._validate_action_result`) calls `jsonschema.validate` on each response, and that
function checks the schema itself against its meta-schema every time before checking the response: about
30 ms a call on this machine (2026-11-28, jsonschema 4.17), against 1.2 ms with a validator prepared once.
Every custom action pays it, so it was a large part of a reply's time over REST (docs/benchmarks.md).

`use_prepared_validator()` replaces that one method with the same check: the same schema, the validator
class `jsonschema.validate` would pick, the error it would raise (`best_match`), and Rasa's own words added
to the message. It is applied when `bot.dialogue.policy` is imported, which every model that uses the
FollowupPolicy does, so it runs in the Rasa server and in `rasa test`.
"""

from __future__ import annotations

import functools
from typing import Any


@functools.lru_cache(maxsize=1)
def _validator() -> Any:
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)  # once, not on every response
    return cls(schema)


def validate_action_result(self: Any, result: dict[str, Any]) -> bool:
    """Drop-in for `RemoteAction._validate_action_result`: True, or the ValidationError Rasa would raise."""
    from jsonschema.exceptions import best_match
    from rasa.shared.constants import DOCS_BASE_URL

    error = best_match(_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        ". Failed to validate Action server response from API, make sure your response from the Action "
        f"endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
    )
    raise error


def use_prepared_validator() -> None:
    """Point Rasa's response check at `validate_action_result` (idempotent)."""
    from rasa.core.actions.action import RemoteAction

    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
