"""The gazetteer's points lie in their own departments; its populations are real.

Every entry of ``places.csv`` and ``features.csv`` must join, through
``geo.regions.points_to_regions`` (with its coast tolerance), to the department
its code names, unless ``point_exceptions.csv`` lists it with a reason.
"""

from __future__ import annotations

import math
import re
import unicodedata

import pandas as pd
import pytest

from geo.gazetteer import (Place, load_gazetteer, province_seats, read_point_exceptions,
                           row_to_point_id)
from geo.geocoder import geocode
from geo.paths import FEATURES_FILE, PLACES_FILE, POINT_EXCEPTIONS_FILE
from geo.regions import NEAREST_MAX_KM, points_to_regions

MOVED = re.compile(r"point moved ([0-9.]+) km into its department from (-?[0-9.]+),(-?[0-9.]+)")
POPULATION = re.compile(r"population: geonameid (\d+) ")
LEVELS = ["department", "province", "district", "populated place", "feature"]


def _entries(path) -> pd.DataFrame:
    """A gazetteer file as ``id, name, level, department, lat, lon, note``."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "department" not in table:  # features.csv: the unit's code holds it
        table["department"] = table["ubigeo"].str[:2]
        table["level"] = "feature"
        table["source"] = "reviewed"
    table["id"] = [row_to_point_id(s, u, n) for s, u, n in
                   zip(table["source"], table["ubigeo"], table["note"])]
    table["lat"] = table["lat"].astype(float)
    table["lon"] = table["lon"].astype(float)
    return table


def _points_outside(table: pd.DataFrame, exceptions: dict) -> list[tuple]:
    joined = points_to_regions(table["lon"], table["lat"])
    return [(i, n, lvl, d, j) for i, n, lvl, d, j in
            zip(table["id"], table["name"], table["level"], table["department"], joined["ubigeo"])
            if j != d and (i, n) not in exceptions]


@pytest.mark.parametrize("path", [PLACES_FILE, FEATURES_FILE], ids=lambda p: p.name)
def test_every_point_lies_in_its_own_department(path) -> None:
    assert _points_outside(_entries(path), read_point_exceptions()) == []


def test_the_check_finds_a_point_in_another_department() -> None:
    # Kimbiri's GeoNames point: GeoNames says Ayacucho, INEI's limits put it in Cusco.
    table = pd.DataFrame({"id": ["geonames:8689248"], "name": ["Kimbiri"],
                          "level": ["populated place"], "department": ["05"],
                          "lat": [-12.61935], "lon": [-73.78814]})
    assert _points_outside(table, {}) == [("geonames:8689248", "Kimbiri", "populated place",
                                           "05", "08")]
    assert _points_outside(table, {("geonames:8689248", "Kimbiri"): "reviewed"}) == []


def test_exceptions_are_reviewed_and_still_needed() -> None:
    table = pd.read_csv(POINT_EXCEPTIONS_FILE, dtype=str, keep_default_na=False)
    assert list(table.columns) == ["id", "name", "reason", "source"]
    assert (table[["id", "name", "reason", "source"]] != "").all().all()
    entries = pd.concat([_entries(PLACES_FILE), _entries(FEATURES_FILE)])
    listed = entries[[(i, n) in read_point_exceptions() for i, n in
                      zip(entries["id"], entries["name"])]]
    assert len(listed) == len(table)  # each exception names one gazetteer entry
    assert len(_points_outside(listed, {})) == len(listed)  # and it is really outside


def _haversine_km(lat1, lon1, lat2, lon2) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def test_moved_points_were_outside_and_moved_no_further_than_needed() -> None:
    table = _entries(PLACES_FILE)
    moved = table[table["note"].str.contains("point moved")]
    assert len(moved) > 0
    found = [MOVED.search(n) for n in moved["note"]]
    before = moved.assign(lat=[float(m.group(2)) for m in found],
                          lon=[float(m.group(3)) for m in found])
    # where the source put them, every one of them was outside its department
    assert len(_points_outside(before, {})) == len(moved)
    for m, lat, lon, blat, blon in zip(found, moved["lat"], moved["lon"],
                                       before["lat"], before["lon"]):
        km = _haversine_km(lat, lon, blat, blon)
        assert km <= NEAREST_MAX_KM + 1
        assert abs(km - float(m.group(1))) < 0.2  # the note tells the truth (UTM vs sphere)


def test_unit_populations_are_their_geonames_capitals() -> None:
    table = pd.read_csv(PLACES_FILE, dtype=str, keep_default_na=False)
    geonames = {row_to_point_id("GeoNames", "", r["note"]): r
                for r in table.to_dict("records") if r["source"] == "GeoNames"}
    units = table[table["level"].isin(["department", "province", "district"])]
    with_population = 0
    for unit in units.to_dict("records"):
        found = POPULATION.search(unit["note"])
        if not found:
            assert unit["population"] == "0", unit
            continue
        capital = geonames[f"geonames:{found.group(1)}"]
        assert capital["department"][:2] == unit["department"]
        assert capital["population"] == unit["population"]
        with_population += unit["population"] != "0"
    # provinces and districts are ranked by population too: most have one
    assert with_population > len(units) / 2


def _key(name: str) -> str:
    """Case, accents, punctuation and spacing off, written apart from geo.names."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return "".join(c for c in plain.lower() if c.isalnum())


def _ranked() -> pd.DataFrame:
    """places.csv with the documented order: level, then population, then code."""
    table = pd.read_csv(PLACES_FILE, dtype={"ubigeo": str, "department": str},
                        keep_default_na=False)
    table["key"] = table["name"].map(_key)
    table["rank"] = table["level"].map(LEVELS.index)
    return table.sort_values(["rank", "population", "ubigeo", "name"],
                             ascending=[True, False, True, True])


def _reviewed_keys() -> set[str]:
    aliases = pd.read_csv(PLACES_FILE.parent / "aliases.csv", dtype=str, keep_default_na=False)
    features = pd.read_csv(FEATURES_FILE, dtype=str, keep_default_na=False)
    return {_key(n) for n in [*aliases["alias"], *aliases["name"], *features["name"]]}


def test_without_a_hint_the_documented_rule_picks_the_first() -> None:
    ranked = _ranked()
    reviewed = _reviewed_keys()
    wrong = []
    for key, group in ranked.groupby("key", sort=True):
        if key in reviewed or not key:
            continue
        best = group.iloc[0]
        status = "ambiguous" if group["department"].nunique() > 1 else "ok"
        m = geocode(best["name"])
        if (m.ubigeo, m.level, m.name, m.status) != (best["ubigeo"], best["level"],
                                                     best["name"], status):
            wrong.append((best["name"], m.ubigeo, best["ubigeo"], m.status, status))
    assert wrong == []


def test_independencia_is_limas_district_and_ambiguous() -> None:
    ranked = _ranked()
    districts = ranked[(ranked["key"] == "independencia") & (ranked["level"] == "district")]
    most_populous = districts.sort_values("population", ascending=False).iloc[0]
    m = geocode("Independencia")
    assert (m.level, m.ubigeo, m.status) == ("district", most_populous["ubigeo"], "ambiguous")
    assert m.ubigeo == "150112"  # INEI: Independencia, Lima province, Lima
    assert sorted(m.alternatives) == sorted(
        {"02": "Áncash", "05": "Ayacucho", "11": "Ica"}[d]
        for d in set(districts["department"]) - {"15"})


def _place(name: str, level: str, ubigeo: str, lat: float, lon: float,
           population: int = 0) -> Place:
    return Place(name, level, ubigeo, ubigeo[:2], lat, lon, 2, population)


def test_a_province_seat_is_the_town_nearest_its_first_districts_point() -> None:
    capital = _place("Chanchamayo", "district", "120301", -11.0567, -75.3275)
    seat = _place("La Merced", "populated place", "120301", -11.0615, -75.3351)  # 1 km
    farther = _place("Pampa", "populated place", "120301", -11.0700, -75.3275)  # 1.5 km
    far = _place("Lejos", "populated place", "120301", -11.2000, -75.3275)  # 16 km
    other = _place("San Ramón", "district", "120302", -11.12, -75.35)
    near_other = _place("Otro", "populated place", "120302", -11.12, -75.35)
    seats = province_seats([capital, seat, farther, far, other, near_other])
    assert seats == frozenset({seat})  # 120302 is no province's first district


def test_a_first_district_with_a_town_of_5000_needs_no_seat() -> None:
    capital = _place("Huancayo", "district", "120101", -12.0667, -75.2100)
    town = _place("Huancayo", "populated place", "120101", -12.0700, -75.2100, 400_000)
    suburb = _place("El Tambo", "populated place", "120101", -12.0680, -75.2110)
    assert province_seats([capital, town, suburb]) == frozenset()


def test_the_bundled_seats_seat_their_provinces() -> None:
    gazetteer = load_gazetteer()
    seats = province_seats(gazetteer.places)
    names = {(p.name, p.ubigeo) for p in seats}
    assert ("La Merced", "120301") in names  # Chanchamayo's seat, population 0 in GeoNames
    districts = {p.ubigeo: p for p in gazetteer.places if p.level == "district"}
    for seat in seats:
        capital = districts[seat.ubigeo]
        assert seat.ubigeo.endswith("01") and seat.level == "populated place"
        km = 111.2 * math.hypot(seat.lat - capital.lat,
                                (seat.lon - capital.lon) * math.cos(math.radians(capital.lat)))
        assert km <= 2.0, seat
