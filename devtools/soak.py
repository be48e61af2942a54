"""Reliability under load, hostile input and faults, through the real servers over REST.

  load:     C concurrent conversations x T turns each (threads, one request at a time per conversation)
  hostile:  N messages of hostile input (empty, 100 kB, control characters, right-to-left text, emoji,
            HTML and script, SQL, JSON, very long words, invalid UTF-8 at the HTTP level); no 5xx allowed
  faults:   the action server is killed mid-conversation (the person must get a graceful message, not
            silence) and restarted (the conversation carries on); Rasa is restarted (the conversation
            continues from the SQLite store)

Usage: .venv/bin/python -m devtools.soak            (full: 32 x 100, 10,000 hostile; writes docs/benchmarks.md)
       .venv/bin/python -m devtools.soak --quick    (the short version `make test` runs)
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]

from devtools.benchmarks_doc import percentile, write_section
from devtools.evaluation import load_examples
from devtools.servers import MODEL, action_server, free_port, rasa_server

APOLOGY = "something went wrong on my side"


def hostile_bodies(n: int, rng: random.Random):
    """Raw HTTP bodies: most are JSON with a hostile message, some are not even valid JSON or UTF-8."""
    texts = [
        "",
        " ",
        "\x00\x01\x02\x1b[31m",
        "\u202e\u202dright-to-left\u200f",
        "😀" * 500,
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "'; DROP TABLE events; --",
        '{"intent": "crisis"}',
        "x" * 100_000,
        "a" * 5000 + " " + "b" * 5000,
        "\ud7ff\ue000\uffff",
        "/restart",
        '/nlu_fallback{"x": 1}',
        "null",
        "I'm a GP " * 300,
        "ᚠᛇᚻ᛫ᛒᛦᚦ",
        "مرحبا كيف حالك",
        "你好，我的背很痛",
        "\t\n\r" * 100,
    ]
    for i in range(n):
        kind = i % 10
        if kind == 8:
            yield b"\xff\xfe\xfa not utf-8 " + bytes([rng.randrange(256) for _ in range(20)])
        elif kind == 9:
            yield rng.choice([b"[]", b"not json", b'{"message": 5}', b"{", b'{"sender": {}, "message": "hi"}'])
        else:
            yield json.dumps({"sender": f"hostile-{i % 50}", "message": rng.choice(texts)}).encode()


def send(url: str, sender: str, text: str, timeout: float = 60):
    response = requests.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=timeout)
    return response.status_code, (response.json() if response.status_code == 200 else None)


def run_load(url: str, conversations: int, turns: int, texts) -> dict:
    latencies, errors, unanswered = [], [], []
    lock = threading.Lock()

    def conversation(c: int) -> None:
        rng = random.Random(c)
        for t in range(turns):
            started = time.perf_counter()
            try:
                status, replies = send(url, f"load-{c}", rng.choice(texts))
            except requests.RequestException as exc:
                with lock:
                    errors.append(repr(exc))
                continue
            with lock:
                latencies.append((time.perf_counter() - started) * 1000)
                if status != 200:
                    errors.append(status)
                elif not replies:
                    unanswered.append((c, t))

    started = time.perf_counter()
    with ThreadPoolExecutor(conversations) as pool:
        list(pool.map(conversation, range(conversations)))
    seconds = time.perf_counter() - started
    return {
        "messages": conversations * turns,
        "errors": len(errors),
        "unanswered": len(unanswered),
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "p99": percentile(latencies, 99),
        "per_second": conversations * turns / seconds,
    }


def run_hostile(url: str, n: int) -> dict:
    rng = random.Random(7)
    server_errors, statuses = 0, {}
    for body in hostile_bodies(n, rng):
        response = requests.post(
            f"{url}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}, timeout=60
        )
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        server_errors += response.status_code >= 500
    healthy = requests.get(f"{url}/", timeout=10).status_code == 200
    answers = all(send(url, f"after-hostile-{i}", "hello")[1] for i in range(5))
    return {"messages": n, "server_errors": server_errors, "statuses": statuses, "healthy": healthy, "still_answers": answers}


def run_faults(model: Path, log_dir: Path) -> dict:
    db = log_dir / "soak-conversations.db"
    action_port = free_port()
    endpoints = log_dir / "soak-endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n'
        f'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "{db}"\n'
    )
    result = {}
    with ExitStack() as stack:
        stack.enter_context(action_server(port=action_port, log_dir=log_dir))
        with rasa_server(model, endpoints, log_dir=log_dir) as url:
            send(url, "fault-1", "I'm a GP")
            send(url, "fault-1", "patients fall between the pain clinic and mental health services")
            stack.close()  # kill the action server mid-conversation
            _, replies = send(url, "fault-1", "any examples?")
            text = " ".join(r.get("text", "") for r in replies or [])
            result["action_server_down_reply"] = "graceful" if (replies and text) else "silence"
            result["apology_shown"] = APOLOGY in text
            with action_server(port=action_port, log_dir=log_dir):
                _, replies = send(url, "fault-1", "what could we try?")
                result["resumed_after_action_server_returns"] = bool(replies) and APOLOGY not in str(replies)
        with action_server(port=action_port, log_dir=log_dir), rasa_server(model, endpoints, log_dir=log_dir) as url:
            _, replies = send(url, "fault-1", "any examples?")
            text = " ".join(r.get("text", "") for r in replies or [])
            result["continued_after_rasa_restart"] = any(k in text for k in ("Oldham", "Berkshire", "Buckinghamshire"))
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--conversations", type=int)
    parser.add_argument("--turns", type=int)
    parser.add_argument("--hostile", type=int)
    args = parser.parse_args()
    conversations = args.conversations or (4 if args.quick else 32)
    turns = args.turns or (10 if args.quick else 100)
    hostile = args.hostile or (300 if args.quick else 10_000)
    texts = [t for t, _ in load_examples(ROOT / "tests" / "data" / "nlu_eval.yml")]
    log_dir = Path(tempfile.mkdtemp(prefix="soak-"))
    with action_server(log_dir=log_dir) as (action_url, _):
        endpoints = log_dir / "endpoints.yml"
        endpoints.write_text(f'action_endpoint:\n  url: "{action_url}/webhook"\n')
        with rasa_server(MODEL, endpoints, log_dir=log_dir) as url:
            send(url, "warm-up", "hello")
            load = run_load(url, conversations, turns, texts)
            print(f"load: {load}", flush=True)
            bad = run_hostile(url, hostile)
            print(f"hostile: {bad}", flush=True)
    faults = run_faults(MODEL, log_dir)
    print(f"faults: {faults}", flush=True)
    ok = (
        load["errors"] == 0
        and load["unanswered"] == 0
        and bad["server_errors"] == 0
        and bad["healthy"]
        and bad["still_answers"]
        and faults["action_server_down_reply"] == "graceful"
        and faults["resumed_after_action_server_returns"]
        and faults["continued_after_rasa_restart"]
    )
    if not args.quick:
        write_section(
            "Soak: load, hostile input and faults",
            "\n".join(
                [
                    f"Made by `make soak` on {datetime.date.today().isoformat()}, {platform.machine()}, {os.cpu_count()} cores: "
                    "one run, one Rasa server and one action server on this machine, REST channel.",
                    "",
                    "| test | figures |",
                    "| --- | --- |",
                    f"| load: {conversations} concurrent conversations x {turns} turns | {load['messages']} messages, "
                    f"{load['errors']} errors, {load['unanswered']} without a reply; p50 {load['p50']:.0f} ms, "
                    f"p95 {load['p95']:.0f} ms, p99 {load['p99']:.0f} ms; {load['per_second']:.1f} messages/s |",
                    f"| hostile input | {bad['messages']} requests, {bad['server_errors']} server errors (5xx); statuses "
                    f"{bad['statuses']}; healthy afterwards: {bad['healthy']}; still answers: {bad['still_answers']} |",
                    f"| action server killed mid-conversation | reply: {faults['action_server_down_reply']} "
                    f"(apology shown: {faults['apology_shown']}); resumed when it returned: "
                    f"{faults['resumed_after_action_server_returns']} |",
                    f"| Rasa restarted | conversation continued from the store: {faults['continued_after_rasa_restart']} |",
                ]
            ),
        )
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
