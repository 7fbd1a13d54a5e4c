"""output/values.html: each declared value and area with the goals that serve it, the ones
no goal serves, and undeclared names flagged as R402 flags them (never a row of their own)."""
from __future__ import annotations

from books import write_rich_book
from conftest import GOOD_GOAL
from test_site import parse, render


def rows(section) -> dict[str, object]:
    """Declared rows by name (the undeclared ones sit apart, in their own card)."""
    out = {}
    for li in section.find("ul", cls="served").find_all("li", cls="served-row"):
        out[li.find("h3").children[0].strip()] = li
    return out


def test_values_and_areas_with_their_goals(book):
    write_rich_book(book)
    files, _ = render(book.root)
    page = parse(files["values.html"])
    values = page.find("section", **{"aria-labelledby": "values-heading"})
    declared = rows(values)
    assert list(declared) == ["health", "honesty", "courage", "play"]       # goalbook.yaml's order
    health = [a.text() for a in declared["health"].find_all("a")]
    assert health == ["Go to the gym twice a week after work", "Cut down the evening wine to two glasses a week"]
    assert "private — not in the report" in declared["health"].text()       # the site is private
    assert "No goal serves it yet." in declared["play"].text()
    assert "unserved" in declared["play"].attrs["class"]
    flagged = values.find("section", cls="undeclared")
    assert "“reflection” not declared" in flagged.text()
    assert "Write three lines in my journal every evening" in flagged.text()


def test_an_area_typo_is_flagged_with_its_suggestion_not_a_row_of_its_own(book):
    write_rich_book(book)
    files, _ = render(book.root)
    areas = parse(files["values.html"]).find("section", **{"aria-labelledby": "areas-heading"})
    declared = rows(areas)
    assert list(declared) == ["physical health", "mental health", "relationships", "work/school"]
    assert "mental helth" not in declared
    assert "No goal serves it yet." in declared["mental health"].text()
    assert "No goal serves it yet." in declared["relationships"].text()
    flagged = areas.find("section", cls="undeclared")
    assert "“mental helth” not declared — did you mean mental health?" in flagged.text()
    assert [a.text() for a in flagged.find_all("a")] == ["Write three lines in my journal every evening"]
    # The same finding as the check's.
    r402 = [d for d in book.check().diagnostics if d.code == "R402" and "helth" in d.message]
    assert r402 and r402[0].hint == "did you mean 'mental health'?"


def test_without_declared_values_the_goals_own_are_listed(book):
    book.write("content/goals/walks.yaml", GOOD_GOAL)
    book.write("content/goals/calls.yaml", GOOD_GOAL.replace("values: [health]", "values: [connection]")
               .replace("area: physical health", "area: relationships"))
    files, _ = render(book.root)
    page = parse(files["values.html"])
    values = page.find("section", **{"aria-labelledby": "values-heading"})
    assert list(rows(values)) == ["connection", "health"]
    assert "doesn't list your values yet" in values.text()
    assert not values.find_all("section", cls="undeclared")
    areas = rows(page.find("section", **{"aria-labelledby": "areas-heading"}))
    assert list(areas) == ["relationships", "work/school", "mental health", "physical health"]   # the defaults


def test_values_page_is_in_the_navigation(book):
    book.write("content/goals/walks.yaml", GOOD_GOAL)
    files, _ = render(book.root)
    for name in ("index.html", "timeline.html", "values.html", "goals/walks.html"):
        nav = parse(files[name]).find("nav")
        hrefs = [a.attrs["href"] for a in nav.find_all("a")]
        assert any(h.endswith("values.html") for h in hrefs), name
    current = parse(files["values.html"]).find("a", **{"aria-current": "page"})
    assert current.text() == "Values"
