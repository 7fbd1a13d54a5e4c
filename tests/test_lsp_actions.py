"""`goalbook lsp` quick fixes over stdio: every "did you mean" (GB002, GB003 choices,
GB006, GB008, R402) and the empty field M202/M204 ask for. Each fix is applied to the
text as the editor would, sent back, and the finding is gone."""
from __future__ import annotations

import pytest
from conftest import GOOD_GOAL
from lsp_support import (apply_edits, codes, lsp, next_publish, open_file, quick_fixes, replace_text,  # noqa: F401
                         start)
from lsprotocol import types

GOAL = "content/goals/evening-walks.yaml"
QUIET = "rules: {T504: off}\n"


async def fix_once(lsp, book, rel_path: str, text: str, code: str, encoding: str = "utf-16",
                   editor: str = "visual-studio-code") -> tuple[str, list[types.Diagnostic], str]:
    """Open `text`, take the quick fix for the one `code` finding, apply it and send the result.
    Returns the fix's title, the diagnostics after the fix, and the fixed text."""
    await start(lsp, book.root, editor=editor)
    uri = open_file(lsp, book.root / rel_path, text)
    found = [d for d in await next_publish(lsp, uri) if d.code == code]
    assert len(found) == 1, found
    actions = await quick_fixes(lsp, uri, found[0])
    assert len(actions) == 1, actions
    action = actions[0]
    assert action.kind == types.CodeActionKind.QuickFix and action.is_preferred
    assert list(action.diagnostics) == [found[0]]
    fixed = apply_edits(text, action.edit.changes[uri], encoding)
    replace_text(lsp, uri, 2, fixed)
    return action.title, await next_publish(lsp, uri, version=2), fixed


@pytest.fixture
def quiet(book):
    book.write("goalbook.yaml", QUIET)
    return book


@pytest.mark.asyncio
async def test_unknown_field(lsp, quiet):
    text = GOOD_GOAL.replace("due:", "deu:")
    title, after, fixed = await fix_once(lsp, quiet, GOAL, text, "GB002")
    assert title == "Change 'deu' to 'due'"
    assert fixed == GOOD_GOAL and after == []


@pytest.mark.asyncio
async def test_unknown_field_in_quotes_in_markdown_front_matter(lsp, quiet):
    quiet.write(GOAL, GOOD_GOAL)
    text = '---\ndate: 2026-11-20\n"mod": 4\nprogress: {evening-walks: 2}\n---\nGood.\n'
    _, after, fixed = await fix_once(lsp, quiet, "content/checkins/2026-11-20.md", text, "GB002")
    assert fixed == text.replace('"mod"', '"mood"') and after == []


@pytest.mark.asyncio
async def test_a_choice(lsp, quiet):
    text = GOOD_GOAL + "review: weekley\n"
    title, after, fixed = await fix_once(lsp, quiet, GOAL, text, "GB003")
    assert title == "Change 'weekley' to 'weekly'"
    assert fixed == GOOD_GOAL + "review: weekly\n" and after == []


@pytest.mark.asyncio
async def test_an_unknown_goal(lsp, quiet):
    quiet.write(GOAL, GOOD_GOAL)
    text = "date: 2026-11-20\nprogress:\n  evening-walk: 3\n"
    title, after, fixed = await fix_once(lsp, quiet, "content/checkins/2026-11-20.yaml", text, "GB006")
    assert title == "Change 'evening-walk' to 'evening-walks'"
    assert fixed == text.replace("evening-walk:", "evening-walks:") and after == []


@pytest.mark.asyncio
@pytest.mark.parametrize("editor, encoding", [("visual-studio-code", "utf-16"), ("neovim@v0.11.0", "utf-8")])
async def test_an_unknown_goal_on_a_line_with_emoji(lsp, quiet, editor, encoding):
    """The replaced range, past astral characters on the same line, in the editor's units."""
    quiet.write(GOAL, GOOD_GOAL)
    quiet.write("content/goals/🚶.yaml", GOOD_GOAL)        # an id goalbook refuses (GB005), but a real file
    text = "date: 2026-11-20\nprogress: {🚶: 1, evening-walk: 3}\n"
    _, after, fixed = await fix_once(lsp, quiet, "content/checkins/2026-11-20.yaml", text, "GB006",
                                     encoding=encoding, editor=editor)
    assert fixed == text.replace("evening-walk:", "evening-walks:")
    assert "GB006" not in codes(after) or all("evening" not in d.message for d in after)


@pytest.mark.asyncio
async def test_an_undeclared_value_and_area(lsp, book):
    book.write("goalbook.yaml", QUIET + "values: [health, calm]\nareas: [physical health, work]\n")
    text = GOOD_GOAL.replace("values: [health]", "values: [helth]")
    _, after, fixed = await fix_once(lsp, book, GOAL, text, "R402")
    assert fixed == GOOD_GOAL and after == []


@pytest.mark.asyncio
async def test_an_undeclared_area(lsp, book):
    book.write("goalbook.yaml", QUIET + "values: [health, calm]\nareas: [physical health, work]\n")
    text = GOOD_GOAL.replace("area: physical health", "area: 'physical helth'")
    _, after, fixed = await fix_once(lsp, book, GOAL, text, "R402")
    assert fixed == GOOD_GOAL.replace("area: physical health", "area: 'physical health'") and after == []


@pytest.mark.asyncio
async def test_settings_key_and_rule_code(lsp, book):
    book.write(GOAL, GOOD_GOAL)
    text = "rules:\n  T504: off\n  M2044: off\n"
    _, after, fixed = await fix_once(lsp, book, "goalbook.yaml", text, "GB008")
    assert fixed == "rules:\n  T504: off\n  M204: off\n" and after == []


@pytest.mark.asyncio
async def test_missing_baseline_goes_before_the_target(lsp, quiet):
    text = GOOD_GOAL.replace("  baseline: 0\n", "")
    title, after, fixed = await fix_once(lsp, quiet, GOAL, text, "M202")
    assert title == "Add 'baseline:' to measure"
    assert fixed == GOOD_GOAL.replace("  baseline: 0\n", "  baseline:\n")
    assert codes(after) == ["M202"]           # still empty: the person fills in where they are now


@pytest.mark.asyncio
async def test_missing_unit_goes_after_what(lsp, quiet):
    text = GOOD_GOAL.replace("  unit: walks\n", "")
    title, _, fixed = await fix_once(lsp, quiet, GOAL, text, "M204")
    assert title == "Add 'unit:' to measure"
    assert fixed == GOOD_GOAL.replace("  unit: walks\n", "  unit:\n")


@pytest.mark.asyncio
async def test_missing_unit_after_the_last_field_and_its_folded_lines(lsp, quiet):
    """No field the schema lists after `unit` is there: it goes after the last one
    (past that field's own more-indented lines), with the mapping's indentation."""
    head = "title: Walk for 30 minutes on three evenings a week\nwhy: x\nstart: 2026-10-01\ndue: 2027-01-31\n"
    text = head + "measure:\n    what: >-\n      evening\n      walks\n    # the target comes later\n\nreview: weekly\n"
    _, _, fixed = await fix_once(lsp, quiet, GOAL, text, "M204")
    assert fixed == text.replace("      walks\n", "      walks\n    unit:\n")


@pytest.mark.asyncio
async def test_missing_baseline_at_the_end_of_the_file(lsp, quiet):
    text = "title: Walk for 30 minutes on three evenings a week\nwhy: x\nstart: 2026-10-01\ndue: 2027-01-31\nmeasure:\n  what: walks\n  unit: walks\n  target: 3\n  min: 0"
    _, _, fixed = await fix_once(lsp, quiet, GOAL, text, "M202")
    assert fixed == text.replace("  target: 3\n", "  baseline:\n  target: 3\n")


@pytest.mark.asyncio
async def test_missing_baseline_in_a_flow_measure(lsp, quiet):
    text = GOOD_GOAL.split("measure:")[0] + "measure: {what: walks, unit: walks, per: week, target: 3}\n"
    _, _, fixed = await fix_once(lsp, quiet, GOAL, text, "M202")
    assert fixed.endswith("measure: {what: walks, unit: walks, per: week, baseline: , target: 3}\n")


@pytest.mark.asyncio
async def test_no_fix_without_a_suggestion_and_none_for_stale_text(lsp, quiet):
    await start(lsp, quiet.root)
    uri = open_file(lsp, quiet.root / GOAL, GOOD_GOAL + "zzzz: 1\n")
    found = await next_publish(lsp, uri)
    assert codes(found) == ["GB002"] and "the fields are" in found[0].message
    assert await quick_fixes(lsp, uri, found[0]) == []


@pytest.mark.asyncio
async def test_fixes_for_a_range_without_named_diagnostics(lsp, quiet):
    """Asked for a line without naming diagnostics, the server offers each fix there."""
    await start(lsp, quiet.root)
    text = GOOD_GOAL.replace("  baseline: 0\n", "").replace("  unit: walks\n", "")
    uri = open_file(lsp, quiet.root / GOAL, text)
    found = await next_publish(lsp, uri)
    assert codes(found) == ["M202", "M204"]
    result = await lsp.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=found[0].range,
        context=types.CodeActionContext(diagnostics=[])))
    assert sorted(action.title for action in result) == ["Add 'baseline:' to measure", "Add 'unit:' to measure"]
    fixed = apply_edits(text, [edit for action in result for edit in action.edit.changes[uri]])
    assert "  what: evening walks\n  unit:\n  per: week\n  baseline:\n  target: 3\n" in fixed
