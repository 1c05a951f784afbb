"""When: an IATI activity's status and its start and end dates."""

from __future__ import annotations

from functools import lru_cache

from coop.iati_log import Issue
from coop.values import ValueProblem, text_to_date

# ActivityStatus: 1 pipeline, 2 implementation, 3 finalisation, 4 closed, 5 cancelled
# (skipped), 6 suspended (unknown, noted)
STATUSES = {"1": "planned", "2": "ongoing", "3": "completed", "4": "completed", "6": "unknown"}
CANCELLED = "5"
SUSPENDED = "6"
DATE_WORDS = {"start-planned": "1", "start-actual": "2", "end-planned": "3", "end-actual": "4"}


def status_to_text(code: str) -> tuple[str, list[str], list[Issue]]:
    """The dataset's status of an activity-status code; notes for the row; issues."""
    if code == SUSPENDED:
        return STATUSES[code], ["suspended (IATI activity-status 6)"], []
    if code not in STATUSES:
        return "unknown", [], [("status not known", f"activity-status {code!r}" if code
                                                    else "no activity-status given")]
    return STATUSES[code], [], []


def dates_to_span(dates: dict[str, str]) -> tuple[str, str, tuple[Issue, ...]]:
    """``(start, end, issues)`` from activity-dates by type: actual (2, 4) over planned
    (1, 3); an end before the start is dropped."""
    return _dates_to_span(tuple(dates.items()))


@lru_cache(maxsize=8192)
def _dates_to_span(dates: tuple[tuple[str, str], ...]) -> tuple[str, str, tuple[Issue, ...]]:
    issues: list[Issue] = []
    read = {}
    for kind, value in dates:
        try:
            read[kind] = text_to_date(value)
        except ValueProblem as exc:
            issues.append(("date not read", f"activity-date type {kind}: {exc}"))
    start = read.get("2") or read.get("1")
    end = read.get("4") or read.get("3")
    if start and end and end.latest() < start.earliest():
        issues.append(("date not read", f"end {end} is before start {start}: end left empty"))
        end = None
    return (str(start) if start else ""), (str(end) if end else ""), tuple(issues)
