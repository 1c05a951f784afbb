"""IATI import speed and memory on a generated file of 20,000 activities (about 150 MB).

    python benchmarks/bench_iati.py [ACTIVITIES] [RUNS]

The file looks like a large publisher's: each activity has English and Spanish
titles, a long description, four participating organisations, DAC sectors,
yearly budgets (original and revised), five to ten transactions and one to three
locations (a point near a gazetteer place with its name, or a name only, some
with swapped points); seven in ten are for Peru, the rest for its neighbours.
Prints the time and peak memory of a bare lxml ``iterparse`` pass over the file
(clearing each activity, nothing else) and of ``build_maps.py iati`` on it, each
run in a new process, start-up included, alternately RUNS times (default 5): the
best and the median wall-clock time and CPU time (user + system, which other
processes on a shared machine disturb less), and the ratios. Goal: at most 4
times the bare pass, and under 500 MB.
"""

from __future__ import annotations

import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.gazetteer import read_places  # noqa: E402

FUNDERS = [("XM-DAC-2-10", "Belgium DGD"), ("BE-BCE_KBO-0264814354", "Enabel"),
           ("XM-DAC-50-10", "AECID"), ("XI-IATI-EC_INTPA", "European Commission - INTPA"),
           ("XM-DAC-11-1", "SDC"), ("US-GOV-1", "USAID"), ("XM-DAC-41114", "UNDP"),
           ("XI-IATI-IADB", "Inter-American Development Bank")]
SECTORS = ["11110", "11220", "12220", "14030", "15110", "15150", "23210", "25010", "31120",
           "31161", "41010", "43040", "72010", "74020", "99810"]
WORDS = ("water climate resilience farmers women health school governance market rural "
         "community municipality andean amazon capacity training research value chain "
         "agua salud comunidad gobierno local productores").split()
BARE = """
import resource, sys, time
from lxml import etree
t = time.perf_counter()
n = 0
for _e, el in etree.iterparse(sys.argv[1], events=("end",), tag="iati-activity",
                              resolve_entities=False, no_network=True, load_dtd=False,
                              huge_tree=False):
    n += 1
    el.clear()
    while el.getprevious() is not None:
        del el.getparent()[0]
print(n, time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
IMPORT = """
import resource, runpy, sys
sys.path.insert(0, r"{root}")
sys.argv = ["build_maps.py", "iati", sys.argv[1], "--out", sys.argv[2]]
try:
    runpy.run_path(r"{root}/build_maps.py", run_name="__main__")
except SystemExit as exc:
    if exc.code:
        raise
print("maxrss_kb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def activity_xml(k: int, rng: random.Random, places: list) -> str:
    """One activity, as a publisher would write it."""
    funder = rng.choice(FUNDERS)
    peru = rng.random() < 0.7
    countries = ('<recipient-country code="PE" percentage="100"/>' if peru else
                 f'<recipient-country code="{rng.choice(["BO", "EC", "CO", "BR"])}"/>')
    parts = [f'<iati-activity xml:lang="en" default-currency="EUR" '
             f'last-updated-datetime="2024-01-01T00:00:00">',
             f"<iati-identifier>{funder[0]}-BENCH-{k:06d}</iati-identifier>",
             f'<reporting-org ref="{funder[0]}" type="10"><narrative>{funder[1]}</narrative>'
             "</reporting-org>",
             f"<title><narrative>{text(rng, 8)}</narrative><narrative xml:lang=\"es\">"
             f"{text(rng, 8)}</narrative></title>",
             f'<description type="1"><narrative>{text(rng, 90)}</narrative>'
             f'<narrative xml:lang="es">{text(rng, 40)}</narrative></description>',
             f'<participating-org ref="{funder[0]}" role="1" type="10"><narrative>{funder[1]}'
             "</narrative></participating-org>",
             f'<participating-org ref="{funder[0]}" role="3" type="10"><narrative>{funder[1]}'
             "</narrative></participating-org>",
             f'<participating-org ref="PE-RUC-20{k % 1000:09d}" role="4" type="22"><narrative>'
             f"Implementer {k % 1000}</narrative></participating-org>",
             '<participating-org ref="PE-RUC-20131370998" role="2" type="10"><narrative>'
             "Ministerio del Ambiente</narrative></participating-org>",
             f'<activity-status code="{rng.choice("12234")}"/>',
             f'<activity-date iso-date="{2015 + k % 8}-01-01" type="1"/>',
             f'<activity-date iso-date="{2015 + k % 8}-02-15" type="2"/>',
             f'<activity-date iso-date="{2020 + k % 8}-12-31" type="3"/>', countries]
    for _ in range(rng.randint(1, 3)):
        place = rng.choice(places)
        lat, lon = place.lat + rng.uniform(-0.02, 0.02), place.lon + rng.uniform(-0.02, 0.02)
        if not peru:
            lat, lon = lat + 2.0, lon + 8.0
        pos = f"{lon:.5f} {lat:.5f}" if rng.random() < 0.05 else f"{lat:.5f} {lon:.5f}"
        point = (f'<point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>{pos}</pos>'
                 "</point><exactness code=\"1\"/>") if rng.random() < 0.7 else ""
        parts.append(f'<location><location-reach code="1"/><name><narrative>'
                     f"{escape(place.name)}</narrative></name>{point}"
                     '<location-class code="2"/></location>')
    for code in rng.sample(SECTORS, 2):
        parts.append(f'<sector vocabulary="1" code="{code}" percentage="50"/>')
    for year in range(2020, 2024):
        for kind in ("1", "2"):
            parts.append(f'<budget type="{kind}" status="1"><period-start iso-date="{year}-01-01"/>'
                         f'<period-end iso-date="{year}-12-31"/><value currency="EUR" '
                         f'value-date="{year}-01-01">{rng.randint(1, 900) * 1000}</value></budget>')
    for t in range(rng.randint(5, 10)):
        kind = "2" if t == 0 else rng.choice("34")
        parts.append(f'<transaction ref="{k}-{t}"><transaction-type code="{kind}"/>'
                     f'<transaction-date iso-date="2021-{1 + t % 12:02d}-15"/>'
                     f'<value currency="EUR" value-date="2021-{1 + t % 12:02d}-15">'
                     f"{rng.randint(1, 90000)}</value><description><narrative>"
                     f"{text(rng, 12)}</narrative></description>"
                     f'<provider-org ref="{funder[0]}"><narrative>{funder[1]}</narrative>'
                     "</provider-org><receiver-org><narrative>Implementer</narrative>"
                     "</receiver-org></transaction>")
    parts.append("</iati-activity>\n")
    return "".join(parts)


def write_file(path: Path, n: int, seed: int = 5) -> None:
    rng = random.Random(seed)
    places = [p for p in read_places() if p.level in ("populated place", "district")]
    with path.open("w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">\n')
        for k in range(n):
            fh.write(activity_xml(k, rng, places))
        fh.write("</iati-activities>\n")


def run_timed(args: list[str], cwd: str) -> tuple[float, float, subprocess.CompletedProcess]:
    """Run a command: wall-clock seconds, CPU seconds (user + system), the run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    run = subprocess.run(args, capture_output=True, text=True, cwd=cwd)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if run.returncode:
        sys.exit(run.stderr)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, run


def run_import(path: Path, out: Path, cwd: str) -> tuple[float, float, float, subprocess.CompletedProcess]:
    """``build_maps.py iati PATH --out OUT`` in a new process: wall s, CPU s, peak MB, run."""
    wall, cpu, run = run_timed([sys.executable, "-c", IMPORT.format(root=ROOT), str(path),
                                str(out)], cwd)
    return wall, cpu, int(run.stderr.split("maxrss_kb")[-1]) / 1024, run


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def best_median(values: list[float]) -> str:
    return f"best {min(values):.2f} s, median {statistics.median(values):.2f} s"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "activities.xml"
        started = time.perf_counter()
        write_file(path, n)
        size = path.stat().st_size / 1e6
        print(f"generated {n:,} activities, {size:.0f} MB in {time.perf_counter() - started:.1f} s; "
              f"load average {_load()} on {os.cpu_count()} CPUs")
        small = Path(tmp) / "one.xml"
        write_file(small, 20)
        fixed, fixed_cpu, _peak, _run = run_import(small, Path(tmp) / "out1", tmp)
        bare_walls, bare_cpus, walls, cpus, peaks = [], [], [], [], []
        for k in range(runs):
            wall, cpu, bare = run_timed([sys.executable, "-c", BARE, str(path)], tmp)
            count, _parse_s, bare_kb = bare.stdout.split()
            bare_walls.append(wall)
            bare_cpus.append(cpu)
            out = Path(tmp) / f"out{k + 2}"
            wall, cpu, peak, run = run_import(path, out, tmp)
            walls.append(wall)
            cpus.append(cpu)
            peaks.append(peak)
        print(f"bare lxml iterparse ({runs} runs, {int(count):,} activities, peak "
              f"{int(bare_kb) / 1024:.0f} MB): wall {best_median(bare_walls)}; CPU "
              f"{best_median(bare_cpus)}")
        print(f"build_maps.py iati  ({runs} runs, peak {max(peaks):.0f} MB): wall "
              f"{best_median(walls)}; CPU {best_median(cpus)} (start-up and a 20-activity "
              f"file: {fixed:.2f} s wall, {fixed_cpu:.2f} s CPU)")
        print(f"  {run.stdout.strip()}")
        print(f"ratio (goal <= 4): wall best {min(walls) / min(bare_walls):.2f} x, median "
              f"{statistics.median(walls) / statistics.median(bare_walls):.2f} x; CPU best "
              f"{min(cpus) / min(bare_cpus):.2f} x, median "
              f"{statistics.median(cpus) / statistics.median(bare_cpus):.2f} x; peak memory "
              f"{max(peaks):.0f} MB (goal < 500 MB); outputs "
              + ", ".join(f"{p.name} {p.stat().st_size / 1e6:.1f} MB"
                          for p in sorted(out.glob("*.csv"))))
        print(f"load average after: {_load()} (other processes slow both passes, the "
              "import more: compare runs made under the same load)")


if __name__ == "__main__":
    main()
