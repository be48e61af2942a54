"""Reply latency over REST: N sequential messages through the real servers, one conversation each of 4 turns.

Usage: .venv/bin/python -m devtools.bench_rest [--messages 200]
Writes the figures to docs/benchmarks.md (section "REST reply latency").
"""

import argparse
import datetime
import os
import platform
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from devtools.benchmarks_doc import percentile, write_section
from devtools.evaluation import load_examples
from devtools.servers import running_assistant


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=200)
    args = parser.parse_args()
    texts = [t for t, _ in load_examples(ROOT / "tests" / "data" / "nlu_eval.yml")]
    latencies, unanswered = [], 0
    with running_assistant() as assistant:
        assistant.send("warm-up", "hello")
        for i in range(args.messages):
            started = time.perf_counter()
            replies = assistant.send(f"bench-{i // 4}", texts[i % len(texts)])
            latencies.append((time.perf_counter() - started) * 1000)
            unanswered += not replies
    p50, p95, p99 = (percentile(latencies, p) for p in (50, 95, 99))
    print(f"{args.messages} messages: p50 {p50:.0f} ms, p95 {p95:.0f} ms, p99 {p99:.0f} ms, unanswered {unanswered}")
    write_section(
        "REST reply latency",
        "\n".join(
            [
                f"Made by `make bench-rest` on {datetime.date.today().isoformat()}, {platform.machine()}, "
                f"{os.cpu_count()} cores: one run of {args.messages} sequential messages (held-out evaluation texts, "
                "four turns per conversation) through one Rasa server and one action server on this machine, over "
                "the REST channel, after one warm-up message.",
                "",
                "| messages | p50 | p95 | p99 | max | unanswered |",
                "| ---: | ---: | ---: | ---: | ---: | ---: |",
                f"| {args.messages} | {p50:.0f} ms | {p95:.0f} ms | {p99:.0f} ms | {max(latencies):.0f} ms | {unanswered} |",
            ]
        ),
    )


if __name__ == "__main__":
    main()
