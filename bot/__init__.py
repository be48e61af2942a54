"""Domain code of the assistant: knowledge base, directory, places, safety, insights, dialogue reading.

The domain packages (`bot.knowledge`, `bot.directory`, `bot.places`, `bot.safety`, `bot.insights`, and
the pure modules of `bot.dialogue`) import no Rasa, so they can be used and tested on their own
(tests/test_boundaries.py). The Rasa adapters are `bot.nlu.components`, `bot.dialogue.policy` and
`bot.channels`.
"""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
