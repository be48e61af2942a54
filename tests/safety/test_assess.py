"""The safety decision as a table: the net's finding and the model's guess -> level and final intent."""

import pytest

from bot.safety.assess import decide
from bot.safety.net import load_safety_net

NET = load_safety_net()


def model(name, confidence=0.9, *others):
    return {"name": name, "confidence": confidence}, [{"name": name, "confidence": confidence}, *others]


@pytest.mark.parametrize(
    "text, model_intent, level, intent",
    [
        # immediate: a plan, means or intent; an act already done; abuse now; goodbyes
        ("I want to kill myself", "share_feelings", "immediate", "crisis"),
        ("I've taken all my tramadol", "medication_question", "immediate", "crisis"),
        ("I ovrdosed on my tablets an hour ago", "share_feelings", "immediate", "crisis"),
        ("held a lighter to my arm again last night", "share_feelings", "immediate", "crisis"),
        ("my partner hits me when he's drunk", "share_feelings", "immediate", "crisis"),
        (
            "I've given my dog to my sister, she'll need him more than me. I won't be around by Christmas",
            "share_feelings",
            "immediate",
            "crisis",
        ),
        ("I just want to stop the pain for good", "share_feelings", "immediate", "crisis"),
        # possible: passive wishes, urges, hopelessness; or the model alone
        ("sometimes I wish I wouldn't wake up", "share_feelings", "possible", "crisis"),
        ("the urges to cut are really strong tonight", "share_feelings", "possible", "crisis"),
        ("everything is grey and heavy and I can't see a way through", "crisis", "possible", "crisis"),
        # none: past, stories, medicines, idioms, questions
        ("I self-harmed years ago and I'm doing well now, can you help with my neck?", "crisis", "none", "help"),
        ("In EastEnders last night a character took an overdose, was that realistic?", "crisis", "none", "help"),
        ("can I take co-codamol with ibuprofen?", "crisis", "none", "medication_question"),
        ("what's the maximum dose of paracetamol in a day?", "find_support", "none", "medication_question"),
        ("this sciatica is killing me", "crisis", "none", "help"),
        ("how do I ask a patient about suicide risk?", "crisis", "none", "help"),
        # risk now outweighs the past
        ("I tried to end my life years ago and I'm thinking about doing it again", "share_feelings", "immediate", "crisis"),
    ],
)
def test_decision_table(text, model_intent, level, intent):
    # the model's second thoughts include crisis, as they do for words like these
    others = [{"name": "help", "confidence": 0.1}] + (
        [{"name": "crisis", "confidence": 0.35}] if model_intent != "crisis" else []
    )
    guess, ranking = model(model_intent, 0.5, *others)
    decision = decide(NET.check(text), guess, ranking)
    assert (decision.level, decision.intent["name"]) == (level, intent)
    if intent == "crisis":
        assert decision.ranking[0] == {"name": "crisis", "confidence": 1.0} or decision.level == "possible"


def test_a_report_about_a_patient_is_about_someone_else():
    d = decide(NET.check("I'm a physio and my patient just told me she has tablets saved up at home"), *model("crisis"))
    assert d.level == "immediate" and d.about_other
    assert not decide(NET.check("I want to end my life"), *model("crisis")).about_other


def test_a_confident_concern_that_mentions_prescribing_is_left_alone():
    text = "how much of our pain budget goes on prescribing opioids versus psychology?"
    d = decide(NET.check(text), *model("concern_business_case", 0.7))
    assert d.intent["name"] == "concern_business_case"


def test_parse_data_has_what_the_actions_read():
    data = decide(NET.check("I want to die"), *model("crisis")).parse_data()
    assert {"level", "rule", "category", "about_other", "older_adult", "child", "context"} <= set(data)


def test_a_guess_of_crisis_set_aside_still_gets_the_check_line():
    d = decide(NET.check("this sciatica is killing me"), *model("crisis", 0.8, {"name": "share_feelings", "confidence": 0.1}))
    assert d.level == "none" and d.set_aside and d.check_line
    assert d.parse_data()["check_line"] is True


def test_crisis_below_the_top_gets_the_check_line_from_the_threshold():
    ranking = [{"name": "share_feelings", "confidence": 0.6}, {"name": "crisis", "confidence": 0.2}]
    text = "I'm exhausted and nobody listens"
    assert decide(NET.check(text), ranking[0], ranking).check_line
    assert not decide(NET.check(text), ranking[0], ranking, check_line_confidence=0.3).check_line
    low = [{"name": "share_feelings", "confidence": 0.9}, {"name": "crisis", "confidence": 0.01}]
    assert not decide(NET.check(text), low[0], low).check_line


def test_a_crisis_guess_under_the_fallback_threshold_gets_the_check_line():
    ranking = [{"name": "nlu_fallback", "confidence": 0.3}, {"name": "crisis", "confidence": 0.25}]
    d = decide(NET.check("there's just more tunnel"), ranking[0], ranking)
    assert d.level == "none" and d.intent["name"] == "nlu_fallback" and d.check_line


def test_crisis_as_the_top_reading_of_an_ambiguous_guess_is_still_the_models_guess():
    """Session 19: crisis 0.51 against share_feelings 0.49, so the fallback stood in, and a lorry driver's plan got
    only the check line."""
    close = [
        {"name": "nlu_fallback", "confidence": 0.3},
        {"name": "crisis", "confidence": 0.51},
        {"name": "share_feelings", "confidence": 0.49},
    ]
    d = decide(NET.check("nobody's going to miss a grumpy old lorry driver"), close[0], close)
    assert d.level == "possible" and d.intent["name"] == "crisis" and d.category == "model"
    # explained words (an idiom) are set aside as for a sure guess, with the check line
    d = decide(NET.check("this sciatica is killing me"), close[0], close)
    assert d.level == "none" and d.check_line
    # another reading on top, crisis second: still only the check line
    other = [
        {"name": "nlu_fallback", "confidence": 0.3},
        {"name": "share_feelings", "confidence": 0.51},
        {"name": "crisis", "confidence": 0.49},
    ]
    d = decide(NET.check("I'm exhausted and nobody listens"), other[0], other)
    assert d.level == "none" and d.check_line


def test_no_check_line_when_the_safety_reply_itself_shows_the_routes():
    assert not decide(NET.check("I want to kill myself"), *model("share_feelings")).check_line
    assert not decide(NET.check("everything is grey and I can't see a way through"), *model("crisis")).check_line


@pytest.mark.parametrize(
    "text, p_crisis, level",
    [
        # words often said without risk now, and a model that gives crisis little weight: ask, don't script
        ("I said 'I could just end it all' at work when the printer jammed for the fifth time", 0.1, "possible"),
        ("I said 'I could just end it all' at work when the printer jammed for the fifth time", 0.6, "immediate"),
        # never for a plan, means or an act already done, however doubtful the model
        ("I've taken all my tramadol", 0.1, "immediate"),
        ("my partner hits me when he's drunk", 0.05, "immediate"),
    ],
)
def test_the_model_doubting_idiom_like_words_gets_the_direct_question(text, p_crisis, level):
    ranking = [{"name": "share_feelings", "confidence": 0.5}, {"name": "crisis", "confidence": p_crisis}]
    d = decide(NET.check(text), ranking[0], ranking)
    assert d.level == level and d.intent["name"] == "crisis"
    assert decide(NET.check(text), ranking[0], ranking, ask_when_model_below=0.0).level == "immediate"


def test_the_check_line_knows_when_the_message_is_about_someone_else():
    ranking = [{"name": "share_feelings", "confidence": 0.6}, {"name": "crisis", "confidence": 0.2}]
    d = decide(NET.check("my dad has been very quiet since his back op"), ranking[0], ranking)
    assert d.check_line and d.about_other


@pytest.mark.parametrize(
    "text, level",
    [
        ("gonna throw myself off the pier if my brother sings that song one more time 😂", "possible"),
        ("I'll top myself if the physio makes me do one more lunge lol", "possible"),
        ("i'm going to kill myself tonight lol", "immediate"),  # something points to now
        ("honestly feel like killing myself lol but not lol", "immediate"),  # the writer takes the joke back
    ],
)
def test_words_of_suicide_in_a_joke_get_the_direct_question_whatever_the_model_says(text, level):
    ranking = [{"name": "crisis", "confidence": 0.9}, {"name": "share_feelings", "confidence": 0.1}]
    assert decide(NET.check(text), ranking[0], ranking).level == level
