"""Command line for the Peru cooperation maps.

    python build_maps.py [--data PATH] [--out DIR]      build the maps
        [--lang es|en] [--export]                       in Spanish; with cooperation.gpkg
    python build_maps.py geocode NAME [--department D]  one name -> one JSON object
    python build_maps.py geocode --file F               names -> CSV on stdout
    python build_maps.py validate [--data PATH]         check a dataset
    python build_maps.py iati PATH... --out DIR         IATI activity files -> a dataset
    python build_maps.py extract FILE_OR_FOLDER... [--out DIR]
                                                        place mentions in documents -> CSV
"""

from __future__ import annotations

import argparse
import csv
import os
import signal
import sys
from pathlib import Path

from typing import TYPE_CHECKING

from coop.errors import DataErrors
from geo.errors import PeruMapsError, UnknownDepartmentError, UnknownPlaceError

if TYPE_CHECKING:
    from coop.model import Dataset

COMMANDS = ("build", "geocode", "validate", "iati", "extract")
_INTERRUPTED: list[bool] = []  # Ctrl-C seen, even where Python dropped its KeyboardInterrupt


def _on_interrupt(signum: int, frame: object) -> None:
    """Ctrl-C: remember it, then interrupt as Python does. Python only prints ("Exception
    ignored") a KeyboardInterrupt raised in a weakref callback or ``__del__`` (matplotlib
    runs such), so a command checks again before it writes (:func:`_write_folder`)."""
    _INTERRUPTED.append(True)
    raise KeyboardInterrupt


def _quiet_unraisable(unraisable: "sys.UnraisableHookArgs") -> None:
    """The interrupt dropped in a callback is remembered, not printed as a traceback;
    anything else goes to Python's own hook."""
    if not issubclass(unraisable.exc_type, KeyboardInterrupt):
        sys.__unraisablehook__(unraisable)


def install_interrupt_handling() -> None:
    """For the command-line process: Ctrl-C is never lost, and never a traceback."""
    signal.signal(signal.SIGINT, _on_interrupt)
    sys.unraisablehook = _quiet_unraisable


def _write_folder(files: dict[str, bytes], out: Path) -> None:
    """Put a command's output in place, unless the user interrupted it meanwhile."""
    from coop.folders import write_output_folder

    if _INTERRUPTED:
        raise KeyboardInterrupt
    write_output_folder(files, out)


def _geocode_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="build_maps.py geocode",
                                description="Resolve Peruvian place names.")
    p.add_argument("name", nargs="?", help="a place name, e.g. 'Cajamarca' or 'city of Iquitos'")
    p.add_argument("--department", "-d", help="department hint: name, INEI code or ISO code")
    p.add_argument("--file", "-f", type=Path,
                   help="names one per line, optionally NAME<TAB>DEPARTMENT; CSV to stdout")
    return p


def run_geocode(argv: list[str]) -> int:
    """The ``geocode`` subcommand."""
    from geo.geocoder import RESULT_COLUMNS, default_geocoder

    parser = _geocode_parser()
    args = parser.parse_args(argv)
    if (args.name is None) == (args.file is None):
        parser.error("give either a NAME or --file")
    geocoder = default_geocoder()
    if args.name is not None:
        try:
            print(geocoder.geocode(args.name, args.department).to_json())
        except (UnknownPlaceError, UnknownDepartmentError) as exc:
            print(f"build_maps.py: {exc}", file=sys.stderr)
            return 1
        return 0
    from coop.files import read_text, text_to_csv_cell

    lines = read_text(args.file).splitlines()
    writer = csv.DictWriter(sys.stdout, fieldnames=RESULT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        name, _, hint = line.partition("\t")
        name, hint = name.strip(), hint.strip()
        try:
            row = geocoder.geocode(name, hint or None).to_record()
        except (UnknownPlaceError, UnknownDepartmentError) as exc:
            print(f"{args.file}:{lineno}: {exc}", file=sys.stderr)
            row = {"query": name, "hint": hint, "status": "unknown"}
        writer.writerow({k: "" if v is None else text_to_csv_cell(v) for k, v in row.items()})
    return 0


def run_validate(argv: list[str]) -> int:
    """The ``validate`` subcommand: a one-line summary, or every problem and exit 2."""
    from coop.validation import DEFAULT_DATA, load_dataset

    p = argparse.ArgumentParser(prog="build_maps.py validate",
                                description="Check a dataset of interventions.")
    p.add_argument("--data", type=Path, default=DEFAULT_DATA,
                   help="a folder with interventions.csv and locations.csv, an .xlsx file, "
                        "or IATI activity files (.xml, or a folder of them)")
    args = p.parse_args(argv)
    dataset = load_dataset(args.data)
    print(summarize(dataset))
    return 0


def run_iati(argv: list[str]) -> int:
    """The ``iati`` subcommand: IATI activity files -> interventions.csv, locations.csv, log."""
    from coop.folders import check_output_folder
    from coop.iati import paths_to_import

    p = argparse.ArgumentParser(prog="build_maps.py iati",
                                description="Import IATI activity files (standard 2.01-2.03, "
                                            "1.0x as far as it goes) for Peru as a dataset.")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                   help="IATI activity files, or folders of them (their .xml files)")
    p.add_argument("--out", type=Path, required=True,
                   help="folder to write interventions.csv, locations.csv and iati-log.csv")
    p.add_argument("--country", default="PE", help="recipient country (only PE: the maps are Peru's)")
    args = p.parse_args(argv)
    if args.country.strip().upper() != "PE":
        print(f"build_maps.py: --country {args.country}: only PE (Peru) can be imported: the "
              "maps' geography is Peru's", file=sys.stderr)
        return 2
    check_output_folder(args.out)
    result = paths_to_import(args.paths)
    _write_folder(result.to_files(), args.out)
    print(f"{args.out}: {result.summary()}")
    return 0
def run_extract(argv: list[str]) -> int:
    """The ``extract`` subcommand: every Peruvian place mention as CSV on stdout; with
    ``--out``, mentions.csv, a locations.csv draft and review.html. Exit 2 when a
    document could not be read (the others are still read)."""
    from coop.documents import arguments_to_paths, read_documents
    from coop.drafts import (MENTION_COLUMNS, documents_to_extractions, extractions_to_rows,
                             rows_to_csv)
    from coop.folders import check_output_folder

    p = argparse.ArgumentParser(
        prog="build_maps.py extract",
        description="Find the Peruvian places that documents name (.txt, .md, .html, .htm, "
                    ".pdf, .docx; a folder means the documents in it).")
    p.add_argument("documents", nargs="+", metavar="FILE_OR_FOLDER")
    p.add_argument("--out", type=Path,
                   help="also write DIR/mentions.csv, DIR/locations.csv (a draft) and "
                        "DIR/review.html")
    args = p.parse_args(argv)
    if args.out is not None:
        check_output_folder(args.out)
    names, failures = arguments_to_paths(args.documents)
    documents, unread = read_documents(names)
    failures += unread
    extractions = documents_to_extractions(documents) if documents else []
    sys.stdout.write(rows_to_csv(extractions_to_rows(extractions), MENTION_COLUMNS))
    sys.stdout.flush()
    for failure in failures:
        print(failure, file=sys.stderr)
    if args.out is not None and extractions:
        from maps.review import draft_to_files

        _write_folder(draft_to_files(extractions, failures), args.out)
    elif args.out is not None:
        print(f"build_maps.py: no document could be read; {args.out} was not written",
              file=sys.stderr)
    return 2 if failures else 0


def summarize(dataset: Dataset) -> str:
    """One line on a sound dataset."""
    places = {(loc.ubigeo, loc.name) for loc in dataset.locations}
    return (f"{dataset.label}: OK: {len(dataset.interventions)} interventions, "
            f"{len(dataset.locations)} locations at {len(places)} places, "
            f"{len(dataset.funders())} funders; {len(dataset.unlocated())} national or "
            f"with regions not named")


def _build_parser() -> argparse.ArgumentParser:
    from coop.validation import DEFAULT_DATA

    p = argparse.ArgumentParser(
        prog="build_maps.py", description="Build the Peru cooperation maps from a dataset.",
        epilog="other commands: 'build_maps.py validate [--data PATH]' checks a dataset; "
               "'build_maps.py geocode NAME [--department D]' or 'geocode --file F' "
               "resolves place names; 'build_maps.py iati PATH... --out DIR' imports IATI "
               "activity files; 'build_maps.py extract FILE_OR_FOLDER... [--out DIR]' finds "
               "the places documents name (each has --help)")
    p.add_argument("--data", type=Path, default=DEFAULT_DATA,
                   help="a folder with interventions.csv and locations.csv, an .xlsx file, or "
                        "IATI activity files (.xml, or a folder of them) (default: the bundled data)")
    p.add_argument("--out", type=Path, default=Path("output"),
                   help="folder to write (default: output/): a new or empty folder, or an earlier output, "
                        "replaced only when the build succeeds")
    p.add_argument("--tiles", action="store_true",
                   help="add an online OpenStreetMap tile layer (needs a network to show)")
    p.add_argument("--embed", action="store_true",
                   help="also write an iframe snippet per map (NAME.embed.html)")
    p.add_argument("--static", action="store_true",
                   help="also write PNG and SVG maps (static/) and report.html + report.pdf "
                        "(the PDF needs Chromium)")
    p.add_argument("--dpi", type=int, default=150,
                   help="resolution of the PNG maps (default 150; 300 for print)")
    p.add_argument("--lang", choices=("en", "es"), default="en",
                   help="language of every page, picture and table: en (default) or es")
    p.add_argument("--export", action="store_true",
                   help="also write cooperation.gpkg (GeoPackage, EPSG:4326) for QGIS and other GIS")
    p.add_argument("--from", dest="year_from", type=int, metavar="YEAR",
                   help="only interventions active from this year on (titles say the period; "
                        "interventions without dates are left out, and counted)")
    p.add_argument("--to", dest="year_to", type=int, metavar="YEAR",
                   help="only interventions active up to this year")
    p.add_argument("--currency", choices=("EUR", "USD"), default="EUR",
                   help="currency of the budget shading, popups and matrix (default EUR)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress on stderr")
    return p


def run_build(argv: list[str]) -> int:
    """The default command: build every map into --out."""
    import time

    from coop.folders import check_output_folder
    from coop.validation import load_dataset
    from maps.atlas import BuildOptions, dataset_to_files
    from maps.memory import collection_paused
    from maps.period import Period

    parser = _build_parser()
    args = parser.parse_args(argv)
    if not 30 <= args.dpi <= 1200:
        parser.error("--dpi takes a whole number from 30 to 1200")
    for flag, year in (("--from", args.year_from), ("--to", args.year_to)):
        if year is not None and not 1900 <= year <= 2100:
            parser.error(f"{flag} takes a year from 1900 to 2100")
    if args.year_from is not None and args.year_to is not None and args.year_from > args.year_to:
        parser.error(f"--from {args.year_from} is after --to {args.year_to}")
    started = time.perf_counter()
    show = not args.quiet and sys.stderr.isatty()

    def progress(message: str) -> None:
        if show and time.perf_counter() - started > 2:
            print(f"\r{message[:70]:<70}", end="", file=sys.stderr, flush=True)

    check_output_folder(args.out)
    with collection_paused():  # tens of thousands of rows, no cycles (maps/memory.py)
        dataset = load_dataset(args.data, progress=progress)
    files = dataset_to_files(dataset, BuildOptions(tiles=args.tiles, embed=args.embed,
                                                    static=args.static, dpi=args.dpi,
                                                    lang=args.lang, export=args.export,
                                                    currency=args.currency,
                                                    period=Period(args.year_from, args.year_to)),
                             progress)
    progress(f"writing {len(files)} files")
    _write_folder(files, args.out)
    if show and time.perf_counter() - started > 2:
        print(file=sys.stderr)
    maps = sum(1 for name in files if name.endswith(".html") and ".embed." not in name)
    print(f"wrote {len(files)} files ({maps} pages) to {args.out}/ in "
          f"{time.perf_counter() - started:.1f} s; open {args.out / 'index.html'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point: dispatch to a subcommand; errors become one line, no traceback."""
    argv = list(sys.argv[1:] if argv is None else argv)
    command = argv.pop(0) if argv and argv[0] in COMMANDS else "build"
    try:
        if command == "geocode":
            return run_geocode(argv)
        if command == "validate":
            return run_validate(argv)
        if command == "iati":
            return run_iati(argv)
        if command == "extract":
            return run_extract(argv)
        return run_build(argv)
    except DataErrors as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print(f"build_maps.py: {len(exc.errors)} problem(s) found; nothing was written",
              file=sys.stderr)
        return 2
    except PeruMapsError as exc:
        print(f"build_maps.py: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("build_maps.py: interrupted; nothing was changed", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one line for the user, the traceback on request
        if os.environ.get("PERU_MAPS_DEBUG"):
            raise
        print(f"build_maps.py: unexpected error ({type(exc).__name__}: {exc}); nothing was "
              "changed. Set PERU_MAPS_DEBUG=1 to see the details, and please report it.",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    install_interrupt_handling()
    sys.exit(main())
