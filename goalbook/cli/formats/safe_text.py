"""Text from users' files made safe to show on a terminal or in a CI log.

A file name, a message or a hint may hold text from the user's files (a title,
a misspelt key, a file name). Raw, a control character could retitle or clear
the terminal (ESC, BEL, C1 codes), a newline in a file name could forge a
diagnostic line of its own, and a bidi override could make a line read
differently from what it says. Each such character is shown as an escape
instead: `\\x1b`, `\\x85`, `\\u202e`. Tabs stay. JSON and SARIF keep the exact
text; only the formats people read in a terminal use this.
"""
from __future__ import annotations

import re

# C0 controls except tab, DEL, and the C1 controls U+0080-U+009F.
_CONTROLS = "\x00-\x08\x0a-\x1f\x7f-\x9f"
# Bidi embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069),
# and the line and paragraph separators, which some editors break lines at.
_BIDI_AND_SEPARATORS = "\u2028\u2029\u202a-\u202e\u2066-\u2069"
UNSAFE = re.compile(f"[{_CONTROLS}{_BIDI_AND_SEPARATORS}]")


def escape(character: str) -> str:
    code = ord(character)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def terminal_safe(text: str, keep: str = "") -> str:
    """`text` with every unsafe character escaped, except those in `keep`."""
    return UNSAFE.sub(lambda m: m.group() if m.group() in keep else escape(m.group()), text)
