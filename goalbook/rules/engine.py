"""Run the SMART rules over a book and apply the configured severities."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from goalbook.diagnostics import OFF, Diagnostic
from goalbook.model.entities import Book
from goalbook.rules.base import RuleContext
from goalbook.rules.registry import SMART_RULES


def run_rules(book: Book, today: date, progress: dict | None = None) -> list[Diagnostic]:
    """Every SMART rule over the book; `progress`: the goals' numbers as of `today`."""
    ctx = RuleContext(book, today, dict(progress or {}))
    found = []
    for rule in SMART_RULES:
        ctx.fields = rule.FIELDS
        found += [replace(finding, code=rule.CODE, severity=rule.SEVERITY) for finding in rule.check(book, ctx)]
    return found


def apply_severities(diagnostics: list[Diagnostic], configured: dict[str, str]) -> list[Diagnostic]:
    """Severity from goalbook.yaml `rules:` (error / warning / off), else the default; sorted."""
    out = []
    for d in diagnostics:
        severity = configured.get(d.code, d.severity)   # producers give each finding its default
        if severity != OFF:
            out.append(d if severity == d.severity else d.with_severity(severity))
    out.sort(key=lambda d: d.sort_key)
    return out
