"""Every text that reaches a page is data: escape it for the place it lands."""

from __future__ import annotations

import html
import json

import orjson

_SCRIPT_SAFE_UTF8 = ((b"<", b"\\u003c"), (b">", b"\\u003e"), (b"&", b"\\u0026"),
                     ("\u2028".encode(), b"\\u2028"), ("\u2029".encode(), b"\\u2029"))


def to_script_json(value: object) -> str:
    """JSON to embed in a ``<script>`` element: no ``</script>``, no ``<!--``, no
    line separators, keys sorted so the bytes are the same on every build."""
    return to_script_bytes(value).decode("utf-8")


def to_script_bytes(value: object) -> bytes:
    """:func:`to_script_json` as UTF-8 bytes, as it is made.

    Encoded by orjson (a 10,000-intervention build encodes some 50 MB); what orjson
    refuses (keys that are not text, integers beyond 64 bits, other types) goes to
    :func:`_json_text`, the standard library's encoder. Both write the same bytes,
    except that orjson writes a float under 1e-4 without an exponent (``0.00001``
    for ``1e-05``: the same number in JavaScript) and NaN as ``null``.
    """
    try:
        raw = orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        raw = _json_text(value).encode("utf-8")
    for char, escaped in _SCRIPT_SAFE_UTF8:  # on the bytes: UTF-8 never splits a character
        if char in raw:
            raw = raw.replace(char, escaped)
    return raw


def _json_text(value: object) -> str:
    """The standard library's compact JSON, keys sorted, non-ASCII as it is."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False)


def to_html_text(text: object) -> str:
    """Text for an HTML element's content."""
    return html.escape(str(text), quote=False)


def to_html_attr(text: object) -> str:
    """Text for a double- or single-quoted HTML attribute value."""
    return html.escape(str(text), quote=True)


def to_plot_text(text: object) -> str:
    """Text for matplotlib, which would read ``$...$`` as mathematics."""
    return str(text).replace("$", r"\$")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def to_csv_cell(text: object) -> str:
    """A text cell a spreadsheet will not run as a formula (OWASP: prefix a quote)."""
    value = str(text)
    return "'" + value if value.startswith(_FORMULA_START) else value
