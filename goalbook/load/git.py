"""What git knows about a project's goal files, read without a shell.

* `find_repository(root)` and `state_key(repo)` read `.git` directly (HEAD,
  the ref it names, `packed-refs`, the `shallow` marker) and start no process,
  so an unchanged repository costs no git call.
* On a change, `describe`, `is_ancestor` and `read_tree` run one git process
  each (`rev-parse`, `merge-base`, `ls-tree` of HEAD); `goalbook.load.git_log`
  reads the log and the old versions.

git runs as `git -C root …` with a timeout, with the caller's `GIT_*`
variables removed (a pre-commit hook's GIT_INDEX_FILE must not steer it) and
optional locks off. Every function returns None when git is missing, fails or
times out: history is a nicety, and a build never fails or prints for it.
"""
from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path

TIMEOUT_S = 20                      # seconds; a build never waits longer for git
GOALS_FOLDER = "content/goals"
_OID = re.compile(r"^(?:[0-9a-f]{40}|[0-9a-f]{64})$")
# Settings a repository's own config could otherwise change in what we read or run.
_CONFIG = ("-c", "core.quotepath=off", "-c", "log.showSignature=false", "-c", "diff.relative=false",
           "-c", "core.fsmonitor=false", "-c", "log.follow=false", "--literal-pathspecs", "--no-pager")


@dataclass(frozen=True)
class Repository:
    root: Path              # the goalbook project (inside the work tree)
    git_dir: Path           # .git, or a worktree's own folder
    common_dir: Path        # where refs and objects live (differs for `git worktree`)


# --- no process: the state of the repository ---------------------------------------

def find_repository(root: Path) -> Repository | None:
    """The git repository `root` is in, found as git does (a `.git` folder or file upwards)."""
    try:
        here = Path(root).resolve()
        for folder in (here, *here.parents):
            dot_git = folder / ".git"
            if dot_git.is_dir():
                git_dir = dot_git
            elif dot_git.is_file():
                text = dot_git.read_text(encoding="utf-8", errors="replace").strip()
                if not text.startswith("gitdir:"):
                    return None
                git_dir = (folder / text[len("gitdir:"):].strip()).resolve()
            else:
                continue
            return Repository(here, git_dir, _common_dir(git_dir))
    except OSError:
        return None
    return None


def _common_dir(git_dir: Path) -> Path:
    try:
        return (git_dir / (git_dir / "commondir").read_text(encoding="utf-8").strip()).resolve()
    except OSError:
        return git_dir


def head_commit(repo: Repository) -> str | None:
    """HEAD's commit from the files in .git; None for a repository with no commit yet.

    Falls back to `git rev-parse HEAD` for ref storage it can't read (reftable)."""
    try:
        text = (repo.git_dir / "HEAD").read_text(encoding="utf-8").strip()
        for _ in range(5):                      # a symbolic ref may name another one
            if not text.startswith("ref:"):
                return text if _OID.match(text) else None
            name = text[len("ref:"):].strip()
            if not name.startswith("refs/") or ".." in name.split("/"):
                return None
            text = _read_ref(repo, name)
            if text is None:
                break
    except OSError:
        return None
    if (repo.common_dir / "reftable").is_dir():
        out = run_git(repo.root, ["rev-parse", "--verify", "--quiet", "HEAD"])
        text = out.decode("ascii", "replace").strip() if out else ""
        return text if _OID.match(text) else None
    return None                                 # an unborn branch: nothing committed yet


def _read_ref(repo: Repository, name: str) -> str | None:
    for folder in (repo.git_dir, repo.common_dir):
        try:
            return (folder / name).read_text(encoding="utf-8").strip()
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            continue
    try:
        packed = (repo.common_dir / "packed-refs").read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    for line in packed.splitlines():
        oid, _, ref = line.partition(" ")
        if ref == name:
            return oid
    return None


def state_key(repo: Repository) -> str | None:
    """What the history depends on: HEAD's commit and whether the clone is shallow
    (deepening a shallow clone doesn't move HEAD). None: no commit yet."""
    head = head_commit(repo)
    if head is None:
        return None
    try:
        stat = os.stat(repo.common_dir / "shallow")
        shallow = f"{stat.st_mtime_ns}:{stat.st_size}"
    except OSError:
        shallow = "-"
    return f"{repo.git_dir}|{head}|{shallow}"


def blob_id(data: bytes, like: str) -> str:
    """The id git gives `data` as a blob, in the hash of the repository whose ids look like `like`."""
    digest = hashlib.sha256() if len(like) == 64 else hashlib.sha1()
    digest.update(b"blob %d\0" % len(data))
    digest.update(data)
    return digest.hexdigest()


# --- one process each ----------------------------------------------------------------

def start_git(root: Path, args: list[str], stdin=subprocess.DEVNULL) -> subprocess.Popen:
    """A git process with its output on pipes, in a process group of its own (see `stop`).
    OSError or ValueError if it can't start (no git on PATH)."""
    return subprocess.Popen(["git", "-C", str(root), *_CONFIG, *args], stdin=stdin, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=git_environment(), start_new_session=os.name == "posix")


def stop(process: subprocess.Popen) -> None:
    """Kill a git process and whatever it started (which could hold its pipes open)."""
    try:
        if os.name == "posix":
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except OSError:
        pass


def git_environment() -> dict[str, str]:
    """The caller's environment without its `GIT_*` variables, optional locks off."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_OPTIONAL_LOCKS="0", GIT_TERMINAL_PROMPT="0")
    return env


def run_git(root: Path, args: list[str]) -> bytes | None:
    """git's standard output, or None if git is missing, fails or takes longer than TIMEOUT_S."""
    try:
        process = start_git(root, args)
    except (OSError, ValueError):
        return None
    try:
        out, _ = process.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        stop(process)
        process.communicate()
        return None
    return out if process.returncode == 0 else None


@dataclass(frozen=True)
class Description:
    shallow: bool
    prefix: str             # the project's folder inside the work tree, "" or ending in "/"


def describe(repo: Repository) -> Description | None:
    out = run_git(repo.root, ["rev-parse", "--is-shallow-repository", "--show-prefix"])
    if out is None:
        return None
    lines = out.decode("utf-8", "replace").split("\n")
    if len(lines) < 2 or lines[0] not in ("true", "false"):
        return None
    return Description(lines[0] == "true", lines[1])


def is_ancestor(repo: Repository, older: str, newer: str) -> bool:
    """Whether commit `older` is in `newer`'s history (False too if git can't say)."""
    return run_git(repo.root, ["merge-base", "--is-ancestor", older, newer]) is not None


def relative(raw: bytes, prefix: str) -> str:
    """A path git gave (relative to the work tree's top) relative to the project."""
    path = raw.decode("utf-8", "surrogateescape")
    return path[len(prefix):] if prefix and path.startswith(prefix) else path


def read_tree(repo: Repository, prefix: str, folder: str = GOALS_FOLDER) -> dict[str, str] | None:
    """HEAD's blob id of every file in `folder`, by path relative to the project."""
    out = run_git(repo.root, ["ls-tree", "-r", "-z", "--full-name", "HEAD", "--", folder])
    if out is None:
        return None
    tree = {}
    for record in out.split(b"\0"):
        meta, tab, path = record.partition(b"\t")
        parts = meta.split(b" ")
        if tab and len(parts) == 3 and parts[1] == b"blob":
            tree[relative(path, prefix)] = parts[2].decode("ascii")
    return tree
