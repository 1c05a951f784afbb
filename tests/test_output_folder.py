"""Nothing lost: the tool writes only into folders it owns, never over a user's file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coop.folders import MANIFEST, OutputFolderError, check_output_folder, write_output_folder
from conftest import ROOT, run_cli

FILES = {"index.html": b"<p>one</p>", "static/a.png": b"png"}


def _user_things(folder: Path) -> dict[Path, bytes]:
    """A user's thesis and a subfolder with a note, as they would leave them."""
    things = {folder / "thesis.docx": b"PK\x03\x04 my thesis",
              folder / "notes" / "todo.txt": "revisar Cajamarca\n".encode()}
    for path, content in things.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return things


def test_new_folder_gets_files_and_manifest(tmp_path):
    out = tmp_path / "new" / "maps"
    write_output_folder(FILES, out)
    assert (out / "static" / "a.png").read_bytes() == b"png"
    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest["files"] == sorted(FILES)


def test_earlier_output_is_replaced_and_stale_files_go(tmp_path):
    out = tmp_path / "maps"
    write_output_folder({**FILES, "old.html": b"old"}, out)
    write_output_folder(FILES, out)
    assert not (out / "old.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["maps"]  # no staging left over


def test_user_files_in_a_folder_are_refused_and_kept(tmp_path):
    out = tmp_path / "mydir"
    things = _user_things(out)
    with pytest.raises(OutputFolderError, match="did not write .*thesis.docx"):
        write_output_folder(FILES, out)
    assert all(path.read_bytes() == content for path, content in things.items())
    assert not (out / "index.html").exists()


def test_user_file_added_to_an_earlier_output_is_refused_and_kept(tmp_path):
    out = tmp_path / "maps"
    write_output_folder(FILES, out)
    things = _user_things(out)
    with pytest.raises(OutputFolderError, match="earlier output"):
        write_output_folder(FILES, out)
    assert all(path.read_bytes() == content for path, content in things.items())


def test_a_forged_manifest_of_another_tool_is_not_trusted(tmp_path):
    out = tmp_path / "maps"
    _user_things(out)
    (out / MANIFEST).write_text(json.dumps({"tool": "other", "files": ["thesis.docx"]}))
    with pytest.raises(OutputFolderError):
        check_output_folder(out)


@pytest.mark.parametrize("where", ["root", "home", "cwd", "checkout", "parent of cwd"])
def test_protected_folders_are_refused(where, tmp_path, monkeypatch):
    cwd = tmp_path / "work" / "here"
    cwd.mkdir(parents=True)
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("HOME", str(tmp_path / "work"))
    folder = {"root": Path("/"), "home": Path.home(), "cwd": Path("."), "checkout": ROOT,
              "parent of cwd": Path("..")}[where]
    with pytest.raises(OutputFolderError, match="would replace"):
        check_output_folder(folder)


def test_a_file_given_as_the_folder_is_refused(tmp_path):
    target = tmp_path / "report.docx"
    target.write_bytes(b"mine")
    with pytest.raises(OutputFolderError, match="is a file"):
        write_output_folder(FILES, target)
    assert target.read_bytes() == b"mine"


def test_build_refuses_a_users_folder_in_one_line(tmp_path):
    out = tmp_path / "mydir"
    things = _user_things(out)
    result = run_cli("--out", str(out), "--quiet")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "did not write" in lines[0] and "Traceback" not in result.stderr
    assert all(path.read_bytes() == content for path, content in things.items())
    assert sorted(p.name for p in out.iterdir()) == ["notes", "thesis.docx"]


def test_build_refuses_the_current_folder(tmp_path):
    (tmp_path / "keep.txt").write_text("x")
    result = run_cli("--out", ".", "--quiet", cwd=tmp_path)
    assert result.returncode == 2 and "would replace the current folder" in result.stderr
    assert (tmp_path / "keep.txt").read_text() == "x"


def test_build_twice_into_its_own_folder(tmp_path):
    out = tmp_path / "maps"
    assert run_cli("--out", str(out), "--quiet").returncode == 0
    first = (out / "overview.html").read_bytes()
    assert run_cli("--out", str(out), "--quiet").returncode == 0
    assert (out / "overview.html").read_bytes() == first
