"""Conversation state: reading a typed follow-up against what the assistant last asked or offered.

`followups` is pure (no Rasa); `policy` is the thin Rasa adapter that sends a follow-up to the action
that reads it.
"""
