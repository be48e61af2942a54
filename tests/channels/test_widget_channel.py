"""The widget's channel with a stand-in for Rasa: conversation ids come from the server, and a conversation
can be deleted from the chat."""

from __future__ import annotations

import json

import pytest
import requests
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sanic import Sanic

from bot.channels.widget import WidgetInput
from bot.insights import open_insights
from tests.channels.server import Served, StandInAgent

SECRET = "s" * 40


@pytest.fixture
def served(monkeypatch, tmp_path):
    monkeypatch.setattr(Sanic, "test_mode", True)
    monkeypatch.setenv("WIDGET_SECRET", SECRET)
    served = Served(WidgetInput(), StandInAgent())
    yield served
    served.close()


def post(served, path, body):
    return requests.post(f"{served.url}/webhooks/widget/{path}", json=body, timeout=10)


def start(served) -> str:
    response = post(served, "conversation", {})
    assert response.status_code == 201
    return response.json()["conversation"]


def test_the_server_issues_the_conversation_id(served):
    first, second = start(served), start(served)
    assert first != second
    assert post(served, "webhook", {"conversation": first, "message": "hello"}).json() == [
        {"recipient_id": first.split(".")[0], "text": "echo: hello"}
    ]
    [message] = served.agent.messages
    assert message.sender_id == f"widget:{first.split('.')[0]}"


@pytest.mark.parametrize(
    "body",
    [
        {"sender": "web-123", "message": "hello"},  # the old widget chose its own id
        {"conversation": "made-up", "message": "hello"},
        {"conversation": "abc.def", "message": "hello"},
        {"message": "hello"},
    ],
)
def test_an_id_the_server_did_not_sign_is_refused(served, body):
    response = post(served, "webhook", body)
    assert response.status_code == 401 and "POST conversation" in response.json()["error"]
    assert served.agent.messages == []


def test_replicas_sharing_the_secret_accept_each_others_ids(served, monkeypatch):
    token = start(served)
    other = Served(WidgetInput(), StandInAgent())
    monkeypatch.setenv("WIDGET_SECRET", "another secret that is long enough to use")
    stranger = Served(WidgetInput(), StandInAgent())
    try:
        assert post(other, "webhook", {"conversation": token, "message": "hi"}).status_code == 200
        assert post(stranger, "webhook", {"conversation": token, "message": "hi"}).status_code == 401
    finally:
        other.close()
        stranger.close()


def test_forget_deletes_the_conversation_and_its_insights_facts(served, tmp_path, monkeypatch):
    monkeypatch.setenv("INSIGHTS_DB", str(tmp_path / "insights.db"))
    insights = open_insights(tmp_path / "insights.db")
    insights.record("mine", "widget", "area", "local_knowledge")
    insights.record("someone-else", "widget", "area", "business_case")
    token = start(served)
    sender = f"widget:{token.split('.')[0]}"
    tracker = DialogueStateTracker.from_events(sender, [UserUttered("my private words"), SlotSet("insights_id", "mine")])
    store = served.agent.tracker_store
    served.loop.run(store.save(tracker))
    response = post(served, "forget", {"conversation": token})
    assert (response.status_code, response.json()) == (200, {"forgotten": True})
    assert served.loop.run(store.retrieve(sender)) is None
    remaining = [r["conversation"] for r in insights.db.query("select conversation from facts")]
    assert remaining == ["someone-else"]


def test_forget_needs_an_id_the_server_signed(served):
    assert post(served, "forget", {"conversation": "widget:someone"}).status_code == 401
    assert (
        requests.post(
            f"{served.url}/webhooks/widget/forget",
            data=json.dumps({"conversation": start(served)}),
            headers={"Content-Type": "text/plain"},
            timeout=10,
        ).status_code
        == 415
    )


def test_pages_send_a_strict_content_security_policy(served):
    policy = requests.get(f"{served.url}/webhooks/widget/", timeout=10).headers["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "object-src 'none'",
        "frame-ancestors 'self'",
    ):
        assert directive in policy


def test_a_short_secret_is_refused(monkeypatch):
    monkeypatch.setenv("WIDGET_SECRET", "short")
    with pytest.raises(ValueError, match="at least 32 characters"):
        WidgetInput()
