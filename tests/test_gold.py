"""The geoparser's gold set is consistent: offsets, codes, spans, sources and splits."""

from __future__ import annotations

import csv
import importlib.util
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
LEVELS = {"department", "province", "district", "populated place", "feature"}
UBIGEO_LENGTH = {"department": 2, "province": 4, "district": 6}
SPLITS = {"dev", "test", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6",
          "heldout7", "heldout8", "heldout9", "heldout10", "heldout11", "heldout12",
          "heldout13", "heldout14", "heldout15", "heldout16", "heldout17", "heldout18",
          "heldout19", "heldout20", "heldout21", "heldout22"}


def read_rows(path: Path) -> list[dict[str, str]]:
    """Rows of a UTF-8 CSV file."""
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_text(document: str) -> str:
    """A gold text exactly as kept."""
    return (GOLD / "texts" / f"{document}.txt").read_bytes().decode("utf-8")


SOURCES = read_rows(GOLD / "sources.csv")
PLACES = read_rows(GOLD / "places.csv")
NEGATIVES = read_rows(GOLD / "negatives.csv")
DOCUMENTS = sorted(r["document"] for r in SOURCES)
GAZETTEER = read_rows(ROOT / "data" / "places.csv")
DEPARTMENTS = {r["ubigeo"] for r in GAZETTEER if r["level"] == "department"}
UBIGEOS = {r["ubigeo"] for r in GAZETTEER} | {r["ubigeo"] for r in read_rows(ROOT / "data" / "features.csv")}


def rows_of(rows: list[dict[str, str]], document: str) -> list[dict[str, str]]:
    """The rows of one document."""
    return [r for r in rows if r["document"] == document]


def test_sources_name_every_text_once() -> None:
    texts = sorted(p.stem for p in (GOLD / "texts").glob("*.txt"))
    assert DOCUMENTS == texts
    assert len(set(DOCUMENTS)) == len(DOCUMENTS)


@pytest.mark.parametrize("row", SOURCES, ids=lambda r: r["document"])
def test_source_row_is_complete(row: dict[str, str]) -> None:
    assert row["language"] in {"es", "en"}
    assert row["split"] in SPLITS
    assert row["title"].strip() and row["source"].strip()


@pytest.mark.parametrize("split", sorted(SPLITS))
def test_both_languages_in_each_split(split: str) -> None:
    languages = {r["language"] for r in SOURCES if r["split"] == split}
    assert languages == {"es", "en"}


def test_annotations_name_known_documents() -> None:
    assert {r["document"] for r in PLACES + NEGATIVES} <= set(DOCUMENTS)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_place_rows_match_text_and_codes(document: str) -> None:
    text = read_text(document)
    for row in rows_of(PLACES, document):
        start, end = int(row["start"]), int(row["end"])
        assert 0 <= start < end <= len(text)
        assert text[start:end] == row["mention"], row
        assert row["level"] in LEVELS, row
        assert row["department_code"] in DEPARTMENTS, row
        ubigeo = row["ubigeo"]
        if ubigeo:
            assert len(ubigeo) in (2, 4, 6) and ubigeo in UBIGEOS, row
            assert ubigeo.startswith(row["department_code"]), row
            assert len(ubigeo) == UBIGEO_LENGTH.get(row["level"], len(ubigeo)), row
        assert re.sub(r"\W", "", row["mention"]).casefold() not in {"peru", "perú"}, row


@pytest.mark.parametrize("document", DOCUMENTS)
def test_negative_rows_match_text(document: str) -> None:
    text = read_text(document)
    for row in rows_of(NEGATIVES, document):
        start, end = int(row["start"]), int(row["end"])
        assert text[start:end] == row["mention"], row
        assert row["why"].strip(), row


@pytest.mark.parametrize("document", DOCUMENTS)
def test_spans_do_not_overlap(document: str) -> None:
    spans = sorted((int(r["start"]), int(r["end"])) for r in rows_of(PLACES + NEGATIVES, document))
    for (_, end), (start, _) in zip(spans, spans[1:]):
        assert end <= start, spans


def mention_pattern(mention: str) -> re.Pattern[str]:
    """Whole-word occurrences of a mention, any whitespace between its words."""
    words = [re.escape(w) for w in mention.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?![^\W\d_])")


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_occurrence_of_an_annotated_name_is_decided(document: str) -> None:
    """A name annotated once in a document is annotated or listed as a negative everywhere in it."""
    text = read_text(document)
    rows = rows_of(PLACES + NEGATIVES, document)
    spans = [(int(r["start"]), int(r["end"])) for r in rows]
    for mention in {r["mention"] for r in rows}:
        for m in mention_pattern(mention).finditer(text):
            covered = any(s <= m.start() < e or s < m.end() <= e for s, e in spans)
            assert covered, f"{document}: {m.group(0)!r} at {m.start()} is neither a place nor a negative"


def test_specs_rebuild_the_tables() -> None:
    """places.csv and negatives.csv are exactly what scripts/gold_offsets.py builds from the specs."""
    spec = importlib.util.spec_from_file_location("gold_offsets", ROOT / "scripts" / "gold_offsets.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["gold_offsets"] = module
    spec.loader.exec_module(module)
    places, negatives = [], []
    for document in DOCUMENTS:
        text = read_text(document)
        spec_file = GOLD / "specs" / f"{document}.txt"
        for s in sorted(module.spec_to_spans(document, text, spec_file.read_text(encoding="utf-8")),
                        key=lambda s: s.start):
            (places if s.positive else negatives).append(s.row)
    assert places == PLACES
    assert negatives == NEGATIVES
