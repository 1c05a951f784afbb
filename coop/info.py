"""What a dataset says about itself: title, description, attribution, the sources it cites.

Optional, beside the tables: ``dataset.toml`` in a folder of CSV files, or a
``dataset`` sheet in an .xlsx workbook (see ``docs/data.md``). Without it the
pages say only what the tables show (e.g. "from 5 source documents").
"""

from __future__ import annotations

import difflib
import re
import tomllib
from pathlib import Path

from coop.errors import DataError
from coop.files import display_path, read_text
from coop.model import DatasetInfo, Source

INFO_FILE = "dataset.toml"
INFO_SHEET = "dataset"
TEXT_KEYS = ("title", "description", "attribution", "title_es", "description_es",
             "attribution_es")
SOURCE_KEYS = ("file", "title", "publisher", "date", "url")
SHEET_COLUMNS = ("key", "value", "title", "publisher", "date", "url")


def read_info_file(path: Path) -> DatasetInfo:
    """``dataset.toml`` of a folder of tables; an empty record when there is none."""
    if not path.exists():
        return DatasetInfo()
    label = display_path(path)
    try:
        doc = tomllib.loads(read_text(path))
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        line = re.search(r"line (\d+)", message)
        reason = re.sub(r"\s*\(at .*\)$", "", message)
        raise DataError(label, int(line.group(1)) if line else None, None,
                        f"is not valid TOML: {reason}") from None
    return toml_to_info(doc, label)


def toml_to_info(doc: dict, label: str) -> DatasetInfo:
    """Check the parsed TOML: text keys and a ``[[sources]]`` list."""
    known = (*TEXT_KEYS, "sources")
    for key, value in doc.items():
        if key not in known:
            raise DataError(label, None, key, f"unknown key {key!r}{_closest(key, known)}")
        if key in TEXT_KEYS and not isinstance(value, str):
            raise DataError(label, None, key, f"{key} must be text in quotes")
    sources = doc.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, dict) for s in sources):
        raise DataError(label, None, "sources",
                        "sources must be a list of [[sources]] tables, each with a file")
    parsed = []
    for n, entry in enumerate(sources, start=1):
        where = f"sources[{n}]"
        for key, value in entry.items():
            if key not in SOURCE_KEYS:
                raise DataError(label, None, where,
                                f"unknown key {key!r}{_closest(key, SOURCE_KEYS)}")
            if not isinstance(value, str):
                raise DataError(label, None, where, f"{key} must be text in quotes")
        if not entry.get("file", "").strip():
            raise DataError(label, None, where, "a source needs its file, as the "
                                                "interventions' source column names it")
        parsed.append(Source(**{k: v.strip() for k, v in entry.items()}))
    return DatasetInfo(**{k: doc.get(k, "").strip() for k in TEXT_KEYS},
                       sources=tuple(parsed))


def rows_to_info(label: str, grid: list[list[str]]) -> DatasetInfo:
    """A ``dataset`` sheet: columns ``key, value`` (and for ``source`` rows, the file in
    ``value`` and optional ``title, publisher, date, url``)."""
    if not grid:
        return DatasetInfo()
    header = [c.strip().lower() for c in grid[0]]
    for name in header:
        if name and name not in SHEET_COLUMNS:
            raise DataError(label, 1, name, f"unknown column {name!r}{_closest(name, SHEET_COLUMNS)}")
    if "key" not in header or "value" not in header:
        raise DataError(label, 1, None, "needs the columns key and value")
    texts: dict[str, str] = {}
    sources = []
    for number, row in enumerate(grid[1:], start=2):
        cells = dict(zip(header, (c.strip() for c in row)))
        key, value = cells.get("key", "").lower(), cells.get("value", "")
        if not key and not value:
            continue
        if key == "source":
            if not value:
                raise DataError(label, number, "value", "a source row needs its file in value")
            sources.append(Source(value, *(cells.get(k, "") for k in SOURCE_KEYS[1:])))
        elif key in TEXT_KEYS:
            texts[key] = value
        else:
            raise DataError(label, number, "key",
                            f"unknown key {key!r}{_closest(key, (*TEXT_KEYS, 'source'))}")
    return DatasetInfo(**texts, sources=tuple(sources))


def check_sources(info: DatasetInfo, cited: list[tuple[int, str]], label: str) -> list[DataError]:
    """Where the info lists sources, every intervention's source must be among them."""
    if not info.sources:
        return []
    files = [s.file for s in info.sources]
    errors = []
    for row, source in cited:
        if source and source not in files:
            errors.append(DataError(label, row, "source", f"source {source!r} is not among the "
                                    f"sources the dataset lists{_closest(source, files)}"))
    return errors


def _closest(name: str, options) -> str:
    close = difflib.get_close_matches(name, list(options), n=2, cutoff=0.5)
    if close:
        return f"; did you mean {' or '.join(repr(c) for c in close)}?"
    return f"; known: {', '.join(options)}"
