"""The geocoder: the documents' names, hints, ambiguity, the full INEI lists."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.errors import UnknownDepartmentError, UnknownPlaceError
from geo.geocoder import default_geocoder, geocode
from geo.paths import PLACES_FILE

# query, hint, expected name, level, ubigeo, department, precision, status; a populated
# place's ubigeo is its district (6 characters): the cities' own districts where they
# are known, else the department code its district code starts with.
CASES = [
    ("Cajamarca", None, "Cajamarca", "department", "06", "Cajamarca", 4, "ok"),
    ("Iquitos", None, "Iquitos", "district", "160101", "Loreto", 3, "ok"),
    ("city of Iquitos", None, "Iquitos", "populated place", "160101", "Loreto", 2, "ok"),
    ("Piura", None, "Piura", "department", "20", "Piura", 4, "ok"),
    ("ciudad de Piura", None, "Piura", "populated place", "200101", "Piura", 2, "ok"),
    ("Arequipa", None, "Arequipa", "department", "04", "Arequipa", 4, "ok"),
    ("Puno", None, "Puno", "department", "21", "Puno", 4, "ambiguous"),
    ("Puno", "Ica", "Puno", "populated place", "11", "Ica", 2, "ok"),
    ("Cusco", None, "Cusco", "department", "08", "Cusco", 4, "ambiguous"),
    ("Cusco", "San Martín", "Cusco", "populated place", "22", "San Martín", 2, "ok"),
    ("CUZCO", None, "Cusco", "department", "08", "Cusco", 4, "ambiguous"),
    ("Barranca", None, "Barranca", "province", "1502", "Lima", 3, "ambiguous"),
    ("Barranca", "Loreto", "Barranca", "district", "160701", "Loreto", 3, "ok"),
    ("Barranca", "16", "Barranca", "district", "160701", "Loreto", 3, "ok"),
    ("Barranca", "PE-LOR", "Barranca", "district", "160701", "Loreto", 3, "ok"),
    ("provincia de Barranca", None, "Barranca", "province", "1502", "Lima", 3, "ok"),
    ("Ciudad Nueva", None, "Ciudad Nueva", "district", "230104", "Tacna", 3, "ok"),
    ("Trujilo", None, "Trujillo", "populated place", "130101", "La Libertad", 2, "ok"),
    ("Paicapampa", None, "Pacaipampa", "district", "200206", "Piura", 3, "ok"),
    ("Canchis-Cusco", None, "Canchis", "province", "0806", "Cusco", 3, "ok"),
    ("province of Caylloma", None, "Caylloma", "province", "0405", "Arequipa", 3, "ok"),
    ("Colca Canyon", None, "Colca Canyon", "feature", "0405", "Arequipa", 3, "ok"),
    ("valley of the Chira", None, None, None, None, None, None, "unknown"),
    ("Chira valley", None, "Chira valley", "feature", "2006", "Piura", 3, "ok"),
    ("Ocoña basin", None, "Ocoña basin", "feature", "04", "Arequipa", 4, "ok"),
    ("Shanusi river", None, "Shanusi river", "feature", "1602", "Loreto", 3, "ok"),
    ("inca trail", None, "Inca trail", "feature", "0813", "Cusco", 3, "ok"),
    ("Callao", None, "Callao", "department", "07", "Callao", 4, "ok"),
    ("Región Áncash", None, "Áncash", "department", "02", "Áncash", 4, "ok"),
    ("ANCASH", None, "Áncash", "department", "02", "Áncash", 4, "ok"),
    ("Junin", None, "Junín", "department", "12", "Junín", 4, "ok"),
    ("Lima Metropolitana", None, "Lima", "province", "1501", "Lima", 3, "ok"),
    ("Huancavelica", None, "Huancavelica", "department", "09", "Huancavelica", 4, "ok"),
    ("Independencia", None, "Independencia", "district", "150112", "Lima", 3, "ambiguous"),
    ("Independencia", "Ica", "Independencia", "district", "110504", "Ica", 3, "ok"),
    ("Machu Picchu", None, "Machupicchu", "district", "081304", "Cusco", 3, "ok"),
    ("MACHU-PICCHU", None, "Machupicchu", "district", "081304", "Cusco", 3, "ok"),
    ("Ventanilla", None, "Ventanilla", "district", "070106", "Callao", 3, "ok"),
    ("Cascas", None, "Cascas", "district", "131101", "La Libertad", 3, "ok"),
    ("Miraflores", "Lima", "Miraflores", "district", "150122", "Lima", 3, "ok"),
]


@pytest.mark.parametrize(("query", "hint", "name", "level", "ubigeo", "dept", "precision",
                          "status"), CASES)
def test_documents_names(query, hint, name, level, ubigeo, dept, precision, status) -> None:
    if status == "unknown":
        with pytest.raises(UnknownPlaceError):
            geocode(query, hint)
        return
    m = geocode(query, hint)
    if level == "populated place":
        assert len(m.ubigeo) == 6 and m.ubigeo.startswith(ubigeo)
        ubigeo = m.ubigeo
    assert (m.name, m.level, m.ubigeo, m.department, m.precision, m.status) == (
        name, level, ubigeo, dept, precision, status)


def test_ambiguous_lists_other_departments() -> None:
    assert geocode("Barranca").alternatives == ["Loreto"]


def test_unknown_name_suggests_closest() -> None:
    with pytest.raises(UnknownPlaceError) as err:
        geocode("Trujjilo")
    assert err.value.suggestions[0] == "Trujillo (La Libertad)"
    assert len(err.value.suggestions) == len(set(err.value.suggestions))


def test_unknown_department_hint() -> None:
    with pytest.raises(UnknownDepartmentError) as err:
        geocode("Barranca", "Lorto")
    assert err.value.suggestions == ["Loreto"]


def test_name_absent_from_hinted_department() -> None:
    with pytest.raises(UnknownPlaceError, match="in Tacna"):
        geocode("Iquitos", "Tacna")


def _admin_units() -> list[tuple[str, str, str, str]]:
    table = pd.read_csv(PLACES_FILE, dtype=str)
    table = table[table["level"].isin(["province", "district"])]
    return list(zip(table["name"], table["department"], table["level"], table["ubigeo"]))


def _first_of_its_name(units: list[tuple[str, str, str, str]]) -> dict[tuple, str]:
    """(name, department, level) -> the ubigeo the rule picks: largest, then lowest code."""
    table = pd.read_csv(PLACES_FILE, dtype={"ubigeo": str, "department": str})
    table = table.sort_values(["population", "ubigeo"], ascending=[False, True])
    first = table.drop_duplicates(["name", "department", "level"])
    return {(n, d, lvl): u for n, d, lvl, u in
            zip(first["name"], first["department"], first["level"], first["ubigeo"])}


def test_every_province_and_district_resolves_to_itself_with_its_department() -> None:
    geocoder = default_geocoder()
    units = _admin_units()
    assert sum(1 for u in units if u[2] == "province") == 196  # INEI's counts
    assert sum(1 for u in units if u[2] == "district") == 1893
    expected = _first_of_its_name(units)
    misses = []
    for name, dept, level, ubigeo in units:
        m = geocoder.geocode(name, geocoder.departments[dept], level)
        if m.ubigeo != expected[(name, dept, level)]:
            misses.append((name, dept, level, ubigeo, m.ubigeo))
    assert misses == []
    # only a name held by two units of one level in one department resolves to the other
    shared = [u for u in units if expected[(u[0], u[1], u[2])] != u[3]]
    counts = pd.Series([(n, d, lvl) for n, d, lvl, _u in units]).value_counts()
    assert len(shared) == int((counts - 1).sum())


def test_spacing_never_changes_the_match() -> None:
    table = pd.read_csv(PLACES_FILE, dtype=str)
    names = sorted({n for n in table["name"] if " " in n})
    for name in names:
        assert geocode(name.replace(" ", "")).ubigeo == geocode(name).ubigeo, name
        assert geocode(name.replace(" ", "  ")).ubigeo == geocode(name).ubigeo, name


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.one_of(st.none(), st.sampled_from(["Lima", "Cusco", "08"])))
def test_geocoder_never_crashes(text: str, hint: str | None) -> None:
    try:
        m = geocode(text, hint)
    except UnknownPlaceError:
        return
    assert m.status in ("ok", "ambiguous")


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted({u[0] for u in _admin_units()})))
def test_accents_and_case_never_change_the_match(name: str) -> None:
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    assert geocode(plain.upper()).to_record()["ubigeo"] == geocode(name).ubigeo
