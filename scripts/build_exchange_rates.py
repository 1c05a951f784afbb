"""Regenerate ``data/exchange_rates.csv``: yearly exchange rates against the US dollar.

    python scripts/build_exchange_rates.py [IMF_CSV] [--out data/exchange_rates.csv]

Source: International Monetary Fund, International Financial Statistics, as
republished by codeforIATI (github.com/codeforIATI/imf-exchangerates, file
``imf_exchangerates_A_ENDA_USD.csv`` of its gh-pages branch, the CSV its site
serves at codeforiati.org/imf-exchangerates/): annual (``A``) rates at the END of
each year (``ENDA``, national currency per US dollar). Without an argument the
file is downloaded from that site; a local copy may be given instead.

Limitation, said wherever the rates are used: these are END-of-year rates, not
the yearly AVERAGE rates that aid statistics use (OECD/DAC annual averages, IMF
``ENDA``'s sibling ``ENSA``/period-average series); no average series was
reachable when the table was made. A year's end rate can differ from its average
by several per cent in a volatile year.

Kept: years from 2000 on, and each currency's rate from its own issuer (the euro
area ``U2`` for EUR, the United States for USD, else the one country that issues
it, the first by country code when several share it).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
URL = "https://codeforiati.org/imf-exchangerates/imf_exchangerates_A_ENDA_USD.csv"
FIRST_YEAR = 2000
ISSUER = {"EUR": "U2", "USD": "US"}
HEADER = ["year", "currency", "per_usd"]


def rows_to_table(rows: list[dict[str, str]]) -> list[tuple[int, str, float]]:
    """IMF rows -> ``(year, currency, units per USD)``, one per year and currency."""
    chosen: dict[tuple[int, str], tuple[str, float]] = {}
    for row in rows:
        if row.get("Frequency") != "A" or not row.get("Rate"):
            continue
        year, currency, country = int(row["Date"][:4]), row["Currency"], row["Country code"]
        if year < FIRST_YEAR or len(currency) != 3:
            continue
        if currency in ISSUER and country != ISSUER[currency]:
            continue
        key = (year, currency)
        if key not in chosen or country < chosen[key][0]:
            chosen[key] = (country, float(row["Rate"]))
    return sorted((y, c, rate) for (y, c), (_country, rate) in chosen.items())


def table_to_csv(table: list[tuple[int, str, float]]) -> str:
    """The bundled table's text: ``year,currency,per_usd``, 8 significant digits."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for year, currency, rate in table:
        writer.writerow([year, currency, f"{rate:.8g}"])
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("source", nargs="?", help=f"a local copy of the IMF CSV (default: {URL})")
    p.add_argument("--out", type=Path, default=ROOT / "data" / "exchange_rates.csv")
    args = p.parse_args(argv)
    if args.source:
        text = Path(args.source).read_text(encoding="utf-8-sig")
    else:
        with urllib.request.urlopen(URL, timeout=60) as response:  # noqa: S310 (fixed https URL)
            text = response.read().decode("utf-8-sig")
    table = rows_to_table(list(csv.DictReader(io.StringIO(text))))
    args.out.write_text(table_to_csv(table), encoding="utf-8")
    currencies = {c for _y, c, _r in table}
    print(f"{args.out}: {len(table)} rates, {len(currencies)} currencies, "
          f"{min(y for y, _c, _r in table)}-{max(y for y, _c, _r in table)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
