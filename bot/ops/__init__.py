"""Operator tasks behind `python -m bot`: retention of conversations, erasing and exporting one conversation,
and the Teams app package. No Rasa imports at module level."""
