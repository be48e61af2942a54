"""Place and postcode resolution, with nations, ambiguity and nonsense."""
import pytest

from bot.places import Ambiguous, Place, Unknown, nation_named, resolve
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
    "text,area_town,nation",
    [("ST4 7QB", "Stoke-on-Trent", "England"), ("st4", "Stoke-on-Trent", "England"), ("CF10", "Cardiff", "Wales"),
     ("G1 1AA", "Glasgow", "Scotland"), ("BT7", "Belfast", "Northern Ireland"), ("EH1", "Edinburgh", "Scotland")],
)
def test_postcodes_resolve_to_their_area(text, area_town, nation):
    found = resolve(text)
    assert isinstance(found, Place) and area_town in found.name and found.nation == nation
    assert found.precision == "postcode area"


def test_cross_border_postcode_areas_leave_the_nation_unknown():
    assert resolve("SY23").nation is None  # Shropshire and Ceredigion share SY
    assert resolve("CH5 1AA").nation is None


def test_ambiguous_names_ask_which():
    found = resolve("Newport")
    assert isinstance(found, Ambiguous)
    labels = [label for label, _ in found.options]
    assert labels == ["Newport in south Wales", "Newport on the Isle of Wight"]
    chosen = resolve("Newport in south Wales")
    assert isinstance(chosen, Place) and chosen.nation == "Wales"
    assert resolve("Bangor in County Down, Northern Ireland").nation == "Northern Ireland"


@pytest.mark.parametrize("text", ["", "   ", "Narnia", "QQ9 9QQ", "<script>", "x" * 10_000, "'; drop table x;--", "😀"])
def test_nonsense_is_unknown_not_a_guess(text):
    assert isinstance(resolve(text), Unknown)


def test_nations_named_outright():
    assert nation_named("wales") == "Wales" and nation_named("Northern Ireland") == "Northern Ireland"
    assert nation_named("Leeds") is None


def test_every_postcode_area_loads():
    areas = load_postcode_areas()
    assert len(areas) == 121 and areas["BT"].nation == "Northern Ireland"
