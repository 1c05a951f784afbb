"""How fast documents are read and reviewed: prints figures, asserts nothing.

    python benchmarks/bench_extract.py [--pages 20]

A report of ``--pages`` pages (about 3,000 characters a page, made of the seed
documents' text) is written as .txt, .html, .pdf and .docx; each is read, and the
text-as-read rate is printed. Then the review page is built for the 20-page report:
with the project's geoparser when it is installed (else with the tests' stand-in
parser, which finds a fixed list of names), its time and size are printed.
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from conftest import NameParser, docx_paragraphs, text_pdf  # noqa: E402

from coop.documents import read_document  # noqa: E402
from coop.drafts import documents_to_extractions, extractions_to_locations_csv  # noqa: E402

SEEDS = Path("/work/shared/seeds")
PAGE_CHARS = 3000
STAND_IN_NAMES = ["Lima", "Cusco", "Arequipa", "Piura", "Iquitos", "Cajamarca", "Puno",
                  "Junín", "Ancash", "Huancavelica", "La Molina", "Trujilo", "Loreto"]


def report_paragraphs(pages: int) -> list[str]:
    """Paragraphs of the seed documents, repeated to about ``pages`` pages."""
    source = [p.read_text(encoding="utf-8-sig") for p in sorted(SEEDS.glob("*.txt"))]
    paragraphs = [" ".join(p.split()) for text in source for p in text.split("\n\n") if p.strip()]
    out, size = [], 0
    while size < pages * PAGE_CHARS:
        for p in paragraphs:
            out.append(p)
            size += len(p) + 1
            if size >= pages * PAGE_CHARS:
                break
    return out


def pdf_lines(paragraphs: list[str], width: int = 90) -> list[list[str]]:
    """The paragraphs wrapped into 45-line pages (Helvetica's WinAnsi characters only)."""
    import textwrap

    lines = []
    for p in paragraphs:
        clean = p.encode("cp1252", "replace").decode("cp1252")
        lines += textwrap.wrap(clean, width) + [""]
    return [lines[i:i + 45] for i in range(0, len(lines), 45)]


def write_formats(folder: Path, paragraphs: list[str]) -> dict[str, Path]:
    text = "\n\n".join(paragraphs)
    files = {"txt": folder / "report.txt", "html": folder / "report.html",
             "pdf": folder / "report.pdf", "docx": folder / "report.docx"}
    files["txt"].write_text(text, encoding="utf-8")
    files["html"].write_text("<html><body>" + "".join(f"<p>{html.escape(p)}</p>"
                                                      for p in paragraphs) + "</body></html>",
                             encoding="utf-8")
    files["pdf"].write_bytes(text_pdf(pdf_lines(paragraphs)))
    files["docx"].write_bytes(docx_paragraphs(paragraphs))
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = write_formats(Path(tmp), report_paragraphs(args.pages))
        print(f"a {args.pages}-page report (~{args.pages * PAGE_CHARS:,} characters)")
        print(f"{'format':<6} {'file KB':>8} {'chars':>8} {'read s':>8} {'MB text/s':>10}")
        documents = {}
        for fmt, path in files.items():
            started = time.perf_counter()
            document = read_document(str(path))
            took = time.perf_counter() - started
            documents[fmt] = document
            mb = len(document.text.encode("utf-8")) / 1e6
            print(f"{fmt:<6} {path.stat().st_size / 1024:>8.0f} {len(document.text):>8,} "
                  f"{took:>8.3f} {mb / took:>10.1f}")
        try:
            started = time.perf_counter()
            from geo.geoparser import default_geoparser

            geoparser = default_geoparser()
            label = "the project's geoparser"
        except ImportError:
            started = time.perf_counter()
            geoparser = NameParser(STAND_IN_NAMES)
            label = "the tests' stand-in parser (geo.geoparser is not installed)"
        print(f"parser: {label}; ready in {time.perf_counter() - started:.2f} s")
        started = time.perf_counter()
        extractions = documents_to_extractions([documents["pdf"]], geoparser)
        parsed = time.perf_counter() - started
        mentions = len(extractions[0].mentions)
        print(f"parse the PDF's text: {parsed:.3f} s, {mentions} mentions")
        from maps.review import render_review_page

        started = time.perf_counter()
        page = render_review_page(extractions, []).encode("utf-8")
        draft = extractions_to_locations_csv(extractions)
        took = time.perf_counter() - started
        print(f"review.html + locations.csv: {took:.2f} s; review.html {len(page) / 1e6:.2f} MB, "
              f"{draft.count(chr(10)) - 1} draft rows")
        if not label.startswith("the project"):
            return
        for args in ([str(files["pdf"])], [str(files["pdf"]), "--out", str(Path(tmp) / "out")]):
            started = time.perf_counter()
            result = subprocess.run([sys.executable, str(ROOT / "build_maps.py"), "extract", *args],
                                    capture_output=True, text=True, check=False)
            took = time.perf_counter() - started
            print(f"command: extract {' '.join(Path(a).name for a in args)}: {took:.2f} s wall, "
                  f"exit {result.returncode}, {len(list(csv.reader(io.StringIO(result.stdout)))) - 1} rows")


if __name__ == "__main__":
    main()
