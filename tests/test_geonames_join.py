"""Joining every GeoNames populated place of Peru to the simplified regions."""

from __future__ import annotations

import pandas as pd

from geo.paths import PLACES_FILE
from geo.regions import points_to_regions

UNSIMPLIFIED_AGREEMENT = 0.9887  # measured by scripts/build_regions.py on the raw data


def test_agreement_with_geonames_departments() -> None:
    places = pd.read_csv(PLACES_FILE, dtype=str)
    places = places[places["source"] == "GeoNames"]
    assert len(places) == 2296
    joined = points_to_regions(places["lon"].astype(float), places["lat"].astype(float))
    agree = (joined["ubigeo"].values == places["department"].values).mean()
    assert agree >= 0.985
    assert agree >= UNSIMPLIFIED_AGREEMENT - 0.005
    assert joined["iso_code"].notna().all()
