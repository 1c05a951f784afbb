"""Organisations of IATI activities: roles, one name per identifier, funder groups.

Roles (OrganisationRole): 1 funding -> ``funders``, 4 implementing ->
``implementers``, 2 accountable and 3 extending -> ``partners``; no funding
organisation: the reporting organisation. The funder group comes from
``data/org_groups.csv`` by the identifier's prefix, else the organisation type.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from coop.iati_log import Issue
from geo.paths import DATA_DIR

ORG_GROUPS_FILE = DATA_DIR / "org_groups.csv"
NOT_STATED = "not stated"


@dataclass(frozen=True, slots=True)
class RawOrg:
    """A participating (or reporting) organisation as written."""

    role: str
    ref: str
    type: str
    name: str


@dataclass(slots=True)
class Roles:
    """An activity's organisations by role, and its funder group."""

    funders: list[RawOrg]
    implementers: list[RawOrg]
    partners: list[RawOrg]
    funder_group: str


@lru_cache(maxsize=2)
def load_org_groups(path: Path = ORG_GROUPS_FILE) -> list[tuple[str, str]]:
    """``(key, group)``, longest key first; ``*`` ends an open prefix, ``type:N`` an org type."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [(row["key"].strip().upper(), row["group"].strip()) for row in csv.DictReader(fh)]
    return sorted(rows, key=lambda r: -len(r[0].rstrip("*")))


@lru_cache(maxsize=4096)
def org_to_group(ref: str, org_type: str = "") -> str:
    """The funder group of an organisation identifier, or empty when the table has none."""
    ref = ref.strip().upper()
    for key, group in load_org_groups():
        if key.startswith("TYPE:"):
            continue
        if key.endswith("*"):
            if ref.startswith(key[:-1]):
                return group
        elif ref == key or ref.startswith((key + "-", key + "_")):
            return group
    for key, group in load_org_groups():
        if key == f"TYPE:{org_type.strip()}":
            return group
    return ""


def orgs_to_roles(orgs: list[RawOrg], reporting: RawOrg | None) -> tuple[Roles, list[str],
                                                                          list[Issue]]:
    """Funders, implementers, partners and the funder group; notes for the row; issues."""
    notes: list[str] = []
    issues: list[Issue] = []
    funders = [o for o in orgs if o.role == "1" and (o.name or o.ref)]
    if not funders and reporting and (reporting.name or reporting.ref):
        funders = [reporting]
        notes.append("no funding organisation stated: the reporting organisation is the funder")
        issues.append(("no funding org", "the reporting-org is the funder"))
    if not funders:
        issues.append(("no funding org", "neither a funding nor a reporting organisation"))
    group = ""
    for org in funders[:1] + ([reporting] if reporting else []):
        group = org_to_group(org.ref, org.type)
        if group:
            break
    if not group:
        group = NOT_STATED
        first = funders[0] if funders else None
        issues.append(("funder group not known",
                       f"no row of data/org_groups.csv for {first.ref or first.name!r}" if first
                       else "no funder"))
    roles = Roles(funders, [o for o in orgs if o.role == "4" and (o.name or o.ref)],
                  [o for o in orgs if o.role in ("2", "3") and (o.name or o.ref)], group)
    return roles, notes, issues


class OrgNames:
    """One name per organisation ``ref`` across all files: the most used, the first
    seen on ties."""

    def __init__(self) -> None:
        self._counts: dict[str, Counter] = {}
        self._names: dict[str, str] | None = None

    def count(self, orgs: list[RawOrg]) -> None:
        """Count the names these organisations are written with."""
        counts = self._counts
        for org in orgs:
            if org.ref and org.name:
                found = counts.get(org.ref)
                if found is None:
                    counts[org.ref] = Counter((org.name,))
                else:
                    found[org.name] += 1

    def name(self, org: RawOrg) -> str:
        """The organisation's name (``;`` becomes ``,``: lists are ``;``-separated)."""
        if self._names is None:  # counting is over: each ref's name, once
            self._names = {ref: c.most_common(1)[0][0].replace(";", ",").strip()
                           for ref, c in self._counts.items()}
        name = self._names.get(org.ref)
        return name if name is not None else (org.name or org.ref).replace(";", ",").strip()

    def names(self, orgs: list[RawOrg]) -> str:
        """``"A; B"``: the organisations' names, each once, in order."""
        return "; ".join(dict.fromkeys(self.name(o) for o in orgs))
