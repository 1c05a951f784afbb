"""The bundled dataset against the five documents, and its data dictionary."""

from __future__ import annotations

from collections import Counter

import pytest

from coop.model import INTERVENTION_COLUMNS, LOCATION_COLUMNS
from coop.validation import load_dataset
from geo.paths import ROOT

SOURCES = ["000_6bb2aa460a428235.txt", "001_933f1a59b56bbeec.txt", "002_5c98fec0863af8bf.txt",
           "003_5e1a1db377e9f053.txt", "004_e90eb078ba350343.txt"]

# Every place the documents name, as (intervention id, resolved ubigeo). A city is
# its district: the capital districts (Trujillo 130101, Iquitos 160101, Lima 150101,
# Piura 200101, Arequipa 040101, Callao 070101); GeoNames' point for Cusco lies 2 km
# south-east of the Plaza de Armas, in Wanchaq (080108).
PLACES = [
    ("VLIR-IUC-UNALM", "150114"), ("VLIR-TEAM-CAJAMARCA", "06"), ("VLIR-SI-TRUJILLO", "130101"),
    ("VLIR-SI-UNAP-WATER", "160101"), ("VLIR-MALARIA", "160101"), ("BE-CAJAMARCA-HIST", "06"),
    ("FUNIBER-CAPACITY", "150101"), ("FUNIBER-CAPACITY", "160101"),
    ("FUNIBER-CAPACITY", "200101"), ("FUNIBER-CAPACITY", "040101"),
    ("FUNIBER-CAPACITY", "080108"),
    ("FUNIBER-CALLAO-CENTRE", "070101"), ("FUNIBER-CALLAO-ROAD-SAFETY", "070101"),
    ("FUNIBER-BARRANCA-GUIDES", "1502"), ("FUNIBER-SHANUSI", "1602"),
    ("FUNIBER-IQUITOS-NAUTA", "1601"), ("FUNIBER-IQUITOS-DELINQUENCY", "160101"),
    ("FUNIBER-PIURA-WASTE", "200101"), ("FUNIBER-PAICAPAMPA", "200206"), ("FUNIBER-CHIRA", "2006"),
    ("FUNIBER-CAYLLOMA-ALPACA", "0405"), ("FUNIBER-COLCA", "0405"), ("FUNIBER-OCONA", "04"),
    ("FUNIBER-CANCHIS-CAMELIDS", "0806"), ("FUNIBER-CUSCO-EDUCATION", "08"),
    ("FUNIBER-INCA-TRAIL", "0813"),
] + [("IMPULSAS-2022", code) for code in ("02", "04", "12", "09", "20", "21", "15")]
NOT_PINNED = ["VLIR-PROGRAMME", "VLIR-SCHOLARSHIPS", "VLIR-COMPUTER-LITERACY",
              "ENABEL-ENVIRONMENT", "ENABEL-HEALTH", "ENABEL-ALPACA", "UNI4COOP-2017",
              "EU-MIP-2021", "EU-MIP-2014", "EU-EOM", "EU-AAP-2022", "EU-FACILITY-2022"]


@pytest.fixture(scope="module")
def data():
    return load_dataset()


def test_every_document_is_used(data) -> None:
    assert sorted({i.source for i in data.interventions}) == SOURCES


def test_funders(data) -> None:
    assert set(data.funders()) >= {"VLIR-UOS", "DGD", "ACCD", "European Union"}
    groups = {i.funder_group for i in data.interventions}
    assert groups == {"Belgium", "Spain (Catalonia)", "European Union"}


@pytest.mark.parametrize(("iid", "ubigeo"), PLACES)
def test_named_place_is_recorded(data, iid: str, ubigeo: str) -> None:
    assert ubigeo in {loc.ubigeo for loc in data.locations if loc.intervention_id == iid}


def test_no_extra_places(data) -> None:
    assert Counter((loc.intervention_id, loc.ubigeo) for loc in data.locations) == Counter(
        PLACES + [("BE-UNALM-GEMBLOUX", "150114")])


@pytest.mark.parametrize("iid", NOT_PINNED)
def test_national_and_unnamed_scope_is_not_pinned(data, iid: str) -> None:
    item = data.get(iid)
    assert item.scope in ("national", "unspecified regions")
    assert iid in {i.id for i in data.unlocated()}


def test_funiber_initiatives_three_per_city(data) -> None:
    initiatives = [i for i in data.interventions if i.part_of == "FUNIBER-CAPACITY"]
    assert len(initiatives) == 15
    groups = Counter(i.note.split(" group.")[0].split("the ")[-1] for i in initiatives)
    assert groups == {"Lima": 3, "Iquitos": 3, "Piura": 3, "Arequipa": 3, "Cusco": 3}


def test_figures_from_the_documents(data) -> None:
    assert data.get("EU-MIP-2021").budget_text() == "EUR 57,000,000"
    assert data.get("VLIR-SCHOLARSHIPS").budget == 2_310_785
    assert data.get("VLIR-PROGRAMME").budget == 9_911_420
    assert data.get("IMPULSAS-2022").beneficiaries == 2990 + 2714
    assert data.get("IMPULSAS-2022").period() == "2022-01–2026-12"
    assert data.get("VLIR-IUC-UNALM").period() == "2010–2021"
    assert data.get("ENABEL-HEALTH").period() == "until 2019-06"


@pytest.mark.parametrize("column", INTERVENTION_COLUMNS + LOCATION_COLUMNS,
                         ids=lambda c: c.name)
def test_data_dictionary_documents_column(column) -> None:
    doc = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    assert f"| `{column.name}` | {column.hxl} |" in doc
