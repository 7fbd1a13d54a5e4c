"""The project's files as they are staged in git: what the next commit holds.

Two git processes, however many files: `git ls-files --stage -z` lists the
index entries under `content/` and `goalbook.yaml`, and one `git cat-file
--batch` reads every blob. Paths come back relative to the project folder, which
may be a subfolder of the repository. Untracked files and unstaged edits are not
seen. Positions in diagnostics are then those of the staged text.
"""
from __future__ import annotations

import os
import posixpath
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path

from goalbook.errors import GoalbookError
from goalbook.load.files import MAX_FILE_BYTES, SETTINGS_FILE, MemoryFiles, TooLarge

GIT_TIMEOUT_SECONDS = 30
REGULAR_FILES = ("100644", "100755")
SYMLINK = "120000"
# git's environment that says which repository, work tree and index to read:
# in a hook, GIT_INDEX_FILE names the index of the commit being made. Every
# other GIT_* variable (tracing, -c settings, pagers, …) is left out.
KEEP_GIT_ENV = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY",
                "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_CEILING_DIRECTORIES",
                "GIT_DISCOVERY_ACROSS_FILESYSTEM", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM",
                "GIT_CONFIG_NOSYSTEM", "GIT_EXEC_PATH")
# git reads these two relative to the folder it starts in, and we start it in the
# project folder, so they are made absolute first. (GIT_INDEX_FILE needs nothing:
# git reads it relative to the top of the work tree, wherever it starts.)
STARTING_FOLDER_PATHS = ("GIT_DIR", "GIT_WORK_TREE")
# Read-only, and never a command from the repository's own configuration.
GIT_OPTIONS = ("-c", "core.fsmonitor=false", "-c", "core.quotePath=false")


@dataclass
class StagedFiles(MemoryFiles):
    """The staged blobs by project-relative path; a blob over the size limit is
    kept only as its size, so that it is refused, with that size, unread."""
    oversized: dict[str, int] = field(default_factory=dict)

    def read(self, rel_path: str) -> bytes:
        if rel_path in self.oversized:
            raise TooLarge(self.oversized[rel_path])
        return super().read(rel_path)

    def exists(self, rel_path: str) -> bool:
        return rel_path in self.oversized or super().exists(rel_path)

    def list(self):
        every_path = MemoryFiles(self.root, {**self.contents, **dict.fromkeys(self.oversized, b"")})
        return every_path.list()


@dataclass(frozen=True)
class Entry:
    mode: str
    object_id: str
    path: str      # relative to the project folder


def staged_files(root: Path) -> StagedFiles:
    """The content files and goalbook.yaml of the project at `root` as staged."""
    root = root.resolve()
    env = git_environment()
    entries = _staged_entries(root, env)
    regular = {e.path: e for e in entries if e.mode in REGULAR_FILES}
    links = [e for e in entries if e.mode == SYMLINK]      # submodules (160000) are no files of ours
    blobs = _read_blobs(root, env, [e.object_id for e in regular.values()] + [e.object_id for e in links])
    files = StagedFiles(root, {})
    for entry in regular.values():
        _keep(files, entry.path, blobs[entry.object_id])
    for link in links:
        target = _link_target(link, blobs[link.object_id], regular)
        if target is not None:
            _keep(files, link.path, blobs[target.object_id])
    return files


def _keep(files: StagedFiles, path: str, blob: bytes | int) -> None:
    if isinstance(blob, int):
        files.oversized[path] = blob
    else:
        files.contents[path] = blob


def _link_target(link: Entry, blob: bytes | int, regular: dict[str, Entry]) -> Entry | None:
    """A staged symlink counts when it leads to another staged file of the
    project; one leading elsewhere would dangle in a fresh clone, as on disk
    goalbook skips a link to nothing."""
    if isinstance(blob, int):
        return None
    target = blob.decode("utf-8", "surrogateescape")
    if target.startswith("/"):
        return None
    return regular.get(posixpath.normpath(posixpath.join(posixpath.dirname(link.path), target)))


def git_environment() -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith("GIT_")}
    for name in KEEP_GIT_ENV:
        value = os.environ.get(name)
        if value:
            env[name] = os.path.abspath(value) if name in STARTING_FOLDER_PATHS else value
    if "GIT_DIR" in env and "GIT_WORK_TREE" not in env:
        # With GIT_DIR alone (a hook in a linked worktree gets one), git takes the
        # folder it starts in as the top of the work tree: say which one that was.
        env["GIT_WORK_TREE"] = os.getcwd()
    env["GIT_OPTIONAL_LOCKS"] = "0"
    env["GIT_TERMINAL_PROMPT"] = "0"
    return env


def _staged_entries(root: Path, env: dict[str, str]) -> list[Entry]:
    command = ["git", *GIT_OPTIONS, "ls-files", "--stage", "-z", "--", "content", SETTINGS_FILE]
    try:
        done = subprocess.run(command, cwd=root, env=env, capture_output=True, timeout=GIT_TIMEOUT_SECONDS)
    except FileNotFoundError:
        raise GoalbookError("--staged reads what git has staged, but git isn't installed here (or not on PATH)",
                            "install git, or check without --staged") from None
    except subprocess.TimeoutExpired:
        raise GoalbookError(f"git took longer than {GIT_TIMEOUT_SECONDS} s to list the staged files",
                            "try again; if it keeps happening, check the repository with 'git status'") from None
    if done.returncode != 0:
        raise _git_failed(root, done.stderr)
    entries, conflicted = [], []
    for record in done.stdout.split(b"\0"):
        if not record:
            continue
        info, _, raw_path = record.partition(b"\t")
        mode, object_id, stage = info.decode("ascii").split(" ")
        path = raw_path.decode("utf-8", "surrogateescape")
        if stage != "0":
            conflicted.append(path)
        else:
            entries.append(Entry(mode, object_id, path))
    if conflicted:
        names = ", ".join(sorted(set(conflicted)))
        raise GoalbookError(f"{names} {'is' if len(set(conflicted)) == 1 else 'are'} in a merge conflict "
                            "that isn't resolved yet", "resolve it, 'git add' the file, then check again")
    return entries


def _git_failed(root: Path, stderr: bytes) -> GoalbookError:
    said = stderr.decode("utf-8", "replace").strip().splitlines()
    detail = said[0].removeprefix("fatal: ") if said else "no reason given"
    if "not a git repository" in detail:
        return GoalbookError(f"--staged checks what git would commit, but {root} isn't in a git repository",
                             "run 'git init' there first, or check without --staged")
    return GoalbookError(f"git couldn't list the staged files ({detail})",
                         "check the repository with 'git status'")


def _read_blobs(root: Path, env: dict[str, str], object_ids: list[str]) -> dict[str, bytes | int]:
    """Every blob's bytes (or its size alone, past MAX_FILE_BYTES), from one
    `git cat-file --batch`, asked one object at a time so no pipe fills up."""
    wanted = list(dict.fromkeys(object_ids))
    if not wanted:
        return {}
    process = subprocess.Popen(["git", *GIT_OPTIONS, "cat-file", "--batch"], cwd=root, env=env,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    timer = threading.Timer(GIT_TIMEOUT_SECONDS, process.kill)
    timer.start()
    try:
        return {object_id: _read_one(process, object_id) for object_id in wanted}
    except (OSError, ValueError) as exc:
        if not timer.is_alive():
            raise GoalbookError(f"git took longer than {GIT_TIMEOUT_SECONDS} s to read the staged files",
                                "try again; if it keeps happening, check the repository with 'git status'") from None
        raise GoalbookError(f"git couldn't read the staged files ({exc})",
                            "check the repository with 'git status'") from None
    finally:
        timer.cancel()
        if process.stdin:
            process.stdin.close()
        process.stdout.close()
        process.wait()


def _read_one(process: subprocess.Popen, object_id: str) -> bytes | int:
    process.stdin.write(object_id.encode("ascii") + b"\n")
    process.stdin.flush()
    header = process.stdout.readline().split()
    if len(header) != 3 or header[1] != b"blob":
        raise ValueError(f"object {object_id} is {b' '.join(header[1:]).decode('ascii', 'replace') or 'unreadable'}")
    size = int(header[2])
    if size > MAX_FILE_BYTES:
        _skip(process.stdout, size + 1)
        return size
    data = _read_exactly(process.stdout, size + 1)
    return data[:-1]      # each object is followed by a newline


def _read_exactly(stream, size: int) -> bytes:
    data = stream.read(size)
    if len(data) != size:
        raise ValueError("git stopped in the middle of a file")
    return data


def _skip(stream, size: int, chunk: int = 1 << 20) -> None:
    while size > 0:
        size -= len(_read_exactly(stream, min(chunk, size)))
