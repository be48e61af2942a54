"""Privacy and exposure: no message text in logs, the HTTP API off unless asked for (then token-protected),
and the action server listening on localhost only."""

import uuid
from pathlib import Path

import requests

from devtools.servers import MODEL, action_server, rasa_server, running_assistant
from tests.e2e.helpers import is_crisis_reply


def listening_addresses(port: int) -> set:
    """Local addresses with a listening TCP socket on `port`, read from /proc (no traffic sent)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def test_message_text_never_reaches_the_logs():
    """With Python warnings on, as an operator may run it: Rasa logs a typed `/intent` command it cannot read,
    so a message in that form is the one most likely to leak."""
    secret = f"my name is Zebedee {uuid.uuid4().hex} and my back hurts"
    marker = uuid.uuid4().hex
    distressing = f"/greet@1.0 I want to end my life tonight {marker}"
    with running_assistant(extra_env={"PYTHONWARNINGS": "always"}) as assistant:
        assert assistant.send("privacy-1", secret)
        assert is_crisis_reply(assistant.typed("privacy-1", distressing))
        widget = f"{assistant.rasa_url}/webhooks/widget"
        conversation = requests.post(f"{widget}/conversation", json={}, timeout=10).json()["conversation"]
        replies = requests.post(
            f"{widget}/webhook", json={"conversation": conversation, "message": distressing}, timeout=30
        ).json()
        assert is_crisis_reply(replies)
        assistant.send("privacy-1", "I want to die")  # the crisis path logs too
        logs = {path.name: path.read_text() for path in assistant.log_dir.glob("*.log")}
    assert {name.split("-")[0] for name in logs} == {"actions.log", "rasa"}
    for name, text in logs.items():
        assert secret not in text and "Zebedee" not in text, name
        assert marker not in text and "end my life" not in text and "I want to die" not in text, name


def test_the_http_api_is_off_by_default():
    with running_assistant() as assistant:
        assert requests.get(f"{assistant.rasa_url}/conversations/x/tracker", timeout=10).status_code == 404
        assert requests.get(f"{assistant.rasa_url}/status", timeout=10).status_code == 404


def test_when_the_api_is_on_it_needs_the_token(tmp_path):
    with action_server() as (action_url, _):
        endpoints = tmp_path / "endpoints.yml"
        endpoints.write_text(f'action_endpoint:\n  url: "{action_url}/webhook"\n')
        with rasa_server(MODEL, endpoints, extra_args=["--enable-api", "--auth-token", "s3cret"]) as url:
            assert requests.get(f"{url}/conversations/x/tracker", timeout=10).status_code == 401
            assert requests.get(f"{url}/conversations/x/tracker?token=s3cret", timeout=10).status_code == 200


def test_the_action_server_listens_on_localhost_only():
    with action_server() as (action_url, _):
        port = int(action_url.rsplit(":", 1)[1])
        addresses = listening_addresses(port)
    assert addresses and addresses <= {"0100007F"}, addresses  # 127.0.0.1 in /proc's little-endian hex
