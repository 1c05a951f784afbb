"""review.html: the evidence for a draft, to check a document's places in a minute.

Each document's text with every mention highlighted (coloured by department; the
place, level, department and confidence on hover and in a side list that jumps to
each mention), and an offline map of the documents' places drawn by the project's
own map page (:func:`maps.page.render_map_page`), one layer per document.

Document text is hostile: the page carries it as JSON data (escaped for
``<script>``) and ``static/review.js`` builds the page from text nodes only.
The map page sits in a sandboxed ``iframe`` (``srcdoc``, HTML-escaped).
"""

from __future__ import annotations

from typing import Any

from coop.documents import DocumentError
from coop.drafts import Extraction, confidence_text, extractions_to_dataset, group_mentions
from maps import assets
from maps.escape import to_html_attr, to_html_text, to_script_json

LOW_CONFIDENCE = 0.7  # mentions below this are flagged "check"
MAP_TITLE = "Places named in the documents"


def department_colour(code: str) -> dict[str, str]:
    """A department's highlight (light, for text) and its ink (dark), by INEI code.

    Hues are spread by the golden angle so that neighbouring codes differ.
    """
    n = int(code) if code.isdigit() else 0
    hue = round((n * 137.508) % 360)
    return {"fill": f"hsl({hue}, 85%, 84%)", "ink": f"hsl({hue}, 70%, 30%)"}


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
    from geo.regions import load_regions
    from maps.atlas import load_geometry
    from maps.mapdata import MapSpec, dataset_to_footprint, dataset_to_mapdata
    from maps.page import render_map_page
    from maps.palette import funders_to_colours

    dataset = extractions_to_dataset(extractions)
    regions = load_regions()
    footprint = dataset_to_footprint(dataset, regions)
    places = len({(loc.ubigeo, loc.name, loc.level) for loc in dataset.locations})
    spec = MapSpec("review-map.html", MAP_TITLE,
                   f"{places} places in {len(extractions)} document(s); one layer per document",
                   tuple(range(len(dataset.interventions))), "funder")
    data = dataset_to_mapdata(dataset, spec, footprint, regions,
                              funders_to_colours(dataset.funders()))
    return render_map_page(data, to_script_json(load_geometry()), funders_on=True,
                           shading="plain")


def render_review_page(extractions: list[Extraction], failures: list[DocumentError]) -> str:
    """The whole review page, self-contained and offline."""
    codes = sorted({m.department_code for e in extractions for m in e.mentions})
    names = {m.department_code: m.department for e in extractions for m in e.mentions}
    data = {
        "documents": [extraction_to_data(e) for e in extractions],
        "failed": [{"name": f.document, "why": f.why} for f in failures],
        "departments": [dict(code=c, name=names[c], **department_colour(c)) for c in codes],
        "low": LOW_CONFIDENCE,
    }
    mentions = sum(len(e.mentions) for e in extractions)
    title = (f"Review: places in {len(extractions)} document(s)" if len(extractions) != 1
             else f"Review: places in {extractions[0].document.name}")
    return REVIEW_PAGE.format(
        title=to_html_text(title), css=assets.own("review.css"), js=assets.own("review.js"),
        data=to_script_json(data), map=to_html_attr(extractions_to_map_page(extractions)),
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
<iframe class="rv-map" title="Map of the places found" sandbox="allow-scripts" srcdoc="{map}"></iframe>
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
