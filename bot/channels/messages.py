"""The few messages channels send on their own, from data/channels/messages.yml."""

import functools

import yaml

from bot import DATA_DIR


@functools.lru_cache(maxsize=1)
def channel_messages() -> dict[str, str]:
    data = yaml.safe_load((DATA_DIR / "channels" / "messages.yml").read_text(encoding="utf-8"))
    missing = {"no_reply", "bad_request", "rate_limited", "teams_personal_only"} - set(data or {})
    if missing:
        raise ValueError(f"data/channels/messages.yml lacks {sorted(missing)}")
    return data
