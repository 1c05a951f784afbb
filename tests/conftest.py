"""Shared fixtures: the repository root and a way to run the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, cwd: Path = ROOT, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run ``python build_maps.py ARGS`` and capture text output."""
    return subprocess.run([sys.executable, str(ROOT / "build_maps.py"), *args], cwd=cwd,
                          capture_output=True, text=True, input=stdin, timeout=300)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
