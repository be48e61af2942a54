"""Start the action server and Rasa as child processes on free local ports, and stop them again.

Used by the end-to-end tests and the benchmark scripts, so they exercise the real servers exactly as
`make run` starts them.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, List, Optional

import requests

from bot import REPO_ROOT

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

    def send(self, sender: str, message: str, timeout: float = 30) -> List[dict]:
        """One turn over the REST channel; returns the assistant's messages."""
        response = requests.post(
            f"{self.rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=timeout
        )
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
def running_assistant(model: Path = MODEL, extra_env: Optional[dict] = None, startup_seconds: float = 180,
                      tracker_db: Optional[Path] = None) -> Iterator[Assistant]:
    """Both servers on free ports. Conversations are kept in memory, or in SQLite at `tracker_db`."""
    if not Path(model).is_file():
        raise FileNotFoundError(f"no trained model at {model}: run `make train` first")
    bin_dir = Path(sys.executable).parent
    rasa_port, action_port = free_port(), free_port()
    log_dir = Path(tempfile.mkdtemp(prefix="assistant-"))
    endpoints = log_dir / "endpoints.yml"
    store = f'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "{tracker_db}"\n' if tracker_db else ""
    endpoints.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n{store}')
    if not DIRECTORY.is_file():
        raise FileNotFoundError(f"no services directory at {DIRECTORY}: run `make directory` first")
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONWARNINGS": "ignore", "DIRECTORY_DB": str(DIRECTORY),
           **(extra_env or {})}
    processes: List[subprocess.Popen] = []
    try:
        action_log = log_dir / "actions.log"
        processes.append(subprocess.Popen(
            [str(bin_dir / "python"), "-m", "rasa_sdk", "--actions", "actions", "--port", str(action_port)],
            cwd=REPO_ROOT, env=env, stdout=action_log.open("w"), stderr=subprocess.STDOUT,
        ))
        rasa_log = log_dir / "rasa.log"
        processes.append(subprocess.Popen(
            [str(bin_dir / "rasa"), "run", "--model", str(model), "--endpoints", str(endpoints),
             "--credentials", str(REPO_ROOT / "credentials.yml"), "--port", str(rasa_port),
             "--interface", "127.0.0.1"],
            cwd=REPO_ROOT, env=env, stdout=rasa_log.open("w"), stderr=subprocess.STDOUT,
        ))
        _wait(f"http://127.0.0.1:{action_port}/health", processes[0], "the action server", action_log, startup_seconds)
        _wait(f"http://127.0.0.1:{rasa_port}/", processes[1], "Rasa", rasa_log, startup_seconds)
        yield Assistant(f"http://127.0.0.1:{rasa_port}", f"http://127.0.0.1:{action_port}", log_dir)
    finally:
        for p in processes:
            p.terminate()
        for p in processes:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
