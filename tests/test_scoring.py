"""Span scoring: overlap plus same department, counted both ways."""

from __future__ import annotations

import pytest

from geo.scoring import Span, score_spans

GOLD = [Span("a", 0, 5, "08"), Span("a", 10, 20, "15"), Span("b", 0, 4, "06")]


@pytest.mark.parametrize(("predicted", "correct", "found"), [
    ([], 0, 0),
    ([Span("a", 0, 5, "08")], 1, 1),
    ([Span("a", 3, 12, "15")], 1, 1),               # overlaps both, agrees with one
    ([Span("a", 0, 5, "15")], 0, 0),                # right span, wrong department
    ([Span("b", 10, 20, "15")], 0, 0),              # wrong document
    ([Span("a", 5, 10, "08")], 0, 0),               # touching is not overlapping
    ([Span("a", 0, 2, "08"), Span("a", 2, 5, "08")], 2, 1),
])
def test_counts(predicted: list[Span], correct: int, found: int) -> None:
    score = score_spans(predicted, GOLD)
    assert (score.predicted, score.correct, score.gold, score.found) == (
        len(predicted), correct, len(GOLD), found)
    assert score.precision == (correct / len(predicted) if predicted else 1.0)
    assert score.recall == found / len(GOLD)
