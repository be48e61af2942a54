"""The guide's content, validated, with lookups and full-text search. No Rasa imports here."""

from bot.knowledge.base import PARTS, KnowledgeBase, load_knowledge_base
from bot.knowledge.index import Passage
from bot.knowledge.loader import KNOWLEDGE_DIR, KnowledgeBaseError
from bot.knowledge.models import AREA_IDS, EXAMPLE_IDS, PRINCIPLE_TITLES

__all__ = [
    "AREA_IDS",
    "EXAMPLE_IDS",
    "KNOWLEDGE_DIR",
    "PARTS",
    "PRINCIPLE_TITLES",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "Passage",
    "load_knowledge_base",
]
