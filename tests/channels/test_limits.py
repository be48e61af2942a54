"""Rate limits: token buckets per key, refilled over a minute, told once, bounded in memory."""

import pytest

from bot.channels.limits import RateLimiter, RateLimits


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_up_to_the_limit_then_one_turn_per_share_of_the_minute():
    clock = Clock()
    limiter = RateLimiter(6, clock=clock)
    assert [limiter.check("a").allowed for _ in range(7)] == [True] * 6 + [False]
    refused = limiter.check("a")
    assert not refused.allowed and 0 < refused.retry_after <= 10
    clock.now += 10  # a sixth of a minute: one turn back
    assert limiter.check("a").allowed and not limiter.check("a").allowed
    assert limiter.check("b").allowed, "each key has its own bucket"


def test_the_first_refusal_is_marked_so_the_person_is_told_once():
    clock = Clock()
    limiter = RateLimiter(1, clock=clock)
    assert limiter.check("a").allowed
    assert [limiter.check("a").first_refusal for _ in range(3)] == [True, False, False]
    clock.now += 60
    assert limiter.check("a").allowed
    assert limiter.check("a").first_refusal


def test_zero_turns_the_limit_off_and_the_keys_held_are_bounded():
    assert all(RateLimiter(0).check("a").allowed for _ in range(1000))
    limiter = RateLimiter(1, max_keys=3)
    for key in "abcd":
        limiter.check(key)
    assert len(limiter._buckets) == 3 and limiter.check("a").allowed, "the oldest key was forgotten"


def test_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("RATE_LIMIT_SENDER_PER_MINUTE", "7")
    monkeypatch.delenv("RATE_LIMIT_ADDRESS_PER_MINUTE", raising=False)
    limits = RateLimits.from_env()
    assert (limits.sender.per_minute, limits.address.per_minute) == (7, 200)
    monkeypatch.setenv("RATE_LIMIT_ADDRESS_PER_MINUTE", "lots")
    with pytest.raises(ValueError, match="RATE_LIMIT_ADDRESS_PER_MINUTE"):
        RateLimits.from_env()
