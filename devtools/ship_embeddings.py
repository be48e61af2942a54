"""Write the training texts' vectors to data/embeddings/, so a fresh clone's first training skips most of
the embedding (bot/nlu/embedding_cache.py explains the lookup).

Run `make embeddings` after changing the training data a lot or the encoder; commit the file it writes. It
trains the NLU pipeline once (texts already embedded come from the cache), so the shipped file holds exactly
the texts of today's training data, then removes shipped files of older encoders or code.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from bot.nlu.embedding_cache import SHIPPED_DIR, EmbeddingCache, cache_dir, cache_file, shipped_file
from bot.nlu.sentence_encoder import ENCODERS

ROOT = Path(__file__).resolve().parents[1]
TRAINING_DATA = ["data/nlu"]


def configured_encoder(config: Path = ROOT / "config.yml") -> str:
    """The `model` of the pipeline's sentence featurizer in config.yml."""
    for step in yaml.safe_load(config.read_text(encoding="utf-8"))["pipeline"]:
        if step.get("model") in ENCODERS:
            return step["model"]
    raise SystemExit(f"{config} has no featurizer using one of {sorted(ENCODERS)}")


def main() -> int:
    model = configured_encoder()
    directory = cache_dir()
    if directory is None:
        print("the embedding cache is turned off (MINDBODY_EMBEDDING_CACHE_DIR is empty); nothing to ship", file=sys.stderr)
        return 1
    print(f"Training the NLU pipeline once so the cache holds today's training texts ({model}) ...", flush=True)
    with tempfile.TemporaryDirectory() as out:
        # a throwaway Rasa cache, so Rasa cannot reuse an earlier featurizer output and skip our cache
        environment = {**os.environ, "RASA_CACHE_DIRECTORY": str(Path(out) / "rasa-cache")}
        done = subprocess.run(
            [str(ROOT / ".venv" / "bin" / "rasa"), "train", "nlu", "--nlu", *TRAINING_DATA, "--out", out],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=environment,
        )
    if done.returncode != 0:
        print(done.stdout[-3000:], done.stderr[-3000:], sep="\n", file=sys.stderr)
        return done.returncode
    cache = EmbeddingCache(cache_file(model, directory), ENCODERS[model].dim)
    if not cache.used:
        print(f"{cache.path} records no training; was the cache written?", file=sys.stderr)
        return 1
    target = shipped_file(model)
    for old in SHIPPED_DIR.glob(f"{model}-*.npz"):
        if old != target:
            old.unlink()
            print(f"removed {old.relative_to(ROOT)} (another encoder build or older code)")
    count = cache.ship(target)
    size = target.stat().st_size / 1e6
    print(f"wrote {target.relative_to(ROOT)}: {count} training texts, {size:.1f} MB; commit it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
