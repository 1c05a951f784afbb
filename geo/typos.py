"""Misspelt unit names: a name one edit away from a department, province or district.

"Ayaucucho" (Ayacucho), "San Bernandino" (San Bernardino): one letter added, dropped
or changed; or two letters side by side swapped ("Chiquain" for Chiquián). The index
holds, for every unit name of at least :data:`MIN_LETTERS`
letters, the name itself and each form with one letter deleted (the symmetric-delete
method): two strings are one edit apart (insertion, deletion or substitution) only
when one of them, or one of their one-letter deletions, equals one of the other's;
so are two strings one swap apart.
Which names may be misspelt, and which words never are a misspelling (places abroad,
people), is for the caller to say.

A name also comes back from its other spelling (:func:`spelling_key`): Quechua and
Asháninka names are written in the Spanish way or the newer one ("Pichanaqui" and
"Pichanaki", "Huayhuash" and "Wayhuash", "Pisac" and "Pisaq"). Such a spelling needs
only :data:`MIN_VARIANT_LETTERS` letters, as it is no edit but the same sounds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MIN_LETTERS = 7
MIN_VARIANT_LETTERS = 5

_SOUNDS = [  # in order: the sound each spelling writes, for the names of the Andes and Amazon
    (re.compile(r"qu(?=[ei])"), "k"),   # Pichanaqui, Pichanaki
    (re.compile(r"c(?=[ei])"), "s"),    # Cieneguilla (seseo)
    (re.compile(r"c(?!h)"), "k"),       # Pisac, Pisaq; Cusco, Kusku (not "ch")
    (re.compile(r"q"), "k"),
    (re.compile(r"z"), "s"),            # Cuzco, Cusco
    (re.compile(r"(?:hu|gu|w)(?=[aei])"), "w"),  # Huayhuash, Wayhuash, Guamán
    (re.compile(r"k+"), "k"),           # Ccatca, Katka; Kcosñipata
    (re.compile(r"([^lr])\1"), r"\1"),   # other doubled letters, not ll or rr
]


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def one_edit_apart(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with one letter inserted, deleted or changed, or two
    letters side by side swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        differ = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        return len(differ) == 1 or (len(differ) == 2 and differ[1] == differ[0] + 1
                                    and a[differ[0]] == b[differ[1]]
                                    and a[differ[1]] == b[differ[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def spelling_key(name: str) -> str:
    """A normalised name with each sound written one way: "pichanaqui" and "pichanaki"
    give "pichanaki", "huayhuash" and "wayhuash" give "waywash"."""
    for spelling, sound in _SOUNDS:
        name = spelling.sub(sound, name)
    return name


class TypoIndex:
    """Normalised names, found again from a spelling one edit away, or from another
    spelling of the same sounds."""

    def __init__(self, names: Iterable[str]) -> None:
        names = set(names)
        self._names = {n for n in names if len(n.replace(" ", "")) >= MIN_LETTERS}
        self._by_form: dict[str, set[str]] = {}
        for name in self._names:
            for form in _deletes(name) | {name}:
                self._by_form.setdefault(form, set()).add(name)
        self._known = names
        self._by_sound: dict[str, set[str]] = {}
        for name in names:
            if len(name.replace(" ", "")) >= MIN_VARIANT_LETTERS:
                self._by_sound.setdefault(spelling_key(name), set()).add(name)

    def correct(self, word: str) -> str | None:
        """The one name ``word`` is a misspelling or another spelling of, if exactly one
        (never itself)."""
        if word in self._known or len(word.replace(" ", "")) < MIN_VARIANT_LETTERS:
            return None
        sounds = self._by_sound.get(spelling_key(word), set())
        if sounds:
            return next(iter(sounds)) if len(sounds) == 1 else None
        if len(word.replace(" ", "")) < MIN_LETTERS:
            return None
        found: set[str] = set()
        for form in _deletes(word) | {word}:
            for name in self._by_form.get(form, ()):
                if one_edit_apart(word, name):
                    found.add(name)
        return found.pop() if len(found) == 1 else None
