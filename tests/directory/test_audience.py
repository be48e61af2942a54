"""Who an entry is for, and what its web address is: professional resources are not offered to patients,
and the guide's "find out more" pages are labelled as information pages, not as contacts."""

import csv
import sqlite3

import pytest

from bot.directory import audience_for_role, find_services, national_services, open_directory
from bot.directory.importer import read_rows
from bot.directory.replies import contact_label, service_values
from bot.places import resolve
from tests.directory.helpers import SEED, TODAY
from tests.directory.helpers import load_directory as load
from tests.directory.helpers import service_row as row


@pytest.fixture
def directory(tmp_path):
    d, report = load(
        tmp_path,
        [
            row("leeds_group"),
            row("leeds_forum", categories="professional_network", audience="professionals"),
            row("uk_line", "", "information_line", service_area="national", nation="UK"),
            row("uk_network", "", "professional_network", service_area="national", nation="UK", audience="professionals"),
        ],
    )
    assert report.errors == []
    return d


def test_the_role_decides_the_audience():
    assert audience_for_role("professional") == "professionals"
    assert audience_for_role("patient") == "patients"
    assert {audience_for_role(r) for r in ("carer", None, "")} == {"public"}


def test_support_for_carers_is_shown_to_carers_and_unknown_writers_but_not_to_a_patient(tmp_path):
    directory, report = load(
        tmp_path,
        [
            row("uk_line", "", "information_line", service_area="national", nation="UK"),
            row("uk_carers", "", "community_support", service_area="national", nation="UK", audience="carers"),
        ],
    )
    assert report.errors == []
    shown = {
        role: {r.id for r in national_services(directory, "England", today=TODAY, audience=audience_for_role(role))}
        for role in ("patient", "carer", None, "professional")
    }
    assert shown == {
        "patient": {"uk_line"},
        "carer": {"uk_line", "uk_carers"},
        None: {"uk_line", "uk_carers"},
        "professional": {"uk_line", "uk_carers"},
    }


def test_professional_resources_are_left_out_for_the_public(directory):
    leeds = resolve("Leeds")
    assert [r.id for r in find_services(directory, leeds.latitude, leeds.longitude, today=TODAY)] == ["leeds_group"]
    assert [r.id for r in national_services(directory, "England", today=TODAY)] == ["uk_line"]


def test_professionals_see_everything(directory):
    leeds = resolve("Leeds")
    local = find_services(directory, leeds.latitude, leeds.longitude, today=TODAY, audience="professionals")
    assert {r.id for r in local} == {"leeds_group", "leeds_forum"}
    national = national_services(directory, "England", today=TODAY, audience="professionals")
    assert {r.id for r in national} == {"uk_line", "uk_network"}


def test_an_unknown_audience_is_refused_by_line_and_field(tmp_path):
    _, report = load(tmp_path, [row("ok"), row("odd", audience="everybody")])
    assert [str(e) for e in report.errors] == ["line 3: audience: 'everybody' is not one of carers, professionals, public"]


def test_an_empty_audience_means_public_and_survives_export(tmp_path):
    directory, _ = load(tmp_path, [row("blank")])
    assert directory.export_rows()[0]["audience"] == "public"


def test_a_directory_built_before_audiences_gains_the_column(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute("create table organizations (id text primary key, name text)")
    conn.execute(
        "create table services (id text primary key, organization_id text, name text, description text, "
        "access text, eligibility text, cost text, phone text, text text, email text, url text, hours text, "
        "service_area text, nation text, source_url text, source_note text, last_checked text, unknowns text)"
    )
    conn.execute("insert into organizations values ('org', 'Org')")
    conn.execute(
        "insert into services (id, organization_id, name, service_area, nation, source_url, last_checked) "
        "values ('old_line', 'org', 'Old line', 'national', 'UK', 'https://example.org', '2026-10-01')"
    )
    conn.commit()
    conn.close()
    directory = open_directory(path)
    assert [r.id for r in national_services(directory, None, today=TODAY)] == ["old_line"]


def test_a_guide_page_is_an_information_page_not_a_contact(tmp_path):
    directory, _ = load(
        tmp_path,
        [
            row("from_guide", source_url="guide:section-01", website="q.health.org.uk/q-improvement-lab"),
            row("checked", website="example.org/pain", phone="0300 123 0789"),
        ],
    )
    leeds = resolve("Leeds")
    found = {r.id: r for r in find_services(directory, leeds.latitude, leeds.longitude, today=TODAY)}
    guide_contact = contact_label(found["from_guide"])
    assert guide_contact.startswith("we don't have contact details for this one")
    assert "information page about it (not a way to contact them): q.health.org.uk/q-improvement-lab" in guide_contact
    assert contact_label(found["checked"]) == "phone 0300 123 0789, example.org/pain"


# -- the seed file ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    directory = open_directory(tmp_path_factory.mktemp("seed") / "d.db")
    assert directory.import_rows(read_rows(SEED), today=TODAY).errors == []
    return directory


def seed_rows():
    return list(csv.DictReader(SEED.open(encoding="utf-8")))


def test_every_seed_row_says_who_it_is_for_and_networks_are_for_professionals():
    for r in seed_rows():
        assert r["audience"] in ("public", "carers", "professionals"), r["id"]
        if "professional_network" in r["categories"].split(";"):
            assert r["audience"] == "professionals", r["id"]


def test_first_contact_physiotherapists_are_reached_through_the_gp_practice_not_a_referral():
    fcp = [r for r in seed_rows() if "first contact physiotherapist" in (r["service_name"] + r["description"]).lower()]
    assert len(fcp) == 2 and {r["access"] for r in fcp} == {"via_gp_practice"}


@pytest.mark.parametrize("place", ["London", "Hartlepool", "Stoke-on-Trent", "Leeds"])
def test_a_patient_asking_for_any_kind_of_support_gets_no_professional_resources(seed, place):
    where = resolve(place)
    local = find_services(seed, where.latitude, where.longitude, limit=10, radius_km=80, today=TODAY)
    national = national_services(seed, "England", today=TODAY, limit=50)
    offered = local + national
    assert offered and all(r.audience != "professionals" for r in offered), [
        r.id for r in offered if r.audience == "professionals"
    ]
    for_patient = national_services(seed, "England", today=TODAY, limit=50, audience="patients")
    assert for_patient and all(r.audience == "public" for r in for_patient), "no carers' services for a patient"
    assert {r.id for r in national} - {r.id for r in for_patient} == {"carers_uk", "carers_trust"}


def test_no_guide_page_from_the_seed_is_shown_as_a_contact(seed):
    where = resolve("London")
    results = find_services(
        seed, where.latitude, where.longitude, limit=50, radius_km=1000, today=TODAY, audience="professionals"
    )
    results += national_services(seed, None, today=TODAY, limit=100, audience="professionals")
    from_guide = [r for r in results if r.url and r.info_page]
    assert from_guide
    for r in from_guide:
        assert "information page" in service_values(r)["contact"], r.id
