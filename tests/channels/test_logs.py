"""At the usual log level, records keep their message and the exception's kind, not its traceback."""

import logging

from bot.channels.logs import keep_tracebacks_out


def log_a_failure(logger: logging.Logger) -> None:
    try:
        raise ValueError("I want to die")  # an exception that quotes what a person typed
    except ValueError:
        logger.exception("the dialogue failed")


def test_no_traceback_unless_the_server_runs_at_debug(caplog):
    logger = logging.getLogger("tests.logs")
    with caplog.at_level(logging.INFO):
        keep_tracebacks_out()
        log_a_failure(logger)
    assert "I want to die" not in caplog.text
    assert "the dialogue failed (ValueError; traceback left out" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        keep_tracebacks_out()
        log_a_failure(logger)
    assert "I want to die" in caplog.text
