"""The printable report for an annex: the overview as a picture, the donor-by-
department matrix, and every intervention with funders, implementers, period,
places and source. ``report.pdf`` is printed from it by headless Chromium (A4).
"""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from coop.facts import Facts
from coop.model import Dataset
from maps.escape import to_html_attr, to_html_text
from maps.gallery import sources_html
from maps.mapdata import attribution_text
from maps.matrix import MATRIX_CSS, NATIONAL, Matrix, matrix_table_html, render_matrix_rows
from geo.errors import PeruMapsError

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")


def _places(dataset: Dataset, facts: Facts, intervention_id: str) -> str:
    seen = []
    for n in facts.locations_of.get(intervention_id, ()):
        loc = dataset.locations[n]
        text = loc.name if loc.level == "department" else f"{loc.name} ({loc.department})"
        if text not in seen:
            seen.append(text)
    return "; ".join(seen)


def render_report(dataset: Dataset, facts: Facts, matrix: Matrix, colours: dict[str, str],
                  overview_png: bytes) -> str:
    """The report page, self-contained (the picture is a data URI)."""
    image = base64.b64encode(overview_png).decode("ascii")
    rows = []
    ordered = sorted(dataset.interventions,
                     key=lambda i: (i.funder_group.casefold(), i.funders[0].casefold(), i.id))
    for item in ordered:
        places = _places(dataset, facts, item.id) or (
            "national" if item.scope == "national" else f"not named ({item.scope_note})"
            if item.scope_note else "not named")
        budget = f"<br><small>{to_html_text(item.budget_text())}</small>" if item.budget else ""
        rows.append(
            "<tr>"
            f"<td><b>{to_html_text(item.title)}</b><br><small>{to_html_text(item.id)} · "
            f"{to_html_text(', '.join(item.themes))}</small></td>"
            f"<td>{to_html_text(', '.join(item.funders))}<br><small>"
            f"{to_html_text(item.funder_group)}</small></td>"
            f"<td>{to_html_text(', '.join(item.implementers) or '—')}</td>"
            f"<td>{to_html_text(item.period())}<br><small>{to_html_text(item.status)}</small>"
            f"{budget}</td>"
            f"<td>{to_html_text(places)}</td>"
            f"<td><small>{to_html_text(item.source)}</small></td>"
            "</tr>")
    head, body = render_matrix_rows(matrix, colours)
    return REPORT_PAGE.format(
        image=image, n=len(dataset.interventions), funders=len(dataset.funders()),
        unlocated=len(dataset.unlocated()), matrix=matrix_table_html(head, body),
        rows="\n".join(rows), national=to_html_text(NATIONAL),
        title=to_html_text(dataset.title()), sources=to_html_text(dataset.sources_text()),
        cited=sources_html(dataset), attribution=to_html_text(attribution_text(dataset)),
        alt=to_html_attr("Map: development cooperation in Peru, interventions per department"))


def find_chromium() -> str | None:
    """The path of an installed Chromium, if any."""
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def html_to_pdf(html: bytes) -> bytes:
    """Print a page to A4 PDF with headless Chromium; dates are fixed so that the
    same page gives the same bytes."""
    chromium = find_chromium()
    if chromium is None:
        msg = "report.pdf needs Chromium: install it (apt-get install chromium) or leave out --static"
        raise PeruMapsError(msg)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        page.write_bytes(html)
        pdf = Path(tmp) / "report.pdf"
        cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={Path(tmp) / 'profile'}", "--no-pdf-header-footer",
               f"--print-to-pdf={pdf}", page.as_uri()]
        result = subprocess.run(cmd, capture_output=True, timeout=120)
        if not pdf.exists() or pdf.stat().st_size == 0:
            msg = f"Chromium could not print report.pdf (exit {result.returncode})"
            raise PeruMapsError(msg)
        return fix_pdf_dates(pdf.read_bytes())


def fix_pdf_dates(pdf: bytes) -> bytes:
    """Zero the digits of creation and modification dates (lengths, and so the
    cross-reference offsets, stay the same)."""
    zero = bytes.maketrans(b"0123456789", b"0000000000")
    return re.sub(rb"/(?:CreationDate|ModDate)\s*\(D:[^)]*\)",
                  lambda m: m.group(0).translate(zero), pdf)


REPORT_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}: report annex</title>
<style>
@page {{ size: A4; margin: 14mm 12mm; }}
body {{ font: 10.5pt/1.35 "DejaVu Sans", system-ui, Arial, sans-serif; color: #222; margin: 0 auto;
  max-width: 190mm; }}
h1 {{ font-size: 18pt; margin: 0 0 4pt; }} h2 {{ font-size: 13pt; margin: 14pt 0 6pt; }}
figure {{ margin: 0; text-align: center; }} figure img {{ width: 100%; max-height: 235mm;
  object-fit: contain; }}
figcaption {{ font-size: 9pt; color: #444; }}
table.list {{ border-collapse: collapse; width: 100%; font-size: 8.5pt; }}
table.list th, table.list td {{ border: 1px solid #ccc; padding: 3pt 4pt; vertical-align: top;
  text-align: left; overflow-wrap: anywhere; }}
table.list th {{ background: #eef2f5; }}
tr {{ break-inside: avoid; }}
.section {{ break-before: page; }}
small {{ color: #555; }}
""" + MATRIX_CSS.replace("{", "{{").replace("}", "}}") + """
table.matrix {{ font-size: 7.5pt; }}
table.matrix th, table.matrix td {{ padding: 1pt 2pt; }}
table.matrix thead th {{ height: 95pt; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p>{n} interventions by {funders} funders, read from {sources}. {unlocated} of them
are national or do not name their regions: they are listed below, not placed on the map.</p>
<figure>
<img src="data:image/png;base64,{image}" alt="{alt}">
<figcaption>Departments shaded by the number of interventions located there; dots are towns,
rings are provinces, districts or named areas. {attribution}.</figcaption>
</figure>
<div class="section">
<h2>Funders by department</h2>
<p>Number of interventions of each funder located in each department (Lima includes Lima
Metropolitana); national interventions and those with regions not named are under
"{national}".</p>
{matrix}
</div>
<div class="section">
<h2>Interventions</h2>
<table class="list">
<thead><tr><th>Intervention</th><th>Funders</th><th>Implementers</th><th>Period</th>
<th>Places</th><th>Source</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
{cited}</div>
</body>
</html>
"""
