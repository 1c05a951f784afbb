"""Print gazetteer names that are also frequent words, for review into geo/cues.py.

    pip install -e '.[data]' && python scripts/common_word_candidates.py [--zipf 3.3]

wordfreq's Zipf frequency (log10 of occurrences per billion words) is taken in
Spanish and English for each single-word name (departments excepted); a name at
or above the threshold in either language is printed with both figures, most
frequent first. The list in ``geo.cues.COMMON`` was reviewed by hand from this
output: names mostly used for the place itself (Lima, Cusco) were left out.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wordfreq import zipf_frequency  # noqa: E402

from geo.cues import COMMON  # noqa: E402
from geo.gazetteer import load_gazetteer  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zipf", type=float, default=3.3)
    args = parser.parse_args()
    rows = []
    for key, places in load_gazetteer().by_name.items():
        if " " in key or any(p.level == "department" for p in places):
            continue
        word = places[0].name.lower()
        es, en = zipf_frequency(word, "es"), zipf_frequency(word, "en")
        if max(es, en) >= args.zipf:
            rows.append((max(es, en), key, es, en))
    for _, key, es, en in sorted(rows, reverse=True):
        mark = "listed" if key in COMMON else ""
        print(f"{key}\tes={es:.1f}\ten={en:.1f}\t{mark}")


if __name__ == "__main__":
    main()
