"""Geoparser: precision, recall and F1 on the gold set beside a naive baseline; speed.

    GOLD_DIR=tests/gold python benchmarks/bench_geoparser.py [--mb 5] [--repeat 3]

The baseline reports every exact gazetteer name (places, features, aliases, as
written in the tables) found in the text between word boundaries, longest first,
resolved by the geocoder's default rule. Start-up is the time to build the
gazetteer, the geocoder and the matcher in a fresh process; throughput is
measured after start-up on the gold texts repeated to the given size, several
times: best and median, in wall time and in CPU time (the machine may be shared),
with the load average.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.gazetteer import load_gazetteer  # noqa: E402
from geo.geocoder import default_geocoder  # noqa: E402
from geo.geoparser import default_geoparser  # noqa: E402
from geo.scoring import Span, read_gold, score_spans  # noqa: E402


def baseline_spans(document: str, text: str, pattern: re.Pattern) -> list[Span]:
    """Every exact gazetteer name in the text, resolved by the default rule."""
    geocoder = default_geocoder()
    spans = []
    for m in pattern.finditer(text):
        match = geocoder.geocode(m.group())
        spans.append(Span(document, m.start(), m.end(), match.department_code))
    return spans


def baseline_pattern() -> re.Pattern:
    gazetteer = load_gazetteer()
    names = {p.name for p in gazetteer.places} | {a.alias for a in gazetteer.aliases}
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")


def startup_seconds() -> float:
    code = ("import time; t=time.perf_counter(); from geo.geoparser import default_geoparser;"
            "default_geoparser(); print(time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="text size for throughput")
    parser.add_argument("--repeat", type=int, default=3, help="throughput runs")
    args = parser.parse_args()
    gold_dir = Path(os.environ.get("GOLD_DIR", ROOT / "tests" / "gold"))
    texts, sources, gold = read_gold(gold_dir)
    geoparser = default_geoparser()
    pattern = baseline_pattern()
    groups: dict[tuple[str, str], list[str]] = {}
    for doc, row in sources.items():
        for key in ((row["split"], row["language"]), (row["split"], "all")):
            groups.setdefault(key, []).append(doc)
    print(f"gold: {gold_dir} ({len(texts)} documents, {len(gold)} places)")
    print(f"{'split':6} {'lang':4} {'docs':>4} {'gold':>5} | {'geoparser P':>11} {'R':>5} "
          f"{'F1':>5} | {'baseline P':>10} {'R':>5} {'F1':>5}")
    for (split, lang), docs in sorted(groups.items()):
        chosen = set(docs)
        truth = [g for g in gold if g.document in chosen]
        ours = [Span(d, m.start, m.end, m.department_code) for d in docs
                for m in geoparser.parse(texts[d])]
        base = [s for d in docs for s in baseline_spans(d, texts[d], pattern)]
        a, b = score_spans(ours, truth), score_spans(base, truth)
        print(f"{split:6} {lang:4} {len(docs):>4} {len(truth):>5} | {a.precision:>11.3f} "
              f"{a.recall:>5.3f} {a.f1:>5.3f} | {b.precision:>10.3f} {b.recall:>5.3f} "
              f"{b.f1:>5.3f}")
    print(f"start-up (fresh process, gazetteer and matcher ready): {startup_seconds():.2f} s")
    corpus = "\n\n".join(texts.values())
    size = int(args.mb * 1_000_000)
    big = (corpus * (size // len(corpus.encode("utf-8")) + 1))
    big = big[: size]
    megabytes = len(big.encode("utf-8")) / 1_000_000
    walls, cpus = [], []
    for _ in range(args.repeat):  # the machine is shared: wall time is noisy, CPU time less
        t, c = time.perf_counter(), time.process_time()
        found = geoparser.parse(big)
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    for label, times in (("wall", walls), ("CPU", cpus)):
        best, median = min(times), statistics.median(times)
        print(f"throughput ({label} time, {len(times)} runs): {megabytes:.2f} MB, best "
              f"{best:.2f} s = {megabytes / best:.2f} MB/s, median {median:.2f} s = "
              f"{megabytes / median:.2f} MB/s ({len(found)} mentions)")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
