"""Output folders the tool owns: it writes only there, and never loses a user's file.

Every command that writes a folder (the build, ``iati``, ``extract``) goes through
:func:`write_output_folder`. The folder must be new, empty, or an earlier output of
this tool, which carries a manifest (:data:`MANIFEST`) listing every file the tool
wrote. Anything else is refused with one line that says why and what to do; so are
``/``, the home folder, the working folder, the checkout and any folder holding them.
Replacing an earlier output is atomic: the new files are written beside it and
swapped in only when all are written, and only the files the old manifest lists
are removed.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from geo.errors import PeruMapsError
from geo.paths import ROOT

MANIFEST = ".peru-coop-maps.json"
TOOL = "peru-coop-maps"


class OutputFolderError(PeruMapsError):
    """An output folder the tool may not write into."""


def _is_same_or_parent(folder: Path, other: Path) -> bool:
    return folder == other or folder in other.parents


def protected_folders() -> list[Path]:
    """Folders an output may never be, nor hold: /, home, the working folder, the checkout."""
    return [Path("/").resolve(), Path.home().resolve(), Path.cwd().resolve(), ROOT.resolve()]


def read_manifest(folder: Path) -> list[str] | None:
    """The files an earlier output lists, or ``None`` when ``folder`` is not one."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("tool") != TOOL or not isinstance(
            data.get("files"), list):
        return None
    return [str(name) for name in data["files"]]


def _entries(folder: Path) -> list[str]:
    """Every file and folder under ``folder``, as relative POSIX paths."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        rel = Path(dirpath).relative_to(folder)
        for name in dirnames + filenames:
            found.append((rel / name).as_posix())
    return sorted(found)


def _owned_entries(files: list[str]) -> set[str]:
    """The listed files with every folder that holds them."""
    owned = {MANIFEST}
    for name in files:
        path = Path(name)
        owned.add(path.as_posix())
        owned.update(p.as_posix() for p in path.parents if p != Path("."))
    return owned


def check_output_folder(out: Path, *, option: str = "--out") -> list[str] | None:
    """Raise :class:`OutputFolderError` unless the tool may write ``out``.

    Returns the earlier output's file list when ``out`` is one, else ``None``.
    """
    target = out.resolve()
    for folder in protected_folders():
        if _is_same_or_parent(target, folder):
            what = {Path("/").resolve(): "the root folder", Path.home().resolve(): "your home folder",
                    ROOT.resolve(): "the tool's own folder"}.get(folder, "the current folder")
            raise OutputFolderError(
                f"{option} {out} would replace {what}; give a new folder, e.g. {option} maps-out")
    if not target.exists():
        return None
    if not target.is_dir():
        raise OutputFolderError(f"{option} {out} is a file, not a folder; give a new folder")
    entries = _entries(target)
    if not entries:
        return None
    files = read_manifest(target)
    if files is None:
        shown = ", ".join(entries[:3]) + (", ..." if len(entries) > 3 else "")
        raise OutputFolderError(
            f"{option} {out} already holds files this tool did not write ({shown}); nothing was "
            f"changed: give a new or empty folder")
    extra = [e for e in entries if e not in _owned_entries(files)]
    if extra:
        shown = ", ".join(extra[:3]) + (", ..." if len(extra) > 3 else "")
        raise OutputFolderError(
            f"{option} {out} is an earlier output but now also holds files this tool did not "
            f"write ({shown}); nothing was changed: move them out, or give a new folder")
    return files


def manifest_bytes(files: list[str]) -> bytes:
    """The manifest of an output: the tool's name and every file it wrote, sorted."""
    body = {"tool": TOOL, "note": "written by build_maps.py; the tool replaces only the files "
                                  "listed here", "files": sorted(files)}
    return (json.dumps(body, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _remove_listed(folder: Path, files: list[str]) -> None:
    """Remove the listed files, then the folders they leave empty; anything else stays."""
    for name in files + [MANIFEST]:
        path = folder / name
        if path.is_file() or path.is_symlink():
            path.unlink()
    for dirpath, _dirnames, _filenames in sorted(os.walk(folder), key=lambda w: -len(w[0])):
        try:
            os.rmdir(dirpath)
        except OSError:
            pass  # not empty: something the tool did not write appeared; it stays


def write_output_folder(files: dict[str, bytes], out: Path, *, option: str = "--out") -> None:
    """Write ``files`` as the folder ``out``, atomically, with a manifest.

    A failure or an interruption before the swap leaves ``out`` as it was.
    """
    if MANIFEST in files:
        raise ValueError(f"{MANIFEST} is the manifest's own name")
    earlier = check_output_folder(out, option=option)
    target = out.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        for name, content in sorted(files.items()):
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        (staging / MANIFEST).write_bytes(manifest_bytes(list(files)))
        os.chmod(staging, 0o755)
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
            os.rmdir(old)
            os.rename(target, old)
        try:
            os.rename(staging, target)
        except BaseException:
            if old is not None:
                os.rename(old, target)
            raise
        if old is not None:
            _remove_listed(old, earlier or [])
    finally:
        if staging.exists():
            _remove_listed(staging, list(files))
