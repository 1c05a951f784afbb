"""``--export``: cooperation.gpkg read back with pyogrio and geopandas."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from conftest import run_cli

from coop.model import INTERVENTION_COLUMNS
from coop.validation import load_dataset
from geo.regions import load_regions
from maps.geopackage import funder_to_column


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export") / "output"
    result = run_cli("--out", str(out), "--export", "--lang", "es")
    assert result.returncode == 0, result.stderr
    return out / "cooperation.gpkg"


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


def test_layers_crs_and_row_counts(exported: Path, dataset) -> None:
    layers = {name: kind for name, kind in pyogrio.list_layers(exported)}
    assert layers == {"departments": "MultiPolygon", "places": "Point", "interventions": None}
    departments = gpd.read_file(exported, layer="departments")
    places = gpd.read_file(exported, layer="places")
    table = pyogrio.read_dataframe(exported, layer="interventions", read_geometry=False)
    assert departments.crs.to_epsg() == 4326 and places.crs.to_epsg() == 4326
    assert len(departments) == len(load_regions()) == 26
    assert len(places) == len(dataset.locations)
    assert len(table) == len(dataset.interventions)


def test_interventions_table_has_every_column_and_keeps_accents(exported: Path, dataset) -> None:
    table = pyogrio.read_dataframe(exported, layer="interventions", read_geometry=False)
    assert list(table.columns) == [c.name for c in INTERVENTION_COLUMNS]
    by_id = table.set_index("id")
    for item in dataset.interventions:
        row = by_id.loc[item.id]
        assert row["title"] == item.title and row["title_es"] == item.title_es
        assert row["funders"] == "; ".join(item.funders)
        assert row["scope"] == item.scope
        start = None if pd.isna(row["start"]) else row["start"]
        assert start == (str(item.start) if item.start else None)
        if item.budget is not None:
            assert row["budget"] == item.budget
    assert any(not t.isascii() for t in table["title_es"])  # UTF-8 survives
    assert set(table.loc[table["scope"] == "national", "id"]) == {
        i.id for i in dataset.interventions if i.scope == "national"}


def test_places_are_the_resolved_points(exported: Path, dataset) -> None:
    places = gpd.read_file(exported, layer="places")
    for row, loc in zip(places.itertuples(), dataset.locations):
        item = dataset.get(loc.intervention_id)
        assert (row.id, row.place, row.level, row.ubigeo) == (item.id, loc.name, loc.level,
                                                                loc.ubigeo)
        assert int(row.precision) == loc.precision
        assert (round(row.geometry.x, 6), round(row.geometry.y, 6)) == (round(loc.lon, 6),
                                                                          round(loc.lat, 6))
        assert row.funders == "; ".join(item.funders)


def test_department_counts(exported: Path, dataset) -> None:
    """Counted here from the locations' department codes (Lima's two units apart, as a
    finer point falls in one of them): the interventions and funders per department."""
    departments = gpd.read_file(exported, layer="departments").set_index("iso")
    funders = dataset.funders()
    taken: set[str] = {"iso", "name", "ubigeo", "kind", "n_interv", "n_funders"}
    columns = {f: funder_to_column(f, taken) for f in sorted(funders, key=str.casefold)}
    assert set(columns.values()) <= set(departments.columns)
    for iso, row in departments.iterrows():
        if row["ubigeo"] == "15":
            continue
        ids = {loc.intervention_id for loc in dataset.locations
               if loc.department_code == row["ubigeo"]}
        assert row["n_interv"] == len(ids), iso
        for funder, column in columns.items():
            assert row[column] == sum(funder in dataset.get(i).funders for i in ids), (iso, funder)
        assert row["n_funders"] == sum(1 for c in columns.values() if row[c])
    assert departments.loc["PE-SAM", "name"] == "San Martín"
    assert departments["n_interv"].sum() > 0


def test_the_geopackage_is_byte_identical(exported: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert run_cli("--out", str(again), "--export", "--lang", "es").returncode == 0
    assert (again / "cooperation.gpkg").read_bytes() == exported.read_bytes()
    for path in exported.parent.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


def test_no_geopackage_without_export(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("--out", str(out)).returncode == 0
    assert not (out / "cooperation.gpkg").exists()
