"""Every text that reaches a page is data: escape it for the place it lands."""

from __future__ import annotations

import html
import json

_SCRIPT_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def to_script_json(value: object) -> str:
    """JSON to embed in a ``<script>`` element: no ``</script>``, no ``<!--``, no
    line separators, keys sorted so the bytes are the same on every build."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False)
    for char, escaped in _SCRIPT_SAFE:  # str.replace is much faster than translate here
        text = text.replace(char, escaped)
    return text


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
