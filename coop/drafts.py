"""Drafts from documents: the place mentions a geoparser finds, and a locations draft.

A parser is anything with ``parse(text) -> list[Mention]`` (see ``geo.geoparser``);
each mention carries ``start, end, mention, name, level, ubigeo, department,
department_code, lat, lon, precision, confidence``. From the mentions this module
makes the rows of ``mentions.csv`` and a draft ``locations.csv`` in the dataset's
format (one row per distinct place per document), and the draft as a
:class:`coop.model.Dataset` (one intervention per document) for the review map.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Protocol

from coop.documents import Document
from coop.files import rows_to_csv_text, slugify, unique_name
from coop.model import LOCATION_COLUMNS, Dataset, Intervention, Location
from geo.errors import PeruMapsError

MENTION_COLUMNS = ["document", "start", "end", "mention", "name", "level", "ubigeo",
                   "department", "lat", "lon", "precision", "confidence"]
DRAFT_GROUP = "Documents"  # the funder group of the draft's interventions, for the map


class Parser(Protocol):
    """Text -> place mentions."""

    def parse(self, text: str) -> list[Any]: ...


@dataclass(frozen=True)
class Extraction:
    """One document read, its slug and the Peruvian place mentions found in it."""

    document: Document
    slug: str
    mentions: tuple[Any, ...]


def default_parser() -> Parser:
    """The project's geoparser (imported when first needed: it loads the gazetteer)."""
    try:
        from geo.geoparser import default_geoparser
    except ImportError as exc:
        if exc.name != "geo.geoparser":
            raise
        raise PeruMapsError("the geoparser (geo/geoparser.py) is not installed with this "
                            "copy of the tool") from None
    return default_geoparser()


def documents_to_extractions(documents: list[Document],
                             parser: Parser | None = None) -> list[Extraction]:
    """Every document's mentions, in text order, with a slug unique in the run.

    Mentions whose offsets do not match the text, that overlap an earlier one or that
    name no Peruvian department (Peru itself) are left out.
    """
    parser = parser or default_parser()
    taken: set[str] = set()
    out = []
    for document in documents:
        kept, end = [], -1
        for m in sorted(parser.parse(document.text), key=lambda m: (m.start, -m.end)):
            if m.start < end or document.text[m.start:m.end] != m.mention:
                continue
            if not m.department_code:
                continue
            kept.append(m)
            end = m.end
        out.append(Extraction(document, unique_name(document_to_slug(document.name), taken),
                              tuple(kept)))
    return out


def document_to_slug(name: str) -> str:
    """``"reports/Informe Cusco 2023.pdf"`` -> ``"informe-cusco-2023"``: the file name
    without its extension, slugified as the maps' file names are."""
    return slugify(PurePath(name).stem or PurePath(name).name)


def _number(value: float) -> str:
    """A float as the geocoder's CSV writes it: Python's shortest repr."""
    return repr(float(value))


def confidence_text(value: float) -> str:
    """``0.9`` -> ``"0.9"``; rounded to 3 decimals, within 0..1."""
    return format(round(min(1.0, max(0.0, float(value))), 3), "g")


def mention_to_row(document: str, m: Any) -> dict[str, str]:
    """One row of ``mentions.csv``."""
    return {"document": document, "start": str(m.start), "end": str(m.end),
            "mention": m.mention, "name": m.name, "level": m.level, "ubigeo": m.ubigeo,
            "department": m.department, "lat": _number(m.lat), "lon": _number(m.lon),
            "precision": str(m.precision), "confidence": confidence_text(m.confidence)}


def extractions_to_rows(extractions: list[Extraction]) -> list[dict[str, str]]:
    """Every mention of every document, as ``mentions.csv`` rows."""
    return [mention_to_row(e.document.name, m) for e in extractions for m in e.mentions]


def rows_to_csv(rows: list[dict[str, str]], columns: list[str]) -> str:
    """CSV text with a header, ``\\n`` line ends, formulas guarded
    (:func:`coop.files.rows_to_csv_text`)."""
    return rows_to_csv_text(rows, columns)


def place_key(m: Any) -> tuple:
    """What makes two mentions the same place."""
    return (m.ubigeo, m.level, m.name, m.department_code)


def group_mentions(mentions: tuple[Any, ...]) -> list[list[Any]]:
    """The mentions grouped by place, places in order of first mention."""
    groups: dict[tuple, list[Any]] = {}
    for m in mentions:
        groups.setdefault(place_key(m), []).append(m)
    return list(groups.values())


def mentions_note(group: list[Any]) -> str:
    """``"3 mentions; lowest confidence 0.72"``."""
    low = confidence_text(min(m.confidence for m in group))
    if len(group) == 1:
        return f"1 mention; confidence {low}"
    return f"{len(group)} mentions; lowest confidence {low}"


def extraction_to_locations(extraction: Extraction) -> list[Location]:
    """The draft locations of one document: one per distinct place."""
    out = []
    for group in group_mentions(extraction.mentions):
        first = group[0]
        out.append(Location(intervention_id=extraction.slug, place=first.name, name=first.name,
                            level=first.level, ubigeo=first.ubigeo,
                            department_code=first.department_code,
                            department=first.department, lat=float(first.lat),
                            lon=float(first.lon), precision=int(first.precision), reach="",
                            as_written=first.mention, note=mentions_note(group)))
    return out


def location_to_row(loc: Location) -> dict[str, str]:
    """One row of the draft ``locations.csv`` (the dataset's columns)."""
    return {"intervention_id": loc.intervention_id, "place": loc.place, "level": loc.level,
            "department": loc.department, "department_code": loc.department_code,
            "ubigeo": loc.ubigeo, "lat": _number(loc.lat), "lon": _number(loc.lon),
            "precision": str(loc.precision), "reach": loc.reach, "as_written": loc.as_written,
            "note": loc.note}


def extractions_to_locations_csv(extractions: list[Extraction]) -> str:
    """The draft ``locations.csv``."""
    rows = [location_to_row(loc) for e in extractions for loc in extraction_to_locations(e)]
    return rows_to_csv(rows, [c.name for c in LOCATION_COLUMNS])


def extractions_to_dataset(extractions: list[Extraction],
                           labels: dict[str, str] | None = None) -> Dataset:
    """The draft as a dataset: one intervention per document (titled and "funded" by its
    label, the document's name unless ``labels`` gives another), its places as locations."""
    labels = labels or {}
    interventions = [Intervention(id=e.slug, title=labels.get(e.document.name, e.document.name),
                                  funders=(labels.get(e.document.name, e.document.name),),
                                  funder_group=DRAFT_GROUP, themes=(), status="unknown",
                                  scope="subnational" if e.mentions else "unspecified regions",
                                  source=e.document.name)
                     for e in extractions]
    locations = [loc for e in extractions for loc in extraction_to_locations(e)]
    return Dataset(interventions, locations, label="documents")
