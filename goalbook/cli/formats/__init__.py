"""How diagnostics are shown: one module per format, each a pure function
(diagnostics in, text out). Detection never formats; the core never prints.

- text: `path:line:column: severity CODE: message` (+ hint), terminal-safe
- json: an array of objects, exact text
- github: GitHub Actions workflow commands (annotations)
- sarif: SARIF 2.1.0 with the rule catalogue
"""
from goalbook.cli.formats.github import format_github
from goalbook.cli.formats.json_array import format_json
from goalbook.cli.formats.paths import from_here
from goalbook.cli.formats.sarif import format_sarif
from goalbook.cli.formats.text import format_text, summary

FORMATS = ("text", "json", "github", "sarif")
PROJECT_RELATIVE = ("json", "sarif")      # formats whose paths stay relative to the project

__all__ = ["FORMATS", "PROJECT_RELATIVE", "format_github", "format_json", "format_sarif",
           "format_text", "from_here", "summary"]
