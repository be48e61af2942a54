import itertools

import pytest

from devtools.servers import running_assistant

_ids = itertools.count()


@pytest.fixture(scope="session")
def assistant():
    """The real action server and Rasa, started once for the end-to-end tests."""
    with running_assistant() as a:
        yield a


@pytest.fixture
def sender():
    return f"e2e-{next(_ids)}"
