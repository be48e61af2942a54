"""`make run` (scripts/run.sh) as an operator starts it, on ports of its own: both servers listen on
127.0.0.1 only, Rasa finds the action server on ACTION_PORT, and Rasa's telemetry is off."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from bot import REPO_ROOT
from bot.channels.messages import channel_messages
from devtools.servers import DIRECTORY, MODEL, free_port
from tests.e2e.helpers import texts
from tests.ops.test_privacy import listening_addresses

LOOPBACK = "0100007F"  # 127.0.0.1 in /proc's little-endian hex


def children(pid: int) -> list:
    """Process ids whose parent is `pid`."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def environment(pid: int) -> dict:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode(errors="replace").split("=", 1) for item in raw if b"=" in item)


def command_line(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")


def _answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=2).status_code == 200
    except requests.RequestException:
        return False


@pytest.fixture
def run_sh(tmp_path):
    """scripts/run.sh on free ports, with nothing of the caller's environment that would change its defaults."""
    if not MODEL.is_file() or not DIRECTORY.is_file():
        pytest.fail("run `make train directory` first")
    ports = {"RASA_PORT": str(free_port()), "ACTION_PORT": str(free_port())}
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("RASA_HOST", "ACTION_SERVER_HOST", "RASA_TELEMETRY_ENABLED")
    }
    env.update(ports, INSIGHTS_DB=str(tmp_path / "insights.db"), DIRECTORY_DB=str(DIRECTORY))
    log = (tmp_path / "run.log").open("w")
    process = subprocess.Popen(
        ["bash", "scripts/run.sh"], cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    url = f"http://127.0.0.1:{ports['RASA_PORT']}"
    try:
        deadline = time.monotonic() + 180
        while not _answers(f"{url}/webhooks/rest/"):
            assert process.poll() is None and time.monotonic() < deadline, (tmp_path / "run.log").read_text()[-3000:]
            time.sleep(0.5)
        yield process, url, {key: int(value) for key, value in ports.items()}
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # run.sh's trap stops both servers
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()


def test_run_sh_binds_to_loopback_reaches_actions_on_action_port_and_turns_telemetry_off(run_sh, tmp_path):
    process, url, ports = run_sh
    sender = f"run-sh-{os.getpid()}"
    try:
        reply = requests.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": "hello"}, timeout=60).json()
        assert texts(reply) and channel_messages()["no_reply"] not in texts(reply), "Rasa did not reach the actions"
    finally:  # the conversation went to models/conversations.db: take it out again
        subprocess.run([sys.executable, "-m", "bot", "forget", f"rest:{sender}"], cwd=REPO_ROOT, capture_output=True, timeout=120)
    for name in ("RASA_PORT", "ACTION_PORT"):
        addresses = listening_addresses(ports[name])
        assert addresses and addresses <= {LOOPBACK}, (name, addresses)
    rasa = [pid for pid in children(process.pid) if "bot.run_rasa run" in command_line(pid)]
    assert rasa, "no Rasa process under run.sh"
    assert environment(rasa[0]).get("RASA_TELEMETRY_ENABLED") == "false"
    # A person starting the assistant sees what it is doing, not thirty library deprecation notices.
    log = (tmp_path / "run.log").read_text()
    assert "Warning:" not in log, [line for line in log.splitlines() if "Warning:" in line][:5]
