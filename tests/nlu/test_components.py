"""The input guard's cleaning, and the intent model on a toy problem."""

import numpy as np
import pytest

from bot.nlu.components import clean_text
from bot.nlu.intent_model import IntentModel


def test_clean_text_flags_empty_and_wordless_input():
    assert clean_text("")["empty"] and clean_text(None)["empty"] and clean_text("   \n ")["empty"]
    assert clean_text("😀😀")["no_letters"] and not clean_text("😀 hi")["no_letters"]


def test_clean_text_drops_control_characters_and_caps_length():
    result = clean_text("hi\x00there\u202e" + "a" * 5000, max_chars=100)
    assert "\x00" not in result["text"] and "\u202e" not in result["text"]
    assert len(result["text"]) == 100 and result["truncated"]


def test_intent_model_learns_and_ranks():
    texts = ["nowhere to refer", "no local services", "no training", "never trained"] * 3
    labels = ["local", "local", "skills", "skills"] * 3
    emb = np.eye(4)[[0, 1, 2, 3] * 3].astype(np.float32)
    model = IntentModel().fit(texts, emb, labels)
    ranking = model.rank(["no training at all"], np.eye(4)[[2]].astype(np.float32))[0]
    assert ranking[0][0] == "skills"
    assert abs(sum(p for _, p in ranking) - 1) < 1e-6


@pytest.mark.parametrize(
    "raw, text",
    [
        ("<b>hello</b> <script>alert(1)</script>", "hello alert(1)"),
        ('<a href="https://example.org">where can I get help</a> in Leeds', "where can I get help in Leeds"),
        ("I <3 my dog", "I <3 my dog"),
        ("pain < 5 most days", "pain < 5 most days"),
    ],
)
def test_markup_is_dropped_and_the_words_inside_kept(raw, text):
    """Typed in session 19, "<b>hello</b>" was "outside what I can help with"."""
    cleaned = clean_text(raw)
    assert cleaned["text"] == text and cleaned["markup"] == (raw != text)


@pytest.mark.parametrize("text, fired", [("🙂🙂", False), ("👍", False), ("🔪🩸", True)])
def test_wordless_messages_are_read_by_the_net_only_never_by_the_models_noise(text, fired):
    """Typed in session 19: "🙂🙂" got the check line under "no words I can read", because the model's
    ranking of no words put crisis at 0.19. Emoji the net reads ("🔪🩸") still get the safety reply."""
    from rasa.shared.nlu.training_data.message import Message

    from bot.nlu.components import EmptyInputClassifier, SafetyNetClassifier

    noise = [{"name": "nlu_fallback", "confidence": 0.3}, {"name": "crisis", "confidence": 0.29}]
    message = Message(
        data={
            "text": text,
            "input_flags": clean_text(text),
            "intent": {"name": "nlu_fallback", "confidence": 1.0},
            "intent_ranking": noise,
        }
    )
    safety = SafetyNetClassifier().process(EmptyInputClassifier().process([message]))[0].get("safety")
    assert safety["fired"] is fired
    assert safety["check_line"] is False
    assert (safety["level"] != "none") is fired
