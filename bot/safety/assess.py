"""The safety decision for one message: the net's finding and the intent model's guess, combined.

A pure function, tested as a table without Rasa (`tests/safety/test_assess.py`); the NLU component
`SafetyNetClassifier` only calls it and writes the result into the parse data.

Levels (docs/clinical-safety/hazard-log.md):
- `immediate`: a net rule of that level fired (a plan, means or intent, an act already done, abuse or a
  child at risk now). Every route at once, 999 first.
- `possible`: a net rule of that level fired (passive wishes, hopelessness with hints, urges), or the model
  alone guessed `crisis` (also as its top reading when a close second made the fallback stand in for it) and
  nothing explains the words. A warm, direct question with routes in view. Also
  when the net found immediate danger only in words often said without risk now ("I'll kill myself" in an
  idiom, a quotation, the past) and the model gives `crisis` less than `ask_when_model_below`: the two
  layers disagree, so the assistant asks rather than gives the full script.
  Also when the words of suicide come with a joke and nothing points to now (`SafetyResult.joking`).
- `none`: no rule fired. A model guess of `crisis` is set aside only when the net explains the risky words
  (an idiom, a negation, an informational question, the past, a story, a medicines question).

The check line: a `none` message still gets one quiet line with Samaritans, Shout and 999 under its answer
(`check_line`) when the model's guess of `crisis` was set aside, or when the model gives `crisis` at least
`check_line_confidence` without it being the top guess. The net and the model miss some people at risk
who write in ways no set has shown them; most of those misses are of this kind, and the line puts the
routes in front of them without the crisis script for everyone else (docs/safety-evaluation.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.safety.net import SafetyResult

CRISIS = "crisis"
MEDICATION = "medication_question"
# A medicines question is answered as one unless the model is fairly sure the message is about one of
# the guide's concerns ("our prescribing pathway between pain and mental health services").
CONCERN_CONFIDENCE_OVER_MEDICINES = 0.5
# P(crisis) from which a `none` message gets the check line; chosen on development rounds 8-10 replayed as
# fresh text (experiments/NOTES.md), and set in config.yml.
CHECK_LINE_CONFIDENCE = 0.05
# P(crisis) under which a net finding of immediate danger from words often said without risk (the net's
# `ask_when_the_model_doubts` rules) is asked about directly instead: both chosen in config.yml.
ASK_WHEN_MODEL_BELOW = 0.3
# The fallback's name, and its threshold in config.yml: when the model's top reading is `crisis` at least this
# sure but a second reading is close, the FallbackClassifier puts `nlu_fallback` first. That top reading is
# still the model's guess of risk (session 19: a lorry driver's "going to drive the wagon into the quarry",
# crisis 0.51 against share_feelings 0.49, got only the check line).
FALLBACK = "nlu_fallback"
FALLBACK_THRESHOLD = 0.3

Ranking = list[dict[str, Any]]


@dataclass(frozen=True)
class SafetyDecision:
    level: str  # "immediate", "possible" or "none"
    intent: dict[str, Any]  # {"name": ..., "confidence": ...}
    ranking: Ranking
    rule: str | None = None
    category: str | None = None
    context: str | None = None  # why risky words were not taken as a risk now
    set_aside: bool = False  # the model's `crisis` guess was set aside
    check_line: bool = False  # answer, then one quiet line with the routes
    about_other: bool = False
    older_adult: bool = False
    child: bool = False
    all_rules: tuple = field(default_factory=tuple)
    overdose_taken: bool = False

    def parse_data(self) -> dict[str, Any]:
        """What the assistant's actions read from `latest_message["safety"]`."""
        return {
            "level": self.level,
            "fired": self.rule is not None,
            "rule": self.rule,
            "category": self.category,
            "context": self.context,
            "set_aside": self.set_aside,
            "check_line": self.check_line,
            "third_party": self.about_other,
            "about_other": self.about_other,
            "older_adult": self.older_adult,
            "child": self.child,
            "overdose_taken": self.overdose_taken,
        }


def _without(ranking: Ranking, name: str) -> Ranking:
    return [dict(r) for r in ranking if r.get("name") != name]


def _confidence(ranking: Ranking, name: str) -> float:
    return max((float(r.get("confidence") or 0.0) for r in ranking if r.get("name") == name), default=0.0)


def decide(
    result: SafetyResult,
    intent: dict[str, Any] | None,
    ranking: Ranking | None,
    check_line_confidence: float = CHECK_LINE_CONFIDENCE,
    ask_when_model_below: float = ASK_WHEN_MODEL_BELOW,
) -> SafetyDecision:
    """Combine the net's `result` with the model's `intent` and `ranking` for one message."""
    intent = dict(intent or {"name": None, "confidence": 0.0})
    ranking = [dict(r) for r in (ranking or [])]
    p_crisis = _confidence(ranking, CRISIS)
    unsure = p_crisis >= check_line_confidence
    if result.fired:
        crisis = {"name": CRISIS, "confidence": 1.0}
        level = result.level or "immediate"
        model_doubts = level == "immediate" and ((result.doubtable and p_crisis < ask_when_model_below) or result.joking)
        return SafetyDecision(
            level="possible" if model_doubts else level,
            intent=crisis,
            ranking=[crisis, *_without(ranking, CRISIS)],
            rule=result.rule_id,
            category=result.category,
            about_other=result.about_other,
            older_adult=result.older_adult,
            child=result.child,
            all_rules=result.all_rules,
            overdose_taken=result.overdose_taken,
        )
    name = intent.get("name")
    readings = [r for r in ranking if r.get("name") != FALLBACK]
    if name == FALLBACK and readings and readings[0].get("name") == CRISIS and p_crisis >= FALLBACK_THRESHOLD:
        name, intent = CRISIS, {"name": CRISIS, "confidence": p_crisis}
    if name == CRISIS and not result.explained:
        return SafetyDecision(level="possible", intent=intent, ranking=ranking, category="model", about_other=result.about_other)
    if name == CRISIS:
        ranking = _without(ranking, CRISIS)
        following = ranking[0] if ranking else {"name": "nlu_fallback", "confidence": 0.0}
        if result.medicine_question:
            following = {"name": MEDICATION, "confidence": 1.0}
            ranking = [following, *_without(ranking, MEDICATION)]
        return SafetyDecision(
            level="none",
            intent=dict(following),
            ranking=ranking,
            context=result.context,
            set_aside=True,
            check_line=True,
            about_other=result.about_other,
        )
    if result.medicine_question and name != MEDICATION:
        concern = str(name or "").startswith("concern_") and float(intent.get("confidence") or 0) >= (
            CONCERN_CONFIDENCE_OVER_MEDICINES
        )
        if not concern:
            medicines = {"name": MEDICATION, "confidence": 1.0}
            return SafetyDecision(
                level="none",
                intent=medicines,
                ranking=[medicines, *_without(ranking, MEDICATION)],
                context="medicine",
                check_line=unsure,
                about_other=result.about_other,
            )
    return SafetyDecision(
        level="none", intent=intent, ranking=ranking, context=result.context, check_line=unsure, about_other=result.about_other
    )
