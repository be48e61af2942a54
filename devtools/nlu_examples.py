"""Turning a quoted message into one line of Rasa NLU training data."""

# Characters Rasa's Markdown-style examples read as entity or comment syntax.
FORBIDDEN = set("{}[]()#")


def clean(text: str) -> str:
    """One line, without entity or comment syntax, and without a leading "/", "-" or ":" (a slash would
    read as an intent command, a dash as a new list item)."""
    return " ".join("".join(" " if ch in FORBIDDEN else ch for ch in text).split()).lstrip("/-: ")
