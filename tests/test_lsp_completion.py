"""`goalbook lsp` completion over stdio: field names from the schema tables,
choices, goal ids, declared values and areas, at the cursor of a half-typed file."""
from __future__ import annotations

import pytest
from conftest import GOOD_GOAL
from lsp_support import (completion_labels, lsp, next_publish, open_file, position_of, replace_text,  # noqa: F401
                         start, without_marker)
from lsprotocol import types

from goalbook.rules.registry import ALL_CODES
from goalbook.schema.definitions import CHECKIN, GOAL, MEASURE, SESSION, STEP

SETTINGS = "values: [health, calm, connection]\nareas: [physical health, relationships]\n"


async def offered(lsp, book, rel_path: str, text: str, editor: str = "visual-studio-code") -> list[str]:
    """Open `rel_path` with `text` (where `|` marks the cursor) and ask for completions there."""
    await start(lsp, book.root, editor=editor)
    uri = open_file(lsp, book.root / rel_path, without_marker(text))
    return await completion_labels(lsp, uri, text)


@pytest.fixture
def sam(book):
    book.write("goalbook.yaml", SETTINGS)
    book.write("content/goals/evening-walks.yaml", GOOD_GOAL)
    book.write("content/goals/call-my-sister.yaml", GOOD_GOAL.replace("Walk for 30 minutes", "Call my sister")
               + "scale:\n  -2: {text: no calls}\n  0: {text: one call}\n  2: {text: two calls}\n")
    return book


@pytest.mark.asyncio
async def test_goal_field_names_leave_out_those_already_written(lsp, sam):
    labels = await offered(lsp, sam, "content/goals/new-goal.yaml", "title: Read every evening\nsta|\n")
    assert set(labels) == set(GOAL.fields) - {"title"}


@pytest.mark.asyncio
async def test_measure_field_names(lsp, sam):
    text = "title: Read every evening\nmeasure:\n  what: chapters\n  |\n"
    assert set(await offered(lsp, sam, "content/goals/read.yaml", text)) == set(MEASURE.fields) - {"what"}


@pytest.mark.asyncio
async def test_fields_of_a_list_item(lsp, sam):
    text = "title: Read\nsteps:\n  - title: buy a lamp\n    |\n"
    assert set(await offered(lsp, sam, "content/goals/read.yaml", text)) == set(STEP.fields) - {"title"}


@pytest.mark.asyncio
async def test_check_in_and_session_field_names(lsp, sam):
    assert set(await offered(lsp, sam, "content/checkins/2026-11-21.yaml", "date: 2026-11-21\n|")) == \
        set(CHECKIN.fields) - {"date"}


@pytest.mark.asyncio
async def test_a_check_in_file_that_is_a_list(lsp, sam):
    uri_path = "content/checkins/2026-11.yaml"
    text = "- date: 2026-11-20\n  mood: 4\n- |"
    assert set(await offered(lsp, sam, uri_path, text)) == set(CHECKIN.fields)
    uri = (sam.root / uri_path).resolve().as_uri()
    text = "- date: 2026-11-20\n  mood: 4\n- date: 2026-11-21\n  |"
    replace_text(lsp, uri, 2, without_marker(text))
    assert set(await completion_labels(lsp, uri, text)) == set(CHECKIN.fields) - {"date"}


@pytest.mark.asyncio
async def test_session_fields_in_markdown_front_matter_only(lsp, sam):
    text = "---\ndate: 2026-11-21\n|\n---\nWe talked about sleep.\n"
    assert set(await offered(lsp, sam, "content/sessions/2026-11-21.md", text)) == set(SESSION.fields) - {"date"}
    uri = (sam.root / "content/sessions/2026-11-21.md").resolve().as_uri()
    assert await completion_labels(lsp, uri, "---\ndate: 2026-11-21\n\n---\nWe talked |about sleep.\n") == []


@pytest.mark.asyncio
@pytest.mark.parametrize("field, choices", [
    ("status", ["active", "paused", "achieved", "dropped"]),
    ("review", ["daily", "weekly", "fortnightly", "monthly"]),
    ("private", ["yes", "no"]),
])
async def test_choices_of_a_field(lsp, sam, field, choices):
    assert await offered(lsp, sam, "content/goals/read.yaml", f"title: Read\n{field}: |\n") == choices


@pytest.mark.asyncio
async def test_per_in_a_measure(lsp, sam):
    assert await offered(lsp, sam, "content/goals/read.yaml", "measure:\n  per: w|\n") == ["day", "week", "month"]


@pytest.mark.asyncio
async def test_goal_ids_under_progress_with_their_titles(lsp, sam):
    await start(lsp, sam.root)
    text = "date: 2026-11-21\nprogress:\n  |\n"
    uri = open_file(lsp, sam.root / "content/checkins/2026-11-21.yaml", without_marker(text))
    assert await completion_labels(lsp, uri, text) == ["call-my-sister", "evening-walks"]
    result = await lsp.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=2, character=2)))
    details = {item.label: item.detail for item in result.items}
    assert details["call-my-sister"].startswith("Call my sister")
    assert result.items[0].text_edit.new_text == "call-my-sister: "


@pytest.mark.asyncio
async def test_goal_ids_in_a_flow_mapping_and_after_goal(lsp, sam):
    await start(lsp, sam.root)
    uri = open_file(lsp, sam.root / "content/checkins/a.yaml", "date: 2026-11-21\n")
    text = "date: 2026-11-21\nprogress: {evening-walks: 3, ca|\n"
    replace_text(lsp, uri, 2, without_marker(text))
    assert await completion_labels(lsp, uri, text) == ["call-my-sister"]
    text = "date: 2026-11-21\ngoal: |\nvalue: 3\n"
    replace_text(lsp, uri, 3, without_marker(text))
    assert await completion_labels(lsp, uri, text) == ["call-my-sister", "evening-walks"]


@pytest.mark.asyncio
async def test_levels_offer_the_goals_that_have_a_scale(lsp, sam):
    text = "date: 2026-11-21\nlevels:\n  |\n"
    assert await offered(lsp, sam, "content/checkins/2026-11-21.yaml", text) == ["call-my-sister"]


@pytest.mark.asyncio
async def test_a_goal_opened_unsaved_is_offered(lsp, sam):
    await start(lsp, sam.root)
    open_file(lsp, sam.root / "content/goals/read-more.yaml", GOOD_GOAL)
    text = "date: 2026-11-21\nprogress:\n  |\n"
    uri = open_file(lsp, sam.root / "content/checkins/2026-11-21.yaml", without_marker(text))
    await next_publish(lsp, uri)
    assert await completion_labels(lsp, uri, text) == ["call-my-sister", "evening-walks", "read-more"]


@pytest.mark.asyncio
async def test_declared_values_and_areas(lsp, sam):
    assert await offered(lsp, sam, "content/goals/read.yaml", "title: Read\narea: |\n") == \
        ["physical health", "relationships"]
    uri = (sam.root / "content/goals/read.yaml").resolve().as_uri()
    for text in ("title: Read\nvalues: [health, c|]\n", "title: Read\nvalues:\n  - health\n  - |\n",
                 "title: Read\nvalues: |\n"):
        replace_text(lsp, uri, 2, without_marker(text))
        assert await completion_labels(lsp, uri, text) == ["health", "calm", "connection"]


@pytest.mark.asyncio
async def test_default_areas_without_a_goalbook_yaml(lsp, book):
    book.write("content/goals/evening-walks.yaml", GOOD_GOAL)
    labels = await offered(lsp, book, "content/goals/read.yaml", "title: Read\narea: |\n")
    assert "relationships" in labels and "mental health" in labels


@pytest.mark.asyncio
async def test_settings_rule_codes_and_severities(lsp, sam):
    labels = await offered(lsp, sam, "goalbook.yaml", "rules:\n  M204: off\n  |\n")
    assert set(labels) == set(ALL_CODES) - {"M204"}
    uri = (sam.root / "goalbook.yaml").resolve().as_uri()
    text = "rules:\n  M204: |\n"
    replace_text(lsp, uri, 2, without_marker(text))
    assert await completion_labels(lsp, uri, text) == ["error", "warning", "off"]


@pytest.mark.asyncio
async def test_a_date_field_offers_today(lsp, sam):
    """Today is the server's clock's: GOALBOOK_TODAY, which the suite sets."""
    assert await offered(lsp, sam, "content/checkins/new.yaml", "date: |\n") == ["2026-11-22"]


@pytest.mark.asyncio
async def test_completion_with_an_emoji_before_the_cursor_in_utf8(lsp, sam):
    """Neovim 0.11 offers UTF-8 first; the cursor after emoji is found in bytes, and the
    word typed so far is replaced at the right place."""
    text = 'title: "🚶🌙"\nmeasure: {what: 🚶🌙, per: we|\n'
    result = await start(lsp, sam.root, editor="neovim@v0.11.0")
    assert result.capabilities.position_encoding == "utf-8"
    uri = open_file(lsp, sam.root / "content/goals/read.yaml", without_marker(text))
    assert await completion_labels(lsp, uri, text, encoding="utf-8") == ["day", "week", "month"]
    result = await lsp.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(text, "|", "utf-8")))
    replaced = result.items[1].text_edit.range
    assert replaced.start == position_of(text, "we|", "utf-8")
    assert replaced.end == position_of(text, "|", "utf-8")
    assert replaced.start.character == len('measure: {what: 🚶🌙, per: '.encode())
    text = 'title: "🚶🌙"\nstatus: "🚶 |\n'
    replace_text(lsp, uri, 2, without_marker(text))
    assert await completion_labels(lsp, uri, text, encoding="utf-8") == ["active", "paused", "achieved", "dropped"]
