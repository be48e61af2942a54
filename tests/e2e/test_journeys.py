"""Journeys as people type them, over REST: a patient, a carer, a professional and a commissioner.
Only typed words, never button payloads."""

from tests.e2e.helpers import buttons, has_check_line, texts


def test_a_patient_types_yes_then_a_place_then_any_and_gets_dated_services(assistant, sender):
    first = assistant.send(
        sender, "my back has been bad for 3 years and I feel like nobody takes me seriously, the GP just says it's stress"
    )
    if "I'm a patient" in buttons(first):
        first = assistant.send(sender, "I'm a patient")
    assert "Patient expectations and understanding" not in buttons(first), "plain names for patients"
    assert "Where would you like support" in texts(assistant.send(sender, "yes"))
    assert "What kind of support" in texts(assistant.send(sender, "Leeds"))
    reply = texts(assistant.send(sender, "any kind of support"))
    assert "Last checked" in reply and "I don't know where" not in reply


def test_short_everyday_place_names_are_understood(assistant, sender):
    for place in ("Stoke", "Brecon", "Lerwick"):
        who = f"{sender}-{place}"
        assistant.send(who, "can you help me find support?")
        reply = texts(assistant.send(who, place))
        assert "I don't know where" not in reply and "What kind of support" in reply, (place, reply)


def test_a_helpline_question_in_scotland_gets_scotlands_routes(assistant, sender):
    reply = texts(assistant.send(sender, "I live in Scotland and my back pain is getting me down, is there a helpline?"))
    assert "Pain Association Scotland" in reply or "Breathing Space" in reply
    assert "Where would you like support near" not in reply


def test_self_referral_is_answered_by_nation(assistant, sender):
    reply = texts(assistant.send(sender, "Can I refer myself to talking therapies?"))
    assert "refer yourself" in reply and "GP" in reply
    assert "Skills and training" not in reply
    reply = texts(assistant.send(sender, "Cardiff"))
    assert "CBT" in reply or "GP" in reply


def test_an_ordinary_request_gets_ordinary_support_and_crisis_lines_only_last(assistant, sender):
    replies = assistant.send(sender, "are there any support groups for people with back pain in Leeds?")
    if "What kind of support" in texts(replies):
        replies = assistant.send(sender, "peer support")
    names = texts(replies[:-1])
    assert "Shout" not in names and "option 2" not in names
    assert "If things get worse" in replies[-1].get("text", "") or "If things get worse" in texts(replies)


def test_a_professional_names_an_example_by_position(assistant, sender):
    assistant.send(sender, "I'm a GP")
    assistant.send(sender, "we never know what local services exist for patients with back pain and depression")
    listed = assistant.send(sender, "examples from services")
    assert len(buttons(listed)) >= 2
    reply = texts(assistant.send(sender, "tell me about the first one"))
    assert "not quite sure I follow" not in reply and "Find out more" in reply or "information page" in reply


def test_examples_by_name_place_and_topic(assistant, sender):
    assert "Oldham" in texts(assistant.send(f"{sender}-a", "What did Oldham do?"))
    wales = assistant.send(f"{sender}-b", "Is there an example from Wales?")
    assert "Powys" in texts(wales) or any("remote" in b.lower() or "information" in b.lower() for b in buttons(wales))
    assert "IMPARTS" in texts(assistant.send(f"{sender}-c", "What is IMPARTS?")) or buttons(
        assistant.send(f"{sender}-c", "What is IMPARTS?")
    )


def test_where_the_information_comes_from(assistant, sender):
    reply = texts(assistant.send(sender, "Where does your information come from?"))
    assert "November 2019" in reply and "Mind" in reply and "inspire" in reply


def test_a_commissioner_with_two_concerns_gets_an_answer_for_one_of_them(assistant, sender):
    assistant.send(sender, "I'm a commissioner")
    reply = assistant.send(
        sender,
        "our MSK service and the IAPT team never talk to each other and patients get "
        "bounced between us. On top of that the funding runs out in March and I can't get "
        "the ICB to see the business case for keeping it going",
    )
    said = texts(reply).lower()
    assert "coordination" in said or "business case" in said
    # The second concern is offered only when the model scores it close to the first
    # (bot.dialogue.offers, tested in tests/dialogue/); the chosen model rarely does for one whole message.


def test_a_carer_is_spoken_to_as_a_carer(assistant, sender):
    reply = assistant.send(sender, "my mum has had back pain for years and she's so low, where can she get help?")
    assert "Where would you like support" in texts(reply)
    assert "What kind of support" in texts(assistant.send(sender, "Brecon"))


def test_a_carer_who_says_how_low_he_is_can_type_find_support_and_a_place(assistant, sender):
    reply = assistant.send(sender, "my husband has had back pain for years and he's so low, he won't talk to anyone")
    if "Where would you like support" not in texts(reply):  # a clarifying question: it must offer finding support
        assert "Find support near you" in buttons(reply), reply
        reply = assistant.send(sender, "find support")
    assert "Where would you like support" in texts(reply), reply
    assert "What kind of support" in texts(assistant.send(sender, "Sheffield"))
    reply = texts(assistant.send(sender, "any"))
    assert "Last checked" in reply and "Carers Trust" in reply


def test_a_normal_conversation_writes_no_errors_to_the_log(assistant, sender):
    assistant.send(sender, "hello")
    assistant.send(sender, "I'm a physio")
    assistant.send(sender, "we never know what local services exist")
    assistant.send(sender, "what could we try?")
    log = "\n".join(p.read_text(errors="replace") for p in assistant.log_dir.glob("*.log"))
    assert " ERROR " not in log and "interpolator" not in log


def test_a_typed_yes_to_the_role_question_keeps_the_concern(assistant, sender):
    first = texts(assistant.typed(sender, "the funding for pain services is being cut"))
    assert "which best describes you" in first
    again = texts(assistant.typed(sender, "yes"))
    assert "which best describes you" in again and "anything else" not in again
    answer = texts(assistant.typed(sender, "I work in health or care"))
    assert "business case" in answer.lower() or "funding" in answer.lower()


def test_a_gp_asking_about_a_patients_past_self_harm_is_answered_as_a_professional(assistant, sender):
    reply = texts(
        assistant.send(
            sender, "GP here. A patient mentioned he self-harmed as a teenager. Should that change how I manage his back pain?"
        )
    )
    assert "I'm sorry it's so hard" not in reply, "a professional is not consoled as a patient"
    assert "Are you safe" not in reply and "Are you having thoughts" not in reply, "a past, resolved story is not a crisis"


def test_a_patient_who_types_yeah_to_i_can_help_you_find_support_is_asked_where(assistant, sender):
    reply = assistant.send(sender, "my back's been bad since march and honestly my head's a mess with it")
    assert "Find support" in buttons(reply), reply
    assert "Where would you like support" in texts(assistant.send(sender, "yeah"))
    assert "What kind of support" in texts(assistant.send(sender, "Bradford"))


def test_a_kind_of_care_named_in_passing_is_not_taken_as_the_support_wanted(assistant, sender):
    """Session 16: "physio says I'll probably never play again" made the search "MSK and physiotherapy" when the
    rugby player later said "Manchester", and the kind question was never asked."""
    reply = assistant.send(
        sender,
        "used to play rugby every weekend til my back went. physio says i'll probably never play again and honestly"
        " i feel like i've lost who i am",
    )
    assert "Find support" in buttons(reply), reply
    assert "Where would you like support" in texts(assistant.send(sender, "yeah"))
    reply = texts(assistant.send(sender, "Manchester"))
    assert "What kind of support" in reply and "MSK and physiotherapy" not in reply, reply


def test_a_commissioner_is_known_from_their_words_and_not_asked_who_they_are(assistant, sender):
    reply = texts(
        assistant.send(sender, "I commission MSK in an ICB, how do I make the case for joining up pain and mental health?")
    )
    assert "which best describes you" not in reply and "business case" in reply


def test_a_patient_on_a_waiting_list_is_answered_as_a_patient_and_not_told_to_co_locate_services(assistant, sender):
    reply = texts(
        assistant.send(sender, "I've been on the pain clinic waiting list 18 months and I'm getting more and more down")
    )
    assert "which best describes you" not in reply and "Things you could ask your care team for" in reply
    reply = texts(assistant.send(sender, "what can I do while I wait"))
    assert "Co-locate" not in reply and "help you find support" in reply
    assert "Where would you like support" in texts(assistant.send(sender, "yes please"))


def test_yes_to_anything_else_shows_what_the_assistant_can_help_with(assistant, sender):
    assistant.send(sender, "I'm a patient")
    assert "Is there anything else" in texts(assistant.send(sender, "no"))
    reply = assistant.send(sender, "yes")
    assert "No problem" not in texts(reply) and "Find support near me" in buttons(reply)


def test_a_gp_who_does_not_know_what_is_out_there_types_yes_and_gets_services_near_the_practice(assistant, sender):
    first = assistant.send(sender, "I'm a GP, half my back pain patients are low too and I never know where to send them locally")
    assert "Local knowledge" in texts(first) or "local knowledge" in texts(first), texts(first)
    assert "look up services" in texts(first) and "Yes, look up services" in buttons(first)
    asked = texts(assistant.send(sender, "yes please"))
    assert "Where should I look" in asked and "Where would you like support" not in asked
    assert "What kind of support" in texts(assistant.send(sender, "Wolverhampton"))
    reply = texts(assistant.send(sender, "any"))
    assert "Wolverhampton" in reply and "Last checked" in reply


def test_a_carer_is_not_answered_as_if_they_were_the_one_in_pain(assistant, sender):
    replies = assistant.send(sender, "my husband has had neck pain for years and he's gone really quiet, won't talk to anyone")
    reply = texts(replies)
    if "caring for someone" not in reply:  # read as a request for support: the carer's acknowledgement
        assert "for them and for you" in reply, reply
    else:
        assert "Things they could ask their care team for" in reply
        assert "Things you could ask your care team for" not in reply
        asks = next(r["text"] for r in replies if r.get("text", "").startswith("Things they could ask"))
        assert " your " not in asks.replace("your caring", ""), asks


def test_a_carer_who_types_what_he_can_ask_for_hears_of_his_asks_not_the_help_menu(assistant, sender):
    first = texts(
        assistant.send(
            sender, "I care for my husband. He keeps getting passed between the pain clinic and the mental health team"
        )
    )
    reply = texts(assistant.send(sender, "what can he ask for?"))
    if "Things they could ask their care team for" in first:  # the list was just shown: a pointer back to it
        assert "what the guide suggests they ask their care team for" in reply, reply
    else:
        assert "Things they could ask their care team for" in reply, (first, reply)
    assert "Things you could ask your care team for" not in reply, reply


def test_a_wife_at_the_place_question_is_heard_once_and_her_question_answered(assistant, sender):
    """Typed in session 18: "he hasn't said anything about hurting himself" brought the same comfort and
    question again, word for word, and "what can i do to help him" got "I couldn't find a place in that"."""
    first = texts(
        assistant.send(
            sender, "my husband had spinal surgery in march and hasn't been the same since, he barely talks and sleeps all day"
        )
    )
    # "That sounds hard", not "for them and for you": the check line under a first reply has those words too
    assert "That sounds hard" in first and "Where would you like support" in first, first
    second = texts(assistant.send(sender, "he hasn't said anything about hurting himself"))
    assert "That sounds hard" not in second and "Where would you like support" in second, second
    reply = texts(assistant.send(sender, "what can i do to help him"))
    assert "couldn't find a place" not in reply and "GP how their mood is" in reply
    # "anything" in "he hasn't said anything" is no answer to what kind of support: that is still to ask
    assert "What kind of support" in texts(assistant.send(sender, "Sheffield"))


def test_a_commissioner_asking_for_evidence_gets_the_areas_references(assistant, sender):
    """Typed in session 18: "any evidence I can cite?" after the business case got the story of the guide."""
    first = texts(
        assistant.send(
            sender,
            "I commission MSK services in the north west and need to make the case for putting psychologists in the pain pathway",
        )
    )
    assert "business case" in first, first
    reply = texts(assistant.send(sender, "any evidence I can cite?"))
    assert "references for evidence base and business case" in reply and "[67]" in reply, reply


def test_a_talking_therapies_practitioner_asks_for_training_examples_then_says_thanks(assistant, sender):
    """Typed in session 19: "is there training?" got only the buttons (then, once mended with a hand-on to another
    action, a loop that tripped Rasa's circuit breaker), "what have other services done" another area, and
    "ok thanks that's useful" was read as a yes to the offer of a second area."""
    assistant.send(
        sender,
        "I'm a PWP in NHS talking therapies. We get lots of people with chronic pain and my team don't feel confident working with it",
    )
    reply = texts(assistant.send(sender, "is there training?"))
    assert "here is what you could try" in reply and "went wrong" not in reply
    reply = texts(assistant.send(sender, "what have other services done"))
    assert "went wrong" not in reply and "The guide's answer, in short" not in reply
    reply = texts(assistant.send(sender, "ok thanks that's useful"))
    assert ("welcome" in reply.lower() or "glad to help" in reply.lower()) and "The guide's answer, in short" not in reply


def test_a_commissioner_is_answered_first_time_and_gets_the_principles_when_asked(assistant, sender):
    """Typed in session 19: "We're commissioning..." was asked who they were, and "what principles should the
    service follow" under a list of examples got the example whose title has "principles" in it."""
    first = assistant.send(
        sender, "We're commissioning MSK services for next year and want mental health built in. Where do we start?"
    )
    assert "I work in health or care" not in buttons(first) and "business case" in texts(first)
    assistant.send(sender, "have other areas done it")
    reply = texts(assistant.send(sender, "what principles should the service follow"))
    assert "Cultivate enabling relationships" in reply


def test_a_patient_answers_the_kind_question_in_her_own_words(assistant, sender):
    """Typed in session 19: "something for my mood really" was no answer to "What kind of support would help most?"."""
    assistant.send(sender, "i've had back pain for years and now i'm really low, where can i get help near me")
    assert "What kind of support" in texts(assistant.send(sender, "Leeds"))
    reply = texts(assistant.send(sender, "something for my mood really"))
    assert "What kind of support would help most" not in reply and "Talking Therapies" in reply


def test_markup_around_a_greeting_is_read_as_the_greeting(assistant, sender):
    reply = texts(assistant.send(sender, "<b>hello</b>"))
    assert "outside what I can help with" not in reply and "<b>" not in reply


def test_a_gp_asks_about_results_then_costs_and_is_not_given_the_same_list_twice(assistant, sender):
    """Typed in session 19: "what would it cost us" after "what were the results" got the impact list again."""
    assistant.send(sender, "I'm a GP. How can our practice get better at spotting depression in people with chronic back pain?")
    results = texts(assistant.send(sender, "what were the results"))
    costs = texts(assistant.send(sender, "what would it cost us"))
    assert costs != results and "no price" in costs and "model the costs" in costs and "Improved quality" not in costs


def test_a_patient_in_a_county_and_a_smiley_are_answered_plainly(assistant, sender):
    """Typed in session 19: "🙂🙂" got the check line, and "somewhere in Yorkshire" was not a place."""
    reply = assistant.send(sender, "🙂🙂")
    assert "didn't catch any words" in texts(reply) or "no words I can read" in texts(reply)
    assert not has_check_line(reply)
    assistant.send(sender, "where can I get help with my back and my mood")
    reply = texts(assistant.send(sender, "somewhere in Yorkshire"))
    if "What kind of support" in reply:
        reply = texts(assistant.send(sender, "any"))
    assert "Yorkshire is too wide an area" in reply and "couldn't place" not in reply


def test_a_wife_asks_what_she_can_do_at_the_place_question(assistant, sender):
    """Typed in session 20: "what can I do" got "I don't know where 'what can I do' is"."""
    first = texts(
        assistant.send(
            sender, "my husband has had neck pain since a car crash and he's not himself, snapping at the kids, won't talk to me"
        )
    )
    assert "Where would you like support" in first
    reply = texts(assistant.send(sender, "what can I do"))
    assert "I don't know where" not in reply and "GP how their mood is" in reply
