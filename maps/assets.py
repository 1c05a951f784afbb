"""Scripts and stylesheets inlined into every map, from pip-installed packages.

Leaflet 1.9.3 (XStatic-Leaflet) and Leaflet.markercluster 1.4.1 (XStatic-Leaflet-
MarkerCluster) are read from their packages; images that the CSS loads by relative
``url()`` become data URIs, and source-map comments are dropped, so that a page
makes no request at all.
"""

from __future__ import annotations

import base64
import re
from functools import lru_cache
from pathlib import Path

import xstatic.pkg.leaflet as xleaflet
import xstatic.pkg.leaflet_markercluster as xcluster

STATIC = Path(__file__).resolve().parent / "static"
_URL = re.compile(r"url\((['\"]?)(images/[^)'\"]+)\1\)")
_SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S*\s*$")


def _read(folder: str, name: str) -> str:
    return (Path(folder) / name).read_text(encoding="utf-8")


def css_to_inline(css: str, folder: Path) -> str:
    """Replace relative image ``url()``s with data URIs."""
    def repl(match: re.Match) -> str:
        path = folder / match.group(2)
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"
    return _URL.sub(repl, css)


def js_to_inline(js: str) -> str:
    """Drop the source-map comment and any ``</script`` a script might hold."""
    return _SOURCE_MAP.sub("\n", js).replace("</script", "<\\/script")


@lru_cache(maxsize=1)
def leaflet() -> tuple[str, str]:
    """Leaflet's (CSS, JS)."""
    folder = Path(xleaflet.BASE_DIR)
    return (css_to_inline(_read(xleaflet.BASE_DIR, "leaflet.css"), folder),
            js_to_inline(_read(xleaflet.BASE_DIR, "leaflet.js")))


@lru_cache(maxsize=1)
def markercluster() -> tuple[str, str]:
    """Leaflet.markercluster's (CSS, JS)."""
    css = _read(xcluster.BASE_DIR, "MarkerCluster.css") + "\n" + _read(
        xcluster.BASE_DIR, "MarkerCluster.Default.css")
    return css, js_to_inline(_read(xcluster.BASE_DIR, "leaflet.markercluster.js"))


def js_to_compact(js: str) -> str:
    """Our own scripts without indentation, blank lines or whole-line ``//`` comments
    (they hold no multi-line strings, so this changes no behaviour): smaller pages."""
    lines = (line.strip() for line in js.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"


@lru_cache(maxsize=4)
def own(name: str) -> str:
    """One of this package's own static files (``coopmap.js``, ``coopmap.css``); the
    scripts compacted."""
    text = (STATIC / name).read_text(encoding="utf-8")
    return js_to_inline(js_to_compact(text)) if name.endswith(".js") else text
