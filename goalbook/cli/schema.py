from __future__ import annotations

import click

from goalbook.cli.options import fail, project_option, project_root

KIND_CHOICES = ("goal", "checkin", "session", "settings")


@click.command()
@click.option("--kind", type=click.Choice(KIND_CHOICES),
              help="Print the schema of one kind of file only.")
@click.option("--write", is_flag=True,
              help="Instead of printing, write the schema files to .goalbook/ in the project.")
@project_option
def schema(kind: str | None, write: bool) -> None:
    """Print the JSON Schema of goalbook's files, for editors.

    Goal files made by 'goalbook new' and 'goalbook init' point to
    .goalbook/schema.json with a '# yaml-language-server: $schema=' line, so
    VS Code (YAML extension) and Neovim (yaml-language-server) complete and
    check fields while you type.
    """
    from goalbook.app.schema_files import write_schema_files
    from goalbook.render.jsonschema import schema_text

    if not write:
        click.echo(schema_text(kind), nl=False)
        return
    if kind is not None:
        fail("--write writes every schema file; leave out --kind")
    from goalbook.app.check import require_project

    root = require_project(project_root())
    written = write_schema_files(root)
    for name in written:
        click.echo(f"  wrote {name}")
    if not written:
        click.echo("The schema files in .goalbook/ are up to date.")
