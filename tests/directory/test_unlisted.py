"""Needs the directory has nothing for: loaded from data, checked with clear messages."""

import pytest

from bot.directory.unlisted import UnlistedNeedsError, unlisted_needs


def test_the_shipped_needs_load_with_their_labels():
    assert unlisted_needs()["veterans"] == "veterans and people who served in the armed forces"


@pytest.mark.parametrize(
    "text, message",
    [
        ("needs: {}\n", "non-empty 'needs:'"),
        ("needs:\n  talking_therapies:\n    label: therapy\n", "is a directory category"),
        ("needs:\n  veterans:\n    why_unlisted: none yet\n", "need 'veterans' has no 'label'"),
        ("needs: [\n", "not valid YAML"),
    ],
)
def test_a_broken_file_is_named_with_what_is_wrong(tmp_path, text, message):
    path = tmp_path / "unlisted_needs.yml"
    path.write_text(text)
    with pytest.raises(UnlistedNeedsError, match=message):
        unlisted_needs(path)
