"""No tracebacks in the server's log unless it runs at DEBUG.

A traceback can quote what a person typed: an exception's message often repeats the value that broke
something. Logs are kept longer, and read by more people, than conversations. So when Rasa runs at its
usual level, every log record keeps its message and the exception's kind, but loses the traceback; run
Rasa with `--debug` to see tracebacks while investigating.
"""

from __future__ import annotations

import logging
from typing import Any

from sanic import Sanic


class TracebacksOnlyAtDebug(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and not logging.getLogger().isEnabledFor(logging.DEBUG):
            error = record.exc_info[1]
            record.msg = (
                f"{record.getMessage()} ({type(error).__name__ if error else 'error'}; traceback left "
                "out: run with --debug to see it)"
            )
            record.args = None
            record.exc_info = record.exc_text = record.stack_info = None
        return True


_FILTER = TracebacksOnlyAtDebug()


def keep_tracebacks_out(_app: Sanic | None = None, _loop: Any = None) -> None:
    """Add the filter to every log handler there is (a `before_server_start` listener: by then Rasa has set
    up its handlers, including the log file's)."""
    loggers = [logging.getLogger()] + [
        logger for logger in logging.root.manager.loggerDict.values() if isinstance(logger, logging.Logger)
    ]
    for logger in loggers:
        for handler in logger.handlers:
            if _FILTER not in handler.filters:
                handler.addFilter(_FILTER)
