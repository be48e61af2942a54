"""Operator tasks behind `python -m bot`: retention of conversations, erasing and exporting one conversation,
the Teams app package, and keeping library warnings quiet. No Rasa imports at module level."""
