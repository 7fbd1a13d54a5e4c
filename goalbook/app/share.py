"""`goalbook share PARTNER`: check → snapshot → the partner's view → HTML and PDF → publish.

The share goes to `<output>/share/<partner-slug>/` (index.html and
<partner-slug>.pdf), published in one step like the site: a staging folder
swapped in, so a failed share leaves the previous one as it was. The site's
build never removes it: its manifest lists only the site's own files, and
everything else in the output folder is carried over.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from goalbook.errors import FAILED, GoalbookError
from goalbook.app.check import CheckResult, check_project
from goalbook.publish.output import check_output_path, claim_folder, publish

SHARE_FOLDER = "share"


@dataclass
class ShareResult:
    check: CheckResult
    partner: str = ""
    folder: Path | None = None          # where the share was written; None: nothing was
    files: list[str] = field(default_factory=list)
    goals: int = 0
    encrypted: bool = False

    @property
    def ok(self) -> bool:
        return self.folder is not None


def make_share(root: Path, partner: str, today: date, password: str | None = None) -> ShareResult:
    """Write the share for `partner`, or nothing at all when the book has errors.

    GoalbookError (exit 2) for a partner no shareable goal names; ProjectError and
    UnsafeOutput as for `build`.
    """
    check = check_project(root, today)
    result = ShareResult(check, partner=partner)
    if check.errors:
        return result
    output = check_output_path(_output_folder(root, check), root)
    view, html, pdf = _render(root, check, partner, today)
    folder = check_output_path(output / SHARE_FOLDER / view.slug, root)
    if password is not None:
        from goalbook.pdf.encrypt import encrypt_pdf

        pdf = encrypt_pdf(pdf, password)
    files = {"index.html": html.encode("utf-8"), f"{view.slug}.pdf": pdf}
    _claim(output)
    publish(files, folder, own_gitignore=False)         # inside the output folder, which has one
    result.partner, result.folder, result.files = view.partner, folder, sorted(files)
    result.goals, result.encrypted = len(view.goals), password is not None
    return result


def _render(root: Path, check: CheckResult, partner: str, today: date):
    import jinja2

    from goalbook.model.snapshot import build_snapshot
    from goalbook.pdf.render import render_pdf
    from goalbook.render.environment import make_environment
    from goalbook.render.share import render_share_html, share_stylesheet, share_view

    snapshot = build_snapshot(check.book, check.diagnostics, today)
    view = share_view(snapshot, partner)
    env = make_environment(root, snapshot.settings.language)
    try:
        html = render_share_html(view, env=env)
        stylesheet = share_stylesheet(env)
    except jinja2.TemplateError as exc:
        raise GoalbookError(f"the share's template stopped: {exc}",
                            "if you changed templates/share/index.html or templates/assets/share.css, "
                            "check it, or remove it to use the built-in one", exit_status=FAILED) from exc
    pdf = render_pdf(html, today=today, title=view.title_in(env.globals["vocabulary"]), paper=check.book.settings.report_paper,
                     stylesheet=stylesheet)
    return view, html, pdf


def _output_folder(root: Path, check: CheckResult) -> Path:
    return root.resolve() / check.book.settings.output


def _claim(output: Path) -> None:
    """A new output folder gets goalbook's marker, so that a later build may build into it,
    and its .gitignore, so that it stays out of git."""
    claim_folder(output)
