"""The geocode command line contract."""

from __future__ import annotations

import csv
import io
import json

from conftest import run_cli

from geo.geocoder import RESULT_COLUMNS


def test_one_name_prints_one_json_object() -> None:
    out = run_cli("geocode", "Barranca", "--department", "Loreto")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert list(data)[: len(RESULT_COLUMNS)] == RESULT_COLUMNS
    assert (data["ubigeo"], data["department"], data["status"]) == ("160701", "Loreto", "ok")


def test_unknown_name_exits_1_with_suggestions() -> None:
    out = run_cli("geocode", "Trujjilo")
    assert out.returncode == 1
    assert out.stdout == ""
    assert "Trujillo (La Libertad)" in out.stderr
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_file_writes_csv_and_keeps_going(tmp_path) -> None:
    names = tmp_path / "names.txt"
    names.write_text("Iquitos\nBarranca\tLoreto\nNowhere Town\n\nCusco\tSan Martín\nCusco\n",
                     encoding="utf-8")
    out = run_cli("geocode", "--file", str(names))
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert list(rows[0]) == RESULT_COLUMNS
    assert [r["status"] for r in rows] == ["ok", "ok", "unknown", "ok", "ambiguous"]
    assert [r["department"] for r in rows] == ["Loreto", "Loreto", "", "San Martín", "Cusco"]
    assert f"{names}:3: unknown place 'Nowhere Town'" in out.stderr


def test_file_in_latin1_with_bom_free_accents(tmp_path) -> None:
    names = tmp_path / "names.txt"
    names.write_bytes("Junín\nÁncash\n".encode("latin-1"))
    out = run_cli("geocode", "--file", str(names))
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [r["name"] for r in rows] == ["Junín", "Áncash"]


def test_missing_file_is_one_line() -> None:
    out = run_cli("geocode", "--file", "no/such/file.txt")
    assert out.returncode == 2
    assert out.stderr.strip() == "build_maps.py: no/such/file.txt: no such file"
