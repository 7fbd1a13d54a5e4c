"""Real git repositories in temporary folders, for the --staged and hook tests:
no user or system git configuration, fixed names and dates."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent
GOALBOOK = BIN / "goalbook"


def git_env(home: Path) -> dict[str, str]:
    home.mkdir(parents=True, exist_ok=True)
    env = {name: value for name, value in os.environ.items() if not name.startswith("GIT_")}
    return {**env, "HOME": str(home), "PRE_COMMIT_HOME": str(home / "pre-commit"),
            "GIT_CONFIG_GLOBAL": str(home / "gitconfig"), "GIT_CONFIG_NOSYSTEM": "1",
            "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "NO_COLOR": "1",
            "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@localhost", "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@localhost", "GIT_AUTHOR_DATE": "2026-11-22T12:00:00+00:00",
            "GIT_COMMITTER_DATE": "2026-11-22T12:00:00+00:00"}


class Repo:
    def __init__(self, path: Path, env: dict[str, str]):
        self.path = path
        self.env = env
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
        done = subprocess.run(["git", "-C", str(self.path), *args], capture_output=True, text=True,
                              env=kwargs.pop("env", self.env), timeout=60, **kwargs)
        assert not check or done.returncode == 0, done.stdout + done.stderr
        return done

    def write(self, rel_path: str, text: str | bytes) -> Path:
        path = self.path / rel_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        return path

    def stage(self, rel_path: str, text: str | bytes) -> Path:
        path = self.write(rel_path, text)
        self.git("add", "--", rel_path)
        return path

    def commit(self, message: str = "a commit") -> None:
        self.git("commit", "-qm", message)

    def goalbook(self, *args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([str(GOALBOOK), *args], capture_output=True, text=True, timeout=120,
                              cwd=cwd or self.path, env=env or self.env)
