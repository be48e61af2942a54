"""Safety: the deterministic crisis net and the crisis contacts. No Rasa imports here."""

from bot.safety.contacts import CrisisContacts, load_crisis_contacts
from bot.safety.net import SafetyNet, SafetyResult, load_safety_net

__all__ = ["CrisisContacts", "SafetyNet", "SafetyResult", "load_crisis_contacts", "load_safety_net"]
