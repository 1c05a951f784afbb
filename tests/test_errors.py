"""Broken runs: header-only data, interruption, progress only on a terminal."""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT, run_cli


def test_header_only_interventions(tmp_path: Path) -> None:
    (tmp_path / "interventions.csv").write_text(
        "id,title,funders,funder_group,themes,status,scope,source\n", encoding="utf-8")
    (tmp_path / "locations.csv").write_text("intervention_id,place\n", encoding="utf-8")
    out = run_cli("validate", "--data", str(tmp_path))
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert lines[0] == f"{tmp_path}/interventions.csv:2: has a header but no rows: add one " \
                       "intervention per row"


def test_data_path_that_is_not_a_dataset(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello", encoding="utf-8")
    out = run_cli("--data", str(path), "--out", str(tmp_path / "out"))
    assert out.returncode == 2
    assert "expected a folder with interventions.csv and locations.csv, or an .xlsx file" in out.stderr
    assert not (tmp_path / "out").exists()


def _listing(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_interrupted_build_leaves_output_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "output"
    assert run_cli("--out", str(out)).returncode == 0
    before = _listing(out)
    proc = subprocess.Popen([sys.executable, str(ROOT / "build_maps.py"), "--out", str(out),
                             "--static"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    time.sleep(4)  # well into the static pictures, before the swap
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert err.strip().splitlines()[-1] == "build_maps.py: interrupted; nothing was changed"
    assert "Traceback" not in err
    assert _listing(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]  # no half-written folder


def test_an_interrupt_python_drops_in_a_callback_still_stops_the_build(tmp_path: Path) -> None:
    """Python only prints a KeyboardInterrupt raised in ``__del__`` or a weakref
    callback (matplotlib runs such): the build must still stop before writing."""
    out = tmp_path / "output"
    assert run_cli("--out", str(out)).returncode == 0
    before = _listing(out)
    script = (
        "import os, signal, sys\n"
        "import build_maps\n"
        "build_maps.install_interrupt_handling()\n"
        "class Dropped:\n"
        "    def __del__(self):\n"
        "        os.kill(os.getpid(), signal.SIGINT)\n"
        "        sum(range(1000))  # the handler runs here, inside __del__\n"
        "Dropped()\n"
        f"sys.exit(build_maps.main(['--out', {str(out)!r}]))\n")
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 130, proc.stderr
    assert proc.stderr.strip().splitlines() == ["build_maps.py: interrupted; nothing was changed"]
    assert _listing(out) == before


def _run_on_terminal(*args: str) -> str:
    """Run the CLI with stderr on a pseudo-terminal; return what it printed there."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, str(ROOT / "build_maps.py"), *args], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=300)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_long_build_shows_progress_on_a_terminal_only(tmp_path: Path) -> None:
    shown = _run_on_terminal("--out", str(tmp_path / "a"), "--static", "--dpi", "40")
    assert "picture" in shown or "printing report.pdf" in shown
    quiet = _run_on_terminal("--out", str(tmp_path / "b"), "--static", "--dpi", "40", "--quiet")
    assert quiet.strip() == ""
    piped = run_cli("--out", str(tmp_path / "c"), "--static", "--dpi", "40")
    assert piped.stderr == ""
