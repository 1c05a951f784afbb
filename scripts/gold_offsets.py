"""Build the gold set's offsets from hand-written specs, and list what a spec misses.

A spec ``tests/gold/specs/<document>.txt`` has one line per annotated name, fields
separated by ``|`` (spaces around them are ignored):

    + mention | level | department_code | ubigeo | note | which
    - mention | why | which

``+`` lines are places, ``-`` lines negatives. ``mention`` is matched case-sensitively at
word boundaries (a space in it matches any run of whitespace, so a name broken across
lines is found); ``which`` is empty for every occurrence, or a comma list of 1-based
occurrence numbers. Longer mentions are placed first; an occurrence overlapping one
already placed for another mention is not counted. ``#`` starts a comment line.

    python scripts/gold_offsets.py build       # write tests/gold/places.csv, negatives.csv
    python scripts/gold_offsets.py candidates  # gazetteer names no spec line covers
"""

from __future__ import annotations

import csv
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
PLACE_COLUMNS = ["document", "start", "end", "mention", "level", "department_code", "ubigeo", "note"]
NEGATIVE_COLUMNS = ["document", "start", "end", "mention", "why"]


@dataclass(frozen=True)
class Span:
    """One annotated occurrence."""

    start: int
    end: int
    row: dict[str, str]
    positive: bool
    name: str = ""


def mention_to_pattern(mention: str) -> re.Pattern[str]:
    """A word-bounded, whitespace-tolerant pattern for a mention (a footnote digit may follow)."""
    parts = [re.escape(p) for p in mention.split(" ")]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?![^\W\d_])")


def spec_to_spans(document: str, text: str, spec: str) -> list[Span]:
    """Place every spec line's occurrences in the text."""
    lines = []
    for number, line in enumerate(spec.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind = line[:1]
        fields = [kind] + [f.strip() for f in line[1:].split("|")]
        width = 7 if kind == "+" else 4
        fields += [""] * (width - len(fields))
        if kind not in ("+", "-") or len(fields) != width:
            raise SystemExit(f"{document}.txt:{number}: expected {width - 1} '|'-separated fields")
        lines.append((number, fields))
    lines.sort(key=lambda item: -len(item[1][1]))
    spans: list[Span] = []
    for number, fields in lines:
        kind, mention, which = fields[0], fields[1], fields[-1]
        found = [m for m in mention_to_pattern(mention).finditer(text)
                 if not any(m.start() < s.end and s.start < m.end() and s.name != mention
                            for s in spans)]
        wanted = range(1, len(found) + 1) if not which else [int(w) for w in which.split(",")]
        if not found or max(wanted) > len(found):
            raise SystemExit(f"{document}.txt:{number}: {mention!r} occurs {len(found)} times")
        for index in wanted:
            m = found[index - 1]
            if kind == "+":
                row = dict(zip(PLACE_COLUMNS[4:], fields[2:6]))
            else:
                row = {"why": fields[2]}
            row = {"document": document, "start": str(m.start()), "end": str(m.end()),
                   "mention": m.group(0), **row}
            if any(m.start() < s.end and s.start < m.end() for s in spans):
                raise SystemExit(f"{document}.txt:{number}: {mention!r} #{index} annotated twice")
            spans.append(Span(m.start(), m.end(), row, kind == "+", mention))
    return spans


def rows_to_csv(columns: list[str], rows: list[dict[str, str]]) -> str:
    """CSV text with a header, LF line ends."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def documents() -> list[str]:
    """The documents that have a spec."""
    return sorted(p.stem for p in (GOLD / "specs").glob("*.txt"))


def read_text(document: str) -> str:
    """A gold text exactly as kept (no newline translation)."""
    return (GOLD / "texts" / f"{document}.txt").read_bytes().decode("utf-8")


def build() -> None:
    """Write places.csv and negatives.csv from every spec."""
    places, negatives = [], []
    for document in documents():
        text = read_text(document)
        spec = (GOLD / "specs" / f"{document}.txt").read_text(encoding="utf-8")
        spans = sorted(spec_to_spans(document, text, spec), key=lambda s: s.start)
        for s in spans:
            (places if s.positive else negatives).append(s.row)
        print(f"{document}: {sum(s.positive for s in spans)} places, "
              f"{sum(not s.positive for s in spans)} negatives")
    (GOLD / "places.csv").write_text(rows_to_csv(PLACE_COLUMNS, places), encoding="utf-8")
    (GOLD / "negatives.csv").write_text(rows_to_csv(NEGATIVE_COLUMNS, negatives), encoding="utf-8")
    print(f"total: {len(places)} places, {len(negatives)} negatives")


def gazetteer_names() -> dict[str, str]:
    """Normalised gazetteer, feature and alias names -> one written form."""
    sys.path.insert(0, str(ROOT))
    from geo.names import normalize_name
    names: dict[str, str] = {}
    for file, column in (("places.csv", "name"), ("features.csv", "name"), ("aliases.csv", "alias")):
        with (ROOT / "data" / file).open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                names.setdefault(normalize_name(row[column]), row[column])
    return names


def candidates(selected: list[str]) -> None:
    """Print gazetteer names in each text that no spec span covers."""
    sys.path.insert(0, str(ROOT))
    from geo.names import normalize_name
    names = gazetteer_names()
    for document in selected or sorted(p.stem for p in (GOLD / "texts").glob("*.txt")):
        text = read_text(document)
        spec_file = GOLD / "specs" / f"{document}.txt"
        spans = spec_to_spans(document, text, spec_file.read_text(encoding="utf-8")) \
            if spec_file.exists() else []
        words = [(m.start(), m.end()) for m in re.finditer(r"\w+", text)]
        for i in range(len(words)):
            for n in range(6, 0, -1):
                if i + n > len(words):
                    continue
                start, end = words[i][0], words[i + n - 1][1]
                if normalize_name(text[start:end]) in names:
                    if not any(start < s.end and s.start < end for s in spans):
                        line = text.count("\n", 0, start) + 1
                        context = text[max(0, start - 40):end + 40].replace("\n", " ")
                        print(f"{document}:{line}: {text[start:end]!r}  ..{context}..")
                    break


if __name__ == "__main__":
    if sys.argv[1:2] == ["build"]:
        build()
    elif sys.argv[1:2] == ["candidates"]:
        candidates(sys.argv[2:])
    else:
        raise SystemExit(__doc__)
