"""Reply latency over REST and memory of the servers, for one trained model (a full Rasa model).

Like devtools/bench_rest.py (sequential messages, four turns per conversation, one warm-up message) but for
any model, on two sets: our own evaluation texts (short, what `make bench-rest` sends) and the real-text
passages (30-110 words). Memory: resident set of the Rasa server and the action server (VmRSS at the end,
VmHWM the peak), read from /proc. Prints only; writes no doc.

With --encoders instead of a model: the sentence encoders alone, one message at a time (150 of each set),
for all-MiniLM-L6-v2 on one thread and all-mpnet-base-v2 on one and two.

Usage: .venv/bin/python -m experiments.bench_latency MODEL [--messages 200]
       .venv/bin/python -m experiments.bench_latency --encoders
"""

import argparse
import time
from pathlib import Path

from devtools.benchmarks_doc import percentile
from devtools.evaluation import load_examples, load_passages
from devtools.servers import running_assistant

ROOT = Path(__file__).resolve().parent.parent


def children(pid: int) -> list:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            child = int(stat.parent.name)
            found += [child] + children(child)
    return found


def memory_mb(pids: list) -> tuple:
    rss = hwm = 0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss += int(line.split()[1])
            elif line.startswith("VmHWM:"):
                hwm += int(line.split()[1])
    return rss / 1024, hwm / 1024


def encoders(sets: dict) -> None:
    from bot.nlu.sentence_encoder import MINILM, MPNET, SentenceEncoder

    for model, threads in ((MINILM, 1), (MPNET, 1), (MPNET, 2)):
        encoder = SentenceEncoder(model=model, threads=threads)
        encoder.encode(["warm-up"])
        figures = []
        for name, texts in sets.items():
            times = []
            for text in texts[:150]:
                started = time.perf_counter()
                encoder.encode([text])
                times.append((time.perf_counter() - started) * 1000)
            figures.append(f"{name} p50 {percentile(times, 50):.0f} ms, p95 {percentile(times, 95):.0f} ms")
        print(f"{model}, {threads} thread(s): " + "; ".join(figures), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("model", type=Path, nargs="?")
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--encoders", action="store_true", help="time the sentence encoders alone")
    args = parser.parse_args()
    sets = {
        "own set (short)": [t for t, _ in load_examples(ROOT / "tests/data/nlu_eval.yml")],
        "real text (long)": [t for t, _ in load_passages(ROOT / "tests/data/real_text")],
    }
    if args.encoders or args.model is None:
        encoders(sets)
        return
    import os

    with running_assistant(args.model) as assistant:
        assistant.send("warm-up", "hello")
        for name, texts in sets.items():
            latencies = []
            for i in range(args.messages):
                started = time.perf_counter()
                assistant.send(f"bench-{name[:3]}-{i // 4}", texts[i % len(texts)])
                latencies.append((time.perf_counter() - started) * 1000)
            p50, p95, p99 = (percentile(latencies, p) for p in (50, 95, 99))
            print(
                f"{args.model.name} {name}: {args.messages} messages, p50 {p50:.0f} ms, p95 {p95:.0f} ms, "
                f"p99 {p99:.0f} ms, max {max(latencies):.0f} ms",
                flush=True,
            )
        rss, hwm = memory_mb(children(os.getpid()))
        print(
            f"{args.model.name} memory of the Rasa and action servers: {rss:.0f} MB resident at the end, "
            f"peak {hwm:.0f} MB (sum of each process's peak)",
            flush=True,
        )


if __name__ == "__main__":
    main()
