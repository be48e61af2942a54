"""What the first reply to a message answers or offers, from the intent and its ranking. Pure.

Shared by the actions (what to show) and the evaluation (what to count as "the right area was offered"),
so the reported figure is what people get.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

FALLBACK = "nlu_fallback"
CONCERN = "concern_"
# A second concern is offered (one short line with a button) when it scores at least this share of the
# first, and at least SECOND_CONCERN_FLOOR; a clarifying question offers the likeliest CLARIFY_CHOICES
# areas. Chosen on the real-text development set (tests/data/real_text_dev/, never the test set) with
# `python -m experiments.tune_offers`, keeping the fallback threshold and at most two areas on average in
# front of a person: the right area offered rose from 0.649 to 0.714 of development passages, the areas
# shown from 1.43 to 1.77 a message (2026-11-28). The intent model's probabilities are peaked, so a second
# area at a tenth of the first is already a real contender.
SECOND_CONCERN_RATIO = 0.1
SECOND_CONCERN_FLOOR = 0.05
CLARIFY_CHOICES = 3

# Intents answered by a fixed reply from domain.yml (`actions.conversation.ActionRespond`). Their buttons
# are offers too: "I'm sorry it's so hard..." offers "Find support" and "What good care looks like".
FIXED_REPLIES = {
    "greet": "utter_greet",
    "goodbye": "utter_goodbye",
    "thank": "utter_thank",
    "bot_challenge": "utter_iamabot",
    "out_of_scope": "utter_out_of_scope",
    "help": "utter_help",
    "ask_privacy": "utter_privacy",
    "share_feelings": "utter_share_feelings",
}
# Feelings shared in a professional's or a carer's words get a reply in theirs: a physio asking how to raise
# a patient's past self-harm is not told "I'm sorry it's so hard at the moment".
SHARE_FEELINGS_BY_ROLE = {
    "professional": "utter_share_feelings_professional",
    "carer": "utter_share_feelings_carer",
}
# Feelings told again get a shorter reply that hears them, never the same words twice.
SAID_AGAIN = {
    "utter_share_feelings": "utter_share_feelings_again",
    "utter_share_feelings_professional": "utter_share_feelings_professional_again",
    "utter_share_feelings_carer": "utter_share_feelings_carer_again",
}


FIND_SUPPORT = "find_support"
SHARE_FEELINGS = "share_feelings"


def _concerns(ranking: Sequence[dict[str, Any]], also: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    return [r for r in ranking if str(r.get("name", "")).startswith(CONCERN) or r.get("name") in also]


def second_concern(
    intent: str,
    ranking: Sequence[dict[str, Any]],
    ratio: float = SECOND_CONCERN_RATIO,
    floor: float = SECOND_CONCERN_FLOOR,
) -> str | None:
    """The second concern worth offering beside `intent`, or None. `ratio` and `floor` are settable so the
    tuning script (experiments/tune_offers.py) replays this very rule."""
    if not intent.startswith(CONCERN):
        return None
    concerns = _concerns(ranking)
    top = next((float(r.get("confidence") or 0) for r in concerns if r.get("name") == intent), None)
    others = [r for r in concerns if r.get("name") != intent]
    if top is None or not others:
        return None
    runner = others[0]
    confidence = float(runner.get("confidence") or 0)
    if confidence >= floor and confidence >= ratio * top:
        return str(runner["name"])
    return None


def clarify_choices(ranking: Sequence[dict[str, Any]], choices: int = CLARIFY_CHOICES) -> list[str]:
    """What a clarifying question offers: the likeliest `choices` (three) of the concern intents and
    `find_support`, so someone whose likeliest reading was "where can I get help" is offered exactly that."""
    return [str(r["name"]) for r in _concerns(ranking, also=(FIND_SUPPORT,))][:choices]


# A request for support that also carries feelings ("my husband's so low, he won't talk to anyone") is
# acknowledged, in the writer's words, before the first question about where: when `share_feelings` is
# among the model's three likeliest intents with at least this confidence.
FEELINGS_IN_REQUEST = 0.15
ACKNOWLEDGE_BY_ROLE = {
    "carer": "utter_acknowledge_carer",
    "professional": None,  # a professional asking where to refer gets straight to the question
}
ACKNOWLEDGE = "utter_acknowledge_feelings"
ACKNOWLEDGEMENTS = frozenset({ACKNOWLEDGE, *(r for r in ACKNOWLEDGE_BY_ROLE.values() if r)})


def acknowledgement(ranking: Sequence[dict[str, Any]], role: str | None) -> str | None:
    """The response that acknowledges feelings in a request for support, or None when there are none. The
    fallback and a guess of crisis are no reading of what was said, so they take no place among the top three
    (a wife's "he barely talks and sleeps all day": fallback 0.30, crisis 0.27, find_support 0.26,
    share_feelings 0.25 started the search with no word for her)."""
    top = [r for r in ranking if r.get("name") not in (FALLBACK, "crisis")][:3]
    carries = any(r.get("name") == "share_feelings" and float(r.get("confidence") or 0) >= FEELINGS_IN_REQUEST for r in top)
    if not carries:
        return None
    return ACKNOWLEDGE_BY_ROLE.get(str(role), ACKNOWLEDGE)


def fixed_reply(intent: str | None, role: str | None) -> str | None:
    """The fixed reply (a response name in domain.yml) for `intent`, in the words of `role`; None if the
    intent has none."""
    if intent == "share_feelings" and role in SHARE_FEELINGS_BY_ROLE:
        return SHARE_FEELINGS_BY_ROLE[role]
    return FIXED_REPLIES.get(str(intent))


def response_buttons(responses: Mapping[str, Any]) -> dict[str, list[str]]:
    """For each response in domain.yml's `responses`, the intents its buttons send. A menu of more than
    CLARIFY_CHOICES areas (the help reply) offers everything, so it counts as none."""
    buttons: dict[str, list[str]] = {}
    for name, variants in responses.items():
        payloads = [str(b.get("payload") or "") for b in (variants or [{}])[0].get("buttons") or []]
        sent = list(dict.fromkeys(p[1:].split("{")[0] for p in payloads if p.startswith("/")))
        buttons[name] = sent if len(sent) <= CLARIFY_CHOICES else []
    return buttons


# When the model can't choose between "where can I get help" and "I'm struggling", both readings lead to
# the same place: support, with the feelings heard first (`acknowledgement`). No clarifying question.
SUPPORT_READINGS = frozenset({FIND_SUPPORT, SHARE_FEELINGS})


def acted_on(intent: str | None, ranking: Sequence[dict[str, Any]]) -> str | None:
    """The intent the assistant acts on: the parse's, except a fallback whose two likeliest readings are
    finding support and sharing feelings, which starts the search for support. A guess of `crisis` among them
    is left to the safety decision, which has already weighed it (and added the check line if it asked for
    one): a wife's "he barely talks and sleeps all day" is still a request for support."""
    if intent == FALLBACK:
        named = [str(r.get("name")) for r in ranking if r.get("name") not in (FALLBACK, "crisis")][:2]
        if set(named) == SUPPORT_READINGS:
            return FIND_SUPPORT
        # Feelings first and no problem area beside them ("no he's not said anything like that, he's just low":
        # share_feelings 0.24, deny 0.23): feelings, not a choice of problem areas.
        if named and named[0] == SHARE_FEELINGS and not any(n.startswith("concern_") for n in named):
            return SHARE_FEELINGS
    return intent


def offered(intent: str | None, ranking: Sequence[dict[str, Any]], buttons: Sequence[str] = ()) -> list[str]:
    """Every intent the first reply answers or offers a button for, answered one first. `buttons` are the
    intents sent by the buttons of the fixed reply, if the intent has one (`fixed_reply`, `response_buttons`).
    `intent` is the one acted on (`acted_on`)."""
    if not intent:
        return []
    if intent == FALLBACK:
        return clarify_choices(ranking)
    second = second_concern(intent, ranking)
    shown = [intent, second] if second else [intent]
    return shown + [b for b in buttons if b not in shown]
