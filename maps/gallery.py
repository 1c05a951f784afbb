"""The gallery page, ``index.html``: one line on each map, with links."""

from __future__ import annotations

from coop.model import Dataset
from maps.escape import to_html_attr, to_html_text
from maps.mapdata import MapSpec, attribution_text

SECTIONS = [("overview", "Overview"), ("funder", "By funder"), ("theme", "By theme"),
            ("department", "By department")]


def render_gallery(specs: list[MapSpec], dataset: Dataset, thumbs: dict[str, str], defs: str,
                   *, embed: bool = False, static: bool = False) -> str:
    """The index page: a card per map, with its thumbnail and one line."""
    parts = []
    for kind, heading in SECTIONS:
        items = [s for s in specs if s.kind == kind]
        if not items:
            continue
        cards = []
        for spec in items:
            href = to_html_attr(spec.filename)
            extra = []
            if embed:
                extra.append(f'<a href="{to_html_attr(spec.filename.replace(".html", ".embed.html"))}"'
                             ">embed code</a>")
            if static and spec.kind != "department":
                stem = to_html_attr("static/" + spec.filename.removesuffix(".html"))
                extra.append(f'<a href="{stem}.png">PNG</a>')
                extra.append(f'<a href="{stem}.svg">SVG</a>')
            more = f'<span class="more">{" · ".join(extra)}</span>' if extra else ""
            cards.append(f'<li class="card"><a href="{href}" class="thumb-link">'
                         f'{thumbs.get(spec.filename, "")}</a><div><a href="{href}">'
                         f'<b>{to_html_text(spec.title)}</b></a><p>'
                         f"{to_html_text(spec.description)}</p>{more}</div></li>")
        parts.append(f"<h2>{to_html_text(heading)}</h2>\n<ul class=\"cards\">\n"
                     + "\n".join(cards) + "\n</ul>")
    unlocated = len(dataset.unlocated())
    report = ('<li><a href="report.html">Report annex</a>: the overview as a picture, the matrix '
              'and every intervention, printable (also as <a href="report.pdf">PDF</a>).</li>'
              if static else "")
    return GALLERY_PAGE.format(
        sections="\n".join(parts), defs=defs, report=report, n=len(dataset.interventions),
        funders=len(dataset.funders()), unlocated=unlocated,
        title=to_html_text(dataset.title()), sources=to_html_text(dataset.sources_text()),
        description=_description_html(dataset), cited=sources_html(dataset),
        attribution=to_html_text(attribution_text(dataset)))


def _description_html(dataset: Dataset) -> str:
    text = dataset.info.description
    return f"<p>{to_html_text(text)}</p>\n" if text else ""


def sources_html(dataset: Dataset) -> str:
    """The dataset's sources as a list, when it names them."""
    if not dataset.info.sources:
        return ""
    items = []
    for source in dataset.info.sources:
        cite = to_html_text(source.citation())
        if source.url.startswith(("https://", "http://")):
            cite = f'<a href="{to_html_attr(source.url)}">{cite}</a>'
        items.append(f"<li>{cite} <small>({to_html_text(source.file)})</small></li>")
    return "<h2>Sources</h2>\n<ul class=\"sources\">\n" + "\n".join(items) + "\n</ul>\n"


GALLERY_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}: maps</title>
<style>
body {{ font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  margin: 1.5em auto; max-width: 60em; padding: 0 1em; color: #222; }}
h1 {{ font-size: 1.6em; }} h2 {{ font-size: 1.2em; margin-top: 1.4em; }}
ul.cards {{ list-style: none; padding: 0; display: grid; gap: 12px;
  grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); }}
li.card {{ display: flex; gap: 10px; border: 1px solid #ddd; border-radius: 6px; padding: 8px;
  background: #fff; }}
li.card p {{ margin: 4px 0; font-size: .9em; color: #444; }}
li.card div {{ min-width: 0; overflow-wrap: anywhere; }}
.thumb {{ display: block; border: 1px solid #ccc; border-radius: 3px; flex: none; }}
.more {{ font-size: .85em; }}
</style>
</head>
<body>
{defs}
<h1>{title}</h1>
{description}<p>{n} interventions by {funders} funders, from {sources}. Each map works offline
and shows who funds what, where; whole departments are shaded, and only places finer
than a department get a marker. {unlocated} interventions are national or do not name
their regions: each map lists them apart instead of pinning them to Lima.</p>
{sections}
<h2>Tables</h2>
<ul>
<li><a href="matrix.html">Funders by department</a>: how many interventions each funder has in
each department (also as <a href="matrix.csv">CSV</a>).</li>
{report}
</ul>
{cited}<p><small>{attribution}</small></p>
</body>
</html>
"""
