"""The action server's actions. Each module is thin: it reads slots, calls `bot/`, and dispatches."""
