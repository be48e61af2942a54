"""Nearest-first search, category filters, stale handling and national services."""

import pytest

from bot.directory import find_services, national_services
from bot.directory.replies import service_values
from bot.places import resolve
from tests.directory.helpers import TODAY, load_directory
from tests.directory.helpers import service_row as row


@pytest.fixture
def directory(tmp_path):
    rows = [
        row("leeds", "Leeds"),
        row("bradford", "Bradford"),
        row("york", "York"),
        row("london", "London"),
        row("leeds_talk", "Leeds", "talking_therapies"),
        row("leeds_old", "Leeds", checked="2019-11-01"),
        row("uk_line", "", "information_line", service_area="national", nation="UK", phone="0300 123 0789"),
        row("wales_line", "", "information_line", service_area="nation", nation="Wales"),
    ]
    return load_directory(tmp_path, rows)[0]


def test_nearest_first_within_the_radius(directory):
    leeds = resolve("Leeds")
    found = find_services(directory, leeds.latitude, leeds.longitude, ["pain_management"], today=TODAY)
    assert [r.id for r in found][:2] == ["leeds", "leeds_old"]
    assert "bradford" in [r.id for r in found] and "london" not in [r.id for r in found]
    assert found == sorted(found, key=lambda r: r.distance_km)


def test_category_filter(directory):
    leeds = resolve("Leeds")
    assert [r.id for r in find_services(directory, leeds.latitude, leeds.longitude, ["talking_therapies"], today=TODAY)] == [
        "leeds_talk"
    ]


def test_stale_entries_are_flagged_or_hidden(directory):
    leeds = resolve("Leeds")
    flagged = {r.id: r.stale for r in find_services(directory, leeds.latitude, leeds.longitude, today=TODAY, limit=10)}
    assert flagged["leeds_old"] is True and flagged["leeds"] is False
    hidden = find_services(directory, leeds.latitude, leeds.longitude, hide_stale=True, today=TODAY, limit=10)
    assert "leeds_old" not in [r.id for r in hidden]
    assert (
        "may have changed"
        in service_values(
            next(
                r for r in find_services(directory, leeds.latitude, leeds.longitude, today=TODAY, limit=10) if r.id == "leeds_old"
            )
        )["checked"]
    )


def test_stale_listing(directory):
    assert [r["id"] for r in directory.stale(12, today=TODAY)] == ["leeds_old"]


def test_national_services_include_the_persons_nation_only(directory):
    assert {r.id for r in national_services(directory, "Wales", today=TODAY)} == {"uk_line", "wales_line"}
    assert {r.id for r in national_services(directory, "England", today=TODAY)} == {"uk_line"}


def test_nothing_nearby_is_an_empty_list(directory):
    lerwick = (60.15, -1.15)
    assert find_services(directory, *lerwick, today=TODAY) == []


def test_reply_values_say_what_is_unknown(directory):
    leeds = resolve("Leeds")
    values = service_values(find_services(directory, leeds.latitude, leeds.longitude, today=TODAY)[0])
    assert values["contact"] == "we don't have contact details for this one"
    assert values["access"] == "not known: please check with them first"


def test_a_place_worked_out_from_the_town_is_said_to_be_approximate(directory):
    leeds = resolve("Leeds")
    result = find_services(directory, leeds.latitude, leeds.longitude, today=TODAY)[0]
    assert result.approximate
    assert service_values(result)["where"] == "in Leeds (we don't have its exact address)"
