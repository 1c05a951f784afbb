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
THRESHOLDS = {"dev": (0.98, 0.95), "test": (0.94, 0.90), "heldout": (0.98, 0.96),
              "heldout2": (0.98, 0.94), "heldout3": (0.97, 0.89), "heldout4": (0.91, 0.85),
              "heldout5": (0.98, 0.90), "heldout6": (0.96, 0.94), "heldout7": (0.96, 0.86),
              "heldout8": (0.98, 0.90), "heldout9": (0.97, 0.91), "heldout10": (0.96, 0.87),
              "heldout11": (0.94, 0.89), "heldout12": (0.93, 0.88), "heldout13": (0.95, 0.94),
              "heldout14": (0.94, 0.92), "heldout15": (0.95, 0.79),
              "heldout16": (0.94, 0.84), "heldout17": (0.92, 0.83),
              "heldout18": (0.83, 0.87), "heldout19": (0.89, 0.84),
              "heldout20": (0.95, 0.87), "heldout21": (0.92, 0.89),
              "heldout22": (0.92, 0.86)}
# measured (bench_geoparser.py): dev 0.990/0.960, test 0.951/0.912, heldout 0.993/0.973,
# heldout2 0.995/0.953, heldout3 0.977/0.902, heldout4 0.925/0.860, heldout5 0.989/0.912,
# heldout6 0.976/0.958, heldout7 0.978/0.871. Blind figures, before any of their misses
# were read: heldout2 0.938/0.865; heldout3 0.886/0.731; heldout4 0.894/0.733; heldout5
# 0.965/0.810 and heldout6 0.968/0.905 (with the Andean-names rule, written before they
# existed; 0.965/0.805 and 0.958/0.821 with the parser before it); heldout7 0.969/0.813
# (with the rules written from heldout5 and heldout6; 0.969/0.806 before them); heldout8
# 0.990/0.866 and heldout9 0.979/0.907 (scored once on arrival, before any rule of this
# round); heldout11 0.908/0.878 and heldout10 0.972/0.837 (on arrival, after the rules
# written from heldout8 and heldout9; 0.908/0.878 and 0.955/0.823 with the parser before);
# heldout12 0.920/0.825 and heldout13 0.930/0.908 (on arrival, with this round's first
# rules: bare and trailing settlement cues; 0.920/0.825 and 0.926/0.847 with the parser
# before them); heldout14 0.937/0.854 (on arrival, with every rule of this round in
# place; the round's starting parser scores the same); heldout15 0.881/0.709 (on arrival,
# 10 of its 16 texts English; en 0.767/0.575, es 0.973/0.826); heldout16 0.959/0.862 (on
# arrival, with every rule written from heldout15 in place; the round's starting parser
# scores the same; en 0.961/0.790, es 0.958/0.897); heldout17 0.879/0.787 (on arrival, 10
# of its 16 texts English; en 0.797/0.761, es 0.958/0.810); heldout18 0.846/0.890 (held
# unread until every rule written from heldout17 was in place; the round's starting parser
# scores 0.850/0.875; en 0.776/0.881, es 0.925/0.899); heldout19 0.885/0.778 (on arrival,
# with this round's first rules in place; the round's starting parser scores the same; en
# 0.903/0.812, es 0.866/0.744); heldout20 0.969/0.887 (held unread until every rule of this
# round was in place; the round's starting parser scores 0.962/0.887; en 0.957/0.848, es
# 0.983/0.937); heldout22 0.936/0.879 (scored on arrival, midway through the next round,
# its misses held unread; 0.945/0.888 at the round's end, still unread; the round's
# starting parser scores 0.935/0.871; en 0.931/0.839, es 0.938/0.894); heldout21 0.933/0.906 (on arrival, later in that round; the round's
# starting parser scores the same; en 0.903/0.903, es 0.958/0.908). Each but heldout22 was
# read afterwards for new rules.
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
