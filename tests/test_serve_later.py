"""serve renders a page when the browser asks for it: a rebuild only decides which
pages changed. What is served must be what `goalbook build` writes, and a page that
is gone from the site must be gone from serve's folder too."""
from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import GOOD_GOAL, TODAY
from goalbook.app.build import BuildOptions, build
from goalbook.app.reporter import Reporter
from goalbook.app.serve import Rebuilder
from goalbook.serve.server import SiteState, port_of, start

GOAL_PAGE = "goals/evening-walks.html"


@pytest.fixture
def live(example_book, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    state = SiteState(site)
    rebuilder = Rebuilder(example_book, site, BuildOptions(today=TODAY, pdf=False), state, Reporter())
    state.make_page = rebuilder.ensure_page
    server = start(state, 0)
    rebuilder.rebuild()
    yield rebuilder, site, port_of(server)
    server.shutdown()
    server.server_close()


def fetch(port: int, path: str) -> bytes:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
        return response.read()


def built(root: Path, tmp_path: Path) -> Path:
    output = tmp_path / "built"
    assert build(root, BuildOptions(today=TODAY, pdf=False, output=output)).ok
    return output


def test_a_page_is_rendered_when_asked_for_as_build_writes_it(live, example_book, tmp_path):
    rebuilder, site, port = live
    assert GOAL_PAGE in rebuilder.later and not (site / GOAL_PAGE).exists()
    assert b"Walk" in fetch(port, f"/{GOAL_PAGE}")
    assert GOAL_PAGE not in rebuilder.later
    expected = built(example_book, tmp_path)
    for name in (GOAL_PAGE, "index.html"):
        fetch(port, f"/{name}")
        assert (site / name).read_bytes() == (expected / name).read_bytes(), name


def test_an_edit_leaves_only_the_pages_it_reaches_to_render(live, example_book, tmp_path):
    rebuilder, site, port = live
    for name in list(rebuilder.later):
        fetch(port, f"/{name}")
    assert not rebuilder.later
    checkin = example_book / "content/checkins/2026-11-19.yaml"
    checkin.write_text("date: 2026-11-19\nprogress:\n  evening-walks: 2\nwin: a walk in the rain\n", encoding="utf-8")
    rebuilder.rebuild()
    assert GOAL_PAGE in rebuilder.later and "timeline/2026-11.html" in rebuilder.later
    assert "goals/morning-spin.html" not in rebuilder.later and (site / "goals/morning-spin.html").is_file()
    assert not (site / GOAL_PAGE).exists()                  # no stale copy to be served by mistake
    assert b"a walk in the rain" in fetch(port, "/timeline/2026-11.html")
    expected = built(example_book, tmp_path)
    fetch(port, f"/{GOAL_PAGE}")
    assert (site / GOAL_PAGE).read_bytes() == (expected / GOAL_PAGE).read_bytes()


def test_a_page_rendered_on_request_goes_when_its_goal_goes(live, example_book):
    rebuilder, site, port = live
    goal = example_book / "content/goals/read-more.yaml"
    goal.write_text(GOOD_GOAL.replace("Walk for 30 minutes", "Read for 20 minutes"), encoding="utf-8")
    rebuilder.rebuild()
    assert b"Read for 20 minutes" in fetch(port, "/goals/read-more.html")
    goal.unlink()
    rebuilder.rebuild()
    assert not (site / "goals/read-more.html").exists()
    with pytest.raises(urllib.error.HTTPError) as refused:
        fetch(port, "/goals/read-more.html")
    assert refused.value.code == 404


@pytest.mark.realtime
def test_the_open_page_hears_of_a_rebuild_as_soon_as_it_is_done(live, example_book):
    """The page asks for the version after the one it has; the answer waits for the rebuild.
    (`realtime`: a request held open and socket timeouts need the real clock.)"""
    import threading

    rebuilder, _, port = live
    seen = fetch(port, "/__goalbook/version").decode()
    answers = []
    asking = threading.Thread(target=lambda: answers.append(fetch(port, f"/__goalbook/version?after={seen}")))
    asking.start()
    asking.join(0.3)
    assert asking.is_alive() and not answers              # nothing rebuilt yet: still waiting
    (example_book / "content/checkins/2026-11-19.yaml").write_text("date: 2026-11-19\nmood: 4\n", encoding="utf-8")
    rebuilder.rebuild()
    asking.join(10)
    assert answers == [str(int(seen) + 1).encode()]


@pytest.mark.realtime
def test_a_version_request_with_nothing_new_is_answered_in_the_end(live):
    rebuilder, _, _ = live
    state = rebuilder.state
    assert state.version_after(None) == state.version
    assert state.version_after(str(state.version), seconds=0.05) == state.version


@pytest.mark.realtime
def test_with_many_tabs_open_a_version_request_is_answered_at_once(tmp_path):
    """A browser opens about six connections per host: held requests must leave some for pages."""
    import threading

    from goalbook.serve.server import MAX_WAITING

    state = SiteState(tmp_path)
    seen = str(state.version)
    held = [threading.Thread(target=state.version_after, args=(seen, 30)) for _ in range(MAX_WAITING)]
    for thread in held:
        thread.start()
    while state.waiting < MAX_WAITING:
        threading.Event().wait(0.01)
    one_more = threading.Thread(target=state.version_after, args=(seen, 30))
    one_more.start()
    one_more.join(5)
    assert not one_more.is_alive() and state.waiting == MAX_WAITING
    state.update([])
    for thread in held:
        thread.join(5)
        assert not thread.is_alive()
    assert state.waiting == 0
