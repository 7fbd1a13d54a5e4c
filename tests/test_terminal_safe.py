"""Text from users' files can't drive the terminal: control characters, C1
codes and bidi overrides in messages, hints and file names are shown escaped in
the text (and github) output, a newline in a file name can't forge a line, and
JSON keeps the exact text."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from conftest import GOOD_GOAL
from gitrepo import GOALBOOK
from goalbook.diagnostics import Diagnostic
from goalbook.cli.formats import format_text
from goalbook.cli.formats.safe_text import UNSAFE, terminal_safe
from goalbook.cli.formats.text import LINE

C0 = [chr(c) for c in range(0x20) if c != 0x09]
C1 = [chr(c) for c in range(0x80, 0xA0)]
BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
UNSAFE_CHARACTERS = C0 + ["\x7f"] + C1 + BIDI


@pytest.mark.parametrize("character", UNSAFE_CHARACTERS)
def test_every_unsafe_character_is_escaped(character):
    shown = terminal_safe(f"a{character}b")
    assert character not in shown
    code = ord(character)
    assert shown == (f"a\\x{code:02x}b" if code <= 0xFF else f"a\\u{code:04x}b")


def test_tabs_and_ordinary_text_in_any_script_stay():
    text = "Walk\tthree evenings — café, Ärger, 散歩, مشي, 🙂, \u200d"
    assert terminal_safe(text) == text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_nothing_unsafe_survives_and_a_line_stays_one_line(text):
    shown = terminal_safe(text)
    assert not UNSAFE.search(shown)
    assert "\n" not in shown and "\r" not in shown
    if not UNSAFE.search(text):
        assert shown == text


def test_the_text_format_escapes_path_message_and_hint():
    d = Diagnostic("content/goals/x\x1b]0;owned\x07.yaml", 2, 3, "error", "GB003",
                   "status '\x1b[2J\x9b31m' is not one of the list", "hint \u202eevil\u202c\r\nfake: line")
    text = format_text([d], color=False)
    assert text == ("content/goals/x\\x1b]0;owned\\x07.yaml:2:3: error GB003: status '\\x1b[2J\\x9b31m' "
                    "is not one of the list\n  hint: hint \\u202eevil\\u202c\\x0d\\x0afake: line")


def test_a_file_name_with_a_newline_cannot_forge_a_diagnostic():
    forged = "a.yaml\ncontent/goals/b.yaml:1:1: error GB001: forged"
    d = Diagnostic(forged, 5, 1, "warning", "M202", "real")
    (line,) = format_text([d], color=False).splitlines()
    match = LINE.match(line)
    assert match and match.group(2, 3, 5) == ("5", "1", "M202")


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def hostile_book(tmp_path) -> Path:
    """Escape codes that reach the messages: in a key, in a value (both written
    with YAML's own escapes, as raw controls are a GB001) and in a file name."""
    root = tmp_path / "book"
    write(root / "content/goals/evening-walks.yaml",
          GOOD_GOAL + '"ti\\etle\\a": x\nstatus: "\\e]0;pwned\\a\\x9b\\u202e"\n')
    write(root / "content/goals/bad\x1b[2J\nname.yaml", GOOD_GOAL)
    return root


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(GOALBOOK), "check", *args], capture_output=True, timeout=60, cwd=root,
                          env={**os.environ, "NO_COLOR": "1"})


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_the_terminal_never_sees_a_raw_control_character(hostile_book, fmt):
    done = run(hostile_book, "--format", fmt)
    assert done.returncode == 1
    out = done.stdout.decode("utf-8")
    for character in UNSAFE_CHARACTERS:
        if character != "\n":
            assert character not in out, repr(character)
    assert r"\x1b]0;pwned\x07\x9b\u202e" in out            # the status value, escaped
    assert r"ti\x1btle\x07" in out                          # the unknown key, escaped
    newline = r"\x0a" if fmt == "text" else "%0A"            # GitHub's own escape for a line break
    assert rf"bad\x1b[2J{newline}name.yaml" in out            # the file name, escaped
    assert "\x1b" not in done.stderr.decode("utf-8")
    if fmt == "text":
        assert all(LINE.match(line) or line.startswith("  hint: ") for line in out.splitlines())


def test_json_keeps_the_exact_text(hostile_book):
    found = json.loads(run(hostile_book, "--format", "json").stdout)
    paths = {d["path"] for d in found}
    assert "content/goals/bad\x1b[2J\nname.yaml" in paths
    assert any("\x1b]0;pwned\x07\x9b\u202e" in d["message"] for d in found)
    assert any("ti\x1btle\x07" in d["message"] for d in found)
