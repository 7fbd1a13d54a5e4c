"""The accountability partner's share (SPEC section 10): its view model and its HTML.

**Redaction by construction.** `share_view(snapshot, partner)` copies an
allow-list of fields out of the snapshot into the small frozen dataclasses
below; nothing is ever removed from the full model, and the share's template
gets only a `ShareView`. What a share may hold, per goal whose `partner` is
that person and that isn't private:

* always: the title, status and standing, the share of the way to the target,
  the chart (values, baseline, target, start and due, the unit), the steps
  done (title and date) and how many there are, the dates of check-ins;
* where the goal's `share:` lists them: `why`, `notes` (the goal's own, and
  the notes of its check-ins) and `wins`.

A check-in's words (win, note) are shown only if it isn't private and every
goal it is about is in this share and shares that kind of words: a check-in
about two goals can't be told apart by goal, so one that also concerns a
private goal, or another partner's, keeps its words to itself. A private
check-in's values still count (the SPEC keeps only its words out), but its
date isn't listed either.

Never in it: other goals, measure descriptions, open steps, revisions,
reflections, obstacles, items to discuss, mood, questionnaires, safety
prompts, sessions, homework, the book's settings and suggestions.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2
from markupsafe import Markup

from goalbook.vocabulary import ENGLISH, N_, Vocabulary, speaking
from goalbook.errors import GoalbookError
from goalbook.model.entities import Checkin
from goalbook.model.snapshot import Snapshot
from goalbook.model.snapshot_goals import GoalView
from goalbook.render import charts
from goalbook.render.environment import make_environment, read_asset
from goalbook.render.figures import NARROW, PER_LABEL, WIDE, pair

TEMPLATE = "share/index.html"
STYLESHEET = "assets/share.css"
SHAREABLE = ("wins", "why", "notes")

# For a supporter: plain words, and what each standing asks of them.
STANDING = {
    "ahead": (N_("ahead of plan"), N_("Going better than planned: worth celebrating together.")),
    "on-track": (N_("on track"), N_("Right where it was meant to be by now. Steady support keeps it there.")),
    "behind": (N_("a little behind plan"), N_("A little behind for now, which is normal. A kind word or an offer "
                                       "to join in helps more than a reminder.")),
    "no-data": (N_("early days"), N_("There aren't enough check-ins yet to show a trend.")),
    "achieved": (N_("achieved"), N_("Reached! Worth celebrating.")),
    "paused": (N_("paused"), N_("Resting for now; nothing is lost while it's paused.")),
    "dropped": (N_("set aside"), N_("Set aside, by choice. Letting a goal go can be a good decision too.")),
}


@dataclass(frozen=True)
class SharedChart:
    points: tuple[tuple[date, float], ...]
    start: date | None
    due: date | None
    baseline: float | None
    target: float | None
    unit: str | None
    y_min: float | None
    y_max: float | None
    label: str                                  # "weekly totals", "check-ins"
    today: date


@dataclass(frozen=True)
class SharedStep:
    title: str
    done: date


@dataclass(frozen=True)
class SharedWords:
    date: date
    text: str                                   # a win as written; a note as Markdown


@dataclass(frozen=True)
class SharedGoal:
    key: str                                    # "goal-1": element ids (the goal's id is its file name)
    title: str
    status: str
    standing: str
    progress: float | None                      # share of the way from baseline to target
    chart: SharedChart | None                   # None without a measure
    steps_done: tuple[SharedStep, ...]
    steps_total: int
    checkin_dates: tuple[date, ...]
    why: str | None = None
    notes: str | None = None                    # Markdown
    wins: tuple[SharedWords, ...] = ()
    checkin_notes: tuple[SharedWords, ...] = ()

    @property
    def standing_words(self) -> str:
        return STANDING.get(self.standing, (self.standing, ""))[0]

    @property
    def encouragement(self) -> str:
        return STANDING.get(self.standing, ("", ""))[1]

    @property
    def progress_words(self) -> str | None:
        """"60% of the way to the target", "target reached"; None where a share would
        mislead (set aside, no data, or moving away from the start)."""
        if self.progress is None or self.status == "dropped" or self.progress < 0:
            return None
        if self.progress >= 1:
            return "target reached"
        return f"{round(self.progress * 100)}% of the way to the target"

    @property
    def checkins_by_month(self) -> list[tuple[date, list[date]]]:
        months: list[tuple[date, list[date]]] = []
        for d in self.checkin_dates:
            if not months or months[-1][0] != d.replace(day=1):
                months.append((d.replace(day=1), []))
            months[-1][1].append(d)
        return months


@dataclass(frozen=True)
class ShareView:
    partner: str                                # as written in the goals
    slug: str
    made_on: date
    goals: tuple[SharedGoal, ...]

    @property
    def title(self) -> str:
        return self.title_in(ENGLISH)

    def title_in(self, vb: Vocabulary) -> str:
        return vb.gettext("Goals shared with {partner}").format(partner=self.partner)


# -- who the partners are ----------------------------------------------------------

def partner_key(name: str) -> str:
    """How partner names are compared: case and spacing don't matter."""
    return " ".join(str(name).split()).casefold()


_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l", "þ": "th", "ð": "d"})


def partner_slug(name: str) -> str:
    """A folder and file name for the partner: 'Jo (my sister)' → 'jo-my-sister'; a name
    with no Latin letters or digits gets 'partner-' and a short hash of it."""
    plain = unicodedata.normalize("NFKD", partner_key(name).translate(_LETTERS)).encode("ascii", "ignore").decode()
    slug = "-".join(re.findall(r"[a-z0-9]+", plain))[:60].strip("-")
    return slug or "partner-" + hashlib.sha256(partner_key(name).encode("utf-8")).hexdigest()[:8]


def partners(snapshot: Snapshot) -> dict[str, str]:
    """Partner key → name as first written, over the goals that aren't private."""
    out: dict[str, str] = {}
    for view in snapshot.goals:
        if view.goal.partner and not view.private:
            out.setdefault(partner_key(view.goal.partner), " ".join(view.goal.partner.split()))
    return out


def partner_goals(snapshot: Snapshot, partner: str) -> tuple[str, list[GoalView]]:
    """(the partner's name as written, their goals that aren't private), matched without
    regard to case (or by the share's folder name). GoalbookError (exit 2) for a partner
    no shareable goal names."""
    known = partners(snapshot)
    wanted = partner_key(partner)
    key = wanted if wanted in known else next((k for k, n in known.items() if partner_slug(n) == wanted), None)
    if key is None:
        raise _unknown_partner(snapshot, partner, wanted, known)
    goals = [v for v in snapshot.goals if v.goal.partner and partner_key(v.goal.partner) == key and not v.private]
    return known[key], goals


def _unknown_partner(snapshot: Snapshot, partner: str, wanted: str, known: dict[str, str]) -> GoalbookError:
    names = ", ".join(f"'{n}'" for n in sorted(known.values(), key=str.casefold))
    hint = (f"the partners named in your goals are: {names}" if names
            else "add 'partner: NAME' to the goals you want to share with someone")
    if any(v.goal.partner and partner_key(v.goal.partner) == wanted for v in snapshot.goals):
        return GoalbookError(f"every goal with '{partner}' as partner is private, so there is nothing to share",
                             hint, exit_status=2)
    return GoalbookError(f"no goal names '{partner}' as its partner", hint, exit_status=2)


# -- the allow-list -----------------------------------------------------------------

def share_view(snapshot: Snapshot, partner: str) -> ShareView:
    """The share for `partner`: only allow-listed fields, copied out of the snapshot."""
    name, views = partner_goals(snapshot, partner)
    allowed = {kind: {v.id for v in views if kind in v.goal.share} for kind in SHAREABLE}
    goals = tuple(shared_goal(v, f"goal-{i}", allowed) for i, v in enumerate(views, 1))
    return ShareView(partner=name, slug=partner_slug(name), made_on=snapshot.today, goals=goals)


def shared_goal(view: GoalView, key: str, allowed: dict[str, set[str]]) -> SharedGoal:
    goal, p = view.goal, view.progress
    open_checkins = [c for c in view.checkins if not c.private]
    return SharedGoal(
        key=key, title=view.title, status=goal.status, standing=p.standing, progress=p.progress,
        chart=_chart(view),
        steps_done=tuple(SharedStep(s.title, s.done) for s in sorted(
            (s for s in goal.steps if s.done is not None and s.done <= p.today), key=lambda s: s.done)),
        steps_total=len(goal.steps),
        checkin_dates=tuple(sorted({c.date for c in open_checkins})),
        why=goal.why if "why" in goal.share else None,
        notes=goal.notes if "notes" in goal.share else None,
        wins=_words(open_checkins, "win", allowed["wins"]) if view.id in allowed["wins"] else (),
        checkin_notes=_words(open_checkins, "note", allowed["notes"]) if view.id in allowed["notes"] else ())


def _chart(view: GoalView) -> SharedChart | None:
    m, p = view.goal.measure, view.progress
    if m is None:
        return None
    return SharedChart(points=tuple(view.shown_series), start=p.start, due=p.due, baseline=p.baseline,
                       target=p.target, unit=m.unit, y_min=m.min, y_max=m.max,
                       label=PER_LABEL.get(p.per, "check-ins"), today=p.today)


def _words(checkins: list[Checkin], field: str, may_show: set[str]) -> tuple[SharedWords, ...]:
    """The check-ins' `field` texts, from those about nothing but goals that share it."""
    return tuple(SharedWords(c.date, text) for c in checkins
                 if (text := getattr(c, field)) and _about(c) <= may_show)


def _about(c: Checkin) -> set[str]:
    ids = set(c.progress) | set(c.levels)
    return ids | {c.goal} if c.goal else ids


# -- rendering ----------------------------------------------------------------------

_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}\s*")


def render_share_html(view: ShareView, project_root: Path | None = None, *,
                      env: jinja2.Environment | None = None) -> str:
    """index.html of the share; the PDF is printed from this very text."""
    env = env or make_environment(project_root)
    vb = env.globals["vocabulary"]
    screen = _FONT_FACE.sub("", share_stylesheet(env))
    html = env.get_template(TEMPLATE).render(share=view, title=view.title_in(vb), chart=speaking(share_chart, vb),
                                             chart_summary=speaking(chart_summary, vb),
                                             screen_css=Markup(screen.replace("</", "<\\/")))
    if "<pre" in html:                  # blank lines in a note's code block are content
        return html
    return "\n".join(line for line in html.split("\n") if line.strip()) + "\n"


def share_stylesheet(env: jinja2.Environment) -> str:
    """assets/share.css, a project's own override first (pass it to render_pdf)."""
    return read_asset(env, STYLESHEET).decode("utf-8")


def share_chart(goal: SharedGoal, vb: Vocabulary = ENGLISH) -> Markup:
    """The goal's chart, a wide and a narrow drawing (CSS shows one)."""
    c = goal.chart
    if c is None:
        return Markup("")

    def draw(width: int, height: int, prefix: str) -> str:
        return charts.progress_chart(
            list(c.points), start=c.start, due=c.due, baseline=c.baseline, target=c.target, unit=c.unit,
            title=goal.title, id_prefix=f"{prefix}-{goal.key}", width=width, height=height,
            today=c.today, y_min=c.y_min, y_max=c.y_max, label=vb.gettext(c.label), vb=vb)

    return pair(draw(*WIDE, "chart"), draw(*NARROW, "chart-n"))


def chart_summary(goal: SharedGoal, vb: Vocabulary = ENGLISH) -> str:
    return charts.text_summary(list(goal.chart.points), goal.chart.unit, vb=vb) if goal.chart else ""
