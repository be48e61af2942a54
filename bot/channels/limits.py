"""Rate limits per conversation and per caller address, so one sender or one machine cannot flood the assistant.

Each key has a bucket of `per_minute` turns that refills steadily over a minute: a person typing, or
clicking a few buttons quickly, never meets the limit; a script does. Buckets live in this process only:
with several Rasa replicas each keeps its own, so the ingress' limit is the backstop for the whole service.
The number of keys held is bounded; the least recently seen are forgotten first.
"""

from __future__ import annotations

import os
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

MAX_KEYS = 50_000
SENDER_ENV, ADDRESS_ENV = "RATE_LIMIT_SENDER_PER_MINUTE", "RATE_LIMIT_ADDRESS_PER_MINUTE"
DEFAULT_SENDER_PER_MINUTE = 20
DEFAULT_ADDRESS_PER_MINUTE = 200


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: float = 0.0
    # The first refusal since the key was last allowed: the moment to tell the person, once.
    first_refusal: bool = False


class RateLimiter:
    """Token buckets keyed by anything hashable. A limit of 0 allows everything."""

    def __init__(self, per_minute: int, max_keys: int = MAX_KEYS, clock: Callable[[], float] = time.monotonic):
        self.per_minute = per_minute
        self.max_keys = max_keys
        self.clock = clock
        # key -> (tokens left, when counted, refused since last allowed)
        self._buckets: OrderedDict[Hashable, tuple[float, float, bool]] = OrderedDict()

    def check(self, key: Hashable) -> Verdict:
        """Take one turn from the key's bucket, if there is one left."""
        if self.per_minute <= 0:
            return Verdict(True)
        now = self.clock()
        tokens, then, refused = self._buckets.pop(key, (float(self.per_minute), now, False))
        tokens = min(float(self.per_minute), tokens + (now - then) * self.per_minute / 60)
        if tokens >= 1:
            self._remember(key, (tokens - 1, now, False))
            return Verdict(True)
        self._remember(key, (tokens, now, True))
        return Verdict(False, retry_after=(1 - tokens) * 60 / self.per_minute, first_refusal=not refused)

    def _remember(self, key: Hashable, bucket: tuple[float, float, bool]) -> None:
        self._buckets[key] = bucket
        while len(self._buckets) > self.max_keys:
            self._buckets.popitem(last=False)


def _setting(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return max(0, int(value))
    except ValueError:
        raise ValueError(f"{name} must be a whole number of turns per minute (0 turns the limit off), not {value!r}") from None


class RateLimits:
    """The two limits a webhook applies: per conversation and per caller address."""

    def __init__(self, per_sender: int, per_address: int) -> None:
        self.sender = RateLimiter(per_sender)
        self.address = RateLimiter(per_address)

    @classmethod
    def from_env(cls) -> RateLimits:
        return cls(_setting(SENDER_ENV, DEFAULT_SENDER_PER_MINUTE), _setting(ADDRESS_ENV, DEFAULT_ADDRESS_PER_MINUTE))

    def check(self, sender: str, address: str | None) -> Verdict:
        """The address' limit first (it also stops a flood spread over made-up senders), then the sender's."""
        if address is not None:
            verdict = self.address.check(address)
            if not verdict.allowed:
                return verdict
        return self.sender.check(sender)
