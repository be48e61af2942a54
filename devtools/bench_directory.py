"""Directory benchmark: import time and search latency at 1k, 10k and 100k generated services.

Usage: .venv/bin/python -m devtools.bench_directory [--sizes 1000 10000 100000] [--queries 500]
Writes the table to docs/benchmarks.md (section "Directory"). The services are generated (random
places inside Great Britain, random categories) and never leave the temporary folder.
"""

import argparse
import datetime
import os
import platform
import random
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from bot.directory import CATEGORIES, find_services, open_directory
from bot.directory.records import COLUMNS
from devtools.benchmarks_doc import percentile, write_section

BOX = (50.6, 55.8, -4.5, 1.4)  # roughly England and Wales, where most of the UK lives


def generated_rows(n: int, rng: random.Random):
    categories = sorted(CATEGORIES)
    for i in range(n):
        lat, lon = rng.uniform(BOX[0], BOX[1]), rng.uniform(BOX[2], BOX[3])
        yield (
            i + 2,
            {c: "" for c in COLUMNS}
            | {
                "id": f"svc_{i}",
                "organisation": f"Org {i % 997}",
                "service_name": f"Service {i}",
                "categories": ";".join(rng.sample(categories, 2)),
                "service_area": "local",
                "latitude": f"{lat:.5f}",
                "longitude": f"{lon:.5f}",
                "source_url": "https://example.org",
                "last_checked": (datetime.date(2026, 1, 1) - datetime.timedelta(days=rng.randrange(900))).isoformat(),
            },
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--queries", type=int, default=500)
    args = parser.parse_args()
    rng = random.Random(42)
    rows_out = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            directory = open_directory(Path(tmp) / "bench.db")
            started = time.perf_counter()
            report = directory.import_rows(generated_rows(size, rng), total=size)
            import_s = time.perf_counter() - started
            assert report.loaded == size, report.errors[:3]
            timings = {"any": [], "one category": []}
            for _ in range(args.queries):
                lat, lon = rng.uniform(BOX[0], BOX[1]), rng.uniform(BOX[2], BOX[3])
                for label, cats in (("any", None), ("one category", [rng.choice(sorted(CATEGORIES))])):
                    t = time.perf_counter()
                    find_services(directory, lat, lon, cats, limit=5, radius_km=40)
                    timings[label].append((time.perf_counter() - t) * 1000)
            for label, values in timings.items():
                rows_out.append((size, label, import_s, statistics.median(values), percentile(values, 95)))
                print(
                    f"{size:>7} services, {label:12}: import {import_s:6.1f} s, search p50 "
                    f"{statistics.median(values):.2f} ms, p95 {percentile(values, 95):.2f} ms",
                    flush=True,
                )
    lines = [
        f"Made by `make bench-directory` on {datetime.date.today().isoformat()}, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, SQLite with an R*Tree. One import per size; "
        f"{args.queries} searches per row (random places in England and Wales, 40 km radius, 5 results).",
        "",
        "| services | filter | import | search p50 | search p95 |",
        "| ---: | --- | ---: | ---: | ---: |",
        *[f"| {s:,} | {label} | {imp:.1f} s | {p50:.2f} ms | {p95:.2f} ms |" for s, label, imp, p50, p95 in rows_out],
    ]
    write_section("Directory", "\n".join(lines))


if __name__ == "__main__":
    main()
