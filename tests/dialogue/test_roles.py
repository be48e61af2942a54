import pytest

from bot.dialogue.roles import role_from_words


@pytest.mark.parametrize(
    "text, role",
    [
        ("my patients never get seen by talking therapies in time", "professional"),
        ("our service has no psychologist", "professional"),
        ("as a GP I struggle with ten minute appointments", "professional"),
        ("I commission MSK services and we can't get funding for a combined pathway", "professional"),
        # typed in session 19: asked who they were
        ("We're commissioning MSK services for next year and want mental health built in", "professional"),
        ("I run a pain management group on Thursdays", "professional"),
        ("I work in NHS Talking Therapies and people with chronic pain keep getting discharged", "professional"),
        ("GP. Ten minute appointments make it impossible to talk about mood", "professional"),
        ("physio here, what do I say when a patient cries?", "professional"),
        ("How do I ask a patient about suicide risk without it feeling like a tick box?", "professional"),
        ("how should we record a patient's disclosure?", "professional"),
        ("my mum's back has been bad for years and she's so low", "carer"),
        ("I look after my husband who has chronic pain", "carer"),
        ("my back has been bad for 3 years and the GP says it's stress", "patient"),
        ("I've had back pain since 2019", "patient"),
        ("I commission MSK in an ICB, how do I make the case for joining up pain and mental health?", "professional"),
        ("we're an ICB looking at this", None),
        ("I'm commissioning a new persistent pain pathway", "professional"),
        ("I've been on the pain clinic waiting list 18 months and I'm getting more and more down", "patient"),
        ("my wait for the pain clinic is now 18 months", "patient"),
        ("our patients are getting really down on the waiting list", "professional"),
        ("I feel low looking after my mum, her back is so bad", "carer"),
        ("I feel low looking after my patients with chronic pain", "professional"),
        ("the funding for pain services is being cut", None),
        ("what can you help with?", None),
    ],
)
def test_role_from_words(text, role):
    assert role_from_words(text) == role
