"""Whole conversations through the running servers, over the REST channel."""

from tests.e2e.helpers import buttons, is_crisis_reply, texts


def test_greeting_says_it_is_automated_and_not_for_emergencies(assistant, sender):
    reply = texts(assistant.send(sender, "hello"))
    assert "automated" in reply and "999" in reply and "not a clinician" in reply


def test_professional_concern_then_follow_ups_apply_to_the_same_area(assistant, sender):
    replies = assistant.send(
        sender, "I'm a physio and honestly we've got nowhere to send people who are struggling with their mood"
    )
    if "Local knowledge" in buttons(replies):  # unsure: the likeliest areas are offered, so pick one
        replies = assistant.send(sender, "/concern_local_knowledge")
    assert "Examples from services" in buttons(replies)
    examples = texts(assistant.send(sender, "/ask_examples"))
    assert "Haywood" in examples or "Keele" in examples
    try_ideas = texts(assistant.send(sender, "what could we try?"))
    assert "Research what services exist locally" in try_ideas


def test_patient_gets_the_patient_version_and_an_offer_of_support(assistant, sender):
    replies = assistant.send(
        sender, "my physio keeps saying my pain is linked to my mood and I feel like they think it's all in my head"
    )
    assert "Yes, find support" in buttons(replies) or "I'm a patient" in buttons(replies)
    if "I'm a patient" in buttons(replies):
        replies = assistant.send(sender, '/inform_role{"role":"patient"}')
        assert "Yes, find support" in buttons(replies)
    replies = assistant.send(sender, "yes please")
    assert "Where would you like support" in texts(replies)


def test_role_is_asked_at_most_once(assistant, sender):
    first = assistant.send(sender, "we never have time to talk properly in a ten minute slot")
    asked = sum("I work in health or care" in buttons(r) for r in [first])
    second = assistant.send(sender, "and the funding for the service runs out next year")
    assert asked <= 1 and "I work in health or care" not in buttons(second)


def test_crisis_in_the_middle_of_a_conversation_gets_crisis_support(assistant, sender):
    assistant.send(sender, "I'm a patient")
    assistant.send(sender, "nobody explains why they keep asking about my mood")
    assert is_crisis_reply(assistant.send(sender, "honestly some days I don't want to be here anymore"))
    replies = assistant.send(sender, "no")
    assert "999" in texts(replies)


def test_professional_reporting_risk_gets_steps_for_them(assistant, sender):
    reply = texts(assistant.send(sender, "my patient says they plan to end their life, what do I do"))
    assert "safeguarding" in reply and "999" in reply and "116 123" in reply


def test_bot_challenge_and_privacy(assistant, sender):
    assert "not a person" in texts(assistant.send(sender, "am I talking to a real person?"))
    assert "random id" in texts(assistant.send(sender, "what happens to what I type?"))


def test_out_of_scope_gets_a_kind_boundary(assistant, sender):
    reply = texts(assistant.send(sender, "can you book me a GP appointment for tomorrow"))
    assert "can't book appointments" in reply


def test_principles(assistant, sender):
    reply = texts(assistant.send(sender, "what are the service principles?"))
    assert "Cultivate enabling relationships" in reply and "qlabessays.health.org.uk" in reply


def test_never_the_same_reply_three_times_in_a_row(assistant, sender):
    replies = [texts(assistant.send(sender, "what can you do?")) for _ in range(3)]
    assert replies[0] == replies[1] and replies[2] != replies[1]


def test_a_son_telling_more_about_his_dad_is_not_sent_the_same_reply_twice(assistant, sender):
    first = texts(
        assistant.send(sender, "my dad's back has been bad for years and now he's drinking a lot to cope, I'm really worried")
    )
    second = texts(assistant.send(sender, "no he's not said anything like that, he's just low"))
    assert "It's hard to watch someone you care about struggle" in first
    assert "Thank you for telling me more" in second and "It's hard to watch someone" not in second
