from devtools.safety_report import FULL_SCRIPT, SAFETY_REPLIES, classify


def texts(replies):
    return " ".join(r.get("text", "") for r in replies)


def buttons(replies):
    return [b["title"] for r in replies for b in r.get("buttons", [])]


def shows_routes(replies) -> bool:
    """999 or A&E, Samaritans and Shout together, in any reply (the check line under an answer included)."""
    text = texts(replies)
    return "A&E" in text and "116 123" in text and "85258" in text


def is_crisis_reply(replies) -> bool:
    """A safety reply: the routes, and not only as the quiet check line under an answer."""
    return classify(replies) in SAFETY_REPLIES


def has_check_line(replies) -> bool:
    """An answer with the quiet check line under it (and no safety conversation opened)."""
    return classify(replies) == "check line"


def is_full_script(replies) -> bool:
    """The full crisis script (immediate danger, or steps for someone reporting another person), as
    devtools/safety_report.py classes it; the direct question for possible risk shows routes without it."""
    return is_crisis_reply(replies) and any(phrase in texts(replies) for phrase in FULL_SCRIPT)
