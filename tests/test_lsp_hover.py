"""`goalbook lsp` hover over stdio: fields explained from the schema's descriptions,
rule codes from the rule registry, goal ids by their titles."""
from __future__ import annotations

import pytest
from conftest import GOOD_GOAL
from lsp_support import lsp, open_file, position_of, start, without_marker  # noqa: F401
from lsprotocol import types

from goalbook.rules.catalogue import rule_info
from goalbook.schema.definitions import CHECKIN, GOAL, MEASURE


async def hover_at(lsp, uri: str, text: str, encoding: str = "utf-16") -> types.Hover | None:
    return await lsp.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(text, "|", encoding)))


async def hovered(lsp, book, rel_path: str, text: str, **start_args) -> types.Hover | None:
    await start(lsp, book.root, **start_args)
    uri = open_file(lsp, book.root / rel_path, without_marker(text))
    return await hover_at(lsp, uri, text, start_args.get("encoding", "utf-16"))


@pytest.fixture
def walks(book):
    book.write("content/goals/evening-walks.yaml", GOOD_GOAL)
    return book


@pytest.mark.asyncio
async def test_a_goal_field_is_explained_from_the_schema(lsp, walks):
    shown = await hovered(lsp, walks, "content/goals/evening-walks.yaml", GOOD_GOAL.replace("due:", "d|ue:"))
    assert shown.contents.kind == types.MarkupKind.Markdown
    assert GOAL.fields["due"].doc.lower() in shown.contents.value.lower()
    assert "a date, YYYY-MM-DD" in shown.contents.value
    assert shown.range == types.Range(start=position_of(GOOD_GOAL, "due:"), end=position_of(GOOD_GOAL, "due:", after=3))


@pytest.mark.asyncio
async def test_a_nested_field_names_its_path_and_kind(lsp, walks):
    shown = await hovered(lsp, walks, "content/goals/evening-walks.yaml", GOOD_GOAL.replace("per:", "p|er:"))
    assert "**measure.per**" in shown.contents.value
    assert MEASURE.fields["per"].doc[1:] in shown.contents.value
    assert "one of day, week, month" in shown.contents.value


@pytest.mark.asyncio
async def test_a_check_in_field_and_a_required_one(lsp, walks):
    text = "da|te: 2026-11-21\nmood: 6\n"
    shown = await hovered(lsp, walks, "content/checkins/2026-11-21.yaml", text)
    assert "(required)" in shown.contents.value
    assert CHECKIN.fields["date"].doc[1:] in shown.contents.value


@pytest.mark.asyncio
async def test_a_rule_code_is_explained_from_the_registry(lsp, walks):
    text = "rules:\n  A30|1: off\n  GB006: warning\n"
    shown = await hovered(lsp, walks, "goalbook.yaml", text)
    assert rule_info("A301").help in shown.contents.value       # the catalogue's help
    assert "warning by default" in shown.contents.value
    assert "priority order" in shown.contents.value            # from the rule module's own description
    uri = (walks.root / "goalbook.yaml").resolve().as_uri()
    shown = await hover_at(lsp, uri, "rules:\n  A301: off\n  GB0|06: warning\n")
    assert rule_info("GB006").help in shown.contents.value and "error by default" in shown.contents.value


@pytest.mark.asyncio
async def test_a_rule_code_in_a_comment(lsp, walks):
    text = GOOD_GOAL + "# no baseline yet, so M2|02 says so\n"
    shown = await hovered(lsp, walks, "content/goals/evening-walks.yaml", text)
    assert rule_info("M202").help in shown.contents.value


@pytest.mark.asyncio
async def test_a_goal_id_under_progress_shows_its_title(lsp, walks):
    text = "date: 2026-11-21\nprogress:\n  evening-wa|lks: 3\n"
    shown = await hovered(lsp, walks, "content/checkins/2026-11-21.yaml", text)
    assert "Walk for 30 minutes on three evenings a week" in shown.contents.value


@pytest.mark.asyncio
async def test_nothing_to_say_on_a_plain_value(lsp, walks):
    text = GOOD_GOAL.replace("Walking clears", "Walking cl|ears")
    assert await hovered(lsp, walks, "content/goals/evening-walks.yaml", text) is None


@pytest.mark.asyncio
async def test_a_key_in_a_flow_mapping_after_emoji_in_utf16(lsp, walks):
    """The key is found from the editor's UTF-16 position, past two astral characters on its line."""
    text = GOOD_GOAL + 'steps: [{title: "🚶🌙 loop", d|one: 2026-10-02}]\n'
    shown = await hovered(lsp, walks, "content/goals/evening-walks.yaml", text)
    assert "**steps.N.done**" in shown.contents.value
    plain = without_marker(text)
    assert shown.range.start == position_of(plain, "done:")
    assert shown.range.start.character == len('steps: [{title: "🚶🌙 loop", '.encode("utf-16-le")) // 2


@pytest.mark.asyncio
async def test_plain_text_for_a_client_without_markdown(lsp, walks):
    shown = await hovered(lsp, walks, "content/goals/evening-walks.yaml", GOOD_GOAL.replace("why:", "wh|y:"),
                          markdown=False)
    assert shown.contents.kind == types.MarkupKind.PlainText
    assert shown.contents.value.startswith("why\n\nWhy it matters to me")
    assert "*" not in shown.contents.value
