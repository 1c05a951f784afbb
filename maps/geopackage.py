"""The joined data out to GIS: ``cooperation.gpkg``, a GeoPackage in EPSG:4326.

Three layers (column names in ``README.md``): ``departments`` (the 26 regions with
the number of interventions and funders located there, and one ``f_...`` count
column per funder), ``places`` (one point per intervention and place) and
``interventions`` (a table without geometry: every column of the dataset, national
interventions included). Text is UTF-8, as the dataset writes it.

The same data gives the same bytes: GDAL writes the file, with its timestamp
(``gpkg_contents.last_change``) fixed through ``OGR_CURRENT_DATE``; the SQLite
pages are then laid out by the same statements in the same order.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
import unicodedata
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from coop.facts import Facts
from coop.model import INTERVENTION_COLUMNS, Dataset, Intervention

CRS = "EPSG:4326"
FIXED_DATE = "2000-01-01T00:00:00.000Z"  # gpkg_contents.last_change: not the build's time
PLACE_COLUMNS = ("id", "title", "title_es", "place", "as_written", "level", "precision", "reach",
                 "ubigeo", "dept", "dept_code", "funders", "impl", "themes", "status", "start",
                 "end")


def funder_to_column(funder: str, taken: set[str]) -> str:
    """``"VLIR-UOS"`` -> ``"f_vlir_uos"``: a short, unique, ASCII column name."""
    plain = unicodedata.normalize("NFKD", funder).encode("ascii", "ignore").decode("ascii")
    base = "f_" + (re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")[:24].strip("_") or "funder")
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    taken.add(name)
    return name


def _joined(values: tuple[str, ...]) -> str:
    return "; ".join(values)


def _text(value: object) -> object:
    """A dataset value as a GIS column holds it: lists joined by ``; ``, dates as text."""
    if isinstance(value, tuple):
        return _joined(value)
    if value is None:
        return None
    if hasattr(value, "earliest"):  # a PartialDate
        return str(value)
    return value


def dataset_to_departments(dataset: Dataset, facts: Facts,
                           regions: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The regions with ``n_interv``, ``n_funders`` and one count column per funder.

    A region counts its INEI department's interventions, as the maps do: Lima and
    Lima Metropolitana both show department 15's.
    """
    by_code = facts.department_interventions(dataset.interventions)
    items = {iso: set(by_code.get(facts.department_of_unit[iso], ()))
             for iso in regions["iso_code"]}
    funders = sorted(dataset.funders(), key=str.casefold)
    taken = {"iso", "name", "ubigeo", "kind", "n_interv", "n_funders"}
    columns = {f: funder_to_column(f, taken) for f in funders}
    rows = []
    for iso, name, ubigeo, kind in zip(regions["iso_code"], regions["name"], regions["ubigeo"],
                                       regions["kind"]):
        counts = Counter(f for n in items[iso] for f in set(dataset.interventions[n].funders))
        rows.append({"iso": iso, "name": name, "ubigeo": ubigeo, "kind": kind,
                     "n_interv": len(items[iso]), "n_funders": len(counts),
                     **{columns[f]: counts.get(f, 0) for f in funders}})
    return gpd.GeoDataFrame(pd.DataFrame(rows), geometry=list(regions.geometry), crs=CRS)


def dataset_to_places(dataset: Dataset) -> gpd.GeoDataFrame:
    """One point per intervention and place, with the intervention's main fields."""
    rows = []
    for loc in dataset.locations:
        item: Intervention = dataset.get(loc.intervention_id)
        rows.append((item.id, item.title, item.title_es, loc.name, loc.as_written or loc.place,
                     loc.level, loc.precision, loc.reach, loc.ubigeo, loc.department,
                     loc.department_code, _joined(item.funders), _joined(item.implementers),
                     _joined(item.themes), item.status, _text(item.start), _text(item.end)))
    frame = pd.DataFrame(rows, columns=list(PLACE_COLUMNS))
    points = gpd.points_from_xy([loc.lon for loc in dataset.locations],
                                [loc.lat for loc in dataset.locations], crs=CRS)
    return gpd.GeoDataFrame(frame, geometry=points, crs=CRS)


def dataset_to_table(dataset: Dataset) -> pd.DataFrame:
    """Every intervention with every column of the dataset."""
    names = [c.name for c in INTERVENTION_COLUMNS]
    frame = pd.DataFrame([[_text(getattr(item, name)) for name in names]
                          for item in dataset.interventions], columns=names)
    frame["budget"] = frame["budget"].astype("float64")
    frame["beneficiaries"] = frame["beneficiaries"].astype("Int64")
    return frame


def dataset_to_geopackage(dataset: Dataset, facts: Facts,
                          regions: gpd.GeoDataFrame) -> bytes:
    """``cooperation.gpkg`` as bytes, the same for the same data."""
    layers = [("departments", dataset_to_departments(dataset, facts, regions)),
              ("places", dataset_to_places(dataset)),
              ("interventions", dataset_to_table(dataset))]
    previous = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": FIXED_DATE})
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "cooperation.gpkg"
            for name, frame in layers:
                pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG", encoding="UTF-8",
                                        append=path.exists())
            return path.read_bytes()
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": previous})
