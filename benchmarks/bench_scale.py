"""Build time, peak memory and output sizes on synthetic datasets of 1,000, 10,000
and 100,000 interventions, each with 1 to 5 places drawn from the gazetteer.

    python benchmarks/bench_scale.py [--runs N] [SIZES...]

The report (``--static``'s report.html, without its pictures and PDF, which
Chromium prints) is timed apart, in this process: its list of interventions and
their places is the part that grew quadratically.

Funders come from a pool of 24 in 6 groups, themes from the vocabulary, places
from ``data/places.csv`` (INEI units and GeoNames towns) with their department
as hint; a tenth of the interventions are national; half state a budget (in EUR,
USD, PEN or GBP), so the budget shading and the live period data are in the page.

"ready s" is the time from navigation to the overview's ``data-cm-ready`` in
headless Chromium (``window.coopMapReadyMs``, the page script's own clock), the
median of three loads; the goal at 10,000 interventions is under 2 s. Each build runs in a new
process, as a user runs it; cost per 1,000 interventions shows whether it grows
linearly. With ``--runs N`` each size is built N times: "build s" is the best,
"median s" the median, and "load" the machine's 1-minute load average before the
builds (the machine is shared: a busy one slows every build).
"""

from __future__ import annotations

import csv
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.gazetteer import read_places  # noqa: E402
from coop.model import INTERVENTION_COLUMNS, LOCATION_COLUMNS  # noqa: E402
from coop.vocabulary import THEMES  # noqa: E402

GROUPS = ["Belgium", "Spain", "European Union", "Germany", "Japan", "United Nations"]
FUNDERS = [(f"{g} funder {i + 1}", g) for g in GROUPS for i in range(4)]
RUNNER = """
import resource, runpy, sys
sys.path.insert(0, r"{root}")
sys.argv = ["build_maps.py", "--data", sys.argv[1], "--out", sys.argv[2], "-q"]
try:
    runpy.run_path(sys.argv[0].replace("build_maps.py", r"{root}/build_maps.py"), run_name="__main__")
except SystemExit as exc:
    code = exc.code
print("maxrss_kb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(code or 0)
"""


def write_dataset(folder: Path, n: int, seed: int = 11) -> int:
    """Write ``n`` interventions and their places; return the number of places."""
    rng = random.Random(seed)
    places = [p for p in read_places() if p.level != "department"]
    depts = {p.ubigeo: p.name for p in read_places() if p.level == "department"}
    folder.mkdir(parents=True, exist_ok=True)
    icols = [c.name for c in INTERVENTION_COLUMNS]
    lcols = [c.name for c in LOCATION_COLUMNS]
    count = 0
    with (folder / "interventions.csv").open("w", encoding="utf-8", newline="") as fi, \
            (folder / "locations.csv").open("w", encoding="utf-8", newline="") as fl:
        wi = csv.DictWriter(fi, icols, lineterminator="\n")
        wl = csv.DictWriter(fl, lcols, lineterminator="\n")
        wi.writeheader()
        wl.writeheader()
        for k in range(n):
            funder, group = rng.choice(FUNDERS)
            national = rng.random() < 0.1
            start = rng.randint(2000, 2024)
            wi.writerow({"id": f"SYN-{k:06d}", "title": f"Synthetic intervention {k}",
                         "funders": funder, "funder_group": group,
                         "themes": "; ".join(rng.sample(THEMES, rng.randint(1, 3))),
                         "status": rng.choice(["ongoing", "completed"]),
                         "start": str(start), "end": str(start + rng.randint(0, 6)),
                         **({"budget": str(rng.randint(10, 5000) * 1000),
                             "currency": rng.choice(["EUR", "USD", "PEN", "GBP"])}
                            if rng.random() < 0.5 else {}),
                         "scope": "national" if national else "subnational",
                         "source": "synthetic.txt"})
            if national:
                continue
            for place in rng.sample(places, rng.randint(1, 5)):
                wl.writerow({"intervention_id": f"SYN-{k:06d}", "place": place.name,
                             "level": place.level, "department": depts[place.department]})
                count += 1
    return count


def build(data: Path, out: Path) -> tuple[float, int]:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", RUNNER.replace("{root}", str(ROOT)),
                             str(data), str(out)], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed: {result.stderr[-2000:]}")
    rss = int(result.stderr.strip().splitlines()[-1].split()[-1])
    return elapsed, rss


def time_report(data: Path) -> float:
    """Seconds to compute the facts and matrix and render report.html for a dataset."""
    from coop.facts import dataset_to_facts
    from coop.validation import load_dataset
    from maps.matrix import dataset_to_matrix
    from maps.palette import funders_to_colours
    from maps.report import render_report

    dataset = load_dataset(data)
    from geo.regions import load_regions

    load_regions()  # read once per process, as a build does; not the report's cost
    start = time.perf_counter()
    facts = dataset_to_facts(dataset)
    matrix = dataset_to_matrix(dataset, facts)
    render_report(dataset, facts, matrix, funders_to_colours(dataset.funders()), b"")
    return time.perf_counter() - start


def time_ready(page: Path, loads: int = 3) -> float:
    """Seconds from navigation until the page's map is ready in headless Chromium
    (median of ``loads``)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait

    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        times = []
        for _ in range(loads):
            driver.get("about:blank")
            driver.get(page.as_uri())
            WebDriverWait(driver, 60).until(
                lambda d: d.execute_script("return window.coopMapReadyMs !== undefined"))
            times.append(driver.execute_script("return window.coopMapReadyMs") / 1000)
        return sorted(times)[len(times) // 2]
    finally:
        driver.quit()


def main(argv: list[str]) -> int:
    runs = 1
    if argv[:1] == ["--runs"]:
        runs, argv = max(1, int(argv[1])), argv[2:]
    sizes = [int(a) for a in argv] or [1_000, 10_000, 100_000]
    print(f"{'interventions':>13} {'places':>8} {'build s':>8} {'median s':>9} {'load':>5} "
          f"{'s per 1k':>9} {'peak MB':>8} {'overview KB':>12} {'largest KB':>11} {'files':>6} "
          f"{'total MB':>9} {'report s':>9} {'ready s':>8}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "data"
            places = write_dataset(data, n)
            out = Path(tmp) / "out"
            load = os.getloadavg()[0]
            builds = []
            for run in range(runs):
                if run:
                    shutil.rmtree(out)
                builds.append(build(data, out))
            elapsed = min(t for t, _rss in builds)
            median = statistics.median(t for t, _rss in builds)
            rss = max(r for _t, r in builds)
            files = [p for p in out.rglob("*") if p.is_file()]
            largest = max(p.stat().st_size for p in files)
            total = sum(p.stat().st_size for p in files)
            overview = (out / "overview.html").stat().st_size
            report = time_report(data)
            ready = time_ready(out / "overview.html")
            print(f"{n:>13,} {places:>8,} {elapsed:>8.1f} {median:>9.1f} {load:>5.1f} "
                  f"{elapsed / n * 1000:>9.2f} "
                  f"{rss / 1024:>8.0f} {overview / 1024:>12.0f} {largest / 1024:>11.0f} "
                  f"{len(files):>6} {total / 2**20:>9.1f} {report:>9.2f} {ready:>8.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
