"""YAML into a tree of nodes that remember their 1-based line and column.

We build the tree from the parser's event stream instead of letting PyYAML
construct Python objects, because that is the only place where we can:

* refuse anchors and aliases *before* anything is expanded (a "billion laughs"
  file costs one event, not gigabytes),
* see duplicate keys (PyYAML's constructor silently keeps the last one),
* keep every scalar as the text the user wrote, so the schema decides what it
  means: `no` in a text field stays "no" and never becomes False (YAML 1.1's
  surprise), and `2027-02-30` becomes a located error instead of a ValueError.

libyaml's C parser is used when PyYAML was built with it, else the pure-Python
one; both emit the same events.
"""
from __future__ import annotations

from goalbook.diagnostics import Diagnostic

import re
from dataclasses import dataclass, field

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

Pos = tuple[int, int]
# goalbook's own limits, checked before libyaml's own (which differ between
# PyYAML releases: 6.0.4's libyaml stops flow nesting at 1000 with its own
# message), so that users see the same located message on any install.
MAX_DEPTH = 64                  # goalbook's files nest 4 deep; this only stops runaway input
MAX_SCALAR_CHARS = 500_000      # one value; the schema's per-field limits are far lower
_FLOW_CHARS = re.compile(r"[\[\]{}\"'#\n]")
_INDICATORS = frozenset("[{,:-?")


@dataclass(slots=True)
class Scalar:
    value: str
    plain: bool          # written without quotes or block style
    line: int
    column: int

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in ("", "~", "null", "Null", "NULL")


@dataclass(slots=True)
class Mapping:
    line: int
    column: int
    pairs: list[tuple[Scalar, "Node"]] = field(default_factory=list)

    def get(self, key: str) -> "Node | None":
        for k, v in self.pairs:
            if k.value == key:
                return v
        return None


@dataclass(slots=True)
class Sequence:
    line: int
    column: int
    items: list["Node"] = field(default_factory=list)


Node = Scalar | Mapping | Sequence


_SCALAR, _MAPPING_START, _MAPPING_END = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQUENCE_START, _SEQUENCE_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_TAGS_READ = ("!", "tag:yaml.org,2002:str")


class _Stop(Exception):
    """Raised to abandon a document that must not be read further."""


def parse(text: str, line_offset: int = 0) -> tuple[Node | None, list[Diagnostic]]:
    """Parse one YAML document; return its root node (None if empty) and problems.

    `line_offset` shifts every line, for front matter that starts below line 1.
    """
    builder = _TreeBuilder(line_offset)
    too_deep = flow_too_deep(text)
    if too_deep is not None:
        line, column = too_deep
        return None, [_depth_problem(line + line_offset, column)]
    loader = _Loader(text)
    next_event, feed = loader.get_event, builder.feed     # get_event gives None after the last
    try:
        event = next_event()
        while event is not None:
            feed(event)
            event = next_event()
    except _Stop:
        pass
    except yaml.MarkedYAMLError as exc:
        builder.problems.append(_syntax_problem(exc, line_offset))
        return None, builder.problems
    except yaml.YAMLError as exc:  # ReaderError and friends carry no mark
        builder.problems.append(Diagnostic.problem("GB001", 1 + line_offset, 1, f"this YAML can't be read: {exc}"))
        return None, builder.problems
    finally:
        loader.dispose()
    return builder.root, builder.problems


def _syntax_problem(exc: yaml.MarkedYAMLError, line_offset: int) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1 + line_offset, mark.column + 1) if mark else (1 + line_offset, 1)
    problem = exc.problem or "a syntax error"
    context = f" ({exc.context})" if exc.context else ""
    return Diagnostic.problem(
        "GB001", line, column,
        f"this YAML can't be read here: {problem}{context}",
        "check the indentation and the ':' after each key; text with ': ' or '#' in it needs quotes",
    )


def _depth_problem(line: int, column: int) -> Diagnostic:
    return Diagnostic.problem("GB001", line, column, f"lists or mappings are nested more than {MAX_DEPTH} levels deep here",
                       "goalbook files need only a few levels of indentation")


def flow_too_deep(text: str) -> Pos | None:
    """Where flow collections (`[…]`, `{…}`) first nest deeper than MAX_DEPTH, if they do.

    A cheap scan before libyaml sees the text: libyaml reads ahead over a whole
    flow collection before it emits the first event, so the tree builder's own
    depth check would come too late. Brackets count only where YAML reads
    them as indicators (at the start of a value), not inside quotes, comments
    or plain text ("Walk [daily]").
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth, quote = 0, None
    line_start, line = 0, 1
    comment = False
    for match in _FLOW_CHARS.finditer(text):
        char, at = match.group(), match.start()
        if char == "\n":
            line, line_start, comment = line + 1, at + 1, False
        elif comment:
            continue
        elif quote is not None:
            quote = None if _closes(text, at, quote) else quote
        elif char == "#":
            comment = at == line_start or text[at - 1] in " \t"
        elif _starts_value(text, at, line_start):
            if char in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    return line, at - line_start + 1
            elif char in "\"'":
                quote = char
        if char in "]}" and quote is None and not comment and depth:
            depth -= 1
    return None


def _starts_value(text: str, at: int, line_start: int) -> bool:
    before = at - 1
    while before >= line_start and text[before] in " \t":
        before -= 1
    return before < line_start or text[before] in _INDICATORS


def _closes(text: str, at: int, quote: str) -> bool:
    if text[at] != quote:
        return False
    if quote == '"':
        before = at - 1
        while before >= 0 and text[before] == "\\":
            before -= 1
        return (at - 1 - before) % 2 == 0
    return True     # a doubled '' reopens on the next quote, which the scan then sees as a start


class _TreeBuilder:
    def __init__(self, line_offset: int) -> None:
        self.line_offset = line_offset
        self.root: Node | None = None
        self.stack: list[Mapping | Sequence] = []
        self.pending_key: list[Scalar | None] = []   # per open mapping: key awaiting its value
        self.seen_keys: list[dict[str, Scalar]] = []
        self.documents = 0
        self.problems: list[Diagnostic] = []

    def pos(self, event) -> Pos:
        mark = event.start_mark
        return mark.line + 1 + self.line_offset, mark.column + 1

    def feed(self, event) -> None:
        # Called for every event of every file: dispatch on the exact type, most common first.
        kind = type(event)
        if kind is _SCALAR:
            tag = event.tag
            if event.anchor is not None:
                self._refuse_anchor(event, "an anchor (&name)")
            if tag is not None and tag not in _TAGS_READ:
                self._refuse_tag(event)
            mark = event.start_mark
            line, column = mark.line + 1 + self.line_offset, mark.column + 1
            value = event.value
            if len(value) > MAX_SCALAR_CHARS:
                self.problems.append(Diagnostic.problem(
                    "GB001", line, column, f"this value is {len(value):,} characters long, more than "
                    f"goalbook reads in one value ({MAX_SCALAR_CHARS:,})",
                    "goal and check-in texts are a few sentences; keep long writing in the Markdown body"))
                raise _Stop
            self._add(Scalar(value, not event.style and tag is None, line, column))
        elif kind is _MAPPING_START or kind is _SEQUENCE_START:
            if event.anchor is not None:
                self._refuse_anchor(event, "an anchor (&name)")
            if event.tag is not None and event.tag not in _TAGS_READ:
                self._refuse_tag(event)
            self._open((Mapping if kind is _MAPPING_START else Sequence)(*self.pos(event)))
        elif kind is _MAPPING_END or kind is _SEQUENCE_END:
            self._close()
        elif kind is yaml.AliasEvent:
            self._refuse_anchor(event, "an alias (*name)")
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                line, column = self.pos(event)
                self.problems.append(Diagnostic.problem(
                    "GB001", line, column, "this file holds more than one YAML document",
                    "keep one goal or check-in per file, or put several check-ins in a list"))
                raise _Stop

    def _refuse_tag(self, event) -> None:
        line, column = self.pos(event)
        self.problems.append(Diagnostic.problem(
            "GB001", line, column, f"YAML tags such as {event.tag!r} are not used by goalbook",
            "remove the tag; write the plain value"))
        raise _Stop

    def _refuse_anchor(self, event, what: str) -> None:
        line, column = self.pos(event)
        self.problems.append(Diagnostic.problem(
            "GB001", line, column, f"this file uses {what}; goalbook files don't use anchors or aliases",
            "write the value out in full where it is needed"))
        raise _Stop

    def _open(self, node: Mapping | Sequence) -> None:
        if len(self.stack) >= MAX_DEPTH:
            # libyaml's scanner slows down quadratically with flow nesting
            # ('[[[[…'); stop long before that can hang a check.
            self.problems.append(_depth_problem(node.line, node.column))
            raise _Stop
        self._add(node)
        self.stack.append(node)
        if isinstance(node, Mapping):
            self.pending_key.append(None)
            self.seen_keys.append({})

    def _close(self) -> None:
        node = self.stack.pop()
        if isinstance(node, Mapping):
            self.pending_key.pop()
            self.seen_keys.pop()

    def _add(self, node: Node) -> None:
        if not self.stack:
            self.root = node
            return
        parent = self.stack[-1]
        if type(parent) is Sequence:
            parent.items.append(node)
            return
        key = self.pending_key[-1]
        if key is None:
            self._add_key(node)
        else:
            self.pending_key[-1] = None
            if key.value is not None:
                parent.pairs.append((key, node))

    def _add_key(self, node: Node) -> None:
        if not isinstance(node, Scalar):
            self.problems.append(Diagnostic.problem(
                "GB001", node.line, node.column, "a key here is a list or mapping, which goalbook can't use",
                "keys are plain names such as 'title' or 'due'"))
            # Placeholder key that is never stored; its value is skipped.
            self.pending_key[-1] = Scalar(None, True, node.line, node.column)  # type: ignore[arg-type]
            return
        seen = self.seen_keys[-1]
        first = seen.get(node.value)
        if first is not None:
            self.problems.append(Diagnostic.problem(
                "GB004", node.line, node.column,
                f"the key '{node.value}' appears twice in this mapping (first on line {first.line}); "
                "the first one is used",
                "keep one of them, or merge what they say"))
            self.pending_key[-1] = Scalar(None, True, node.line, node.column)  # type: ignore[arg-type]
            return
        seen[node.value] = node
        self.pending_key[-1] = node
