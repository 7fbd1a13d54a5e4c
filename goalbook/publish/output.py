"""The output folder: which folders are safe to build into, and publishing
a finished staging folder in one step.

goalbook only ever deletes what it wrote: the output folder carries a marker
file and a manifest of the files of the last build (and of the project it was
built from). Anything else found in the output folder (a file the user put
there) is carried over untouched. Builds into one folder take turns
(`goalbook.publish.lock`); a staging folder left by a killed build is removed
by the next one.

file and a manifest of the files of the last build. Anything else found in
the output folder (a file the user put there) is carried over untouched.

Every output folder also gets a `.gitignore` of `*`, listed in the manifest
like the pages, so that a folder named anything (`output: site`) can't be
committed by accident. A `.gitignore` the user put there is theirs and kept.
"""
from __future__ import annotations

from goalbook.errors import USAGE, GoalbookError

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from goalbook.errors import USAGE, GoalbookError
from goalbook.publish.atomic import write_atomic
from goalbook.publish.lock import output_lock
from goalbook.publish.swap import exchange

MARKER = ".goalbook-output"
MANIFEST = ".goalbook-manifest.json"
MARKER_TEXT = "This folder is written by goalbook build. It is safe to delete; goalbook rebuilds it.\n"
GITIGNORE = ".gitignore"
GITIGNORE_TEXT = b"# Written by goalbook: everything here is generated, and stays out of git.\n*\n"
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
    other = _other_project(output, project)
    if other is not None:
        raise UnsafeOutput(f"{output} holds the site of another goalbook project ({other})",
                           "give this book an output folder of its own (-o, or 'output:' in goalbook.yaml); "
                           "goalbook only replaces a site built from the same project")
    return output


def _other_project(output: Path, project: Path) -> Path | None:
    """The project another book's site in `output` was built from, if it is another
    one that still exists. An output inside this project is this project's, even if
    the project was copied or moved with it."""
    recorded = read_manifest(output).get("project") if (output / MARKER).is_file() else None
    if not isinstance(recorded, str) or project in output.parents:
        return None
    other = Path(recorded)
    if other == project or not ((other / "content").is_dir() or (other / "goalbook.yaml").is_file()):
        return None
    return other


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


def recover(output: Path, locked: bool = False) -> None:
    """Tidy what an interrupted build left: restore a missing output, drop stale staging.

    Only goalbook's own leftovers of this output are touched: folders named
    `.goalbook-staging-<name>-<pid>` / `.goalbook-old-<name>-<pid>` that hold
    goalbook's marker (or nothing), and whose build is over: we hold the lock
    (`locked`), so no other build is writing, or their process is gone.
    """
    parent = output.parent
    if not parent.is_dir():
        return
    if not locked:
        with output_lock(output, wait=False) as held:     # free: no build is running; take it
            return _recover(output, held)
    _recover(output, True)


def _recover(output: Path, locked: bool) -> None:
    parent = output.parent
    olds = _leftovers(parent, OLD_PREFIX, output.name, locked)
    if not output.exists() and olds:
        os.replace(olds[-1], output)
        olds = olds[:-1]
    for stale in [*olds, *_leftovers(parent, STAGING_PREFIX, output.name, locked)]:
        discard(stale)


def _leftovers(parent: Path, prefix: str, name: str, locked: bool) -> list[Path]:
    start = f"{prefix}{name}-"
    found = []
    for path in parent.iterdir():
        pid = path.name[len(start):] if path.name.startswith(start) else ""
        if not pid.isdigit() or path.is_symlink() or not path.is_dir():
            continue
        ours = (path / MARKER).is_file() or not any(path.iterdir())
        if ours and (locked or not _alive(int(pid))):
            found.append(path)
    return sorted(found, key=lambda p: p.stat().st_mtime_ns)


def discard(folder: Path) -> None:
    """Remove a staging or old output folder, goalbook's marker last: a removal cut
    short (a killed build) leaves a folder still known as goalbook's, or an empty one."""
    if folder.is_symlink() or not folder.is_dir():
        return
    for child in folder.iterdir():
        if child.name == MARKER:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
    (folder / MARKER).unlink(missing_ok=True)
    try:
        folder.rmdir()
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False                # ours, from an earlier attempt in this process
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True                 # someone else's process
    return True


def publish(files: dict[str, bytes], output: Path, extra: dict | None = None,
            lock_held: bool = False, own_gitignore: bool = True) -> Published:
    """Write `files` into a staging folder next to `output`, then swap it in.

    `own_gitignore`: give the folder its `.gitignore` of `*` (False for a folder
    inside an output folder, which already has one).

    Until the swap, `output` is untouched; if anything fails, the staging
    folder is removed and the previous output stays exactly as it was. Takes
    the output's lock unless the caller holds it (`lock_held`).
    """
    if not lock_held:
        with output_lock(output) as held:
            return _publish(files, output, extra, held, own_gitignore)
    return _publish(files, output, extra, True, own_gitignore)


def _publish(files: dict[str, bytes], output: Path, extra: dict | None, locked: bool,
             own_gitignore: bool) -> Published:
    output.parent.mkdir(parents=True, exist_ok=True)
    _recover(output, locked)
    staging = output.parent / f"{STAGING_PREFIX}{output.name}-{os.getpid()}"
    discard(staging)
    try:
        staging.mkdir()
        # The marker first: a folder left by a build killed from here on is known as goalbook's.
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        previous = read_manifest(output)
        ours = _with_gitignore(files, output, previous) if own_gitignore else files
        manifest = _manifest(ours, extra)
        linked = _link_unchanged(staging, ours, output, previous, manifest)
        _write_tree(staging, {name: data for name, data in ours.items() if name not in linked})
        _carry_over_foreign_files(output, staging, previous)
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
        _fsync_tree(staging, skip=linked)
        _swap_in(staging, output)
    finally:
        discard(staging)
    old_hashes = previous.get("files", {})
    changed = [name for name, digest in manifest["files"].items() if old_hashes.get(name) != digest and name in files]
    return Published(output, sorted(files), sorted(changed))


def update_in_place(files: dict[str, bytes], output: Path, extra: dict | None = None,
                    later: set[str] = frozenset()) -> Published:
    """serve's private temporary site: write only the files that changed (each one
    atomically) and remove the ones the last build wrote that are gone now.

    `later`: pages serve writes when they are asked for; their old
    copies are removed now, and the next update removes what was written of them."""
    previous_manifest = read_manifest(output)
    previous = previous_manifest.get("files", {})
    ours = _with_gitignore(files, output, previous_manifest)
    manifest = _manifest(ours, {**(extra or {}), "later": sorted(later)})
    changed = [name for name, digest in manifest["files"].items() if previous.get(name) != digest]
    for name in changed:
        write_atomic(output / name, ours[name])
    for name in (set(previous) | set(previous_manifest.get("later") or ())) - set(ours):
        (output / name).unlink(missing_ok=True)
    write_atomic(output / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
    if not (output / MARKER).is_file():
        write_atomic(output / MARKER, MARKER_TEXT)
    return Published(output, sorted(files), sorted(name for name in changed if name in files))


def claim_folder(output: Path) -> None:
    """Make `output` a folder goalbook may build into (its marker) that git leaves alone."""
    output.mkdir(parents=True, exist_ok=True)
    if not (output / MARKER).is_file():
        write_atomic(output / MARKER, MARKER_TEXT)
    if not (output / GITIGNORE).exists():
        write_atomic(output / GITIGNORE, GITIGNORE_TEXT)


def _with_gitignore(files: dict[str, bytes], output: Path, previous: dict) -> dict[str, bytes]:
    """`files` and the output's own `.gitignore`, unless the user keeps one of their own there."""
    return files if GITIGNORE in files or _users_gitignore(output, previous) else {**files, GITIGNORE: GITIGNORE_TEXT}


def _users_gitignore(output: Path, previous: dict) -> bool:
    if GITIGNORE in previous.get("files", {}):
        return False
    try:
        return (output / GITIGNORE).read_bytes() != GITIGNORE_TEXT
    except OSError:
        return False


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
            if source.is_symlink() or source.stat().st_size != len(data) or source.read_bytes() != data:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(source, target, follow_symlinks=False)
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
    discard(old)
