import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")

import pytest


@pytest.fixture(autouse=True)
def insights_in_a_temporary_database(tmp_path, monkeypatch):
    """Actions record insights; in tests they go to a throwaway database, never models/insights.db."""
    monkeypatch.setenv("INSIGHTS_DB", str(tmp_path / "insights.db"))
    try:
        import actions.common

        actions.common.insights.cache_clear()
    except ImportError:
        pass
    yield
