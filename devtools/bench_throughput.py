"""Throughput at saturation and p95 latency at a realistic load: one Rasa server, then two Rasa servers
sharing conversations through PostgreSQL and a Redis lock store (turns spread round-robin, as a load
balancer without sticky sessions would), each with one action server.

  saturation: 32 conversations sending back to back for --seconds
  realistic:  32 conversations, each sending a message every 3 seconds (about 10 messages/s offered)

Usage: .venv/bin/python -m devtools.bench_throughput [--seconds 40]   (writes docs/benchmarks.md)
"""

import argparse
import datetime
import itertools
import os
import platform
import threading
import time
from contextlib import ExitStack
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]

from devtools.benchmarks_doc import percentile, write_section
from devtools.evaluation import load_examples
from devtools.servers import MODEL, REPO_ROOT, action_server, rasa_server
from tests.ops.services import postgres, redis

TEXTS = [t for t, _ in load_examples(ROOT / "tests" / "data" / "nlu_eval.yml")]


def drive(urls, seconds: float, think: float, conversations: int = 32):
    stop = time.time() + seconds
    latencies, errors, lock = [], [0], threading.Lock()
    turn = itertools.count()

    def conversation(c: int) -> None:
        j = 0
        if think:  # stagger the starts, so the conversations do not all send in the same instant
            time.sleep(think * c / conversations)
        while time.time() < stop:
            url = urls[next(turn) % len(urls)]
            started = time.perf_counter()
            try:
                r = requests.post(
                    f"{url}/webhooks/rest/webhook",
                    timeout=120,
                    json={"sender": f"tp-{think}-{c}-{j // 8}", "message": TEXTS[(c * 37 + j) % len(TEXTS)]},
                )
                ok = r.status_code == 200 and r.json()
            except requests.RequestException:
                ok = False
            with lock:
                latencies.append((time.perf_counter() - started) * 1000)
                errors[0] += not ok
            j += 1
            if think:
                time.sleep(max(0.0, think - (time.perf_counter() - started)))

    threads = [threading.Thread(target=conversation, args=(c,)) for c in range(conversations)]
    started = time.perf_counter()
    [t.start() for t in threads]
    [t.join() for t in threads]
    elapsed = time.perf_counter() - started
    return {
        "messages": len(latencies),
        "per_second": len(latencies) / elapsed,
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "errors": errors[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=40)
    args = parser.parse_args()
    rows = []
    with action_server() as (action_url, log):
        endpoints = log.parent / "endpoints.yml"
        endpoints.write_text(f'action_endpoint:\n  url: "{action_url}/webhook"\n')
        with rasa_server(MODEL, endpoints) as url:
            requests.post(f"{url}/webhooks/rest/webhook", json={"sender": "w", "message": "hello"}, timeout=60)
            rows.append(("1 Rasa server, in-memory store", drive([url], args.seconds, 0), drive([url], args.seconds, 3.0)))
            print(rows[-1], flush=True)
    with ExitStack() as stack:
        pg = stack.enter_context(postgres())
        rd = stack.enter_context(redis(Path(stack.enter_context(__import__("tempfile").TemporaryDirectory()))))
        action_url, _ = stack.enter_context(action_server())
        env = {**pg, **rd, "ACTION_SERVER_URL": f"{action_url}/webhook"}
        production = REPO_ROOT / "deploy" / "endpoints.production.yml"
        urls = [stack.enter_context(rasa_server(MODEL, production, env)) for _ in range(2)]
        for url in urls:
            requests.post(f"{url}/webhooks/rest/webhook", json={"sender": "w", "message": "hello"}, timeout=60)
        rows.append(
            ("2 Rasa servers, PostgreSQL + Redis lock store", drive(urls, args.seconds, 0), drive(urls, args.seconds, 3.0))
        )
        print(rows[-1], flush=True)
    write_section(
        "Throughput",
        "\n".join(
            [
                f"Made by `.venv/bin/python -m devtools.bench_throughput --seconds {args.seconds:g}` on "
                f"{datetime.date.today().isoformat()}, {platform.machine()}, {os.cpu_count()} cores; one run of each. "
                "Saturation: 32 conversations sending back to back. Realistic: 32 conversations, one message every 3 s "
                "each. Servers, database, lock store and the load generator all share the same two cores.",
                "",
                "| set-up | saturation: messages/s | saturation p95 | realistic: messages/s | realistic p50 | realistic p95 | errors |",
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
                *[
                    f"| {name} | {s['per_second']:.1f} | {s['p95']:.0f} ms | {r['per_second']:.1f} | {r['p50']:.0f} ms | "
                    f"{r['p95']:.0f} ms | {s['errors'] + r['errors']} |"
                    for name, s, r in rows
                ],
            ]
        ),
    )


if __name__ == "__main__":
    main()
