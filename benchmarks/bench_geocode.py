"""Time ``build_maps.py geocode --file`` on 2,000 names; print the figures.

Names are drawn (fixed seed) from the gazetteer: INEI units and GeoNames places,
a fifth of them with a department hint, some with level words, some misspelt.
Start-up is measured separately with a one-name file and subtracted.
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.gazetteer import read_places  # noqa: E402


def make_names(n: int, seed: int = 7) -> list[str]:
    """``n`` lines for a names file."""
    rng = random.Random(seed)
    places = read_places()
    depts = {p.ubigeo: p.name for p in places if p.level == "department"}
    lines = []
    for _ in range(n):
        p = rng.choice(places)
        roll = rng.random()
        if roll < 0.2:
            lines.append(f"{p.name}\t{depts[p.department]}")
        elif roll < 0.3:
            lines.append(f"provincia de {p.name}")
        elif roll < 0.35:
            lines.append(p.name[:-1] + "x")  # misspelt: exercises suggestions
        else:
            lines.append(p.name.upper())
    return lines


def run(path: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "build_maps.py"), "geocode", "--file", str(path)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.txt"
        one.write_text("Cusco\n", encoding="utf-8")
        names = Path(tmp) / "names.txt"
        names.write_text("\n".join(make_names(2000)) + "\n", encoding="utf-8")
        startup = min(run(one) for _ in range(3))
        total = min(run(names) for _ in range(3))
    print(f"start-up (1 name): {startup:.3f} s")
    print(f"2,000 names: {total:.3f} s total, {total - startup:.3f} s after start-up")
    return 0


if __name__ == "__main__":
    sys.exit(main())
