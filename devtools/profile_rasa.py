"""Where a Rasa server's time goes under load: py-spy samples it while 8 conversations send messages.

Usage: .venv/bin/uv pip install py-spy && .venv/bin/python -m devtools.profile_rasa [--seconds 25]
Prints the share of samples in the parts that matter (inclusive), from py-spy's raw output.
"""

import argparse
import collections
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from devtools.evaluation import load_examples
from devtools.servers import running_assistant

WATCH = [
    "handle_message rasa/core/processor.py",
    "_parse_message_with_graph",
    "encode bot/nlu/sentence_encoder.py",
    "process bot/nlu/components.py",
    "_run_action rasa/core/processor.py",
    "iter_errors",
    "_predict_next_with_tracker",
]


def listening_pid(port: str) -> str:
    out = subprocess.run(["ss", "-ltnp"], capture_output=True, text=True).stdout
    line = next(l for l in out.splitlines() if f":{port} " in l)
    return re.search(r"pid=(\d+)", line).group(1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=25)
    args = parser.parse_args()
    texts = [t for t, _ in load_examples(ROOT / "tests" / "data" / "nlu_eval.yml")]
    raw = Path(tempfile.mkdtemp()) / "profile.txt"
    with running_assistant() as assistant:
        pid = listening_pid(assistant.rasa_url.rsplit(":", 1)[1])
        spy = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "py-spy"),
                "record",
                "-p",
                pid,
                "-d",
                str(args.seconds),
                "-f",
                "raw",
                "-o",
                str(raw),
                "--nonblocking",
            ]
        )
        stop, sent = time.time() + args.seconds, [0]

        def worker(i: int) -> None:
            j = 0
            while time.time() < stop:
                assistant.send(f"profile-{i}-{j // 5}", texts[(i * 31 + j) % len(texts)])
                j += 1
                sent[0] += 1

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
        [t.start() for t in threads]
        [t.join() for t in threads]
        spy.wait()
    total, inclusive = 0, collections.Counter()
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        total += int(count)
        for key in {w for w in WATCH if w.split(" ")[0] in stack and (len(w.split(" ")) == 1 or w.split(" ")[1] in stack)}:
            inclusive[key] += int(count)
    print(f"{sent[0]} messages in {args.seconds} s; {total} samples")
    for key in WATCH:
        print(f"{100 * inclusive[key] / max(total, 1):5.1f}%  {key}")


if __name__ == "__main__":
    main()
