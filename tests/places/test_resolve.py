"""Place and postcode resolution, with nations, ambiguity and nonsense."""

import pytest

from bot.places import Ambiguous, Place, Unknown, nation_named, region_named, resolve
from bot.places.resolve import load_postcode_areas


@pytest.mark.parametrize(
    "text,name,nation",
    [
        ("Wolverhampton", "Wolverhampton", "England"),
        ("leeds", "Leeds", "England"),
        ("Cardiff", "Cardiff", "Wales"),
        ("Swansea", "Swansea", "Wales"),
        ("Glasgow", "Glasgow", "Scotland"),
        ("Aberdeen", "Aberdeen", "Scotland"),
        ("Belfast", "Belfast", "Northern Ireland"),
        ("Derry", "Derry", "Northern Ireland"),
    ],
)
def test_towns_in_every_nation(text, name, nation):
    found = resolve(text)
    assert isinstance(found, Place) and found.name == name and found.nation == nation


@pytest.mark.parametrize(
    "text,name,nation",
    [
        ("Stoke", "Stoke-on-Trent", "England"),
        ("Brecon", "Brecon", "Wales"),
        ("Lerwick", "Lerwick", "Scotland"),
        ("Omagh", "Omagh", "Northern Ireland"),
        ("Portree", "Portree", "Scotland"),
        ("Tenby", "Tenby", "Wales"),
        ("tenby", "Tenby", "Wales"),
    ],
)
def test_small_towns_everywhere(text, name, nation):
    found = resolve(text)
    assert isinstance(found, Place) and found.name == name and found.nation == nation
    assert found.precision == "town"


@pytest.mark.parametrize(
    "text,town,nation",
    [
        ("ST4", "Stoke-on-Trent", "England"),
        ("st4 7qb", "Stoke-on-Trent", "England"),
        ("LS6", "Leeds", "England"),
        ("ZE1", "Lerwick", "Scotland"),
        ("BT78", "Omagh", "Northern Ireland"),
        ("CF10 1AA", "Cardiff", "Wales"),
        ("LD3", "Brecon", "Wales"),
        ("SA70", "Tenby", "Wales"),
        ("IV51", "Portree", "Scotland"),
        ("G1 1AA", "Glasgow", "Scotland"),
        ("BT7", "Belfast", "Northern Ireland"),
        ("EH1", "Edinburgh", "Scotland"),
    ],
)
def test_postcode_districts_resolve_to_their_main_town(text, town, nation):
    found = resolve(text)
    assert isinstance(found, Place) and f"(around {town})" in found.name and found.nation == nation
    assert found.precision == "postcode district"
    assert found.name.startswith(text.upper())


def test_a_district_is_more_precise_than_its_area():
    # LD3 (Brecon) is about 50 km from the LD area's main town, Llandrindod Wells.
    district, brecon = resolve("LD3 7AA"), resolve("Brecon")
    assert abs(district.latitude - brecon.latitude) < 0.15 and abs(district.longitude - brecon.longitude) < 0.15


def test_unlisted_districts_fall_back_to_their_area():
    found = resolve("E22")  # not in the GeoNames district list
    assert isinstance(found, Place) and found.precision == "postcode area" and found.nation == "England"


def test_cross_border_postcode_areas_leave_the_nation_unknown():
    assert resolve("TD15").nation is None  # Berwick-upon-Tweed and Scottish villages share TD15
    assert resolve("SY10 7AA").nation is None  # Shropshire and Powys
    assert resolve("NP16 5AA").nation is None  # Chepstow, with Tutshill and Sedbury in Gloucestershire
    assert resolve("SY").nation is None  # a whole area crossing the border
    assert resolve("SY23").nation == "Wales" and resolve("CH5 1AA").nation == "Wales"  # districts on one side


def test_everyday_names():
    assert resolve("Brum").name == "Birmingham"
    assert resolve("Hull").name == "Kingston upon Hull"
    assert resolve("Southend").name == "Southend-on-Sea"
    assert resolve("stoke on trent").name == "Stoke-on-Trent"
    assert resolve("Kings Lynn").name == "King's Lynn"
    assert resolve("Caerdydd").name == "Cardiff" and resolve("Caerdydd").nation == "Wales"
    assert resolve("Newcastle-under-Lyme").name == "Newcastle under Lyme"


def test_newcastle_asks_which():
    found = resolve("Newcastle")
    assert isinstance(found, Ambiguous)
    labels = [label for label, _ in found.options]
    assert labels[:2] == ["Newcastle upon Tyne", "Newcastle-under-Lyme in Staffordshire"]
    for label, place in found.options:
        assert resolve(label) == place  # each button answers the question
    assert resolve("Newcastle in County Down, Northern Ireland").nation == "Northern Ireland"


def test_ambiguous_names_ask_which():
    found = resolve("Newport")
    assert isinstance(found, Ambiguous)
    labels = [label for label, _ in found.options]
    assert labels == ["Newport in south Wales", "Newport on the Isle of Wight"]
    chosen = resolve("Newport in south Wales")
    assert isinstance(chosen, Place) and chosen.nation == "Wales"
    assert resolve("Bangor in County Down, Northern Ireland").nation == "Northern Ireland"
    assert resolve("Newport, Wales").nation == "Wales" and resolve("Newport Wales").latitude == chosen.latitude


def test_made_up_labels_are_distinct_and_answer_the_question():
    found = resolve("Richmond")
    assert isinstance(found, Ambiguous)
    labels = [label for label, _ in found.options]
    assert labels == ["Richmond in London", "Richmond near Darlington"]
    assert resolve("Richmond near Darlington").latitude > 54


def test_much_smaller_namesakes_do_not_make_a_big_town_ambiguous():
    assert isinstance(resolve("Preston"), Place)  # Preston, Lancashire; not the Brighton suburb
    assert resolve("Newport near Telford").nation == "England"  # the small Newport, by its label


def test_short_answers_around_a_place():
    for text in ["I live in Leeds", "I'm in Leeds", "near Leeds please", "Leeds, UK", "we're based in Leeds"]:
        found = resolve(text)
        assert isinstance(found, Place) and found.name == "Leeds", text
    assert resolve("I'm near ST4").precision == "postcode district"


def test_small_villages_resolve_to_themselves():
    found = resolve("Lamberton")  # a hamlet in TD15, below the town list
    assert isinstance(found, Place) and found.precision == "locality" and found.latitude > 55


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Narnia",
        "QQ9 9QQ",
        "<script>",
        "x" * 10_000,
        "'; drop table x;--",
        "😀",
        "not sure",
        "anywhere",
        "home",
        "no",
        "help",
        "back",
        "pain",
        "I'm in pain",
        "I live in hope",
        "online",
        "the UK",
        "GY1 1AA",
    ],
)
def test_nonsense_is_unknown_not_a_guess(text):
    assert isinstance(resolve(text), Unknown)


@pytest.mark.parametrize("text", ["Wales", "Scotland", "I'm in Scotland", "in Wales"])
def test_a_nation_is_not_a_place_to_search_near(text):
    assert isinstance(resolve(text), Unknown)


@pytest.mark.parametrize(
    "text,nation",
    [
        ("wales", "Wales"),
        ("Northern Ireland", "Northern Ireland"),
        ("in Scotland", "Scotland"),
        ("I'm in Scotland", "Scotland"),
        ("I live in wales", "Wales"),
        ("NI", "Northern Ireland"),
        ("Cymru", "Wales"),
        ("i am in england", "England"),
        ("south Wales", "Wales"),
        ("I'm in N. Ireland.", "Northern Ireland"),
        ("the north of Scotland", "Scotland"),
    ],
)
def test_nations_named(text, nation):
    assert nation_named(text) == nation


@pytest.mark.parametrize("text", ["Leeds", "Newport in south Wales", "New South Wales", "Walesby", "", None, "I'm in pain"])
def test_not_a_nation(text):
    assert nation_named(text) is None


def test_every_postcode_area_loads():
    areas = load_postcode_areas()
    assert len(areas) == 121 and areas["BT"].nation == "Northern Ireland"


def test_every_shared_name_asks_with_distinct_labels_that_answer_it():
    from bot.places.gazetteer import town_index
    from bot.places.resolve import _labelled, _named, load_aliases

    asked = 0
    for key in [*town_index(), *load_aliases()]:
        _, options, _ = _named(key)
        if len(options) > 1:
            asked += 1
            labelled = _labelled(key, options)
            assert len({label for label, _ in labelled}) == len(labelled)
            for label, town in labelled:
                found = resolve(label)
                assert isinstance(found, Place) and (found.latitude, found.longitude) == (town.latitude, town.longitude)
    assert 50 < asked < 200


def test_markup_around_a_place_is_not_part_of_its_name():
    assert resolve("<b>Leeds</b>").name == "Leeds"
    assert resolve("<p>I live in Cardiff</p>").name == "Cardiff"
    assert not isinstance(resolve("<script>alert(1)</script>"), Place)


@pytest.mark.parametrize(
    "text, found",
    [
        ("Yorkshire", ("Yorkshire", "England")),
        ("somewhere in north yorkshire", ("North Yorkshire", "England")),
        ("I'm in the Midlands", ("the Midlands", "England")),
        ("midlands", ("the Midlands", "England")),
        ("Fife", ("Fife", "Scotland")),
        ("Pembrokeshire please", ("Pembrokeshire", "Wales")),
        ("County Tyrone", ("County Tyrone", "Northern Ireland")),
        ("ok forget it, somewhere in Yorkshire", ("Yorkshire", "England")),
        ("somewhere up in north yorkshire", ("North Yorkshire", "England")),
    ],
)
def test_counties_and_regions_are_named_with_their_nation(text, found):
    assert region_named(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "Durham",
        "Leeds",
        "Wales",
        "Newport",
        "I'm in pain",
        "",
        None,
        "<b>Kent</b> " * 40,
        "I grew up in Kent but these days my back is the worst it has been",
    ],
)
def test_a_town_a_nation_or_anything_else_is_no_region(text):
    assert region_named(text) is None


def test_a_broken_regions_file_is_reported_clearly(tmp_path, monkeypatch):
    import importlib

    module = importlib.import_module("bot.places.resolve")
    from bot.places.gazetteer import PlacesDataError

    bad = tmp_path / "regions.yml"
    bad.write_text("Mercia:\n  - Tamworth\n", encoding="utf-8")
    monkeypatch.setattr(module, "REGIONS_FILE", bad)
    module.load_regions.cache_clear()
    try:
        with pytest.raises(PlacesDataError, match="'Mercia' is not one of England"):
            module.load_regions()
    finally:
        module.load_regions.cache_clear()
