"""geo.typos: names one edit away, checked against a plain edit distance that counts
a swap of two letters side by side as one edit (optimal string alignment)."""

from __future__ import annotations

import pytest

from geo.typos import TypoIndex, one_edit_apart, spelling_key


def _distance(a: str, b: str) -> int:
    """Optimal string alignment distance, the textbook dynamic programme over a full
    table: insertions, deletions, substitutions and swaps of adjacent letters."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1,
                          d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


WORDS = ["ayacucho", "ayaucucho", "ayacuco", "ayacuchos", "yacucho", "san bernardino",
         "san bernandino", "sanbernardino", "san bernardin", "chachapoyas", "chachapoya",
         "chachapoyaz", "huancavelica", "huancavelca", "cajamarca", "catamarca", "ayacucha",
         "ayacuhco", "yaacucho", "ayacucoh", "cajamacra", "acajmarca", "chiquian", "chiquain"]


@pytest.mark.parametrize("a", WORDS)
@pytest.mark.parametrize("b", WORDS)
def test_one_edit_apart_is_distance_one(a: str, b: str) -> None:
    assert one_edit_apart(a, b) == (_distance(a, b) == 1)


@pytest.mark.parametrize("word", WORDS)
def test_correct_finds_the_one_name_at_distance_one(word: str) -> None:
    names = ["ayacucho", "san bernardino", "chachapoyas", "huancavelica", "cajamarca", "lima",
             "chiquian"]
    index = TypoIndex(names)
    near = [n for n in names if len(n.replace(" ", "")) >= 7 and _distance(word, n) == 1]
    expected = near[0] if len(near) == 1 and word not in names else None
    assert index.correct(word) == expected


def test_short_names_are_never_corrected() -> None:
    assert TypoIndex(["lima", "ica"]).correct("lama") is None


SPELLINGS = [("pichanaqui", "pichanaki"), ("huayhuash", "wayhuash"), ("pisac", "pisaq"),
             ("cusco", "kuzco"), ("kosnipata", "kcosnipata"), ("quimbiri", "kimbiri"),
             ("huaman", "guaman"), ("ccatca", "katca")]


@pytest.mark.parametrize(("name", "written"), SPELLINGS)
def test_another_spelling_of_the_same_sounds_finds_the_name(name: str, written: str) -> None:
    assert spelling_key(name) == spelling_key(written)
    assert TypoIndex([name, "lima"]).correct(written) == name


@pytest.mark.parametrize(("a", "b"), [("chala", "kala"), ("calla", "cala"), ("pisco", "pasco"),
                                      ("cerro", "cero"), ("huanca", "hanca")])
def test_different_sounds_stay_apart(a: str, b: str) -> None:
    assert spelling_key(a) != spelling_key(b)


def test_a_spelling_two_names_share_finds_neither() -> None:
    assert TypoIndex(["quimbiri", "kimbiri"]).correct("qimbiri") is None
