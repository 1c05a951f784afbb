"""The import log (``iati-log.csv``): each activity skipped or partly read, and why.

Mapping functions return their problems as :data:`Issue` pairs; the import turns
them into log rows carrying the activity's file, line and identifier.
"""

from __future__ import annotations

LOG_COLUMNS = ["file", "line", "activity", "issue", "detail"]

Issue = tuple[str, str]  # (issue, detail), e.g. ("budget not read", "value 'x' is not a number")


def issue_to_entry(file: str, line: int, activity: str, issue: Issue) -> dict[str, str]:
    """One row of ``iati-log.csv``."""
    return {"file": file, "line": str(line), "activity": activity, "issue": issue[0],
            "detail": issue[1]}
