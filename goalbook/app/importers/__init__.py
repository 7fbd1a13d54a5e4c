"""Importers: another app's export turned into new goalbook files.

Each module here reads one app's format and returns a `Plan` (see `base`);
`runner.run_import` writes what is new. To add an app, write a module with a
class like `loop.LoopImporter` and list it in `IMPORTERS`.
"""
from __future__ import annotations

from goalbook.app.importers.daylio import DaylioImporter
from goalbook.app.importers.loop import LoopImporter
from goalbook.app.importers.runner import Summary, Written, run_import

IMPORTERS = {"loop": LoopImporter, "daylio": DaylioImporter}

__all__ = ["IMPORTERS", "DaylioImporter", "LoopImporter", "Summary", "Written", "run_import"]
