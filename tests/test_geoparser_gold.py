"""The geoparser scored on the gold set (``GOLD_DIR``, default ``tests/gold``).

A predicted mention is correct when its span overlaps a gold span of the same
document and its department code equals the gold one; a gold place is found
when a correct prediction overlaps it. Thresholds are floors just below what
was measured, on ``dev`` (where the rules were tuned), on ``test`` (never tuned
on), on ``heldout`` (texts annotated before the parser first ran on them) and on
``heldout2`` (a second such batch, never read for rules); the goal, 0.95 for both
on unseen texts, is not reached yet.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from geo.geoparser import default_geoparser
from geo.scoring import Span, read_gold, score_spans

GOLD_DIR = Path(os.environ.get("GOLD_DIR", Path(__file__).parent / "gold"))
# (precision, recall) floors, below what was measured (see the benchmark's report)
THRESHOLDS = {"dev": (0.98, 0.95), "test": (0.94, 0.875), "heldout": (0.99, 0.95),
              "heldout2": (0.98, 0.93), "heldout3": (0.97, 0.87), "heldout4": (0.88, 0.72)}
# measured (bench_geoparser.py): dev 0.990/0.960, test 0.949/0.880, heldout 1.000/0.960,
# heldout2 0.995/0.943, heldout3 0.986/0.885, heldout4 0.895/0.738. Blind figures, before
# any of their misses were read: heldout2 0.938/0.865 (then read for the rules of the
# session that added heldout3); heldout3 0.886/0.731 when first scored (then read too);
# heldout4 0.894/0.733 when first scored, with every rule of that session in place (0.884/
# 0.703 with the parser before it). None of the held-out splits is unseen any more.
NEGATIVES_REPORTED_AT_MOST = 0.10  # share of dev negatives the parser may still report

pytestmark = pytest.mark.skipif(not (GOLD_DIR / "sources.csv").exists(),
                                reason=f"no gold set at {GOLD_DIR}")


@pytest.fixture(scope="module")
def gold():
    return read_gold(GOLD_DIR)


def test_gold_offsets_point_at_their_mentions(gold) -> None:
    texts, _, spans = gold
    assert spans
    assert all(0 <= s.start < s.end <= len(texts[s.document]) for s in spans)


@pytest.mark.parametrize("split", sorted(THRESHOLDS))
def test_precision_and_recall(gold, split: str) -> None:
    texts, sources, spans = gold
    docs = [d for d, row in sources.items() if row["split"] == split]
    if not docs:
        pytest.skip(f"no {split} documents yet")
    parser = default_geoparser()
    predicted = [Span(d, m.start, m.end, m.department_code)
                 for d in docs for m in parser.parse(texts[d])]
    truth = [s for s in spans if s.document in set(docs)]
    score = score_spans(predicted, truth)
    print(f"\n{split}: {len(docs)} documents, {score.gold} gold places, {score.predicted} "
          f"predicted: P={score.precision:.3f} R={score.recall:.3f} F1={score.f1:.3f}")
    min_p, min_r = THRESHOLDS[split]
    assert score.precision >= min_p
    assert score.recall >= min_r


def test_negatives_are_rarely_reported(gold) -> None:
    import csv
    texts, sources, _ = gold
    with (GOLD_DIR / "negatives.csv").open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["document"] in sources
                and sources[r["document"]]["split"] == "dev"]
    parser = default_geoparser()
    found = {doc: parser.parse(texts[doc]) for doc in {r["document"] for r in rows}}
    hits = [(r["document"], r["mention"], r["why"]) for r in rows
            if any(m.start < int(r["end"]) and int(r["start"]) < m.end
                   for m in found[r["document"]])]
    print(f"\ndev negatives reported: {len(hits)} of {len(rows)}: {hits}")
    assert len(hits) <= NEGATIVES_REPORTED_AT_MOST * len(rows)
