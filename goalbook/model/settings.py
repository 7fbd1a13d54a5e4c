"""Settings from goalbook.yaml (SPEC section 5), with their own checks (GB008)."""
from __future__ import annotations

from goalbook.diagnostics import Diagnostic, Fix

import copy
import difflib
import re
from datetime import date

from goalbook.model.entities import Settings
from goalbook.vocabulary import LANGUAGES

SPAN = re.compile(r"^([1-9][0-9]*)\s*([dwm])$")
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")   # only this form, on every Python version


def build_settings(doc, problems, rule_codes=()) -> Settings:
    settings = Settings()
    if doc is None or not doc.records:
        return settings
    record = doc.records[0]
    data = record.data
    settings.source = doc.source.path
    settings.pos = dict(record.positions)
    for name in ("title", "owner", "therapist", "values", "areas", "output", "rules"):
        if name in data:      # a copy: the validated file may be cached and read again
            setattr(settings, name, copy.copy(data[name]))
    limits = data.get("limits", {})
    settings.active_goals_limit = limits.get("active_goals", settings.active_goals_limit)
    settings.weekly_minutes_limit = limits.get("weekly_minutes", settings.weekly_minutes_limit)
    report = data.get("report", {})
    settings.report_paper = report.get("paper", settings.report_paper)
    settings.report_pdf = report.get("pdf", settings.report_pdf)
    settings.report_suggestions = report.get("suggestions", settings.report_suggestions)
    settings.safety_note = data.get("safety", {}).get("note")
    settings.calendar_titles = data.get("calendar", {}).get("titles", settings.calendar_titles)
    if "language" in data:
        settings.language = _language(str(data["language"]), record, doc.source.path, problems)
    if "since" in report:
        settings.report_since = _since(report["since"], record, doc.source.path, problems)
    _check_rule_codes(settings, record, doc.source.path, problems, list(rule_codes))
    return settings


def parse_since(text: str) -> str | date | None:
    """'last-session', a date, or a span like '30d' / '6w' / '2m'; None if none of those."""
    text = text.strip()
    if text == "last-session" or SPAN.match(text):
        return text
    if not ISO_DAY.match(text):       # Python 3.11 would also read 20261001 and 2026-W40-1
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _since(text: str, record, path: str, problems):
    parsed = parse_since(text)
    if parsed is None:
        problems.append(Diagnostic.found(path, "GB008", *record.positions.get("report.since", (1, 1)),
                         f"report.since is '{text}', which goalbook can't read",
                         "use last-session, a date like 2026-10-01, or a span like 30d, 6w or 2m"))
        return "last-session"
    return parsed


def _language(text: str, record, path: str, problems) -> str:
    if text in LANGUAGES:
        return text
    problems.append(Diagnostic.found(path, "GB008", *record.positions.get("language", (1, 1)),
                     f"language is '{text}', which goalbook doesn't speak yet",
                     "use one of: " + ", ".join(LANGUAGES) + " (docs/languages.md says how to add one)"))
    return "en"


def _check_rule_codes(settings: Settings, record, path: str, problems, known: list[str]) -> None:
    if not known:
        return
    for code in list(settings.rules):
        if code in known:
            continue
        close = difflib.get_close_matches(code.upper(), known, n=1, cutoff=0.5)
        where = record.key_positions.get(f"rules.{code}", (1, 1))
        problems.append(Diagnostic.found(path, "GB008", *where, f"'{code}' is not a goalbook rule code",
                         f"did you mean '{close[0]}'?" if close else "'goalbook check --list-rules' lists them all",
                         Fix.replace(code, close[0]) if close else None))
        del settings.rules[code]
