"""What "today" is: --today, else SOURCE_DATE_EPOCH, else the local date."""
from __future__ import annotations

import os
from datetime import date, datetime, timezone


class TodayError(ValueError):
    """SOURCE_DATE_EPOCH is set but isn't a usable date (exit status 2)."""


def resolve_today(given: date | None = None, environ=os.environ) -> date:
    if given is not None:
        return given
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return date.today()
    try:
        if not epoch.isdigit():
            raise ValueError
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    except (ValueError, OverflowError, OSError):
        raise TodayError(f"SOURCE_DATE_EPOCH is '{epoch}', which isn't a date goalbook can use; "
                         "it should be whole seconds since 1970, e.g. 1795305600") from None


def local_today() -> date:
    """The local date, for commands that record what happens now (checkin, new, init).

    They don't follow SOURCE_DATE_EPOCH: build environments such as nix-shell set
    it to 1980, and a check-in written "today" must carry the real day."""
    return date.today()
