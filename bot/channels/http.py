"""Small helpers shared by the channels' webhooks."""
import json
from typing import Any, Dict, Optional

MAX_BODY_BYTES = 200_000


def json_object(raw: bytes, max_bytes: int = MAX_BODY_BYTES) -> Optional[Dict[str, Any]]:
    """The request body as a JSON object, or None when it is too large, not UTF-8, not JSON or not an object."""
    if len(raw) > max_bytes:
        return None
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return body if isinstance(body, dict) else None
