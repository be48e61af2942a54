"""All channels come up together in the real Rasa server, hardened the same way: limits checked before a body
is read, JSON only, ids the server issues for the widget, typed text never an intent command, rate limits."""

import socket
from urllib.parse import urlsplit

import pytest
import requests

from bot.channels.messages import channel_messages
from devtools.servers import running_assistant
from tests.e2e.helpers import is_crisis_reply, texts

WEBHOOKS = ["/webhooks/rest/webhook", "/webhooks/widget/webhook"]


def status_of_a_huge_request(url: str, path: str, declared: int = 50_000_000) -> int:
    """Announce a body of `declared` bytes, send a few, and read the status without sending the rest."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as connection:
        connection.sendall(
            f"POST {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {declared}\r\n\r\n".encode()
            + b'{"sender": "huge", "message": "'
        )
        return int(connection.recv(4096).split(b" ", 2)[1])


def test_teams_without_credentials_answers_503_and_rasa_still_serves(assistant):
    response = requests.post(f"{assistant.rasa_url}/webhooks/teams/webhook", json={"type": "message"}, timeout=10)
    assert response.status_code == 503 and "not configured" in response.text.lower()
    assert assistant.send("channels-1", "hello")
    assert requests.get(f"{assistant.rasa_url}/webhooks/widget/", timeout=10).status_code == 200


@pytest.mark.parametrize("path", WEBHOOKS)
def test_a_body_over_the_limit_is_refused_before_it_is_read(assistant, path):
    assert status_of_a_huge_request(assistant.rasa_url, path) == 413
    assert texts(assistant.send("after-huge", "hello"))


@pytest.mark.parametrize("path", WEBHOOKS + ["/webhooks/widget/forget"])
def test_only_json_is_accepted(assistant, path):
    response = requests.post(f"{assistant.rasa_url}{path}", data={"sender": "me", "message": "hello"}, timeout=10)
    assert response.status_code == 415


@pytest.mark.parametrize("path", WEBHOOKS)
def test_deeply_nested_json_is_a_400(assistant, path):
    body = b'{"sender": "nested", "message": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"
    response = requests.post(f"{assistant.rasa_url}{path}", data=body, headers={"Content-Type": "application/json"}, timeout=30)
    assert response.status_code in (400, 401)  # the widget refuses first for want of a conversation id


def test_typed_text_that_looks_like_an_intent_command_reaches_the_safety_net(assistant):
    replies = assistant.typed("slash-1", "/greet@1.0 I want to end my life tonight")
    assert is_crisis_reply(replies), texts(replies)


def test_button_payloads_choose_intents_only_as_payloads(assistant):
    url = f"{assistant.rasa_url}/webhooks/rest/webhook"
    assert requests.post(url, json={"sender": "payload-1", "payload": "/greet"}, timeout=30).status_code == 200
    refused = requests.post(url, json={"sender": "payload-1", "payload": "/not_an_intent"}, timeout=30)
    assert refused.status_code == 400


def test_the_widget_gets_its_conversation_id_from_the_server(assistant):
    base = f"{assistant.rasa_url}/webhooks/widget"
    refused = requests.post(f"{base}/webhook", json={"sender": "web-chosen-by-me", "message": "hello"}, timeout=30)
    assert refused.status_code == 401
    conversation = requests.post(f"{base}/conversation", json={}, timeout=10).json()["conversation"]
    greeting = requests.post(f"{base}/webhook", json={"conversation": conversation, "payload": "/greet"}, timeout=30)
    assert "automated assistant" in texts(greeting.json())
    forged = conversation.split(".")[0] + ".AAAAAAAAAAAAAAAAAAAAAA"
    assert requests.post(f"{base}/webhook", json={"conversation": forged, "message": "hi"}, timeout=30).status_code == 401


def test_past_the_rate_limits_a_kind_reply():
    with running_assistant(extra_env={"RATE_LIMIT_SENDER_PER_MINUTE": "2", "RATE_LIMIT_ADDRESS_PER_MINUTE": "4"}) as a:
        url = f"{a.rasa_url}/webhooks/rest/webhook"
        flood = [requests.post(url, json={"sender": "flood", "message": "hello"}, timeout=30) for _ in range(3)]
        assert [r.status_code for r in flood] == [200, 200, 429]
        assert flood[-1].json() == [{"recipient_id": "flood", "text": channel_messages()["rate_limited"]}]
        others = [requests.post(url, json={"sender": f"flood-{n}", "message": "hi"}, timeout=30).status_code for n in range(2)]
        assert others == [200, 429]  # the address' fourth request, then its fifth
        minted = [requests.post(f"{a.rasa_url}/webhooks/widget/conversation", json={}, timeout=10).status_code for _ in range(5)]
        assert minted == [201] * 4 + [429]  # each channel counts its own requests
