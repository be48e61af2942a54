"""Small helpers shared by the channels' webhooks: what a request may be, and how failures are logged.

Limits are checked before a body is read: Rasa's Sanic server is told the largest body any webhook takes
(`REQUEST_MAX_SIZE`), and Sanic refuses a larger `Content-Length` with a 413 without reading it.
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any

from sanic import Sanic
from sanic.request import Request

MAX_BODY_BYTES = 200_000
# The largest body any webhook takes (a Teams activity can be larger than a chat message).
SERVER_MAX_BODY_BYTES = 256_000
JSON = "application/json"


def json_object(raw: bytes, max_bytes: int = MAX_BODY_BYTES) -> dict[str, Any] | None:
    """The request body as a JSON object, or None when it is too large, not UTF-8, not JSON, nested too
    deeply for the parser, or not an object."""
    if len(raw) > max_bytes:
        return None
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    return body if isinstance(body, dict) else None


def is_json(request: Request) -> bool:
    """Whether the request says its body is JSON (`application/json`, any parameters such as a charset)."""
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower() == JSON


def client_address(request: Request) -> str:
    """The caller's address: the one a trusted proxy forwarded when Sanic is told to trust one (PROXIES_COUNT,
    REAL_IP_HEADER or FORWARDED_SECRET), else the socket's peer."""
    return request.remote_addr or request.ip or "unknown"


def limit_request_size(app: Sanic, _loop: Any = None) -> None:
    """A `before_server_start` listener: cap every request body at what the webhooks need, unless the operator
    chose a limit with SANIC_REQUEST_MAX_SIZE (for example to upload models through Rasa's HTTP API)."""
    if "SANIC_REQUEST_MAX_SIZE" not in os.environ:
        app.config.REQUEST_MAX_SIZE = SERVER_MAX_BODY_BYTES


def log_failure(logger: logging.Logger, what: str, exc: BaseException) -> None:
    """The failure's kind at ERROR, its traceback (which may quote the message) only at DEBUG."""
    logger.error("%s (%s)", what, type(exc).__name__)
    logger.debug("%s", what, exc_info=exc)
