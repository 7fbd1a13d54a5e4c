"""SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), for code
scanning and other CI tools: one run, with goalbook's rule catalogue and one
result per problem.

Artifact URIs are relative to the project folder (uriBaseId PROJECTROOT); when
the project's folder is known, originalUriBaseIds says where that is. Columns
count Unicode code points, as goalbook's do. The text is exact (JSON escapes
what needs escaping), as in the JSON format.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from goalbook import __version__
from goalbook.diagnostics import ERROR, Diagnostic

if TYPE_CHECKING:
    from goalbook.rules.catalogue import RuleInfo

# The catalogue (and with it every rule and the model) is imported only when SARIF is
# asked for: `check` of an unchanged book is answered without them.

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
BASE_ID = "PROJECTROOT"


def format_sarif(diagnostics: list[Diagnostic], root: Path | None = None,
                 rules: list[RuleInfo] | None = None) -> str:
    if rules is None:
        from goalbook.rules.catalogue import catalogue

        rules = catalogue()
    index = {rule.code: i for i, rule in enumerate(rules)}
    run: dict = {
        "tool": {"driver": {"name": "goalbook", "version": __version__, "semanticVersion": __version__,
                            "rules": [_rule(rule) for rule in rules]}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(d, index) for d in diagnostics],
    }
    if root is not None:
        run["originalUriBaseIds"] = {BASE_ID: {"uri": root.resolve().as_uri().rstrip("/") + "/"}}
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False)


def _level(severity: str) -> str:
    return "error" if severity == ERROR else "warning"


def _rule(rule: RuleInfo) -> dict:
    return {
        "id": rule.code,
        "shortDescription": {"text": rule.summary},
        "help": {"text": rule.help},
        "defaultConfiguration": {"level": _level(rule.severity)},
    }


def _result(d: Diagnostic, index: dict[str, int]) -> dict:
    result: dict = {"ruleId": d.code}
    if d.code in index:
        result["ruleIndex"] = index[d.code]
    result["level"] = _level(d.severity)
    result["message"] = {"text": d.message + (f"\nhint: {d.hint}" if d.hint else "")}
    result["locations"] = [{"physicalLocation": {
        "artifactLocation": {"uri": artifact_uri(d.path), "uriBaseId": BASE_ID},
        "region": {"startLine": d.line, "startColumn": d.column},
    }}]
    return result


def artifact_uri(rel_path: str) -> str:
    """A project-relative path as a relative URI reference: every character
    outside RFC 3986's unreserved set and '/' percent-encoded (UTF-8), so a ':'
    can't read as a scheme and a space or '#' keeps its meaning."""
    return quote(rel_path, safe="/")
