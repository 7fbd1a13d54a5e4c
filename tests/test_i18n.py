"""The book in the user's language (SPEC section 5, `language`): complete catalogs, the
site, the report and the PDF free of English interface words, local dates, the user's
own words untouched, and GB008 for a language goalbook doesn't ship."""
from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner

from conftest import REPO, TODAY, require_tool
from goalbook.app.check import check_project
from goalbook.cli import main
from goalbook.vocabulary import LANGUAGES, Vocabulary

LOCALES = REPO / "goalbook" / "locale"
SHIPPED = [lang for lang in LANGUAGES if lang != "en"]

# English interface phrases from every part of the output (headings, labels, standings,
# plurals, chart words, the safety prompt, the footer). None may survive a translation.
ENGLISH_PHRASES = [
    "Dashboard", "Active goals", "Since your last session", "Goal attainment", "Goals by life area",
    "Questionnaires", "Other goals", "Report period", "Skip to the content", "This site is private",
    "Where things stand", "Of the way", "Progress report", "Homework from the session",
    "The period at a glance", "From the check-ins", "Goals completed or set aside",
    "ahead of plan", "on track", "behind plan", "moving toward the target", "holding steady",
    "not enough check-ins", "target reached", "in the week of", "check-ins on", "values recorded",
    "out of 10", "Lower is better", "a reliable improvement", "within the usual ups and downs",
    "In every chart", "the path from the baseline", "Drawn as", "Started from", "lowest",
    "highest", "mood rating", "Recent values", "Progress towards the target", "page 1 of",
    "made on", "Timeline", "Values and life areas", "Check-ins and sessions", "The goal",
    "Baseline → target", "Why it matters", "Steps", "Revisions", "Reflection", "No check-ins yet",
    "Something to bring", "thank you for answering", "emergency", "expected path", "today",
]
# Words the user wrote in the example book: they stay exactly as written.
OWN_WORDS = ["Walk for 30 minutes on three evenings a week", "Put my phone away by 22:30 every night",
             "Told Maya about Wednesday. It was easier than I thought it would be.", "Sam's goalbook"]
LOCAL_DATE = {"de": "22. Nov. 2026", "es": "22 nov 2026"}


def _messages(catalog):
    return [m for m in catalog if m.id]


def _pairs(catalog) -> dict:
    """id → translation, plurals as tuples (read_mo gives lists)."""
    as_tuple = lambda v: tuple(v) if isinstance(v, (list, tuple)) else v   # noqa: E731
    return {as_tuple(m.id): as_tuple(m.string) for m in _messages(catalog)}


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_message_is_translated_and_none_is_fuzzy(lang):
    po = read_po((LOCALES / lang / "LC_MESSAGES" / "goalbook.po").open("rb"))
    pot = read_po((LOCALES / "goalbook.pot").open("rb"))
    assert {m.id for m in _messages(po)} == {m.id for m in _messages(pot)}, "run `make translations`"
    for m in _messages(po):
        assert not m.fuzzy, m.id
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        assert strings and all(s.strip() for s in strings), f"untranslated: {m.id!r}"
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        # The same placeholders in the translation, so no value is lost or fails to format.
        wanted = set(re.findall(r"%\(\w+\)[sd]|\{\w+\}", " ".join(ids)))
        for s in strings:
            assert set(re.findall(r"%\(\w+\)[sd]|\{\w+\}", s)) == wanted, (m.id, s)


@pytest.mark.parametrize("lang", SHIPPED)
def test_the_compiled_catalog_matches_its_po(lang):
    """The .mo files are committed (no build step on install); they must be the .po compiled."""
    folder = LOCALES / lang / "LC_MESSAGES"
    po = _pairs(read_po((folder / "goalbook.po").open("rb")))
    mo = _pairs(read_mo((folder / "goalbook.mo").open("rb")))
    assert mo == po, "run `make translations`"



def _build(tmp_path: Path, lang: str) -> Path:
    root = tmp_path / lang
    import shutil

    shutil.copytree(REPO / "content", root / "content")
    settings = (REPO / "goalbook.yaml").read_text(encoding="utf-8")
    (root / "goalbook.yaml").write_text(settings + f"\nlanguage: {lang}\n", encoding="utf-8")
    run = CliRunner().invoke(main, ["-C", str(root), "build", "--today", TODAY.isoformat()])
    assert run.exit_code == 0, run.output
    return root / "output"


@pytest.fixture(scope="module", params=SHIPPED)
def built(request, tmp_path_factory):
    lang = request.param
    out = _build(tmp_path_factory.mktemp("i18n"), lang)
    pages = {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*.html")}
    tool = require_tool("pdftotext", "to read the report's PDF back")
    pdf_text = subprocess.run([tool, "-enc", "UTF-8", str(out / "report.pdf"), "-"], check=True,
                              capture_output=True, text=True).stdout
    return lang, out, pages, pdf_text


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _users_text() -> str:
    """Everything the user wrote in the example book, whitespace folded."""
    files = [REPO / "goalbook.yaml", *sorted((REPO / "content").rglob("*.*"))]
    return _fold(" ".join(f.read_text(encoding="utf-8") for f in files))


USERS = _users_text()


def _pieces(html: str) -> list[str]:
    """The page's text nodes and its alt texts (SVG <title>/<desc>, aria-label)."""
    import html as html_lib

    labels = re.findall(r'aria-label="([^"]*)"', html)
    html = re.sub(r"<style.*?</style>", " ", html, flags=re.S)
    return [_fold(html_lib.unescape(t)) for t in re.split(r"<[^>]+>", html) + labels]


def _visible(html: str) -> str:
    return " ".join(_pieces(html))


def _english_left(pieces: list[str]) -> list[str]:
    """English phrases in the interface's own text: a piece (text node, PDF line) that is
    the user's own writing is left out, since the user may well write in English."""
    ours = " ".join(p for p in pieces if len(p) < 12 or p not in USERS)
    for words in OWN_WORDS:
        ours = ours.replace(words, " ")
    return [p for p in ENGLISH_PHRASES if re.search(r"(?<![\w-])" + re.escape(p) + r"(?![\w-])", ours)]


def test_no_english_interface_phrase_in_the_site_or_the_report(built):
    lang, _, pages, _ = built
    for name in ("index.html", "timeline.html", "values.html", "report.html", "goals/evening-walks.html"):
        assert name in pages, name
        assert _english_left(_pieces(pages[name])) == [], name


def test_no_english_interface_phrase_in_the_pdf(built):
    lang, _, _, pdf_text = built
    assert _english_left([_fold(line) for line in pdf_text.splitlines()]) == []


def test_the_language_is_declared_in_the_html_and_the_pdf(built):
    lang, out, pages, _ = built
    for name, html in pages.items():
        assert f'<html lang="{lang}">' in html, name
    from pypdf import PdfReader

    reader = PdfReader(str(out / "report.pdf"))
    assert str(reader.trailer["/Root"]["/Lang"]) == lang
    assert reader.metadata.title == {"de": "Sam's goalbook – Fortschrittsbericht",
                                     "es": "Sam's goalbook: informe de progreso"}[lang]


def test_dates_and_numbers_are_in_the_local_form(built):
    lang, _, pages, pdf_text = built
    footer = _visible(pages["index.html"])
    assert LOCAL_DATE[lang] in footer
    assert LOCAL_DATE[lang] in re.sub(r"\s+", " ", pdf_text)
    assert "22 Nov 2026" not in footer
    assert re.search(r"\b6,7\b", re.sub(r"\s+", " ", pdf_text)), "the mood average with a decimal comma"


def test_the_users_own_words_are_untouched(built):
    _, _, pages, pdf_text = built
    site = _visible(pages["index.html"]) + _visible(pages["report.html"])
    folded = re.sub(r"\s+", " ", pdf_text)
    for words in OWN_WORDS:
        assert words in site, words
    assert "Told Maya about Wednesday." in folded


def test_numbers_for_machines_stay_machine_format(built):
    """data- attributes (and the export) never take a decimal comma."""
    _, _, pages, _ = built
    values = re.findall(r'data-(?:current|progress)="([^"]*)"', pages["index.html"])
    assert values and all("," not in v for v in values)
    assert any("." in v for v in values)


def test_questionnaire_bands_keep_the_instruments_own_names(built):
    """PHQ-9/GAD-7 band labels are never machine-translated: they stay as the instrument defines them."""
    _, _, pages, _ = built
    assert ", mild" in _visible(pages["report.html"])


def test_english_is_unchanged_through_the_vocabulary():
    en = Vocabulary("en")
    day = date(2026, 11, 22)
    assert (en.long_date(day), en.short_date(day), en.weekday_date(day)) == ("22 Nov 2026", "22 Nov", "Sun 22 Nov 2026")
    assert (en.num(2.5), en.pct(0.666), en.plural(2, "week")) == ("2.5", "67%", "2 weeks")
    de, es = Vocabulary("de"), Vocabulary("es")
    assert (de.long_date(day), de.num(2.5), de.plural(2, "week")) == ("22. Nov. 2026", "2,5", "2 Wochen")
    assert (es.long_date(day), es.num(2.5), es.month_heading(day)) == ("22 nov 2026", "2,5", "noviembre de 2026")


def test_a_language_goalbook_does_not_ship_is_gb008_naming_the_shipped_ones(example_book):
    settings = example_book / "goalbook.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "\nlanguage: fr\n", encoding="utf-8")
    result = check_project(example_book, TODAY)
    found = [d for d in result.diagnostics if d.code == "GB008" and "language" in d.message]
    assert len(found) == 1, [d.message for d in result.diagnostics]
    d = found[0]
    assert "fr" in d.message
    assert all(lang in d.hint for lang in ("en", "de", "es"))
    assert d.line == len(settings.read_text(encoding="utf-8").splitlines())
    assert result.book.settings.language == "en"


def test_the_partners_share_speaks_the_books_language(tmp_path):
    root = tmp_path / "de"
    import shutil

    shutil.copytree(REPO / "content", root / "content")
    settings = (REPO / "goalbook.yaml").read_text(encoding="utf-8")
    (root / "goalbook.yaml").write_text(settings + "\nlanguage: de\n", encoding="utf-8")
    run = CliRunner().invoke(main, ["-C", str(root), "share", "Jo (my sister)", "--today", TODAY.isoformat()])
    assert run.exit_code == 0, run.output
    page = next((root / "output" / "share").rglob("index.html")).read_text(encoding="utf-8")
    assert '<html lang="de">' in page
    text = _visible(page)
    assert "Mit Jo (my sister) geteilte Ziele" in text and LOCAL_DATE["de"] in text
    english = ["Goals shared with", "How you can help", "Shared progress", "of the way to the target",
               "worth celebrating", "Made with goalbook", "lowest", "today"]
    left = [p for p in english if p in " ".join(x for x in _pieces(page) if len(x) < 12 or x not in USERS)]
    assert left == []


def test_the_template_catalog_has_every_message_the_sources_mark(tmp_path):
    """A string marked in a template or in the vocabulary but missing from goalbook.pot
    (and so from every language) fails here: run `make translations`."""
    import sys

    pot = tmp_path / "fresh.pot"
    subprocess.run([str(Path(sys.executable).with_name("pybabel")), "extract", "-F", "babel.cfg",
                    "-k", "N_", "-k", "ngettext_marker:1,2", "--no-location", "-o", str(pot), "."],
                   cwd=REPO, check=True, capture_output=True)
    fresh = {m.id for m in _messages(read_po(pot.open("rb")))}
    shipped = {m.id for m in _messages(read_po((LOCALES / "goalbook.pot").open("rb")))}
    assert fresh == shipped
