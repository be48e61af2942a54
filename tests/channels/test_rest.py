"""The REST channel served as `rasa run` serves it, with a stand-in for Rasa: what reaches the dialogue, what
is refused, and what is logged."""

from __future__ import annotations

import json
import logging

import pytest
import requests
from sanic import Sanic

from bot.channels import rest
from bot.channels.http import SERVER_MAX_BODY_BYTES
from bot.channels.inbound import MAX_MESSAGE_CHARS
from bot.channels.messages import channel_messages
from bot.channels.rest import SafeRestInput
from tests.channels.server import Served, StandInAgent


@pytest.fixture
def served(monkeypatch):
    monkeypatch.setattr(Sanic, "test_mode", True)  # several apps in one process, as sanic_testing does
    served = Served(SafeRestInput(), StandInAgent())
    yield served
    served.close()


def post(served, body, content_type="application/json"):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return requests.post(f"{served.url}/webhooks/rest/webhook", data=data, headers={"Content-Type": content_type}, timeout=10)


def given(served):
    """(sender, text) of each message the dialogue was given."""
    return [(m.sender_id, m.text) for m in served.agent.messages]


def test_a_message_reaches_the_dialogue_under_the_channels_namespace(served):
    response = post(served, {"sender": "me", "message": "hello"}, "application/json; charset=utf-8")
    assert response.status_code == 200
    assert response.json() == [{"recipient_id": "me", "text": "echo: hello"}]
    assert given(served) == [("rest:me", "hello")]


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", ""])
def test_only_json_is_read(served, content_type):
    assert post(served, {"sender": "me", "message": "hello"}, content_type).status_code == 415
    assert given(served) == []


@pytest.mark.parametrize(
    "body",
    [
        {"message": "hello"},
        {"sender": "", "message": "hi"},
        {"sender": True},
        {"sender": "x" * 129, "message": "hi"},
        {"sender": {}, "message": "hi"},
    ],
)
def test_there_is_no_default_conversation(served, body):
    response = post(served, body)
    assert response.status_code == 400 and "sender" in response.json()["error"]
    assert given(served) == []


def test_deeply_nested_json_is_a_400_not_a_500(served):
    for body in (b"[" * 100_000 + b"]" * 100_000, b'{"sender": "me", "message": ' + b"[" * 60_000 + b"]" * 60_000 + b"}"):
        assert post(served, body).status_code == 400


@pytest.mark.parametrize("typed", ["/greet", "/greet@1.0 I want to die", "   /crisis", "\x00/ask_examples"])
def test_typed_text_is_never_an_intent_command(served, typed):
    post(served, {"sender": "me", "message": typed})
    [(_, text)] = given(served)
    assert "\u2215" in text and "/" not in text.replace("\x00", "").strip()[:1]


@pytest.mark.parametrize("payload", ["/ask_examples", '/find_support{"place": "Leeds"}'])
def test_a_button_payload_is_the_intent_it_names(served, payload):
    assert post(served, {"sender": "me", "payload": payload}).status_code == 200
    assert given(served) == [("rest:me", payload)]


@pytest.mark.parametrize(
    "body",
    [
        {"sender": "me", "payload": "/unknown_intent"},
        {"sender": "me", "payload": '/greet{"password": "x"}'},
        {"sender": "me", "payload": "/greet@1.0 I want to die"},
        {"sender": "me", "payload": "I want to die"},
        {"sender": "me", "payload": '/greet{"place": '},
        {"sender": "me", "payload": "/greet", "message": "hello"},
        {"sender": "me", "payload": 5},
    ],
)
def test_anything_else_as_a_payload_is_refused(served, body):
    response = post(served, body)
    assert response.status_code == 400 and "payload" in response.json()["error"]
    assert given(served) == []


def test_client_metadata_is_dropped_and_text_is_capped_before_rasa_stores_it(served):
    post(served, {"sender": "me", "message": "a" * 150_000, "metadata": {"name": "Pat", "nhs": "123"}})
    [message] = served.agent.messages
    assert message.metadata is None
    assert len(message.text) == MAX_MESSAGE_CHARS


def test_the_server_is_told_the_largest_body_a_webhook_takes(served, monkeypatch):
    assert served.app.config.REQUEST_MAX_SIZE == SERVER_MAX_BODY_BYTES
    monkeypatch.setenv("SANIC_REQUEST_MAX_SIZE", "5000000")
    rest.limit_request_size(served.app)
    assert served.app.config.REQUEST_MAX_SIZE == SERVER_MAX_BODY_BYTES, "an operator's own limit is left as it is"


def test_past_the_rate_limits_a_kind_reply_and_nothing_reaches_the_dialogue(monkeypatch):
    monkeypatch.setattr(Sanic, "test_mode", True)
    monkeypatch.setenv("RATE_LIMIT_SENDER_PER_MINUTE", "2")
    monkeypatch.setenv("RATE_LIMIT_ADDRESS_PER_MINUTE", "6")
    served = Served(SafeRestInput(), StandInAgent())
    try:
        statuses = [post(served, {"sender": "one", "message": f"m{n}"}).status_code for n in range(3)]
        assert statuses == [200, 200, 429]
        refused = post(served, {"sender": "one", "message": "again"})
        assert refused.json() == [{"recipient_id": "one", "text": channel_messages()["rate_limited"]}]
        assert int(refused.headers["Retry-After"]) >= 1
        # One address, many made-up senders: the address' limit holds (6 requests, four already made by "one").
        statuses = [post(served, {"sender": f"s{n}", "message": "hi"}).status_code for n in range(4)]
        assert statuses == [200, 200, 429, 429]
        assert len(served.agent.messages) == 4
    finally:
        served.close()


def test_a_failing_dialogue_is_logged_without_its_text_or_a_traceback(served, caplog):
    served.agent.fail = True
    words = "my private worry about my back"
    with caplog.at_level(logging.INFO):
        response = post(served, {"sender": "me", "message": words})
    assert response.json() == [{"recipient_id": "me", "text": channel_messages()["no_reply"]}]
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors and all(r.exc_info is None for r in errors)
    assert words not in caplog.text
