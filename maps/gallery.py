"""The gallery page, ``index.html``: one line on each map, with links."""

from __future__ import annotations

from coop.model import Dataset
from maps.escape import to_html_attr, to_html_text
from maps.i18n import Translator
from maps.mapdata import MapSpec

SECTIONS = ("overview", "funder", "theme", "department")  # kinds, each a gallery.KIND heading


def _link(href: str, text: str) -> str:
    return f'<a href="{to_html_attr(href)}">{to_html_text(text)}</a>'


def _with_link(tr: Translator, key: str, name: str, href: str) -> str:
    """A catalogue sentence holding one link, ``{name}``, both escaped."""
    before, _, after = tr.t(key, **{name: "\0"}).partition("\0")
    return to_html_text(before) + _link(href, tr.t(f"gallery.{name}")) + to_html_text(after)


def render_gallery(specs: list[MapSpec], dataset: Dataset, thumbs: dict[str, str], defs: str,
                   *, embed: bool = False, static: bool = False,
                   tr: Translator | None = None, export: bool = False,
                   links: dict[str, str] | None = None) -> str:
    """The index page: a card per map, with its thumbnail and one line; ``links`` give
    each map's address with the view its thumbnail shows (``maps.views``)."""
    links = links or {}
    tr = tr or Translator()
    parts = []
    for kind in SECTIONS:
        items = [s for s in specs if s.kind == kind]
        if not items:
            continue
        cards = []
        for spec in items:
            href = to_html_attr(links.get(spec.filename, spec.filename))
            extra = []
            if embed:
                extra.append(_link(spec.filename.replace(".html", ".embed.html"),
                                   tr.t("gallery.embed")))
            if static and spec.kind != "department":
                stem = "static/" + spec.filename.removesuffix(".html")
                extra.append(_link(f"{stem}.png", tr.t("gallery.picture_png")))
                extra.append(_link(f"{stem}.svg", tr.t("gallery.picture_svg")))
            more = f'<span class="more">{" · ".join(extra)}</span>' if extra else ""
            cards.append(f'<li class="card"><a href="{href}" class="thumb-link">'
                         f'{thumbs.get(spec.filename, "")}</a><div><a href="{href}">'
                         f'<b>{to_html_text(spec.title)}</b></a><p>'
                         f"{to_html_text(spec.description)}</p>{more}</div></li>")
        parts.append(f"<h2>{to_html_text(tr.t(f'gallery.{kind}'))}</h2>\n<ul class=\"cards\">\n"
                     + "\n".join(cards) + "\n</ul>")
    tables = [f"<li>{_link('matrix.html', tr.t('gallery.matrix'))}: "
              f"{_with_link(tr, 'gallery.matrix_text', 'csv', 'matrix.csv')}</li>"]
    if static:
        tables.append(f"<li>{_link('report.html', tr.t('gallery.report'))}: "
                      f"{_with_link(tr, 'gallery.report_text', 'pdf', 'report.pdf')}</li>")
    if export:
        tables.append(f"<li>{_link('cooperation.gpkg', tr.t('gallery.gpkg'))}: "
                      f"{to_html_text(tr.t('gallery.gpkg_text'))}</li>")
    intro = tr.intro("gallery", dataset)
    return GALLERY_PAGE.format(
        lang=to_html_attr(tr.html_lang),
        title=to_html_text(tr.t("gallery.title", title=tr.dataset_title(dataset))),
        heading=to_html_text(tr.t("gallery.heading", title=tr.dataset_title(dataset))),
        description=_description_html(dataset, tr), intro=to_html_text(intro),
        sections="\n".join(parts), defs=defs, tables_heading=to_html_text(tr.t("gallery.tables")),
        tables="\n".join(tables), cited=sources_html(dataset, tr),
        attribution=to_html_text(tr.attribution(dataset)))


def _description_html(dataset: Dataset, tr: Translator) -> str:
    text = dataset.info.text("description", tr.lang)
    return f"<p>{to_html_text(text)}</p>\n" if text else ""


def sources_html(dataset: Dataset, tr: Translator) -> str:
    """The dataset's sources as a list, when it names them."""
    if not dataset.info.sources:
        return ""
    items = []
    for source in dataset.info.sources:
        cite = to_html_text(source.citation())
        if source.url.startswith(("https://", "http://")):
            cite = f'<a href="{to_html_attr(source.url)}">{cite}</a>'
        items.append(f"<li>{cite} <small>({to_html_text(source.file)})</small></li>")
    return (f"<h2>{to_html_text(tr.t('data.sources_heading'))}</h2>\n<ul class=\"sources\">\n"
            + "\n".join(items) + "\n</ul>\n")


GALLERY_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
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
<h1>{heading}</h1>
{description}<p>{intro}</p>
{sections}
<h2>{tables_heading}</h2>
<ul>
{tables}
</ul>
{cited}<p><small>{attribution}</small></p>
</body>
</html>
"""
