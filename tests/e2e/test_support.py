"""Finding support over REST: the form, the directory, ambiguity, and crisis in the middle of it."""

from tests.e2e.helpers import buttons, is_crisis_reply, texts


def test_place_and_kind_in_the_first_message(assistant, sender):
    reply = texts(assistant.send(sender, "any pain groups in Wolverhampton?"))
    assert "Connect Wolverhampton" in reply and "Last checked November 2019" in reply
    assert "Pain Concern" in reply and "116 123" in reply


def test_the_form_asks_for_what_is_missing(assistant, sender):
    assert "Where would you like support" in texts(assistant.send(sender, "where can I get some help?"))
    assert "What kind of support" in texts(assistant.send(sender, "Cardiff"))
    reply = texts(assistant.send(sender, '/find_support{"support_kind":"talking_therapies"}'))
    assert "couldn't find talking therapies near Cardiff" in reply
    # Wales's own talking-therapy routes, not England's, because Cardiff is in Wales; no crisis line as the answer
    assert "NHS Wales" in reply and "option 2" not in reply and "press 2" not in reply


def test_an_ambiguous_place_is_asked_about(assistant, sender):
    assistant.send(sender, "I'd like to find some support")
    replies = assistant.send(sender, "Newport")
    assert "Newport in south Wales" in buttons(replies)
    assert "What kind of support" in texts(assistant.send(sender, '/find_support{"place":"Newport in south Wales"}'))


def test_unknown_place_gets_a_question_not_a_guess(assistant, sender):
    assistant.send(sender, "where can I get help")
    assert "I don't know where" in texts(assistant.send(sender, "Narnia"))


def test_crisis_interrupts_the_form_and_it_can_be_resumed(assistant, sender):
    assistant.send(sender, "where can I get help near Leeds")
    replies = assistant.send(sender, "honestly I just want to end it all")
    assert is_crisis_reply(replies) and "Carry on finding support" in buttons(replies)
    assert "What kind of support" in texts(assistant.send(sender, "/find_support"))


def test_injection_in_a_place_name_is_harmless(assistant, sender):
    assistant.send(sender, "find support")
    reply = texts(assistant.send(sender, "Leeds'); DROP TABLE services; --"))
    assert reply
    assert "Connect Wolverhampton" in texts(assistant.send("after-injection", "any pain groups in Wolverhampton?"))


def test_a_place_typed_after_the_results_searches_again_there(assistant, sender):
    assistant.send(sender, "is there anything near me for pain and low mood")
    first = texts(assistant.send(sender, "Llanfairpwllgwyngyll"))
    assert "near Llanfairpwllgwyngyll" in first
    again = texts(assistant.send(sender, "Anglesey"))
    assert "outside what I can help with" not in again
    assert "Anglesey" in again or "What kind of support" in again


def test_an_ambiguous_town_is_asked_about_once_then_searched(assistant, sender):
    assistant.send(sender, "Where can I find support near me?")
    reply = assistant.send(sender, "Newcastle")
    assert "more than one Newcastle" in texts(reply) and "Where would you like support near" not in texts(reply)
    reply = assistant.send(sender, "Newcastle upon Tyne")
    assert "What kind of support" in texts(reply)


def test_typed_replies_to_the_place_question_that_are_not_places_keep_the_search_going(assistant, sender):
    """As a patient types them: "not sure", "near me", then a postcode district and a kind."""
    assistant.send(sender, "where can I get support near me")
    reply = assistant.send(sender, "not sure")
    assert "I don't know where" not in texts(reply) and "nearest town" in texts(reply)
    assert buttons(reply) == ["Anywhere in the UK", "Stop looking"] and not is_crisis_reply(reply)
    reply = texts(assistant.send(sender, "near me"))
    assert "can't see where you are" in reply
    assert "What kind of support" in texts(assistant.send(sender, "LS6")), "'not sure' must not answer the kind question"
    assert "Leeds" in texts(assistant.send(sender, "peer support"))


def test_someone_who_would_rather_not_say_where_gets_support_for_anyone(assistant, sender):
    assistant.send(sender, "I'd like to find some support for my back and my mood")
    reply = texts(assistant.send(sender, "I'd rather not say"))
    assert "you don't have to say" in reply and "I don't know where" not in reply
    reply = texts(assistant.send(sender, '/find_support{"place":"anywhere in the UK"}'))
    assert "open to anyone" in reply and "What kind of support" in reply
    reply = texts(assistant.send(sender, "talking therapies"))
    assert "These are open to everyone" in reply and "Last checked" in reply


def test_stop_looking_ends_the_search_without_a_crisis_question(assistant, sender):
    assistant.send(sender, "where can I find support")
    reply = assistant.send(sender, "/stop_search")
    assert "stopped looking" in texts(reply) and not is_crisis_reply(reply)
    assistant.send(sender, "where can I find support")
    reply = assistant.send(sender, "never mind")
    assert "stopped looking" in texts(reply) and "Where would you like support" not in texts(reply)
    assert "What kind of support" in texts(assistant.send(sender, "find support in Leeds")), "a new search starts afresh"


def test_a_wife_typing_for_veterans_support_after_the_results_is_told_plainly_there_is_none_listed(assistant, sender):
    """Typed as a veteran's wife would: a search near Cardiff, then a short request for something for veterans,
    which the model reads as a concern. The directory has no veterans' service (none is verified in the facts
    sheet), so she is told so in plain words and shown what there is, not answered about a concern."""
    assistant.send(sender, "is there any support near Cardiff for my husband")
    assistant.send(sender, "anything really")
    reply = texts(assistant.send(sender, "ex forces stuff if you've got any"))
    assert "I don't have any services just for veterans" in reply
    assert "near Cardiff" in reply and "116 123" in reply


def test_a_first_request_for_a_need_the_directory_lacks_is_answered_honestly(assistant, sender):
    reply = texts(assistant.send(sender, "is there any bereavement support in Wolverhampton"))
    assert "I don't have any services just for bereavement and grief" in reply
    assert "near Wolverhampton (any kind of support)" in reply


def test_i_dont_know_to_the_kind_question_shows_every_kind_not_a_menu(assistant, sender):
    """Typed as a patient: "i dont know" to "What kind of support would help most?" had brought the menu of
    problem areas and the question again."""
    assistant.send(sender, "where can I get help")
    assert "What kind of support" in texts(assistant.send(sender, "Bristol"))
    reply = texts(assistant.send(sender, "i dont know"))
    assert "near Bristol" in reply and "Here is what I can help with" not in reply


def test_a_physio_asking_for_local_services_after_the_examples_gets_the_search(assistant, sender):
    """Typed as a physio: "is there anything local in Sheffield?" after a list of examples had opened the
    example "Developing local networks", because "local" is a word of its title."""
    assistant.send(
        sender, "I'm a physio and I keep seeing patients who are clearly depressed but I don't know where to send them"
    )
    assistant.send(sender, "any examples from other services?")
    reply = texts(assistant.send(sender, "is there anything local in Sheffield?"))
    assert "Sheffield" in reply and "What they did" not in reply
