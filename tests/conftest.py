import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")

from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
# Markers by path, so `make check` can run the fast unit tests alone (pytest -m "not e2e and not ops and
# not browser"): e2e tests start the real servers, ops tests also start PostgreSQL or Redis, browser tests
# drive Chromium.
MARKERS = {
    "e2e": "starts the real Rasa and action servers (needs a trained model)",
    "ops": "operations: PostgreSQL, Redis, retention, privacy, soak (real servers)",
    "browser": "drives the web chat widget in a real Chromium",
}


def pytest_configure(config):
    for name, about in MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {about}")


def pytest_collection_modifyitems(config, items):
    for item in items:
        parts = Path(str(item.fspath)).resolve().relative_to(TESTS).parts
        if parts[0] == "e2e":
            item.add_marker(pytest.mark.e2e)
        if parts[0] == "ops":
            item.add_marker(pytest.mark.ops)
        if "widget" in parts[-1] and parts[0] == "e2e":
            item.add_marker(pytest.mark.browser)
        if "assistant" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.e2e)


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


@pytest.fixture(autouse=True)
def embedding_cache_in_a_temporary_directory(tmp_path, monkeypatch):
    """Featurizers trained in tests keep their embeddings in a throwaway cache, never models/."""
    monkeypatch.setenv("MINDBODY_EMBEDDING_CACHE_DIR", str(tmp_path / "embedding-cache"))
    yield
