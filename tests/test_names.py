"""Name normalisation and level words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.names import name_to_query, normalize_name

CASES = [
    ("Áncash", "ancash", None),
    ("  San  Martín ", "san martin", None),
    ("HUÁNUCO", "huanuco", None),
    ("Región Cusco", "cusco", "department"),
    ("Departamento de Junín", "junin", "department"),
    ("Cajamarca region", "cajamarca", "department"),
    ("the region of Cajamarca", "cajamarca", "department"),
    ("provincia de Barranca", "barranca", "province"),
    ("province of Caylloma", "caylloma", "province"),
    ("Distrito de Pacaipampa", "pacaipampa", "district"),
    ("city of Iquitos", "iquitos", "populated place"),
    ("Ciudad de Piura", "piura", "populated place"),
    ("Canchis-Cusco", "canchis cusco", None),
    ("Ocoña", "ocona", None),
    ("Región", "region", None),
]


@pytest.mark.parametrize(("text", "core", "level"), CASES)
def test_name_to_query(text: str, core: str, level: str | None) -> None:
    assert name_to_query(text) == (core, level)


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize_name(text)
    assert normalize_name(once) == once


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzáéíóúñü ", min_size=1))
def test_case_and_accents_do_not_matter(text: str) -> None:
    plain = normalize_name(text)
    assert normalize_name(text.upper()) == plain
    assert normalize_name(text.title()) == plain
    assert normalize_name(text.translate(str.maketrans("aeioun", "áéíóúñ"))) == plain
