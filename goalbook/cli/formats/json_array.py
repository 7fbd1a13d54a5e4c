"""The JSON format: an array of objects with the diagnostic's fields, exact text."""
from __future__ import annotations

import json

from goalbook.diagnostics import Diagnostic


def format_json(diagnostics: list[Diagnostic]) -> str:
    return json.dumps([d.as_dict() for d in diagnostics], indent=2, ensure_ascii=False)
