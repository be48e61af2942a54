"""A dialogue policy that sends a follow-up to the action that reads it in context.

Rules route by intent, but a follow-up means something only against what the assistant last asked:
"no" after "Are you safe right now?", "Leeds" after "Where would you like support near?", "the first
one" after three examples. While the assistant waits for such an answer (the `safety_state` or
`pending` slot is set, or an `offer` of support is open and the reply names a place; see docs/dialogue.md), this policy predicts the reading action for the next
message, whatever its intent, and outranks the RulePolicy (higher priority, same confidence). It stays
out of the way of forms (`active_loop`), and predicts `action_listen` once its action has answered.
"""

from __future__ import annotations

from typing import Any

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from bot.dialogue.action_responses import use_prepared_validator
from bot.dialogue.followups import is_place_reply, is_unsure, unlisted_need_asked

SAFETY_ACTION = "action_safety_followup"
FOLLOWUP_ACTION = "action_read_followup"
READERS = (SAFETY_ACTION, FOLLOWUP_ACTION)

use_prepared_validator()  # Rasa's per-response schema check, prepared once (see that module)


def _actions_since_user(tracker: DialogueStateTracker) -> list[str]:
    """Names of the actions run since the latest user message, oldest first."""
    names: list[str] = []
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, ActionExecuted) and event.action_name:
            names.append(event.action_name)
    return list(reversed(names))


def next_action(tracker: DialogueStateTracker, forms: tuple[str, ...] = ()) -> str | None:
    """The action this policy wants next, or None to leave the choice to the other policies.

    After the reader (or the action it handed over to) has answered, the assistant listens; but when it
    handed over to a form (`forms`) that has just finished, the rules take over (the search runs)."""
    if tracker.active_loop_name:
        return None
    since = _actions_since_user(tracker)
    if not since:  # the person has just written
        if tracker.latest_message is None or not tracker.latest_message.intent:
            return None
        if tracker.get_slot("safety_state"):
            return SAFETY_ACTION
        if tracker.latest_message.intent.get("name") == "crisis":
            return None
        if tracker.get_slot("pending"):
            return FOLLOWUP_ACTION
        text = tracker.latest_message.text or ""
        # After a search (a place is known), a short request for a kind of support the directory has nothing
        # for ("veterans stuff if there is any") is a search for it, whatever the model made of the words.
        kinds = [str(e.get("value")) for e in tracker.latest_message.entities if e.get("entity") == "support_kind"]
        intent = tracker.latest_message.intent.get("name")
        if intent != "find_support" and tracker.get_slot("place") and unlisted_need_asked(text, kinds):
            return FOLLOWUP_ACTION
        # After "I can help you find support near you": "I'm in Cardiff" is the answer, and so is "I don't
        # know" (what support can mean). Other replies go to the rules, which read a yes or a no against the
        # offer (action_affirm_deny).
        places = [str(e.get("value")) for e in tracker.latest_message.entities if e.get("entity") == "place"]
        if tracker.get_slot("offer") and (places or is_unsure(text)):
            return FOLLOWUP_ACTION
        # A place on its own ("Anglesey", "in Leeds"), with nothing else asked, means support near it.
        if is_place_reply(text, places):
            return FOLLOWUP_ACTION
        return None
    if any(name in READERS for name in since) and since[-1] != ACTION_LISTEN_NAME:
        return None if since[-1] in forms else ACTION_LISTEN_NAME
    return None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class FollowupPolicy(Policy):
    """Predicts the follow-up reader while the assistant waits for an answer (see the module docstring)."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"priority": 5}  # above the RulePolicy (4)

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        featurizer: Any = None,
    ) -> None:
        super().__init__(config, model_storage, resource, execution_context, featurizer)

    def train(self, training_trackers: list[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        with self._model_storage.write_to(self._resource):
            pass  # nothing to learn: the policy reads slots
        return self._resource

    def predict_action_probabilities(
        self, tracker: DialogueStateTracker, domain: Domain, rule_only_data: dict[str, Any] | None = None, **kwargs: Any
    ) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        action = next_action(tracker, tuple(domain.form_names))
        if action is not None and action in domain.action_names_or_texts:
            probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities)
