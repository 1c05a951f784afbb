"""The gallery page, ``index.html``: one line on each map, with links."""

from __future__ import annotations

from geo.interventions import Dataset
from maps.escape import to_html_attr, to_html_text
from maps.mapdata import MapSpec

SECTIONS = [("overview", "Overview"), ("funder", "By funder"), ("theme", "By theme"),
            ("department", "By department")]


def render_gallery(specs: list[MapSpec], dataset: Dataset, *, embed: bool = False) -> str:
    """The index page."""
    parts = []
    for kind, heading in SECTIONS:
        items = [s for s in specs if s.kind == kind]
        if not items:
            continue
        lines = []
        for spec in items:
            extra = ""
            if embed:
                snippet = spec.filename.replace(".html", ".embed.html")
                extra = f' <small>(<a href="{to_html_attr(snippet)}">embed code</a>)</small>'
            lines.append(f'<li><a href="{to_html_attr(spec.filename)}">{to_html_text(spec.title)}'
                         f"</a>: {to_html_text(spec.description)}{extra}</li>")
        parts.append(f"<h2>{to_html_text(heading)}</h2>\n<ul>\n" + "\n".join(lines) + "\n</ul>")
    unlocated = len(dataset.unlocated())
    return GALLERY_PAGE.format(
        sections="\n".join(parts), n=len(dataset.interventions), funders=len(dataset.funders()),
        unlocated=unlocated)


GALLERY_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Development cooperation in Peru: maps</title>
<style>
body {{ font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  margin: 1.5em auto; max-width: 60em; padding: 0 1em; color: #222; }}
h1 {{ font-size: 1.6em; }} h2 {{ font-size: 1.2em; margin-top: 1.4em; }}
li {{ margin: .25em 0; }}
</style>
</head>
<body>
<h1>Development cooperation in Peru</h1>
<p>{n} interventions by {funders} funders, from five documents. Each map works offline
and shows who funds what, where; whole departments are shaded, and only places finer
than a department get a marker. {unlocated} interventions are national or do not name
their regions: each map lists them apart instead of pinning them to Lima.</p>
{sections}
<h2>Tables</h2>
<ul>
<li><a href="matrix.html">Funders by department</a>: how many interventions each funder has in
each department (also as <a href="matrix.csv">CSV</a>).</li>
</ul>
<p><small>Boundaries: Natural Earth (public domain) · Places: GeoNames (CC-BY 4.0) ·
Department, province and district codes: INEI.</small></p>
</body>
</html>
"""
