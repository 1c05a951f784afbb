"""Static maps for reports: PNG and SVG drawn with matplotlib and geopandas.

A picture shows what the interactive map shows by default, in the same colours:
the overview shaded by the number of interventions; a funder's or a theme's map
with each funder's departments filled semi-transparently; places finer than a
department as dots (towns) or dashed rings (provinces, districts, named areas);
a legend, a title, the count of national interventions listed apart, and the
attribution. No network: the basemap is the neighbours' outlines.
"""

from __future__ import annotations

import io
from typing import Any

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from maps.escape import to_plot_text  # noqa: E402
from maps.i18n import Translator  # noqa: E402
from maps.mapdata import region_colour  # noqa: E402

SEA = "#d7e6ef"
LAND = "#eeeeea"
SMALL_UNITS = {"PE-CAL", "PE-LMA"}  # too small to label at country scale
LABELS = {"PE-LIM": "Lima"}

plt.rcParams["svg.hashsalt"] = "peru-coop-maps"
plt.rcParams["font.family"] = "DejaVu Sans"


def data_to_figure(data: dict, regions: gpd.GeoDataFrame, neighbours: gpd.GeoDataFrame,
                   *, shading: str, tr: Translator | None = None) -> Any:
    """A matplotlib figure of one map, its words in ``tr``'s language."""
    tr = tr or Translator()
    fig, ax = plt.subplots(figsize=(8.0, 9.6))
    fig.subplots_adjust(left=0.02, right=0.98, top=0.90, bottom=0.06)
    ax.set_facecolor(SEA)
    neighbours.plot(ax=ax, color=LAND, edgecolor="#b8b8b8", linewidth=0.5)
    fills = [region_colour(data, iso, shading) for iso in regions["iso_code"]]
    regions.plot(ax=ax, color=fills, edgecolor="#555555", linewidth=0.5)
    handles: list = []
    if shading != "plain":
        handles += _shading_handles(data, shading, tr)
    if shading == "plain":
        for funder in data["funders"]:
            chosen = regions[regions["iso_code"].isin(funder["regions"])]
            if len(chosen):
                chosen.plot(ax=ax, color=funder["colour"], alpha=0.3, edgecolor=funder["colour"],
                            linewidth=1.4)
        for funder in data["funders"]:
            label = funder["name"] if funder["group"] in ("", funder["name"]) else (
                f"{funder['name']} ({funder['group']})")
            label = to_plot_text(_shorten(label))
            handles.append(Patch(facecolor=funder["colour"], alpha=0.55,
                                 edgecolor=funder["colour"], label=label))
    _label_regions(ax, regions, data)
    if data["markers"]:
        handles += _draw_markers(ax, data, tr)
        if shading != "plain":
            used = {m["funder"] for m in data["markers"]}
            handles += [Line2D([], [], marker="o", ls="none", ms=6, mfc=f["colour"], mec="white",
                               label=to_plot_text(tr.t("picture.place_of",
                                                       funder=_shorten(f["name"]))))
                        for f in data["funders"] if f["name"] in used]
    _frame(ax, regions, data["focus"])
    _titles(fig, data, tr)
    if handles:
        ax.legend(handles=handles, loc="lower left", fontsize=7.5, framealpha=0.95,
                  title=tr.t("picture.legend"), title_fontsize=8)
    return fig


def _shading_handles(data: dict, shading: str, tr: Translator) -> list:
    what = tr.t("picture.what_count" if shading == "count" else "picture.what_funders")
    handles = [Patch(facecolor=data["shading"]["none"], edgecolor="#555555",
                     label=tr.t("picture.shading_none", what=what))]
    for c in data["shading"][shading]:
        lo, hi = tr.number(c["lo"]), tr.number(c["hi"])
        label = lo if c["lo"] == c["hi"] else f"{lo}–{hi}"
        handles.append(Patch(facecolor=c["colour"], edgecolor="#555555", label=label))
    return handles


def _label_regions(ax, regions: gpd.GeoDataFrame, data: dict) -> None:
    focus = set(data["focus"])
    for iso, name, geom in zip(regions["iso_code"], regions["name"], regions.geometry):
        if iso in SMALL_UNITS and not focus:
            continue
        if focus and iso not in focus:
            continue
        point = geom.representative_point()
        ax.annotate(LABELS.get(iso, name), (point.x, point.y), ha="center", va="center",
                    fontsize=6.5 if not focus else 9, color="#333333",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.6})


def _draw_markers(ax, data: dict, tr: Translator) -> list:
    colour_of = {f["name"]: f["colour"] for f in data["funders"]}
    seen: dict[tuple, int] = {}
    for m in data["markers"]:
        key = (m["lat"], m["lon"])
        k = seen.get(key, 0)
        seen[key] = k + 1
        # several interventions at one place: a small ring of offsets, as spiderfied
        dx, dy = ((0.12 * ((k % 3) - 1), 0.12 * (k // 3)) if k else (0.0, 0.0))
        colour = colour_of.get(m["funder"], "#333333")
        if m["precision"] <= 2:
            ax.plot(m["lon"] + dx, m["lat"] + dy, "o", ms=6, mfc=colour, mec="white", mew=0.9,
                    zorder=5)
        else:
            ax.plot(m["lon"] + dx, m["lat"] + dy, "o", ms=10, mfc=colour, alpha=0.35, mec="none",
                    zorder=4)
            ax.plot(m["lon"] + dx, m["lat"] + dy, "o", ms=10, mfc="none", mec=colour, mew=1.3,
                    ls="none", zorder=4)
    return [Line2D([], [], marker="o", ls="none", ms=6, mfc="#555555", mec="white",
                   label=tr.t("script.marker_exact")),
            Line2D([], [], marker="o", ls="none", ms=10, mfc=(0.33, 0.33, 0.33, 0.3),
                   mec="#555555", label=tr.t("script.marker_area"))]


def _frame(ax, regions: gpd.GeoDataFrame, focus: list[str]) -> None:
    shown = regions[regions["iso_code"].isin(focus)] if focus else regions
    minx, miny, maxx, maxy = shown.total_bounds
    pad = max(maxx - minx, maxy - miny) * 0.08
    ax.set_xlim(minx - pad, maxx + pad)
    ax.set_ylim(miny - pad, maxy + pad)
    ax.set_aspect("equal")
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor("#999999")


def _titles(fig, data: dict, tr: Translator) -> None:
    fig.text(0.02, 0.965, to_plot_text(_shorten(data["title"], 70)), fontsize=15,
             fontweight="bold", va="top")
    fig.text(0.02, 0.93, to_plot_text(_shorten(data["description"], 110)), fontsize=9.5,
             color="#444444", va="top")
    n = len(data["unlocated"])
    if n:
        fig.text(0.98, 0.045, to_plot_text(tr.t("picture.unlocated", count=n)), fontsize=7.5,
                 ha="right",
                 color="#444444")
    fig.text(0.98, 0.02, to_plot_text(_shorten(data["attribution"], 180)), fontsize=6.5,
             ha="right", color="#666666")


def _shorten(text: str, limit: int = 60) -> str:
    """Long names cut with an ellipsis, so that a legend stays on the page."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def figure_to_bytes(fig, formats: tuple[str, ...], dpi: int) -> dict[str, bytes]:
    """The figure as PNG and/or SVG bytes, without dates or software stamps (the
    same bytes on every build); the figure is closed."""
    out = {}
    for fmt in formats:
        buf = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(buf, format=fmt, dpi=dpi, metadata=metadata)
        out[fmt] = buf.getvalue()
    plt.close(fig)
    return out
