"""Reading a typed follow-up against what the assistant last asked. Pure functions, no Rasa.

A button sends an intent; a person types words. Both must mean the same: "no I'm not safe" is the
"I'm not safe" button, "the first one" or "patient expectations" is the first clarifying button, "yes"
is the offer just made. The intent model alone can't know this, because the same words mean different
things after different questions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.directory.unlisted import unlisted_needs
from bot.places import Place, nation_named, region_named, resolve

_WORD = re.compile(r"[a-z0-9']+")


# A reply this short that names a place ("Leeds", "in Wales", "I'm in Cardiff") is the place itself.
BARE_PLACE_WORDS = 4
# Words that may stand beside a place in a reply that is only the place.
_AROUND_A_PLACE = frozenset(
    "i i'm im am in at near from live living based its it's the around me ok okay yes yeah please thanks".split()
)


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text or "").lower().replace("\u2019", "'")
    return _WORD.findall(text)


def _phrase(text: str) -> str:
    return " ".join(words(text))


YES = re.compile(
    r"^(yes|yeah|yea|yep|yup|ye|y|aye|ya|yh|ok|okay|sure|please|yes please|go on|go ahead|i do|i am|i have|"
    r"correct|right|definitely|absolutely|of course|that would help|that'd help|sounds good|why not)\b"
)
NO = re.compile(r"^(no|nope|nah|na|n|not really|no thanks|no thank you|i'm ok thanks|not now|not at the moment|never mind)\b")
# A hedged no ("I don't think so", "not that I know of"): reassurance about someone else, doubt about oneself,
# and to "Are you safe right now?" a no.
HEDGED_NO = re.compile(
    r"^((well|um|erm|hmm|honestly|no|nah) )?(i )?(don't|do not|dont) (think|believe|reckon) so\b|"
    r"^not (that|as far as) i (know|can tell)\b|^i doubt (it|that|he|she|they)\b"
)
UNSURE = re.compile(
    r"\b(not sure|unsure|don't know|dont know|dunno|idk|maybe|sort of|kind of|kinda|a bit|a little|sometimes|on and off|i think so|possibly|perhaps)\b"
)
# Asking what to do now ("what do I do", "what should I do next"): inside the safety conversation, the steps.
WHAT_NOW = re.compile(
    r"^(so |ok |okay |and )?(what|wat) (do|should|can|shall|must) (i|we) do( now| next| then| about (it|this|her|him|them))?$|"
    r"^(so |ok |okay |and )?(what|wat) (now|next|then)$|^what('s| is) the next step$|^what happens (now|next)$"
)
# A message that asks something: opens with a question word or "is there", "can you"...
QUESTION = re.compile(
    r"^(so |and |but |ok |okay )?(is|are|can|could|would|will|do|does|what|where|how|who|which|when|why|any|anything)\b"
)
# A bare nod ("ok", "sure", "right then"): to "Are you safe right now?" it says only that the words were read.
ACKNOWLEDGED = re.compile(r"^(ok|okay|k|kk|sure|right|please|go on|go ahead)( then| thanks| thank you| ta| cheers)?$")
NOT_SAFE = re.compile(
    r"\b(not safe|unsafe|(no|nope|nah),? i'?m not(?! (going to|gonna) (do|try) anything)|i'?m not ok(ay)?|"
    r"can'?t keep (my ?self )?safe|can'?t stay safe|"
    r"not going to be safe|(already|just) (taken|took|swallowed|done|cut)|i'?ve taken|i took|in danger|help me|"
    r"please help|not really safe|don'?t feel safe|won'?t be safe)\b"
)
# Someone else said to be safe ("he's safe", "she's ok now", "they're with me"), to "Is the person safe right now?";
# never "he's not ok".
THEY_SAFE = re.compile(
    r"\b(he|she|they|my \w+)('s| is|'re| are)( (?!not\b)\w+)? (safe|ok|okay|fine|alright|all right|asleep|with me|with us|"
    r"with someone|in hospital|at a&e|being looked after)\b"
)
SAFE = re.compile(
    r"\b(i'?m safe|i am safe|i'?m ok(ay)?|i am ok(ay)?|i'?m fine|i am fine|i'?m alright|i'?m all right|safe now|"
    r"safe right now|safe for now|i'?ll be ok(ay)?|i'?ll be fine|feeling safer|i'?m safe now|yes i'?m safe|"
    r"i'?m not (going to|gonna) (do|try) anything|i (won'?t|will not|wouldn'?t|would not|will never|would never|'?d never) "
    r"(do|try) anything|i (won'?t|will not|wouldn'?t|would not|'?d never|would never|'?m not going to|am not going to) "
    r"act on (it|them|those thoughts|the thoughts))\b"
)
# Session 19: "no i wouldnt do anything", typed to "Are you safe right now?", was read as "no, not safe" and got
# "Please get help now"; the person had said they would not act. "no, I'm not going to do anything" likewise.
ORDINALS = {
    "first": 0,
    "1st": 0,
    "one": 0,
    "1": 0,
    "top": 0,
    "second": 1,
    "2nd": 1,
    "two": 1,
    "2": 1,
    "middle": 1,
    "third": 2,
    "3rd": 2,
    "three": 2,
    "3": 2,
    "fourth": 3,
    "4th": 3,
    "four": 3,
    "4": 3,
    "fifth": 4,
    "5th": 4,
    "five": 4,
    "5": 4,
}
_ORDINAL = re.compile(
    r"\b(?:the )?(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|top|middle)\b|^(?:number |no )?([1-5])$|^(one|two|three|four|five)$"
)
_LAST = re.compile(r"\b(last|final|bottom) one\b|^(the )?last$")
# "whatever" or "I guess" is read as a yes by the model, but picks nothing: the choices are offered again
_NONCOMMITTAL = re.compile(r"^(whatever|i guess|i suppose|suppose so|meh|dunno|idk|don't mind|either|any of them|don't care)\b")
_THAT_ONE = re.compile(r"^(that one|this one|that|this|that please|that one please|the one|it)$")
# "ok thanks" on its own closes the exchange: it is no yes to an offer and picks none of the buttons.
# "that's useful" and the like, said with thanks or alone (session 19: "ok thanks that's useful" was read as a yes to
# the offer of a second area, and the area was answered)
_PRAISE = (
    r"(that's|thats|that is|that was|this is|it's|its|it is|very|really|so|super)( (really|very|so|super))? "
    r"(useful|helpful|great|brilliant|lovely|perfect|interesting|good|handy|fab|fantastic|clear|informative)"
)
_THANKS = re.compile(
    r"^((ok|okay|right|great|lovely|cool|fine|alright|all right) )?(thanks|thank you|thankyou|ta|cheers|thx)"
    rf"( (so much|very much|a lot|anyway|for that))?( {_PRAISE})?$|"
    rf"^((ok|okay|right) )?{_PRAISE}( (thanks|thank you|thankyou|ta|cheers|thx)( (so much|very much|a lot))?)?$"
)
_STOP_WORDS = {
    "the",
    "a",
    "an",
    "and",
    "of",
    "to",
    "for",
    "in",
    "on",
    "with",
    "one",
    "about",
    "please",
    "tell",
    "me",
    "more",
    "i",
    "want",
    "like",
    "would",
    "what",
    "is",
    "it",
    "that",
    "this",
    "something",
    "my",
}


# Asking for the evidence behind an answer ("any evidence I can cite?", "what are the references?").
REFERENCES = re.compile(r"\b(evidence|references?|sources?|citations?|cite|papers?|studies|reading list|further reading)\b")


# "anything" under a negation ("he hasn't said anything about it") is no answer to what kind of support.
NOT_ANYTHING = re.compile(r"\b(not|never|no|nothing|\w+n't|cannot)( \w+){0,3} anything\b")


def anything_in_passing(text: str) -> bool:
    return bool(NOT_ANYTHING.search(_phrase(text)))


def asks_for_references(text: str) -> bool:
    return bool(REFERENCES.search(_phrase(text)))


# Asking what something costs or saves ("what would it cost us?", "will it save money?", "can we afford it").
COSTS = re.compile(
    r"\b(costs?|costing|cost effective|money|budgets?|afford|price|prices|pricing|spend|funding|savings?|saves?|cheap|cheaper|expensive|pounds?)\b"
)


def asks_about_costs(text: str) -> bool:
    """`_phrase` drops the pound sign, so "£" is looked for in the text as typed."""
    return bool(COSTS.search(_phrase(text)) or "£" in text)


def is_yes(text: str) -> bool:
    return bool(YES.search(_phrase(text)))


def is_thanks(text: str) -> bool:
    """Only thanks ("ok thanks", "cheers"): a close, not a yes."""
    return bool(_THANKS.match(_phrase(text)))


def is_unsure(text: str) -> bool:
    """Neither yes nor no: "I don't know", "not sure", "maybe"."""
    said = _phrase(text)
    return bool(UNSURE.search(said)) and not (YES.search(said) or NO.search(said))


def is_no(text: str) -> bool:
    return bool(NO.search(_phrase(text)))


@dataclass(frozen=True)
class SafetyAnswer:
    """What a typed reply means inside the safety conversation.

    `meaning` is one of: "danger" (not safe, yes to thoughts, an act done), "safe", "unsure", "place",
    "steps" (someone reporting another person asks what to do now), "moved_on" (clearly about something
    else), "unclear".
    """

    meaning: str


def read_safety_answer(
    text: str, question: str, intent: str | None, level: str, place: str | None, intent_confidence: float = 0.0
) -> SafetyAnswer:
    """Read `text`, typed after the safety question `question` ("asked_safe": "Are you safe right now?";
    "asked_thoughts": "Are you having thoughts of ending your life?", also asked as "asked_goodbye" of someone
    whose first words are a farewell; "asked_harm": "Are you worried you might
    act on them?", of unwanted thoughts of harming someone; "asked_other": "Do you think they
    might be thinking of ending their life, or be in danger now?"; "reported": a report about someone
    else; "asked_other_safe": "Is the person safe right now?", asked when a reply to a report was unclear).
    `level` is this message's own safety level, `intent` its intent, `place` the name of a place found in it,
    if any.
    """
    said = _phrase(text)
    # A button click ("/affirm") is as good as the words; an intent guessed from other words is not.
    clicked = (text or "").strip().startswith("/")
    if level == "immediate" or NOT_SAFE.search(said):
        return SafetyAnswer("danger")
    # "what do I do?" (typed in session 18 by a mother and a physio, it brought the menu of problem areas): for
    # someone reporting another person, what they can do now; for the person at risk, the routes and 999
    if WHAT_NOW.search(said):
        return SafetyAnswer("steps" if question in ("asked_other", "reported", "asked_other_safe") else "unsure")
    if intent == "deny" and question == "asked_safe" and not SAFE.search(said):
        return SafetyAnswer("danger")  # the "I'm not safe" button, or "no"
    if SAFE.search(said):
        return SafetyAnswer("safe")
    if question in ("asked_thoughts", "asked_goodbye", "asked_harm"):
        if is_no(said) or (intent == "deny" and clicked):
            return SafetyAnswer("safe")
        if HEDGED_NO.search(said):
            return SafetyAnswer("unsure")
        if UNSURE.search(said):
            return SafetyAnswer("unsure")
        if is_yes(said) or intent == "affirm" or level == "possible" or intent == "crisis":
            return SafetyAnswer("danger")
    if question == "asked_other":
        # Someone else may be at risk: a "no" is reassurance; anything short of it gets the steps.
        if is_no(said) or HEDGED_NO.search(said) or (intent == "deny" and clicked):
            return SafetyAnswer("safe")
        if is_yes(said) or UNSURE.search(said) or intent in ("affirm", "crisis") or level == "possible":
            return SafetyAnswer("danger")
    if question == "asked_safe":
        if is_no(said) or HEDGED_NO.search(said):
            return SafetyAnswer("danger")
        if UNSURE.search(said):
            return SafetyAnswer("unsure")
        # "ok" after the routes is often a nod to them, not an answer to "Are you safe?": asked again.
        if (is_yes(said) and not ACKNOWLEDGED.match(said)) or (intent == "affirm" and clicked):
            return SafetyAnswer("safe")
        if level == "possible" or intent == "crisis":
            return SafetyAnswer("unsure")
    if question == "asked_other_safe":
        # The person reported is the one asked about: "no" is not safe, "yes" or "he's asleep" is.
        if THEY_SAFE.search(said):
            return SafetyAnswer("safe")
        if is_no(said) or HEDGED_NO.search(said) or UNSURE.search(said) or intent in ("deny", "crisis"):
            return SafetyAnswer("danger")
        if is_yes(said) or (intent == "affirm" and clicked):
            return SafetyAnswer("safe")
    if question == "reported" and (level == "possible" or intent == "crisis"):
        return SafetyAnswer("danger")
    # A question of its own ("is there anything for me as his wife?", typed in session 19 at 0.52) is a new request
    # at a lower confidence than a statement: it asks for something, and crisis words were read above.
    asking = bool(QUESTION.search(said) or (text or "").strip().endswith("?"))
    moved_on = bool(
        intent
        and intent_confidence >= (0.5 if asking else 0.6)
        and (intent.startswith(("concern_", "ask_")) or intent in ("find_support", "medication_question", "goodbye", "thank"))
    )
    # A place alone ("I'm in Leeds") asks for that nation's numbers; a new request that names one ("where can we
    # get support in Bristol") is the request (typed in session 15, it was given Bristol's crisis lines).
    if place and (not moved_on or is_place_reply(text, [place])):
        return SafetyAnswer("place")
    if moved_on:
        return SafetyAnswer("moved_on")
    return SafetyAnswer("unclear")


def pick_by_position(text: str, count: int, intent: str | None = None) -> int | None:
    """A pick of one of `count` offered choices by its place, not its words: "the second one", "last one",
    "that one", or a yes (the first); None otherwise."""
    said = _phrase(text)
    found = _ORDINAL.search(said)
    if found:
        key = next(g for g in found.groups() if g)
        index = ORDINALS[key]
        return index if index < count else None
    if _LAST.search(said):
        return count - 1
    if is_thanks(said):
        return None
    if (
        _THAT_ONE.match(said)
        or (is_yes(said) and len(said.split()) <= 4)
        or (intent == "affirm" and not _NONCOMMITTAL.search(said))
    ):
        return 0
    return None


def read_choice(text: str, choices: Sequence[dict[str, Any]], intent: str | None = None) -> int | None:
    """Which of the offered `choices` ({"title": ..., "payload": ...}) a typed reply picks, or None.

    "yes" picks the only choice, or the first of a clarifying question's two areas ("yes, that's it");
    "the second one", "2", "last one" pick by position; otherwise the choice whose title shares the most
    content words with the reply ("patient expectations", "the Oldham one").
    """
    if not choices:
        return None
    said = _phrase(text)
    payloads = [str(c.get("payload", "")) for c in choices]
    if said.startswith("/") or text.strip() in payloads:
        return payloads.index(text.strip()) if text.strip() in payloads else None
    by_position = pick_by_position(text, len(choices), intent)
    if by_position is not None or is_thanks(said):
        return by_position
    said_words = {w for w in words(said) if w not in _STOP_WORDS and len(w) > 2}
    if not said_words:
        return None
    scores = []
    for i, choice in enumerate(choices):
        title_words = {w for w in words(str(choice.get("title", ""))) if w not in _STOP_WORDS and len(w) > 2}
        stems = {w[:5] for w in title_words}
        overlap = sum(1 for w in said_words if w in title_words or w[:5] in stems)
        scores.append((overlap, -i))
    best, negative_index = max(scores)
    if best == 0 or sum(1 for s, _ in scores if s == best) > 1:
        return None
    return -negative_index


# The action each intent is routed to by data/rules/rules.yml; used when a follow-up turns out to be a
# new request. tests/dialogue/test_followups.py checks that the rules say the same.
ROUTES = {
    "greet": "action_respond",
    "goodbye": "action_respond",
    "thank": "action_respond",
    "bot_challenge": "action_respond",
    "out_of_scope": "action_respond",
    "help": "action_respond",
    "ask_privacy": "action_respond",
    "share_feelings": "action_respond",
    "inform_role": "action_set_role",
    "feedback": "action_feedback",
    "ask_service_principles": "action_principles",
    "ask_about_guide": "action_about_guide",
    "medication_question": "action_medication",
    "find_support": "support_form",
    "stop_search": "utter_search_stopped",
    "crisis": "action_crisis",
    "ask_what_to_try": "action_answer_followup",
    "ask_challenges": "action_answer_followup",
    "ask_examples": "action_answer_followup",
    "ask_impact": "action_answer_followup",
    "concern_local_knowledge": "action_answer_concern",
    "concern_skills_training": "action_answer_concern",
    "concern_environment_processes": "action_answer_concern",
    "concern_patient_expectations": "action_answer_concern",
    "concern_coordination_access": "action_answer_concern",
    "concern_business_case": "action_answer_concern",
}


# Words that make a short message naming a kind of support a request for it ("veterans stuff if there is any",
# "what about grief support?"), rather than a remark that mentions it ("he's ex army and won't go out").
_ASKS_FOR = re.compile(
    r"\b(any|anything|anyone|is there|are there|what about|how about|stuff|support|help|services?|groups?|something"
    r"|specific|specifically|for (him|her|them|me|us)|got any|have you got|do you have)\b"
)
ASKING_WORDS = 15


def asks_for_a_kind(text: str) -> bool:
    """A short message that asks for something ("veterans stuff if there is any"), read after a search."""
    found = words(text)
    return 0 < len(found) <= ASKING_WORDS and bool(_ASKS_FOR.search(" ".join(found)))


def unlisted_need_asked(text: str, kinds: Sequence[str]) -> str | None:
    """The need the directory has nothing for (bot/directory/unlisted.py) that a short request names, or None."""
    needs = unlisted_needs()
    named = [kind for kind in kinds if kind in needs]
    return named[0] if named and asks_for_a_kind(text) else None


def is_bare_place(text: str, places: Sequence[str]) -> bool:
    """The reply is only a place ("Anglesey", "I'm in Leeds"), not a question that names one ("What did
    Oldham do?")."""
    named = {w for place in places for w in words(place)}
    rest = [w for w in words(text) if w not in named and w not in _AROUND_A_PLACE]
    return bool(named) and not rest and len(words(text)) <= BARE_PLACE_WORDS + len(named)


def is_place_reply(text: str, places: Sequence[str]) -> bool:
    """A short reply that is a place: tagged as one ("I'm in Leeds"), or found in the town list or as a
    nation or a county once the words around it are set aside ("Anglesey", "in Wales", "somewhere in Yorkshire")."""
    if is_bare_place(text, places):
        return True
    rest = [w for w in words(text) if w not in _AROUND_A_PLACE]
    if not rest or len(words(text)) > BARE_PLACE_WORDS:
        return False
    candidate = " ".join(rest)
    return bool(nation_named(candidate) or region_named(candidate)) or isinstance(resolve(candidate), Place)


def farewell_first(events: list[dict[str, Any]]) -> bool:
    """The person's only words so far are greetings and this farewell. A goodbye with nothing said before it
    may be the kind a person at risk leaves, so it is asked about (hold-out 26 had the single word "goodbye");
    a goodbye at the end of a conversation is only a goodbye."""
    said = [e for e in events if e.get("event") == "user"]
    earlier = said[:-1]
    return all(((e.get("parse_data") or {}).get("intent") or {}).get("name") == "greet" for e in earlier)
