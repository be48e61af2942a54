"""Rasa's buttons as an Adaptive Card 1.5 (Rasa's Bot Framework channel sends Hero cards): each button is a
messageBack action whose payload comes back in the activity's `value`."""

from __future__ import annotations

from typing import Any

ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
ADAPTIVE_CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
ADAPTIVE_CARD_VERSION = "1.5"
MAX_CARD_ACTIONS = 6  # Teams shows at most six actions per action set (its Adaptive Card host config)


def adaptive_card(text: str, buttons: list[dict[str, Any]]) -> dict[str, Any]:
    """The text and Rasa's buttons as an Adaptive Card; a click sends the button's payload back as `value`."""
    actions = [_submit_action(button) for button in buttons]
    action_sets = [
        {"type": "ActionSet", "actions": actions[i : i + MAX_CARD_ACTIONS]} for i in range(0, len(actions), MAX_CARD_ACTIONS)
    ]
    return {
        "$schema": ADAPTIVE_CARD_SCHEMA,
        "type": "AdaptiveCard",
        "version": ADAPTIVE_CARD_VERSION,
        "body": [{"type": "TextBlock", "text": text, "wrap": True}, *action_sets],
    }


def _submit_action(button: dict[str, Any]) -> dict[str, Any]:
    title = str(button.get("title", ""))
    return {
        "type": "Action.Submit",
        "title": title,
        "data": {
            "msteams": {"type": "messageBack", "text": title, "displayText": title},
            "payload": str(button.get("payload") or title),
        },
    }
