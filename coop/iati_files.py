"""IATI activity files: checked, then streamed one activity at a time.

Parsing only: no DTD, no entities, no network; each activity is cleared once read.
A bad file (empty, binary, not XML, cut short, with a DOCTYPE, not an activity
file) raises :class:`DataError` with its ``FILE:LINE``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from coop.errors import DataError, DataErrors
from coop.files import bytes_to_binary_kind, display_path
from coop.iati_activities import XML_LANG, RawActivity, element_to_activity

_PARSER_OPTIONS = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                       remove_comments=True, remove_pis=True)


def _head_to_text(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head[: len(head) // 2 * 2].decode("utf-16", errors="replace")
    return head.decode("utf-8", errors="replace")


def read_activities(path: Path, *, peru_only: bool = False) -> Iterator[RawActivity]:
    """Stream the activities of one file; raise :class:`DataError` (``FILE:LINE``) if bad.

    With ``peru_only``, activities that cannot be Peru's are read only in part.
    """
    label = display_path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(65536)
    except FileNotFoundError:
        raise DataError(label, None, None, "no such file") from None
    except OSError as exc:
        raise DataError(label, None, None, f"cannot be read ({exc.strerror})") from None
    if not head.strip():
        raise DataError(label, 1, None, "is empty: expected an IATI activity file (XML)")
    kind = bytes_to_binary_kind(head)
    if kind:
        raise DataError(label, 1, None, f"is not XML: it looks like {kind}")
    text = _head_to_text(head)
    found = re.search(r"<!(DOCTYPE|ENTITY)", text)
    if found:
        raise DataError(label, text[: found.start()].count("\n") + 1, None, _DOCTYPE_REFUSED)
    start = text.lstrip("\ufeff \t\r\n")
    if not start.startswith("<"):
        raise DataError(label, 1, None, f"is not XML: it begins {start[:20]!r}, not with '<'")
    version = default_lang = ""
    context = etree.iterparse(str(path), events=("end",), tag="iati-activity", **_PARSER_OPTIONS)
    try:
        for _event, el in context:
            if not version:
                tree = el.getroottree()
                if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
                    raise DataError(label, 1, None, _DOCTYPE_REFUSED)
                root = tree.getroot()
                if root.tag != "iati-activities":
                    break
                version = root.get("version") or "2"
                default_lang = root.get(XML_LANG) or ""
            yield element_to_activity(el, label, path.name, el.get("version") or version,
                                      peru_only=peru_only, default_lang=default_lang)
            el.clear()
            while el.getprevious() is not None:
                del el.getparent()[0]
    except etree.XMLSyntaxError as exc:
        if "entit" in str(exc.msg).lower() or "DOCTYPE" in str(exc.msg):
            raise DataError(label, exc.lineno, None, _DOCTYPE_REFUSED) from None
        what = ("is cut short" if "end of data" in str(exc.msg) or "Premature" in str(exc.msg)
                else "is not well-formed XML")
        raise DataError(label, exc.lineno, None, f"{what}: {exc.msg}") from None
    root = context.root
    if root is not None and root.getroottree().docinfo.internalDTD is not None:
        raise DataError(label, 1, None, _DOCTYPE_REFUSED)
    if root is None or root.tag != "iati-activities":
        tag = "none" if root is None else f"<{root.tag}>"
        hint = (" (an IATI organisation file, not an activity file)"
                if root is not None and root.tag == "iati-organisations" else "")
        raise DataError(label, 1 if root is None else root.sourceline, None,
                        f"is not an IATI activity file: its root element is {tag}, expected "
                        f"<iati-activities>{hint}")


_DOCTYPE_REFUSED = ("has a DOCTYPE (a document type definition): refused, as IATI files have "
                    "none and one can hide entity attacks (XXE, 'billion laughs')")


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files as given, and the ``.xml`` files of each folder (not its subfolders), sorted."""
    out, errors = [], []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".xml")
            if not found:
                errors.append(DataError(display_path(path), None, None, "has no .xml files"))
            out += found
        elif path.exists():
            out.append(path)
        else:
            errors.append(DataError(display_path(path), None, None, "no such file or folder"))
    if errors:
        raise DataErrors(errors)
    return list(dict.fromkeys(out))


def is_iati_source(path: Path) -> bool:
    """An ``.xml`` file, or a folder of them with no ``interventions.csv``."""
    if path.is_file():
        return path.suffix.lower() == ".xml"
    if path.is_dir() and not (path / "interventions.csv").exists():
        return any(p.is_file() and p.suffix.lower() == ".xml" for p in path.iterdir())
    return False
