"""geo.typos: names one edit away, checked against a plain edit distance."""

from __future__ import annotations

import pytest

from geo.typos import TypoIndex, one_edit_apart


def _distance(a: str, b: str) -> int:
    """Levenshtein distance, the textbook dynamic programme."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


WORDS = ["ayacucho", "ayaucucho", "ayacuco", "ayacuchos", "yacucho", "san bernardino",
         "san bernandino", "sanbernardino", "san bernardin", "chachapoyas", "chachapoya",
         "chachapoyaz", "huancavelica", "huancavelca", "cajamarca", "catamarca", "ayacucha"]


@pytest.mark.parametrize("a", WORDS)
@pytest.mark.parametrize("b", WORDS)
def test_one_edit_apart_is_distance_one(a: str, b: str) -> None:
    assert one_edit_apart(a, b) == (_distance(a, b) == 1)


@pytest.mark.parametrize("word", WORDS)
def test_correct_finds_the_one_name_at_distance_one(word: str) -> None:
    names = ["ayacucho", "san bernardino", "chachapoyas", "huancavelica", "cajamarca", "lima"]
    index = TypoIndex(names)
    near = [n for n in names if len(n.replace(" ", "")) >= 7 and _distance(word, n) == 1]
    expected = near[0] if len(near) == 1 and word not in names else None
    assert index.correct(word) == expected


def test_short_names_are_never_corrected() -> None:
    assert TypoIndex(["lima", "ica"]).correct("lama") is None
