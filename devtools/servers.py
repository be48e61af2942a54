"""Start the action server and Rasa as child processes on free local ports, and stop them again.

Used by the end-to-end tests and the benchmark scripts, so they exercise the real servers as `make run`
starts them, with two differences a caller can undo through `extra_env`: Python warnings are silenced
(PYTHONWARNINGS=ignore) and the rate limits are off (every test client shares one address, 127.0.0.1).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

from bot import REPO_ROOT
from bot.channels.inbound import button_payload

MODEL = REPO_ROOT / "models" / "current.tar.gz"
DIRECTORY = REPO_ROOT / "models" / "directory.db"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Assistant:
    rasa_url: str
    action_url: str
    log_dir: Path

    def send(self, sender: str, message: str, timeout: float = 30) -> list[dict]:
        """One turn over the REST channel; returns the assistant's messages. A message that is exactly a button
        payload (`/ask_examples`, `/find_support{"place": "Leeds"}`) is sent as that button's click; anything
        else as typed text (`typed` sends even payload-like text as typed)."""
        field = "payload" if button_payload(message) else "message"
        return self._post({"sender": sender, field: message}, timeout)

    def typed(self, sender: str, message: str, timeout: float = 30) -> list[dict]:
        """One turn of typed text over the REST channel, whatever it looks like."""
        return self._post({"sender": sender, "message": message}, timeout)

    def _post(self, body: dict, timeout: float) -> list[dict]:
        response = requests.post(f"{self.rasa_url}/webhooks/rest/webhook", json=body, timeout=timeout)
        response.raise_for_status()
        return response.json()


def _wait(url: str, process: subprocess.Popen, name: str, log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with code {process.returncode}; see {log}:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{name} did not answer at {url} within {seconds:.0f} s; see {log}")


@contextmanager
def running_assistant(
    model: Path = MODEL, extra_env: dict | None = None, startup_seconds: float = 180, tracker_db: Path | None = None
) -> Iterator[Assistant]:
    """Both servers on free ports. Conversations are kept in memory, or in SQLite at `tracker_db`."""
    log_dir = Path(tempfile.mkdtemp(prefix="assistant-"))
    extra_env = {"INSIGHTS_DB": str(log_dir / "insights.db"), **(extra_env or {})}
    with action_server(extra_env, startup_seconds, log_dir=log_dir) as (action_url, action_log):
        store = f'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "{tracker_db}"\n' if tracker_db else ""
        endpoints = log_dir / "endpoints.yml"
        endpoints.write_text(f'action_endpoint:\n  url: "{action_url}/webhook"\n{store}')
        with rasa_server(model, endpoints, extra_env, startup_seconds, log_dir) as rasa_url:
            yield Assistant(rasa_url, action_url, log_dir)


def _env(extra_env: dict | None) -> dict:
    if not DIRECTORY.is_file():
        raise FileNotFoundError(f"no services directory at {DIRECTORY}: run `make directory` first")
    return {
        **os.environ,
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "PYTHONWARNINGS": "ignore",
        "DIRECTORY_DB": str(DIRECTORY),
        "RASA_TELEMETRY_ENABLED": "false",
        "RATE_LIMIT_SENDER_PER_MINUTE": "0",
        "RATE_LIMIT_ADDRESS_PER_MINUTE": "0",
        **(extra_env or {}),
    }


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@contextmanager
def _serving(command: list[str], url: str, name: str, log: Path, extra_env: dict | None, seconds: float) -> Iterator[None]:
    """`command` run from the repository with its output in `log`, ready once `url` answers; stopped at the end."""
    env = _env(extra_env)
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        _wait(url, process, name, log, seconds)
        yield
    finally:
        _stop(process)


@contextmanager
def action_server(
    extra_env: dict | None = None, startup_seconds: float = 180, port: int | None = None, log_dir: Path | None = None
) -> Iterator[tuple]:
    """The action server on a free (or the given) local port: yields (url, log path)."""
    port = port or free_port()
    log_dir = log_dir or Path(tempfile.mkdtemp(prefix="assistant-"))
    log = log_dir / "actions.log"
    command = [str(Path(sys.executable).parent / "python"), "-m", "bot.action_server", "--port", str(port)]
    with _serving(command, f"http://127.0.0.1:{port}/health", "the action server", log, extra_env, startup_seconds):
        yield f"http://127.0.0.1:{port}", log


@contextmanager
def rasa_server(
    model: Path,
    endpoints: Path,
    extra_env: dict | None = None,
    startup_seconds: float = 180,
    log_dir: Path | None = None,
    extra_args: list[str] | None = None,
) -> Iterator[str]:
    """A Rasa server on a free local port with the given endpoints file: yields its URL."""
    if not Path(model).is_file():
        raise FileNotFoundError(f"no trained model at {model}: run `make train` first")
    port = free_port()
    log_dir = log_dir or Path(tempfile.mkdtemp(prefix="rasa-"))
    log = log_dir / f"rasa-{port}.log"
    command = [
        str(Path(sys.executable).parent / "rasa"),
        "run",
        "--model",
        str(model),
        "--endpoints",
        str(endpoints),
        "--credentials",
        str(REPO_ROOT / "credentials.yml"),
        "--port",
        str(port),
        "--interface",
        "127.0.0.1",
        *(extra_args or []),
    ]
    with _serving(command, f"http://127.0.0.1:{port}/", "Rasa", log, extra_env, startup_seconds):
        yield f"http://127.0.0.1:{port}"
