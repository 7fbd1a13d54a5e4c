"""Use cases: what a command does, from reading to writing files (import, …)."""
