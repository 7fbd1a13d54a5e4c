"""The one clock: every "now" in goalbook comes from a `Clock`.

The CLI makes one from the environment (`Clock.from_environment()`) and hands
it to the commands; tests make one with a fixed date. Nothing else in goalbook
reads the wall clock, the time zone or the locale.

Two questions are asked of it:

* `local_today()`: the user's local date, for commands that record what
  happens now (`checkin`, `new`, `init`). `GOALBOOK_TODAY=YYYY-MM-DD` sets it
  (for scripts and tests). It never follows SOURCE_DATE_EPOCH: build
  environments such as nix-shell set that to 1980, and a check-in written
  "today" must carry the real day.
* `report_today(given)`: what "today" is for date rules and progress in
  `check`, `build` and `export`: `--today`, else SOURCE_DATE_EPOCH, else the
  local date.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Callable, Mapping

from goalbook.errors import GoalbookError

TODAY_VARIABLE = "GOALBOOK_TODAY"


def _system_today() -> date:
    return date.today()


@dataclass(frozen=True)
class Clock:
    environ: Mapping[str, str]
    system_today: Callable[[], date] | None = None   # None: the system's local date

    @classmethod
    def from_environment(cls) -> "Clock":
        return cls(dict(os.environ))

    @classmethod
    def fixed(cls, day: date, environ: Mapping[str, str] | None = None) -> "Clock":
        """A clock that always says `day` (what tests use)."""
        return cls(dict(environ or {}), lambda: day)

    def local_today(self) -> date:
        given = self.environ.get(TODAY_VARIABLE, "").strip()
        if not given:
            return (self.system_today or _system_today)()
        try:
            return date.fromisoformat(given)
        except ValueError:
            raise GoalbookError(f"{TODAY_VARIABLE} is '{given}', which isn't a date written YYYY-MM-DD",
                                f"unset it, or set it to a date such as 2026-11-22") from None

    def report_today(self, given: date | None = None) -> date:
        if given is not None:
            return given
        epoch = self.environ.get("SOURCE_DATE_EPOCH", "").strip()
        if not epoch:
            return self.local_today()
        try:
            if not epoch.isdigit():
                raise ValueError
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise GoalbookError(f"SOURCE_DATE_EPOCH is '{epoch}', which isn't a date goalbook can use; "
                                "it should be whole seconds since 1970, e.g. 1795305600",
                                "unset it, or pass --today YYYY-MM-DD") from None
