"""review.html: the evidence for a draft, to check a document's places in a minute.

Each document's text with every mention highlighted (coloured by department; the
place, level, department and confidence on hover and in a side list that jumps to
each mention), and an offline map of the documents' places drawn by the project's
own map page (:func:`maps.page.render_map_page`), one layer per document.

Document text is hostile: the page carries it as JSON data (escaped for
``<script>``) and ``static/review.js`` builds the page from text nodes only.
The map page (the project's own, its data escaped as on every map) is a string in that
JSON, loaded into a sandboxed ``iframe`` once the page is laid out.
"""

from __future__ import annotations

from typing import Any

from coop.documents import DocumentError
from coop.drafts import Extraction, confidence_text, extractions_to_dataset, group_mentions
from maps import assets
from maps.escape import to_html_text, to_script_json

LOW_CONFIDENCE = 0.7  # mentions below this are flagged "check"
MAP_TITLE = "Places named in the documents"
MAP_ATTRIBUTION = ("Boundaries: INEI 2007 via MINAM (peru-geojson, MPL-2.0), neighbours Natural Earth · Places: GeoNames (CC-BY 4.0) · "
                   "Codes: INEI · Data: places found in the documents (a draft to review)")


# ColorBrewer Set3 (light, for highlighting text; its second yellow replaced by Set2's tan),
# each with a darker ink of its hue.
HIGHLIGHTS = (("#8dd3c7", "#1b7a6c"), ("#ffffb3", "#8a8a00"), ("#bebada", "#4f4a8c"),
              ("#fb8072", "#a8281a"), ("#80b1d3", "#1f5f8b"), ("#fdb462", "#a35a00"),
              ("#b3de69", "#4d7a0c"), ("#fccde5", "#a3386f"), ("#d9d9d9", "#555555"),
              ("#bc80bd", "#6a2a6b"), ("#ccebc5", "#3c7a31"), ("#e5c494", "#7a5a1e"))


def departments_to_colours(codes: list[str]) -> dict[str, dict[str, str]]:
    """Each department's highlight (``fill``) and ``ink``, by its place in the sorted
    codes, so that the departments of one page differ (twelve colours, then again)."""
    return {code: {"fill": HIGHLIGHTS[i % len(HIGHLIGHTS)][0],
                   "ink": HIGHLIGHTS[i % len(HIGHLIGHTS)][1]}
            for i, code in enumerate(sorted(set(codes)))}


def text_to_segments(text: str, mentions: tuple[Any, ...]) -> list[list]:
    """The text cut at the mentions: ``[text, mention index or -1]`` each.

    Cut here (in code points) so that the page never slices UTF-16 strings.
    """
    segments: list[list] = []
    at = 0
    for i, m in enumerate(mentions):
        if m.start > at:
            segments.append([text[at:m.start], -1])
        segments.append([text[m.start:m.end], i])
        at = m.end
    if at < len(text):
        segments.append([text[at:], -1])
    return segments


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    """The words around a mention, on one line."""
    before = " ".join(text[max(0, start - width):start].split())
    after = " ".join(text[end:end + width].split())
    return f"…{before} [{text[start:end]}] {after}…"


def extraction_to_data(extraction: Extraction) -> dict:
    """What the page shows of one document."""
    text = extraction.document.text
    mentions = [{"mention": m.mention, "name": m.name, "level": m.level,
                 "department": m.department, "code": m.department_code, "ubigeo": m.ubigeo,
                 "precision": int(m.precision), "confidence": confidence_text(m.confidence),
                 "low": float(m.confidence) < LOW_CONFIDENCE,
                 "context": _context(text, m.start, m.end)}
                for m in extraction.mentions]
    index = {id(m): i for i, m in enumerate(extraction.mentions)}
    places = [{"mentions": [index[id(m)] for m in group],
               "low": any(float(m.confidence) < LOW_CONFIDENCE for m in group)}
              for group in group_mentions(extraction.mentions)]
    return {"name": extraction.document.name, "slug": extraction.slug,
            "chars": len(text), "segments": text_to_segments(text, extraction.mentions),
            "mentions": mentions, "places": places}


def extractions_to_map_page(extractions: list[Extraction]) -> str:
    """The map of every document's places, one layer per document, as a full page."""
    from coop.facts import dataset_to_facts
    from maps.atlas import load_geometry
    from maps.mapdata import MapSpec, dataset_to_mapdata
    from maps.page import render_map_page
    from maps.palette import funders_to_colours

    placed = [e for e in extractions if e.mentions]  # a document without places is no layer
    dataset = extractions_to_dataset(placed, labels=_short_labels(placed))
    facts = dataset_to_facts(dataset)
    places = len({(loc.ubigeo, loc.name, loc.level) for loc in dataset.locations})
    spec = MapSpec("review-map.html", MAP_TITLE,
                   f"{places} place(s) in {len(placed)} document(s); one layer per document",
                   tuple(range(len(dataset.interventions))), "funder")
    data = dataset_to_mapdata(dataset, spec, facts, funders_to_colours(dataset.funders()),
                              MAP_ATTRIBUTION)
    return render_map_page(data, to_script_json(load_geometry()), funders_on=True,
                           shading="plain")


def _short_labels(extractions: list[Extraction]) -> dict[str, str]:
    """Each document's file name, or its name as given where two share a file name."""
    from pathlib import PurePath

    short = {e.document.name: PurePath(e.document.name).name for e in extractions}
    counts: dict[str, int] = {}
    for label in short.values():
        counts[label] = counts.get(label, 0) + 1
    return {name: label if counts[label] == 1 else name for name, label in short.items()}


def render_review_page(extractions: list[Extraction], failures: list[DocumentError]) -> str:
    """The whole review page, self-contained and offline."""
    codes = sorted({m.department_code for e in extractions for m in e.mentions})
    names = {m.department_code: m.department for e in extractions for m in e.mentions}
    colours = departments_to_colours(codes)
    data = {
        "documents": [extraction_to_data(e) for e in extractions],
        "failed": [{"name": f.document, "why": f.why} for f in failures],
        "departments": [dict(code=c, name=names[c], **colours[c]) for c in codes],
        "low": LOW_CONFIDENCE,
        "map": extractions_to_map_page(extractions),
    }
    mentions = sum(len(e.mentions) for e in extractions)
    title = (f"Review: places in {len(extractions)} document(s)" if len(extractions) != 1
             else f"Review: places in {extractions[0].document.name}")
    return REVIEW_PAGE.format(
        title=to_html_text(title), css=assets.own("review.css"), js=assets.own("review.js"),
        data=to_script_json(data),
        summary=to_html_text(f"{mentions} mention(s) of Peruvian places in "
                             f"{len(extractions)} document(s)"))


def draft_to_files(extractions: list[Extraction], failures: list[DocumentError]) -> dict[str, bytes]:
    """The files of ``extract --out``: mentions.csv, the locations.csv draft, review.html."""
    from coop.drafts import (MENTION_COLUMNS, extractions_to_locations_csv, extractions_to_rows,
                             rows_to_csv)

    return {"mentions.csv": rows_to_csv(extractions_to_rows(extractions),
                                        MENTION_COLUMNS).encode("utf-8-sig"),
            "locations.csv": extractions_to_locations_csv(extractions).encode("utf-8-sig"),
            "review.html": render_review_page(extractions, failures).encode("utf-8")}


REVIEW_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
{css}
</style>
</head>
<body>
<header class="rv-head">
<h1>{title}</h1>
<p class="rv-summary">{summary}. Highlights are coloured by department; hover one for the place,
its level, department and confidence. Click a place on the right to jump to its mentions;
<span class="rv-low-key">check</span> marks a confidence below the threshold.
Edit <code>locations.csv</code> beside this page to keep, correct or drop a place.</p>
<div class="rv-legend" id="rv-legend"></div>
</header>
<div class="rv-body">
<main class="rv-docs" id="rv-docs"></main>
<aside class="rv-side">
<div class="rv-map-bar"><span>Map: one layer per document</span>
<button type="button" class="rv-map-toggle" id="rv-map-toggle">Enlarge map</button></div>
<iframe class="rv-map" title="Map of the places found" sandbox="allow-scripts"></iframe>
<div class="rv-list" id="rv-list"></div>
</aside>
</div>
<script type="application/json" id="rv-data">{data}</script>
<script>
{js}
</script>
</body>
</html>
"""
