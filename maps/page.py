"""One map page: a folium Map with everything inlined, deterministic bytes.

folium's Map loads Leaflet, jQuery, Bootstrap and Font Awesome from CDNs; here
:class:`OfflineMap` loads none of them and :class:`InlineAssets` inlines only
what the page uses (Leaflet, and Leaflet.markercluster when there are markers).
Branca's random element ids are replaced by a counter while a page renders.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import branca.element
import folium
from branca.element import Element
from jinja2 import Template

from maps import assets
from maps.escape import to_html_text, to_script_bytes, to_script_json
from maps.i18n import Translator

OSM_TILES = {"url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
             "attribution": "© OpenStreetMap contributors"}


class OfflineMap(folium.Map):
    """A folium Map that links no external script or stylesheet."""

    default_js: list[tuple[str, str]] = []
    default_css: list[tuple[str, str]] = []


class RawHtml(Element):
    """Markup written as it is, without parsing it as a template (fast for large assets)."""

    _template = Template("{{ this.text }}")

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "RawHtml"
        self.text = text


class InlineAssets(Element):
    """Stylesheets and scripts written into the page's head."""

    def __init__(self, styles: list[str], scripts: list[str]) -> None:
        super().__init__()
        self._name = "InlineAssets"
        self.styles = styles
        self.scripts = scripts

    def render(self, **kwargs) -> None:
        """Add the inline tags to the figure's header."""
        figure = self.get_root()
        parts = [f"<style>\n{css}\n</style>" for css in self.styles]
        parts += [f"<script>\n{js}\n</script>" for js in self.scripts]
        figure.header.add_child(RawHtml("\n".join(parts)), name="inline_assets")


# Where the page's data goes: "<" and "&" cannot occur in the escaped title nor in
# script JSON, so the mark occurs once, in the call (render_map_bytes checks).
DATA_MARK = "<&coopmap-data&>"


class CoopLayers(Element):
    """Calls ``CoopMap.render`` with the map's data and the geometry, embedded once.

    Written straight into the page's script (branca would otherwise compile the
    large JSON as a Jinja template); the data itself, megabytes of UTF-8, is put in
    place of :data:`DATA_MARK` in the page's bytes (:func:`render_map_bytes`).
    """

    def __init__(self, data: dict, geo_json: str, options: dict) -> None:
        super().__init__()
        self._name = "CoopLayers"
        self.data = to_script_bytes(data)
        self.geo_json = geo_json
        self.options = to_script_json(options)

    def render(self, **kwargs) -> None:
        """Add the call to the figure's script, after the map is created."""
        call = (f"CoopMap.render({self._parent.get_name()}, {DATA_MARK}, {self.geo_json}, "
                f"{self.options});")
        self.get_root().script.add_child(RawHtml(call), name=self.get_name())


@contextmanager
def deterministic_ids() -> Iterator[None]:
    """Number branca elements 1, 2, 3... instead of random ids, for one page; and
    compile each of branca's element templates once per process, not once per page."""
    counter = itertools.count(1)
    original = Element.__dict__["_generate_id"]
    original_template = branca.element.Template
    Element._generate_id = classmethod(lambda cls: f"{next(counter):08d}")
    branca.element.Template = _compiled
    try:
        yield
    finally:
        Element._generate_id = original
        branca.element.Template = original_template


@lru_cache(maxsize=64)
def _compiled(source: str) -> Template:
    """A Jinja template, compiled once: branca compiles the markup of every element it
    creates (the same few strings on every page, ids being counted)."""
    return Template(source)


def _take_apart(element: Element) -> None:
    """Drop an element tree's links to its children, so that reference counting frees
    the page (its data is megabytes) without waiting for the cyclic collector."""
    parts = list(element._children.values())
    parts += [getattr(element, name) for name in ("header", "html", "script")  # a Figure's
              if isinstance(getattr(element, name, None), Element)]
    for part in parts:
        _take_apart(part)
    element._children.clear()


def render_map_page(data: dict, geo_json: str, *, tiles: bool = False, funders_on: bool = False,
                    shading: str = "count", tr: Translator | None = None,
                    period: tuple[int | None, int | None] = (None, None),
                    gazetteer: str = "") -> str:
    """The complete HTML of one map; ``geo_json`` is :func:`to_script_json` of the geometry;
    the page script's words are ``tr``'s; ``period`` the years the page opens on;
    ``gazetteer`` the file name of the build's shared search index, which the page
    reads when the user first searches (the page works, and searches its own names,
    without it)."""
    return render_map_bytes(data, geo_json, tiles=tiles, funders_on=funders_on,
                            shading=shading, tr=tr, period=period,
                            gazetteer=gazetteer).decode("utf-8")


def render_map_bytes(data: dict, geo_json: str, *, tiles: bool = False, funders_on: bool = False,
                     shading: str = "count", tr: Translator | None = None,
                     period: tuple[int | None, int | None] = (None, None),
                     gazetteer: str = "") -> bytes:
    """:func:`render_map_page` as UTF-8 bytes, the data's JSON spliced in as it was
    encoded (a build writes bytes: no decoding and encoding tens of megabytes again)."""
    tr = tr or Translator()
    with deterministic_ids():
        m = OfflineMap(location=[-9.2, -75.0], zoom_start=5, tiles=None, control_scale=False,
                       prefer_canvas=False)
        figure = m.get_root()
        figure.title = to_html_text(data["title"])
        leaflet_css, leaflet_js = assets.leaflet()
        styles = [leaflet_css]
        scripts = [leaflet_js]
        if data["markers"]:
            cluster_css, cluster_js = assets.markercluster()
            styles.append(cluster_css)
            scripts.append(cluster_js)
        styles.append(assets.own("coopmap.css"))
        scripts.append(assets.own("subunits.js"))  # decodes the geometry; provinces, districts
        scripts.append(assets.own("coopmap.js"))
        m.add_child(InlineAssets(styles, scripts))
        layers = CoopLayers(data, geo_json, {"tiles": OSM_TILES if tiles else False,
                                             "fundersOn": funders_on,
                                             "shading": shading,
                                             "period": [period[0] or 0, period[1] or 0],
                                             "gazetteer": gazetteer,
                                             "words": tr.script_words()})
        m.add_child(layers)
        html = figure.render()
    _take_apart(figure)
    html = html.replace("<html>", f'<html lang="{tr.html_lang}">', 1)
    head, mark, tail = html.partition(DATA_MARK)
    if not mark or DATA_MARK in tail:
        raise ValueError(f"the page should hold {DATA_MARK!r} once")  # a bug, not bad data
    return b"".join((head.encode("utf-8"), layers.data, tail.encode("utf-8")))
