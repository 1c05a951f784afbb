"""Time the full build on the bundled data and print every output's size, next to
``GeoDataFrame.explore()`` on the same regions.

    pip install -e '.[bench]' && python benchmarks/bench_build.py

The build is timed as a user runs it (a new Python process, start-up included),
best and median of 5 runs. ``explore()`` is timed in-process on the regions with
their names, then its file is checked for what it loads from the network; where
Debian's Chromium is installed, both files are also opened with the network
unreachable to see whether Leaflet starts.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def time_build(out: Path, runs: int = 5, extra: tuple[str, ...] = ()) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "build_maps.py"), "--out", str(out), "-q",
                        *extra], check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def external_urls(html: str) -> list[str]:
    return re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https?://[^"]+)"', html)


def leaflet_starts_offline(path: Path) -> str:
    """Open the file in headless Chromium (no network here) and ask whether Leaflet ran."""
    if not shutil.which("chromium") or not shutil.which("chromedriver"):
        return "not checked (no chromium)"
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    opts = Options()
    opts.binary_location = shutil.which("chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--proxy-server=http://127.0.0.1:9",
                "--proxy-bypass-list=<-loopback>"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)
    try:
        driver.set_page_load_timeout(30)
        driver.get(path.as_uri())
        time.sleep(1)
        ok = driver.execute_script(
            "return typeof L !== 'undefined' && document.querySelectorAll('path').length > 0")
        return "yes" if ok else "no (blank: Leaflet did not load)"
    finally:
        driver.quit()


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "output"
        times = time_build(out)
        print(f"full build, start-up included: best {min(times):.2f} s, "
              f"median {statistics.median(times):.2f} s over {len(times)} runs")
        total = 0
        for path in sorted(out.iterdir()):
            size = path.stat().st_size
            total += size
            print(f"  {path.name:<58} {size / 1024:8.1f} KB")
        print(f"  {'total':<58} {total / 1024:8.1f} KB")
        overview = out / "overview.html"
        print(f"overview.html: {overview.stat().st_size / 1024:.1f} KB, external scripts/styles: "
              f"{len(external_urls(overview.read_text(encoding='utf-8')))}, renders offline: "
              f"{leaflet_starts_offline(overview)}")
        spanish = Path(tmp) / "spanish"
        times = time_build(spanish, runs=3, extra=("--lang", "es", "--export"))
        print(f"build --lang es --export: best {min(times):.2f} s, median "
              f"{statistics.median(times):.2f} s over {len(times)} runs; overview.html "
              f"{(spanish / 'overview.html').stat().st_size / 1024:.1f} KB (English "
              f"{overview.stat().st_size / 1024:.1f} KB, limit 400 KB in either language); "
              f"index.html {(spanish / 'index.html').stat().st_size / 1024:.1f} KB; "
              f"cooperation.gpkg {(spanish / 'cooperation.gpkg').stat().st_size / 1024:.1f} KB")

        from geo.regions import load_regions

        regions = load_regions()
        path = Path(tmp) / "explore.html"
        start = time.perf_counter()
        regions.explore(column="name", tooltip=["name", "iso_code"], legend=False)
        first = time.perf_counter() - start
        start = time.perf_counter()
        m = regions.explore(column="name", tooltip=["name", "iso_code"], legend=False)
        m.save(path)
        elapsed = time.perf_counter() - start
        html = path.read_text(encoding="utf-8")
        print(f"GeoDataFrame.explore() on the same 26 regions: one map {elapsed:.2f} s in-process "
              f"({first:.2f} s on first use, with its imports), "
              f"{path.stat().st_size / 1024:.1f} KB, external scripts/styles: "
              f"{len(external_urls(html))}, renders offline: {leaflet_starts_offline(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
