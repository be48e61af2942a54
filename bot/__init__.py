"""Domain code of the assistant: knowledge base, safety, NLU components, directory, channels.

Nothing in this package imports Rasa at module level except the NLU components in `bot.nlu`,
so the domain can be used and tested on its own.
"""
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
