"""Replies to the place question that are not a place (bot/dialogue/place_answers.py)."""

import pytest

from bot.dialogue.place_answers import PlaceAnswersError, load_place_answers, looks_like_a_name, read_place_answer


@pytest.mark.parametrize(
    "text, kind",
    [
        ("forget it", "stop"),
        ("Never mind then", "stop"),
        ("ok bye", "stop"),
        ("Stop looking", "stop"),  # the button
        ("I've changed my mind about this", "stop"),
        ("no thanks", "decline"),
        ("I'd prefer not to tell you", "decline"),
        ("why would you want to know that?", "decline"),
        ("what do you need my postcode for", "decline"),
        ("doesn't matter", "anywhere"),
        ("anywhere in the UK", "anywhere"),  # the button's place
        ("Great Britain", "anywhere"),
        ("online is better for me", "anywhere"),
        ("I'd rather just ring a helpline", "anywhere"),
        ("close to home", "near_me"),
        ("can't you see where I am", "near_me"),
        ("I live in a village", "near_me"),
        ("dunno", "unsure"),
        # typed in session 18 by a wife at the place question: "I couldn't find a place in that, sorry"
        ("what can i do to help him", "how_to_help"),
        ("How can I support my husband?", "how_to_help"),
        ("so what should I do for her", "how_to_help"),
        # typed in session 20 by a wife: "I don't know where 'what can I do' is"
        ("what can I do", "what_can_i_do"),
        ("ok so what should we do now?", "what_can_i_do"),
        ("I\u2019m not sure what you need", "unsure"),
        ("pardon?", "unsure"),
        ("what's a postcode", "unsure"),
        ("yeah", "agree"),
        ("okay then", "agree"),
        ("find some help", "request"),
        ("local services please", "request"),
        # places and everything else are for the place resolver, not for this module
        ("Leeds", None),
        ("near Leeds", None),
        ("LS6 2AB", None),
        ("I just feel awful all the time", None),
        ("", None),
        ("not sure " * 20, None),  # a long message is something else, whatever words it holds
    ],
)
def test_what_a_reply_to_the_place_question_means(text, kind):
    assert read_place_answer(text) == kind


def test_a_short_unknown_name_is_quoted_back_but_a_sentence_is_not():
    assert looks_like_a_name("Little Snoring")
    assert not looks_like_a_name("my husband has been so low for months")
    assert not looks_like_a_name("is it near you?")
    assert not looks_like_a_name("!!!")


@pytest.mark.parametrize(
    "content, message",
    [
        ("max_words: 10\nstop: ['(']\n", "needs exactly the kinds"),
        ("stop: [a]\n", "max_words"),
        (
            "max_words: 5\n"
            + "".join(
                f"{k}: [x]\n"
                for k in ("decline", "anywhere", "near_me", "how_to_help", "what_can_i_do", "unsure", "agree", "request")
            )
            + "stop: ['(']\n",
            r"stop: '\(' is not a valid pattern",
        ),
        (
            "max_words: 5\n"
            + "".join(
                f"{k}: [x]\n"
                for k in ("decline", "anywhere", "near_me", "how_to_help", "what_can_i_do", "unsure", "agree", "request")
            )
            + "stop: []\n",
            "stop: needs a list of patterns",
        ),
        ("[1, 2]\n", "expected a mapping"),
    ],
)
def test_a_broken_file_is_refused_with_a_clear_message(tmp_path, content, message):
    path = tmp_path / "place_answers.yml"
    path.write_text(content)
    with pytest.raises(PlaceAnswersError, match=message):
        load_place_answers(path)
