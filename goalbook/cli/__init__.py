"""goalbook's command line (Click only): `main` is the group, `run` the entry point."""
from goalbook.cli.main import main, run

__all__ = ["main", "run"]
