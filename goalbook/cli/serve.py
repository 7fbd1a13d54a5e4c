from __future__ import annotations

import signal
import tempfile
import threading
from datetime import date
from pathlib import Path

import click

from goalbook.cli.options import clock, fail, pass_project, today_option


def _stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt


class _EchoReporter:
    def info(self, message: str) -> None:
        click.echo(message, err=True)


@click.command()
@click.option("-p", "--port", default=8000, show_default=True, help="Port on 127.0.0.1 (a free one is used if it is taken).")
@click.option("--pdf", is_flag=True, help="Rebuild the PDF report on every change (slower); "
              "otherwise it is made when you open it.")
@today_option
@pass_project
def serve(project: Path, port: int, pdf: bool, today: date | None) -> None:
    """Build into a temporary folder, serve it on 127.0.0.1 and rebuild when files change.

    Your output/ folder is not touched. Stop with Ctrl-C.
    """
    from goalbook.app.build import BuildOptions
    from goalbook.app.check import ProjectError, require_project
    from goalbook.app.serve import Rebuilder
    from goalbook.serve.server import SiteState, port_of, start

    try:
        root = require_project(project)
    except ProjectError as exc:
        fail(str(exc), exc.hint)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)      # stop as on Ctrl-C: tidy up the temporary site
    with tempfile.TemporaryDirectory(prefix="goalbook-serve-") as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        state = SiteState(site)
        rebuilder = Rebuilder(root, site, BuildOptions(today=clock().report_today(today), pdf=pdf), state, _EchoReporter())
        state.make_report = rebuilder.ensure_report
        state.make_page = rebuilder.ensure_page
        stop = threading.Event()
        servers = []

        def ready() -> None:
            rebuilder.rebuild()
            servers.append(start(state, port))
            click.echo(f"Serving on http://127.0.0.1:{port_of(servers[0])}/ (only this computer can see it). "
                       "Ctrl-C stops.", err=True)

        try:
            rebuilder.watch(stop, on_ready=ready)
        except KeyboardInterrupt:
            pass
        finally:
            stop.set()
            for server in servers:
                server.shutdown()
                server.server_close()
        click.echo("Stopped. Your files are as you left them.", err=True)
