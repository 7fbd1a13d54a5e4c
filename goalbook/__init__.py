"""goalbook: SMART therapy goals as plain text, linted, and built into a private site and PDF report."""

__version__ = "0.2.0"
