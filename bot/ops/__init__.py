"""Operations: retention of conversations. No Rasa imports at module level."""
