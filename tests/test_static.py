"""Static maps (PNG, SVG) and the printable report (HTML, A4 PDF)."""

from __future__ import annotations

import html
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import run_cli
from PIL import Image
from test_browser import assert_not_blank
from test_maps import FUNDER_MAPS, THEME_MAPS

from coop.validation import load_dataset

PICTURES = ["overview", *(m.removesuffix(".html") for m in FUNDER_MAPS + THEME_MAPS)]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("static") / "output"
    result = run_cli("--out", str(out), "--static", "--dpi", "60")
    assert result.returncode == 0, result.stderr
    return out


def test_pictures_for_overview_funders_and_themes(built: Path) -> None:
    names = sorted(p.name for p in (built / "static").iterdir())
    assert names == sorted([f"{n}.png" for n in PICTURES] + [f"{n}.svg" for n in PICTURES])


@pytest.mark.parametrize("name", PICTURES)
def test_png_is_a_real_map_at_the_asked_dpi(built: Path, name: str) -> None:
    png = (built / "static" / f"{name}.png").read_bytes()
    assert Image.open(io.BytesIO(png)).size == (480, 576)  # 8 x 9.6 inches at 60 dpi
    assert_not_blank(png)


@pytest.mark.parametrize("name", PICTURES)
def test_svg_has_title_and_no_external_reference(built: Path, name: str) -> None:
    text = (built / "static" / f"{name}.svg").read_text(encoding="utf-8")
    ET.fromstring(text)
    assert not re.search(r'href="(https?:)?//', text)
    assert "Natural Earth" in text and "GeoNames" in text


def test_funder_colour_is_the_html_colour(built: Path) -> None:
    image = Image.open(built / "static" / "funder-accd.png").convert("RGB")
    colours = {c for _, c in image.getcolors(maxcolors=1 << 20)}
    assert (0xE6, 0x9F, 0x00) in colours  # ACCD's Okabe-Ito orange, as on the HTML map


def test_report_lists_every_intervention(built: Path) -> None:
    text = (built / "report.html").read_text(encoding="utf-8")
    for item in load_dataset().interventions:
        assert html.escape(item.title, quote=False) in text
    assert "data:image/png;base64," in text
    assert "Funders by department" in text
    assert not re.search(r'<(img|script|link)[^>]+(src|href)="(https?:)?//', text)


def test_report_pdf_is_a4(built: Path) -> None:
    pdf = (built / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert boxes and all(abs(float(w) - 595) < 2 and abs(float(h) - 842) < 2 for w, h in boxes)
    assert len(boxes) >= 3  # map, matrix, list of interventions


def test_report_pdf_names_no_folder_of_this_machine(built: Path) -> None:
    """A link in the printed report would be the temporary folder Chromium printed in:
    a dead address, and bytes that change on every build."""
    pdf = (built / "report.pdf").read_bytes()
    assert b"file://" not in pdf and b"/tmp" not in pdf
    assert 'href="overview.html#' in (built / "report.html").read_text(encoding="utf-8")


def test_gallery_links_pictures_and_report(built: Path) -> None:
    index = (built / "index.html").read_text(encoding="utf-8")
    assert 'href="report.pdf"' in index and 'href="static/overview.png"' in index


def test_print_resolution_300_dpi() -> None:
    from geo.regions import load_neighbours, load_regions
    from maps.atlas import plan_maps
    from coop.facts import dataset_to_facts
    from maps.mapdata import dataset_to_mapdata
    from maps.palette import funders_to_colours
    from maps.picture import data_to_figure, figure_to_bytes

    dataset, regions = load_dataset(), load_regions()
    facts = dataset_to_facts(dataset)
    spec = plan_maps(dataset, facts)[0]
    data = dataset_to_mapdata(dataset, spec, facts, funders_to_colours(dataset.funders()))
    outputs = []
    for _ in range(2):
        fig = data_to_figure(data, regions, load_neighbours(), shading="count")
        outputs.append(figure_to_bytes(fig, ("png", "svg"), 300))
    assert Image.open(io.BytesIO(outputs[0]["png"])).size == (2400, 2880)
    assert outputs[0] == outputs[1]  # same bytes every time
