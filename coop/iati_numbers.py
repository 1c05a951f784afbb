"""Numbers as IATI publishers write them: amounts, percentages, coordinates."""

from __future__ import annotations

import math


def text_to_amount(text: str) -> float | None:
    """``"1,500,000.50"``, ``"1 500 000.50"`` -> 1500000.5 (commas and spaces group
    thousands); ``None`` if no finite number."""
    try:  # most amounts are plain numbers, which float reads alike with or without them
        value = float(text)
    except ValueError:
        try:
            value = float(text.replace(",", "").replace("\u00a0", "").replace(" ", ""))
        except ValueError:
            return None
    return value if math.isfinite(value) else None


def text_to_percentage(text: str) -> float | None:
    """``"33.3"``, ``"33,3"`` (a decimal comma), ``"50%"`` -> the number; ``None`` if none.

    A percentage is never grouped in thousands, so its one comma is a decimal mark.
    """
    s = text.strip().rstrip("%").strip()
    if s.count(",") == 1 and "." not in s:
        s = s.replace(",", ".")
    try:
        value = float(s)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def format_number(value: float) -> str:
    """At most two decimals, no trailing zeros: ``1250.0`` -> ``"1250"``."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_coordinate(value: float) -> str:
    """Six decimals at most (about 0.1 m), no trailing zeros."""
    return f"{value:.6f}".rstrip("0").rstrip(".")
