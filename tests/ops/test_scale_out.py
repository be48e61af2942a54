"""Two Rasa servers share conversations through PostgreSQL and a Redis lock store (with a password, as in
production): 20 conversations alternate between them turn by turn, and every turn is answered, with complete,
ordered trackers. Widget conversations started on one replica continue on the other (a shared WIDGET_SECRET)."""

import json
import secrets

import psycopg2
import requests

from devtools.servers import MODEL, REPO_ROOT, action_server, rasa_server
from tests.ops.services import postgres, redis

TURNS = [
    "hello",
    "I'm a physio",
    "we never have time to talk about mood in a ten minute appointment",
    "any examples?",
    "what could we try?",
    "thanks",
]


def send(url, sender, text):
    response = requests.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60)
    response.raise_for_status()
    return response.json()


def test_two_servers_share_every_conversation(tmp_path):
    with postgres() as pg, redis(tmp_path) as rd, action_server() as (action_url, _):
        env = {**pg, **rd, "ACTION_SERVER_URL": f"{action_url}/webhook", "WIDGET_SECRET": secrets.token_urlsafe(48)}
        endpoints = REPO_ROOT / "deploy" / "endpoints.production.yml"
        with rasa_server(MODEL, endpoints, env) as a, rasa_server(MODEL, endpoints, env) as b:
            for c in range(20):
                sender = f"scale-{c}"
                for turn, text in enumerate(TURNS):
                    replies = send((a, b)[turn % 2], sender, text)
                    assert replies, f"{sender} turn {turn} got no reply"
                    assert "went wrong" not in " ".join(r.get("text", "") for r in replies)
            conversation = requests.post(f"{a}/webhooks/widget/conversation", json={}, timeout=10).json()["conversation"]
            for turn, text in enumerate(TURNS[:3]):
                reply = requests.post(
                    f"{(a, b)[turn % 2]}/webhooks/widget/webhook",
                    json={"conversation": conversation, "message": text},
                    timeout=60,
                )
                assert reply.status_code == 200 and reply.json(), f"widget turn {turn}: {reply.status_code}"
        conn = psycopg2.connect(host=pg["POSTGRES_HOST"], port=pg["POSTGRES_PORT"], user="postgres", dbname="rasa")
        cur = conn.cursor()
        for c in range(20):
            cur.execute("select data from events where sender_id = %s and type_name = 'user' order by id", (f"rest:scale-{c}",))
            texts = [json.loads(row[0])["text"] for row in cur.fetchall()]
            assert texts == TURNS, texts
        cur.execute("select count(distinct sender_id) from events where sender_id like 'rest:scale-%%'")
        assert cur.fetchone()[0] == 20
