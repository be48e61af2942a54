"""Custom Rasa NLU components (input guard, rule-based entities, sentence embeddings, safety net)."""
