"""The few messages channels send on their own, from data/channels/messages.yml."""

import functools

from bot import DATA_DIR
from bot.datafiles import load_yaml


@functools.lru_cache(maxsize=1)
def channel_messages() -> dict[str, str]:
    data = load_yaml(DATA_DIR / "channels" / "messages.yml", ValueError, "data/channels/messages.yml")
    missing = {"no_reply", "bad_request", "rate_limited", "teams_personal_only"} - set(data or {})
    if missing:
        raise ValueError(f"data/channels/messages.yml lacks {sorted(missing)}")
    return data
