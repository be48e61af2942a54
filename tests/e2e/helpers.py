from devtools.safety_report import FULL_SCRIPT


def texts(replies):
    return " ".join(r.get("text", "") for r in replies)


def buttons(replies):
    return [b["title"] for r in replies for b in r.get("buttons", [])]


def is_crisis_reply(replies) -> bool:
    """The crisis routes were shown: 999 or A&E, Samaritans and Shout together."""
    text = texts(replies)
    return "A&E" in text and "116 123" in text and "85258" in text


def is_full_script(replies) -> bool:
    """The full crisis script (immediate danger, or steps for someone reporting another person), as
    devtools/safety_report.py classes it; the direct question for possible risk shows routes without it."""
    return is_crisis_reply(replies) and any(phrase in texts(replies) for phrase in FULL_SCRIPT)
