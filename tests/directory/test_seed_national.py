"""National routes in the seed (issue 13, "Support that fits the request"): every nation has a talking
therapies route, pain, carers and money/work routes exist, crisis lines stay crisis lines, and details the
fact sheet says not to show are left empty."""

import csv
import datetime
import re

import pytest

from bot.directory import national_services, open_directory
from bot.directory.importer import read_rows
from tests.directory.helpers import SEED

TODAY = datetime.date(2026, 11, 26)
NATIONS = ["England", "Wales", "Scotland", "Northern Ireland"]
CRISIS = {"crisis_support", "urgent_mental_health"}


def seed_rows():
    return list(csv.DictReader(SEED.open(encoding="utf-8")))


def categories(row):
    return {c for c in row["categories"].split(";") if c}


def national_rows(category, nation=None):
    """Public national/nation rows in `category`; nation=None means UK-wide ones."""
    return [
        r
        for r in seed_rows()
        if r["service_area"] in ("national", "nation")
        and r["audience"] in ("", "public", "carers")
        and category in categories(r)
        and r["nation"] == (nation or "UK")
    ]


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    directory = open_directory(tmp_path_factory.mktemp("national") / "d.db")
    assert directory.import_rows(read_rows(SEED), today=TODAY).errors == []
    return directory


@pytest.mark.parametrize("nation", NATIONS)
def test_every_nation_has_its_own_talking_therapies_route_and_it_is_offered(seed, nation):
    own = {r["id"] for r in national_rows("talking_therapies", nation)}
    assert own, f"no talking therapies route for {nation}"
    offered = {r.id for r in national_services(seed, nation, ["talking_therapies"], today=TODAY)}
    assert own & offered, f"{nation}'s own routes {own} are not among those offered: {offered}"


def test_pain_management_routes_exist_for_the_uk_and_for_scotland(seed):
    assert len(national_rows("pain_management")) >= 2
    scotland = {r["id"] for r in national_rows("pain_management", "Scotland")}
    assert scotland
    # The national list is capped, and UK-wide rows come first: Scotland's own route must still be shown.
    offered = {r.id for r in national_services(seed, "Scotland", ["pain_management"], today=TODAY)}
    assert scotland & offered, offered


def test_a_carers_route_and_a_money_or_work_route_exist():
    support = national_rows("community_support") + [r for n in NATIONS for r in national_rows("community_support", n)]
    text = {r["id"]: (r["service_name"] + " " + r["description"]).lower() for r in support}
    assert any("carer" in t for t in text.values()), sorted(text)
    assert any(re.search(r"\b(debt|benefits|work|money)\b", t) for t in text.values()), sorted(text)
    money_uk = [r for r in national_rows("community_support") if re.search(r"\bdebt\b", r["description"].lower())]
    assert money_uk, "no UK-wide money route"


def test_crisis_lines_are_only_ever_crisis_or_urgent_help():
    for r in seed_rows():
        if "crisis_support" in categories(r):
            assert categories(r) <= CRISIS, (r["id"], r["categories"])


def test_directories_and_finders_are_not_passed_off_as_crisis_help():
    for r in seed_rows():
        if r["source_note"].startswith("UK support contacts fact sheet (shared/"):
            assert not categories(r) & CRISIS, r["id"]


def test_details_the_fact_sheet_says_not_to_show_are_left_empty():
    held_back = re.compile(r"^(phone|hours|text|email|website)\b.*(do not show|re-check before showing)")
    checked = 0
    for r in seed_rows():
        for unknown in r["unknowns"].split(";"):
            match = held_back.match(unknown.strip())
            if match:
                checked += 1
                assert r[match.group(1)] == "", (r["id"], unknown)
    assert checked >= 2


def test_every_fact_sheet_row_names_its_source_and_says_what_is_unknown():
    rows = [r for r in seed_rows() if r["source_note"].startswith("UK support contacts fact sheet (shared/")]
    assert len(rows) >= 15
    for r in rows:
        assert r["source_url"].startswith("http"), r["id"]
        assert r["audience"] in ("public", "carers") and r["description"], r["id"]
        assert r["unknowns"], r["id"]
        if not r["phone"]:
            assert r["website"] or r["access"] == "gp_referral", f"{r['id']} gives no way to reach it"
