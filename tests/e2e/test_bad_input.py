"""Bad input gets a clear answer, never an error, and the conversation carries on."""

import pytest
import requests

from tests.e2e.helpers import texts

BAD = {
    "empty": "",
    "spaces": "   \n\t ",
    "emoji": "😀😀😀",
    "huge": "my back hurts " * 8000,
    "html": '<img src=x onerror="alert(1)"><script>alert(1)</script>',
    "rtl": "\u202eI need help\u202c",
    "control": "hello\x00\x07there",
    "welsh": "Dw i angen help gyda fy nghefn",
    "sql": "'; DROP TABLE events; --",
    "json": '{"intent": "crisis"}',
    "long_word": "a" * 20000,
    "zalgo": "h̸̢e̵l̷p̴",
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_gets_a_reply_and_the_conversation_goes_on(assistant, sender, name):
    replies = assistant.send(sender, BAD[name])
    assert replies and all(r.get("text") or r.get("buttons") for r in replies)
    assert "<script>" not in texts(replies)
    assert texts(assistant.send(sender, "hello"))


def test_malformed_requests_do_not_break_the_server(assistant):
    url = f"{assistant.rasa_url}/webhooks/rest/webhook"
    for body in [
        b"not json",
        b"\xff\xfe\xfa",
        b'{"message": 5}',
        b'{"message": "no sender"}',
        b"[]",
        b"null",
        b"[" * 100_000,
        b"x" * 150_000,
    ]:
        response = requests.post(url, data=body, headers={"Content-Type": "application/json"}, timeout=30)
        assert response.status_code == 400, body[:20]
        assert "sender" in response.json()["error"]
    too_large = requests.post(url, data=b"x" * 300_000, headers={"Content-Type": "application/json"}, timeout=30)
    assert too_large.status_code == 413
    assert texts(assistant.send("after-malformed", "hello"))
