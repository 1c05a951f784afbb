"""Scoring a geoparser against annotated spans: precision, recall, F1."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Span:
    """An annotated or predicted place: offsets in a document and its department."""

    document: str
    start: int
    end: int
    department_code: str


@dataclass(frozen=True)
class Score:
    """Counts and rates of one comparison."""

    predicted: int
    correct: int
    gold: int
    found: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _agrees(a: Span, b: Span) -> bool:
    return (a.document == b.document and a.start < b.end and b.start < a.end
            and a.department_code == b.department_code)


def score_spans(predicted: Iterable[Span], gold: Iterable[Span]) -> Score:
    """A prediction is correct when it overlaps a gold span of the same department;
    a gold span is found when a correct prediction overlaps it."""
    predicted, gold = list(predicted), list(gold)
    by_doc: dict[str, list[Span]] = {}
    for g in gold:
        by_doc.setdefault(g.document, []).append(g)
    correct = sum(any(_agrees(p, g) for g in by_doc.get(p.document, [])) for p in predicted)
    pred_doc: dict[str, list[Span]] = {}
    for p in predicted:
        pred_doc.setdefault(p.document, []).append(p)
    found = sum(any(_agrees(p, g) for p in pred_doc.get(g.document, [])) for g in gold)
    return Score(len(predicted), correct, len(gold), found)


def read_gold(folder: Path) -> tuple[dict[str, str], dict[str, dict[str, str]], list[Span]]:
    """A gold folder -> (texts by document, sources rows by document, gold spans)."""
    with (folder / "sources.csv").open(encoding="utf-8", newline="") as fh:
        sources = {r["document"]: r for r in csv.DictReader(fh)}
    texts = {}
    for doc in sources:
        path = folder / "texts" / f"{doc}.txt"
        texts[doc] = path.read_bytes().decode("utf-8")
    with (folder / "places.csv").open(encoding="utf-8", newline="") as fh:
        spans = [Span(r["document"], int(r["start"]), int(r["end"]), r["department_code"])
                 for r in csv.DictReader(fh) if r["document"] in sources]
    return texts, sources, spans
