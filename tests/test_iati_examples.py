"""The IATI standard's own example files (1.04 to 2.03, moved to Peru) and the edge
cases of real publishers' files: read without a crash, each value as an independent
reading of the XML gives it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from conftest import ROOT

from coop.iati import paths_to_import

EXAMPLES = ROOT / "tests" / "fixtures" / "iati" / "examples"
EDGE = ROOT / "tests" / "fixtures" / "iati" / "edge"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ROLE_WORDS = {"Funding": "1", "Accountable": "2", "Extending": "3", "Implementing": "4"}


@pytest.fixture(scope="module")
def edge():
    return paths_to_import([EDGE])


def _row(result, ident):
    return next(r for r in result.interventions if r["id"] == ident)


def _issues(result, ident):
    return [e["issue"] for e in result.log if e["activity"] == ident]


def _text(el: ET.Element, lang: str) -> str:
    """An element's text in ``lang`` (narratives, or 1.0x text), first one otherwise."""
    found = [(n.get(XML_LANG, "en"), " ".join((n.text or "").split()))
             for n in el.findall("narrative")] or [(el.get(XML_LANG, "en"),
                                                    " ".join((el.text or "").split()))]
    return next((t for got, t in found if got == lang), found[0][1])


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.xml")), ids=lambda p: p.name)
def test_standard_examples_read_as_the_xml_says(path):
    result = paths_to_import([path])
    activities = ET.parse(path).getroot().findall("iati-activity")
    assert result.read == len(activities) and result.kept == len(activities)
    for act in activities:
        row = _row(result, act.findtext("iati-identifier").strip())
        assert row["title"] == _text(act.find("title"), act.get(XML_LANG, "en"))
        funders = [_text(o, "en") for o in act.findall("participating-org")
                   if ROLE_WORDS.get(o.get("role"), o.get("role")) == "1"]
        assert row["funders"].split("; ") == funders
        # the examples' places are in Afghanistan and Cambodia: not in Peru, logged
        points = act.findall("location/point") + act.findall("location/coordinates")
        assert _issues(result, row["id"]).count("point outside Peru") == len(points)
        assert row["scope"] == "unspecified regions"  # several recipients, no place in Peru


def test_language_on_the_root_only(edge):
    row = _row(edge, "XM-DAC-50-10-EDGE-ROOT-LANG")
    assert row["title"] == row["title_es"] == "Agua potable en Ayacucho"
    assert row["funders"] == "AECID"  # a ref without a name takes the name it has elsewhere


def test_recipient_sectors_and_commitments_on_transactions(edge):
    act = next(a for a in ET.parse(EDGE / "edge-cases.xml").getroot()
               if a.findtext("iati-identifier") == "US-GOV-1-EDGE-TRANSACTIONS")
    total = sum(float(t.findtext("value")) for t in act.iter("transaction")
                if t.find("transaction-type").get("code") == "2")
    row = _row(edge, "US-GOV-1-EDGE-TRANSACTIONS")
    assert float(row["budget"]) == pytest.approx(total)
    assert row["currency"] == act.get("default-currency")  # a value without currency
    assert row["themes"] == "health" and row["scope"] == "national"


def test_decimal_comma_percentages_grouped_amounts_budget_words(edge):
    row = _row(edge, "XM-DAC-2-10-EDGE-PERCENT")
    assert row["themes"] == "food security and agriculture; health"  # 66,7 before 33,3
    assert (row["budget"], row["currency"]) == ("1200000", "EUR")  # "Revised" over "Original"
    assert "humanitarian" in row["note"]


def test_places_from_administrative_codes(edge):
    rows = [r for r in edge.locations if r["intervention_id"] == "XM-DAC-2-10-EDGE-ADMIN"]
    by_written = {r["as_written"]: r for r in rows}
    assert by_written["administrative PE-CUS"]["department_code"] == "08"
    assert by_written["administrative PE-CUS"]["precision"] == "4"
    assert by_written["administrative Loreto"]["department_code"] == "16"
    assert by_written["Huamanga"]["department"] == "Ayacucho"  # a GeoNames id is no hint
    assert _row(edge, "XM-DAC-2-10-EDGE-COUNTRY")["scope"] == "national"  # A4 PE: the country


def test_missing_narratives(edge):
    row = _row(edge, "XM-DAC-2-10-EDGE-NO-NARRATIVES")
    assert row["title"] == row["id"] and row["funders"] == "XM-DAC-2-10-EDGE-ORG"
    assert row["implementers"] == "Asociación Civil Ejemplo" and row["status"] == "unknown"
    assert {"no title", "status not known"} <= set(_issues(edge, row["id"]))
