"""Regenerate ``data/common_words.txt``: frequent Spanish and English words that name no
Peruvian place, and ``data/english_words.txt``: those of them that are English words.

Source: ``wordfreq`` 3.1 (Apache-2.0; its data CC-BY-SA 4.0), the words of at least
3 letters at Zipf frequency >= 3.5 (about 3 per million words) in Spanish or in English:
salud, educación, cultura, agriculture, health, training. A word that the gazetteer
(``places.csv``, ``features.csv``, ``aliases.csv``), ``small_places.csv``,
``abroad_names.txt`` or ``given_names.txt`` holds is left out (Progreso, Esperanza,
Victoria, Ginebra stay names), so the list never hides a place. Each line is a word as
``geo.names.name_to_key`` folds it, sorted.

``english_words.txt`` keeps the words at Zipf >= 3.5 in English and at least 1.0 higher
in English than in Spanish (ten times as frequent): water, sanitation, development,
unit; not social, local, canal or santa, which Spanish names use as much.

The geoparser uses them to tell a list of themes ("trabaja en Salud, Educación y
Cultura") from a list of villages ("en La Calera, El Ingenio y Arriendos"), and a
project's or an office's title ("the Sanitation Project", "Local Educational Management
Unit") from a community's name.

Not part of the build: run it by hand when wordfreq changes.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wordfreq import top_n_list, zipf_frequency  # noqa: E402

from geo.gazetteer import load_gazetteer, read_small_places  # noqa: E402
from geo.names import name_to_key  # noqa: E402
from geo.paths import (ABROAD_NAMES_FILE, COMMON_WORDS_FILE, ENGLISH_WORDS_FILE,  # noqa: E402
                       GIVEN_NAMES_FILE)

LANGUAGES = ("es", "en")
MIN_ZIPF = 3.5
ENGLISH_MARGIN = 1.0  # Zipf points more in English than in Spanish: ten times as frequent
TOP = 60000  # wordfreq's lists are ranked: Zipf 3.5 falls well inside the first 60,000


def frequent_words(language: str) -> set[str]:
    """Folded alphabetic words of 3 letters or more at :data:`MIN_ZIPF` or above."""
    return {name_to_key(word) for word in top_n_list(language, TOP)
            if word.isalpha() and len(word) >= 3
            and zipf_frequency(word, language) >= MIN_ZIPF}


def common_words() -> list[str]:
    """The frequent words of both languages, less every name the project holds."""
    names = set(load_gazetteer().by_name) | {name_to_key(p.name) for p in read_small_places()}
    for path in (ABROAD_NAMES_FILE, GIVEN_NAMES_FILE):
        names.update(path.read_text(encoding="utf-8").split())
    words = set().union(*(frequent_words(language) for language in LANGUAGES))
    return sorted(word for word in words if word and " " not in word and word not in names)


def english_words(words: list[str]) -> list[str]:
    """The words of ``words`` that are English words: frequent in English, and ten
    times as frequent there as in Spanish."""
    english = {name_to_key(word): word for word in top_n_list("en", TOP)
               if word.isalpha() and zipf_frequency(word, "en") >= MIN_ZIPF
               and zipf_frequency(word, "en") >= zipf_frequency(word, "es") + ENGLISH_MARGIN}
    return [key for key in words if key in english]


def main() -> None:
    words = common_words()
    COMMON_WORDS_FILE.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{COMMON_WORDS_FILE}: {len(words)} words")
    english = english_words(words)
    ENGLISH_WORDS_FILE.write_text("\n".join(english) + "\n", encoding="utf-8")
    print(f"{ENGLISH_WORDS_FILE}: {len(english)} words")


if __name__ == "__main__":
    main()
