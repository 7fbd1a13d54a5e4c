"""How the core tells the user what it is doing, without printing itself.

Commands pass a Reporter; the core calls it. The CLI's reporter echoes to the
terminal, `serve` shows messages in the page, tests collect them.
"""
from __future__ import annotations


class Reporter:
    """The default reporter keeps messages in a list (useful for tests and serve)."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def info(self, message: str) -> None:
        self.messages.append(message)
