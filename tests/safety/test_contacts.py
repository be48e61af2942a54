"""Crisis numbers come from the fact sheet and nowhere else; the right routes for each nation."""

import re
from pathlib import Path

import pytest

from bot.answers import crisis_routes
from bot.safety import load_crisis_contacts

FACT_SHEET = Path(__file__).resolve().parents[3] / "shared" / "facts" / "uk_support_contacts.md"
CONTACTS = load_crisis_contacts()
PHONE = re.compile(
    r"\b(?:999|111|101|116 123|85258|0\d{3} \d{4} \d{3}|0\d{3} \d{2} \d{2} \d{3}|0\d{3} \d{4}(?!\d| \d)|0\d{3} ?\d{3} ?\d{4}|0\d{3} \d{2} \d{2} \d{2}|0\d{3} \d{3} \d{3,4}|18001 [\d ]+\d)\b"
)


def fact_sheet_numbers() -> set:
    usable = FACT_SHEET.read_text().split("## Never use")[0]
    return {re.sub(r"\s", "", n) for n in PHONE.findall(usable)}


def numbers_in(text: str) -> set:
    return {re.sub(r"\s", "", n) for n in PHONE.findall(text)}


def test_every_number_we_hold_is_on_the_fact_sheet():
    ours = set()
    for c in CONTACTS.all_contacts():
        ours |= numbers_in(c.how) | ({re.sub(r"\s", "", c.phone)} if c.phone else set())
    assert ours and ours <= fact_sheet_numbers(), ours - fact_sheet_numbers()


@pytest.mark.parametrize("nation", [None, "England", "Wales", "Scotland", "Northern Ireland"])
def test_every_number_in_a_crisis_reply_is_on_the_fact_sheet(nation):
    text = crisis_routes(CONTACTS, nation)
    assert numbers_in(text) <= fact_sheet_numbers()
    for outdated in CONTACTS.never_use:
        assert outdated not in text


def test_unknown_nation_gets_all_four_urgent_lines():
    text = crisis_routes(CONTACTS, None)
    for marker in ("England:", "Wales:", "Scotland:", "Northern Ireland:", "0808 808 8000"):
        assert marker in text


def test_known_nation_gets_its_own_line_only():
    text = crisis_routes(CONTACTS, "Northern Ireland")
    assert "Lifeline" in text and "option 2" not in text and "NHS 24" not in text
    wales = crisis_routes(CONTACTS, "Wales")
    assert "press 2" in wales and "Lifeline" not in wales


def test_every_reply_has_999_samaritans_shout_and_young_peoples_lines():
    text = crisis_routes(CONTACTS, "England")
    for needed in ("999", "116 123", "85258", "0800 1111", "0800 068 4141", "jo@samaritans.org"):
        assert needed in text


def test_999_is_said_of_the_person_at_risk_in_the_words_for_the_reader():
    to_them = crisis_routes(CONTACTS, "England")
    to_a_reporter = crisis_routes(CONTACTS, "England", someone_else=True)
    assert "if your life is at risk now" in to_them
    assert "if their life is at risk now" in to_a_reporter and "your life" not in to_a_reporter
