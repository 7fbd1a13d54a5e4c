"""The use cases: check, build, checkin, new goal, init, export, serve — what the front ends (CLI, editor) call. Nothing here prints."""
