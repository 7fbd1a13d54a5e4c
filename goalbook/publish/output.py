"""The output folder: which folders are safe to build into, and publishing
a finished staging folder in one step.

goalbook only ever deletes what it wrote: the output folder carries a marker
file and a manifest of the files of the last build. Anything else found in
the output folder (a file the user put there) is carried over untouched.
"""
from __future__ import annotations

from goalbook.errors import USAGE, GoalbookError

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from goalbook.publish.atomic import write_atomic
from goalbook.publish.swap import exchange

MARKER = ".goalbook-output"
MANIFEST = ".goalbook-manifest.json"
MARKER_TEXT = "This folder is written by goalbook build. It is safe to delete; goalbook rebuilds it.\n"
STAGING_PREFIX = ".goalbook-staging-"
OLD_PREFIX = ".goalbook-old-"


class UnsafeOutput(GoalbookError):
    """An output folder goalbook must not replace (exit status 2)."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message, hint, USAGE)


def check_output_path(output: Path, project: Path) -> Path:
    """Refuse output folders whose replacement could lose the user's files."""
    output = output.expanduser().resolve()
    project = project.resolve()
    home = Path.home().resolve()
    protected = {project: "the project folder itself", project / "content": "your content folder",
                 project / "templates": "your templates folder", home: "your home folder"}
    if output in protected:
        raise UnsafeOutput(f"goalbook won't build into {protected[output]} ({output})",
                           "choose a folder of its own, such as 'output'")
    if output in project.parents or output == Path(output.anchor):
        raise UnsafeOutput(f"goalbook won't build into {output}, which holds the project",
                           "choose a folder inside the project, such as 'output'")
    for inner in ("content", "templates"):
        if (project / inner) in output.parents:
            raise UnsafeOutput(f"goalbook won't build inside {inner}/ ({output})",
                               "choose a folder of its own, such as 'output'")
    if output.exists() and not output.is_dir():
        raise UnsafeOutput(f"{output} is a file, not a folder", "choose another output folder")
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).is_file():
        raise UnsafeOutput(f"{output} already holds files that goalbook didn't write",
                           "goalbook only replaces folders it built itself; choose an empty or new folder")
    return output


def read_manifest(output: Path) -> dict:
    try:
        return json.loads((output / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


@dataclass
class Published:
    output: Path
    written: list[str]
    changed: list[str]


def recover(output: Path) -> None:
    """Tidy what an interrupted build left: restore a missing output, drop stale staging."""
    parent = output.parent
    if not parent.is_dir():
        return
    olds = sorted(parent.glob(f"{OLD_PREFIX}{output.name}-*"))
    if not output.exists() and olds:
        os.replace(olds[-1], output)
        olds = olds[:-1]
    for stale in [*olds, *parent.glob(f"{STAGING_PREFIX}{output.name}-*")]:
        shutil.rmtree(stale, ignore_errors=True)


def publish(files: dict[str, bytes], output: Path, extra: dict | None = None) -> Published:
    """Write `files` into a staging folder next to `output`, then swap it in.

    Until the swap, `output` is untouched; if anything fails, the staging
    folder is removed and the previous output stays exactly as it was.
    """
    recover(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = output.parent / f"{STAGING_PREFIX}{output.name}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        previous = read_manifest(output)
        manifest = _manifest(files, extra)
        linked = _link_unchanged(staging, files, output, previous, manifest)
        _write_tree(staging, {name: data for name, data in files.items() if name not in linked})
        _carry_over_foreign_files(output, staging, previous)
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        _fsync_tree(staging, skip=linked)
        _swap_in(staging, output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    old_hashes = previous.get("files", {})
    changed = [name for name, digest in manifest["files"].items() if old_hashes.get(name) != digest]
    return Published(output, sorted(files), sorted(changed))


def update_in_place(files: dict[str, bytes], output: Path, extra: dict | None = None) -> Published:
    """serve's private temporary site: write only the files that changed (each one
    atomically) and remove the ones the last build wrote that are gone now."""
    previous = read_manifest(output).get("files", {})
    manifest = _manifest(files, extra)
    changed = [name for name, digest in manifest["files"].items() if previous.get(name) != digest]
    for name in changed:
        write_atomic(output / name, files[name])
    for name in set(previous) - set(files):
        (output / name).unlink(missing_ok=True)
    write_atomic(output / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
    if not (output / MARKER).is_file():
        write_atomic(output / MARKER, MARKER_TEXT)
    return Published(output, sorted(files), sorted(changed))


def _link_unchanged(staging: Path, files: dict[str, bytes], output: Path, previous: dict,
                    manifest: dict) -> set[str]:
    """Link into `staging` each file the last build wrote with exactly the same bytes (nothing
    to write or flush again); the names linked. A file that differs, or can't be linked, is
    left to `_write_tree`."""
    old, new = previous.get("files") or {}, manifest["files"]
    linked: set[str] = set()
    if not isinstance(old, dict):
        return linked
    for name, data in files.items():
        if old.get(name) != new[name] or ".." in Path(name).parts or Path(name).is_absolute():
            continue
        source, target = output / name, staging / name
        try:
            if source.stat().st_size != len(data) or source.read_bytes() != data:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(source, target)
        except OSError:
            continue
        linked.add(name)
    return linked


def _write_tree(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = root / name
        if ".." in Path(name).parts or Path(name).is_absolute():
            raise ValueError(f"refusing to write outside the output folder: {name}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _carry_over_foreign_files(output: Path, staging: Path, previous: dict) -> None:
    """Files in the output that no build wrote are the user's: keep them."""
    if not output.is_dir():
        return
    ours = set(previous.get("files", {})) | {MARKER, MANIFEST}
    for path in sorted(output.rglob("*")):
        rel = path.relative_to(output).as_posix()
        if path.is_file() and rel not in ours and not (staging / rel).exists():
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)


def _manifest(files: dict[str, bytes], extra: dict | None) -> dict:
    return {"generator": "goalbook", "files": {name: hashlib.sha256(data).hexdigest()
                                              for name, data in sorted(files.items())}, **(extra or {})}


def _fsync_tree(root: Path, skip: set[str] = frozenset()) -> None:
    for path in root.rglob("*"):
        if path.is_file() and path.relative_to(root).as_posix() not in skip:
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())


def _swap_in(staging: Path, output: Path) -> None:
    if not output.exists():
        os.replace(staging, output)
        return
    if exchange(staging, output):
        return                      # staging now holds the old output; the caller removes it
    old = output.parent / f"{OLD_PREFIX}{output.name}-{os.getpid()}"
    os.replace(output, old)
    os.replace(staging, output)
    shutil.rmtree(old, ignore_errors=True)
