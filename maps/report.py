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
from maps.i18n import Translator
from maps.matrix import MATRIX_CSS, Matrix, matrix_table_html, render_matrix_rows
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
                  overview_png: bytes, tr: Translator | None = None, *,
                  overview_link: str = "", period: str = "") -> str:
    """The report page in ``tr``'s language, self-contained (the picture is a data URI);
    ``overview_link`` is the interactive view the picture shows, ``period`` the
    build's fixed period (said in the title)."""
    tr = tr or Translator()
    image = base64.b64encode(overview_png).decode("ascii")
    rows = []
    ordered = sorted(dataset.interventions,
                     key=lambda i: (i.funder_group.casefold(), i.funders[0].casefold(), i.id))
    for item in ordered:
        places = _places(dataset, facts, item.id) or (
            tr.t("report.national") if item.scope == "national"
            else tr.t("report.not_named_note", note=item.scope_note) if item.scope_note
            else tr.t("report.not_named"))
        budget = (f"<br><small>{to_html_text(tr.money(item.budget, item.currency))}</small>"
                  if item.budget else "")
        description = tr.description(item)
        about = f"<br><small>{to_html_text(description)}</small>" if description else ""
        rows.append(
            "<tr>"
            f"<td><b>{to_html_text(tr.title(item))}</b><br><small>{to_html_text(item.id)} · "
            f"{to_html_text(', '.join(tr.terms('theme', item.themes)))}</small>{about}</td>"
            f"<td>{to_html_text(', '.join(item.funders))}<br><small>"
            f"{to_html_text(tr.group(item.funder_group))}</small></td>"
            f"<td>{to_html_text(', '.join(item.implementers) or '—')}</td>"
            f"<td>{to_html_text(tr.period(item))}<br><small>"
            f"{to_html_text(tr.term('status', item.status))}</small>"
            f"{budget}</td>"
            f"<td>{to_html_text(places)}</td>"
            f"<td><small>{to_html_text(item.source)}</small></td>"
            "</tr>")
    head, body = render_matrix_rows(matrix, colours, tr)
    words = {key: to_html_text(tr.t(f"report.{key}")) for key in (
        "matrix_heading", "list_heading", "col_intervention",
        "col_funders", "col_implementers", "col_period", "col_places", "col_source")}
    title = tr.dataset_title(dataset)
    if period:
        title = tr.t("map.period_title", title=title, period=period)
    words["title"] = to_html_text(tr.t("report.title", title=title))
    words["heading"] = to_html_text(tr.t("report.heading", title=title))
    words["caption"] = to_html_text(tr.t("report.caption", attribution=tr.attribution(dataset)))
    if overview_link:
        words["caption"] += (f' <a href="{to_html_attr(overview_link)}">'
                             f'{to_html_text(tr.t("report.interactive"))}</a>')
    intro = tr.intro("report", dataset)
    return REPORT_PAGE.format(
        lang=to_html_attr(tr.html_lang), **words, intro=to_html_text(intro), image=image,
        matrix=matrix_table_html(head, body, tr), rows="\n".join(rows),
        matrix_text=to_html_text(tr.t("report.matrix_text", national=tr.t("matrix.national"))),
        cited=sources_html(dataset, tr), alt=to_html_attr(tr.t("report.alt")))


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
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
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
<h1>{heading}</h1>
<p>{intro}</p>
<figure>
<img src="data:image/png;base64,{image}" alt="{alt}">
<figcaption>{caption}</figcaption>
</figure>
<div class="section">
<h2>{matrix_heading}</h2>
<p>{matrix_text}</p>
{matrix}
</div>
<div class="section">
<h2>{list_heading}</h2>
<table class="list">
<thead><tr><th>{col_intervention}</th><th>{col_funders}</th><th>{col_implementers}</th>
<th>{col_period}</th><th>{col_places}</th><th>{col_source}</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
{cited}</div>
</body>
</html>
"""
