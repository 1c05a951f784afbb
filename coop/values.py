"""Parsing cell values as spreadsheets write them: numbers, partial dates, lists."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_THOUSANDS_DOT = re.compile(r"^-?\d{1,3}(\.\d{3}){2,}$")  # 9.911.420
_THOUSANDS_COMMA = re.compile(r"^-?\d{1,3}(,\d{3})+$")  # 9,911,420
_PLAIN = re.compile(r"^-?\d+(\.\d+)?$")
_CODE = re.compile(r"^\d+(\.0+)?$")
# What Excel writes in a cell whose formula failed; openpyxl reads them as this text.
EXCEL_ERRORS = ("#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!",
                "#SPILL!", "#CALC!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#UNKNOWN!",
                "#CONNECT!", "#BUSY!")
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[ T]00:00:00)?$")


class ValueProblem(ValueError):
    """A cell that cannot be read as the type its column needs."""


def text_to_number(text: str, *, decimal_comma: bool = False) -> float:
    """``"57000000"``, ``"9.911.420"``, ``"1.234,5"``, ``"-12,05"`` (with ``decimal_comma``)."""
    s = text.strip().replace("\u00a0", "").replace(" ", "").replace("€", "")
    if not s:
        raise ValueProblem("empty")
    if _looks_grouped(s):  # 1.500: thousands in Spanish, a decimal in English
        if decimal_comma:
            return float(s.replace(".", ""))
        raise ValueProblem(f"{text!r} is ambiguous: write {s.replace('.', '')} or "
                           f"{s.rstrip('0')}")
    if _PLAIN.match(s):
        return float(s)
    if "," in s and "." in s:
        if s.rfind(",") > s.rfind("."):  # 1.234,56
            return _to_float(s.replace(".", "").replace(",", "."), text)
        return _to_float(s.replace(",", ""), text)  # 1,234.56
    if _THOUSANDS_DOT.match(s):
        return float(s.replace(".", ""))
    if "," in s:
        if decimal_comma or not _THOUSANDS_COMMA.match(s):
            if s.count(",") == 1:
                return _to_float(s.replace(",", "."), text)
            raise ValueProblem(f"{text!r} is not a number")
        return float(s.replace(",", ""))
    return _to_float(s, text)


def _looks_grouped(s: str) -> bool:
    return bool(re.match(r"^-?\d{1,3}\.\d{3}$", s))


def _to_float(s: str, original: str) -> float:
    try:
        value = float(s)
    except ValueError:
        raise ValueProblem(f"{original!r} is not a number") from None
    if not math.isfinite(value):  # "nan", "inf": what a program wrote for no number
        raise ValueProblem(f"{original!r} is not a number: leave the cell empty if it is unknown")
    return value


def text_to_excel_error(text: str) -> str | None:
    """The Excel error a cell holds (``#N/A``, ``#VALUE!``...), or ``None``."""
    s = text.strip().upper()
    return s if s in EXCEL_ERRORS else None


def text_to_code(text: str) -> str:
    """An INEI code as text, its leading zero restored where a spreadsheet dropped it:
    ``"6"`` -> ``"06"``, ``"801"`` -> ``"0801"``, ``"80101"`` -> ``"080101"``
    (codes have 2, 4 or 6 digits, so an odd length can only have lost one zero)."""
    s = text.strip()
    if not _CODE.match(s):
        raise ValueProblem(f"{text!r} is not an INEI code: write 2, 4 or 6 digits, e.g. 08, "
                           "0801, 080101")
    s = s.split(".")[0]
    if len(s) in (1, 3, 5):
        s = "0" + s
    if len(s) not in (2, 4, 6):
        raise ValueProblem(f"{text!r} is not an INEI code: write 2, 4 or 6 digits, e.g. 08, "
                           "0801, 080101")
    return s


@dataclass(frozen=True, order=True)
class PartialDate:
    """A year, a month or a day, as precise as the source."""

    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        out = f"{self.year:04d}"
        if self.month:
            out += f"-{self.month:02d}"
            if self.day:
                out += f"-{self.day:02d}"
        return out

    def earliest(self) -> tuple[int, int, int]:
        """The first day it can mean."""
        return (self.year, self.month or 1, self.day or 1)

    def latest(self) -> tuple[int, int, int]:
        """The last day it can mean."""
        return (self.year, self.month or 12, self.day or 31)


def text_to_date(text: str) -> PartialDate:
    """``"2022"``, ``"2022-01"``, ``"2022-01-31"`` (a spreadsheet's ``2022.0`` too)."""
    s = text.strip()
    if re.match(r"^\d{4}\.0$", s):
        s = s[:4]
    m = _DATE.match(s)
    if not m:
        raise ValueProblem(f"{text!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in m.groups())
    if not 1900 <= year <= 2100:
        raise ValueProblem(f"year {year} is out of range 1900-2100")
    if month is not None and not 1 <= month <= 12:
        raise ValueProblem(f"month {month} does not exist")
    if day is not None and not 1 <= day <= 31:
        raise ValueProblem(f"day {day} does not exist")
    return PartialDate(year, month, day)


def text_to_list(text: str) -> list[str]:
    """``"Eclosio; Louvain Coopération"`` -> two names; empty parts dropped."""
    return [part.strip() for part in str(text).split(";") if part.strip()]


def text_to_coordinate(text: str) -> float:
    """A latitude or longitude: ``"-12.05"`` or ``"-12,05"``; never grouped."""
    s = text.strip().replace("\u00a0", "").replace(" ", "")
    if s.count(",") == 1 and "." not in s:
        s = s.replace(",", ".")
    return _to_float(s, text)


def text_to_int(text: str) -> int:
    """A whole number; ``"2,990"``, ``"5.704"`` and ``"68.0"`` included."""
    value = text_to_number(text, decimal_comma=_looks_grouped(text.strip()))
    if value != int(value):
        raise ValueProblem(f"{text!r} is not a whole number")
    return int(value)
