"""`goalbook lsp`: a language server on stdin/stdout, a front end like the CLI.

It runs goalbook's own engine (`goalbook.app.check.check_project`) over the
editor's unsaved texts, so an editor shows exactly what `goalbook check`
would say, and adds completion, hover and quick fixes from the same schema
tables and rule registry.

    server.py       the wiring: pygls features, open documents, debounced checks
    projects.py     which project a document belongs to; one project's checks
    positions.py    goalbook's line/column (code points) ↔ the editor's units
    diagnostics.py  goalbook's findings as LSP diagnostics
    context.py      where the cursor is in a (possibly half-typed) file
    completion.py   field names, choices, goal ids, values and areas
    hover.py        field and rule descriptions
    actions.py      quick fixes from each finding's `Fix`
"""
