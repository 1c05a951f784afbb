"""A map page's view as a URL fragment (pure): the same keys the page script reads
and writes (``maps/static/coopmap.js``): ``shading``, ``from``, ``to``, ``funders``
(slugs), ``view`` (lat,lon,zoom) and ``popup`` (an ISO code or ``m<n>``)."""

from __future__ import annotations

from urllib.parse import quote

from maps.period import Period


def view_to_fragment(shading: str, period: Period = Period(), funders: tuple[str, ...] = ()
                     ) -> str:
    """``"#shading=count&from=2019&to=2021&funders=dgd"``: what a link opens on."""
    parts = [f"shading={quote(shading)}"]
    if period.start is not None:
        parts.append(f"from={period.start}")
    if period.end is not None:
        parts.append(f"to={period.end}")
    if funders:
        parts.append("funders=" + ",".join(quote(f) for f in funders))
    return "#" + "&".join(parts)


def view_link(filename: str, shading: str, period: Period = Period(),
              funders: tuple[str, ...] = ()) -> str:
    """A page and the view it should open on."""
    return filename + view_to_fragment(shading, period, funders)
