"""Is a goal title specific enough to act on?  (rule S102)

`vague_reason(title)` -> None if concrete, else a short kind explanation (S102
shows it after "the title could be more specific: ").  English word lists and a
little grammar, no ML:

1. Tokenise: lowercase; keep "self-esteem", "30", "3x", "22:30", "10,000" whole;
   expand contractions ("i'd" -> i would).  No words at all -> a reason.
2. Language: the lists are English.  If fewer than a third of the words are
   English words we know, only the length check applies -- a guess about
   another language would confuse more than help.  So "Spazieren gehen
   dreimal pro Woche" -> None, "Être plus heureux" -> fewer than 4 words.
3. Leading fillers are dropped ("i want to", "i'd like to", "try to", "don't",
   "start"/"keep" + an -ing word); the first word left is the head.  -ing and
   -s forms are traced back to verbs we know ("running" -> run).
4. The head is a *wish* (state verb: "be", "feel", "improve", "manage"...;
   phrase: "work on", "deal with", "stop being"...; or "get"/"have"/"find"/
   "keep"... + a quality: "get healthier", "have a better ..."; but "a
   gratitude journal" is a thing), a *description* with no verb ("a calmer
   morning routine", "more ..."), or an *action* (anything else; unknown
   words get the benefit of the doubt).
5. Anchors.  Strong: a number or clock time (bare years like "2025" are dates,
   not measures), "once"/"twice"/"three", a quantity with a unit ("an hour").
   Weak: a frequency ("daily", "every evening", "each week", "on weekdays").
6. Verdict, first match wins: a wish, a description, or a nurturing verb aimed
   at an abstract thing ("build my confidence") is vague unless it has a strong
   anchor, or a weak one plus a later action ("improve my sleep by going to bed
   ... every night"); an action with a loose amount ("more", "better",
   "regularly") is vague unless some anchor; fewer than 4 words is vague.
"""
from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _phrases(text: str) -> tuple[tuple[str, ...], ...]:
    """'a b|c' -> (('a', 'b'), ('c',)), longest first."""
    return tuple(sorted((tuple(p.split()) for p in text.split("|")), key=len, reverse=True))


STATE_VERBS = _words("""be am is are was were feel become improve enhance boost increase reduce
    lower strengthen develop gain regain manage overcome handle heal recover change fix love like
    accept understand know want wish enjoy trust believe appreciate embrace achieve master conquer
    control prioritise prioritize value respect forgive relax worry deserve cope""")
LINKING_VERBS = _words("get look stay grow remain seem act have find keep")
NURTURE_VERBS = _words("""build rebuild repair mend protect nurture cultivate foster support
    maintain restore lose practise practice""")
ACTION_VERBS = _words("""walk run jog hike swim cycle bike ride climb dance stretch lift train
    exercise practise practice meditate breathe pray call phone ring text message email write read
    journal draw paint sing play cook bake eat drink prepare pack go leave arrive attend join visit
    meet invite ask tell say thank hug share listen talk speak reply send post put set turn switch
    unplug charge sit stand lie sleep nap rest wake shower bathe brush floss clean tidy wash hoover
    vacuum declutter fold iron water garden plan schedule book list note log track record count
    check review revise study learn teach finish submit apply spend save budget pay limit skip
    avoid quit stop use take make do bring buy help volunteer donate offer open close""")
WISH_PHRASES = _phrases("""work on|deal with|cope with|focus on|get over|get rid|let go|come to
    terms|make peace|take care|look after|care for|move on|sort out|figure out|think more|think
    positive|think positively|try harder|do better|do my best|stop being|stop feeling|stop
    worrying|stop overthinking|stop stressing|stop hating|stop comparing|stop doubting|stop
    beating""")
FILLER_WORDS = _words("""i we will would shall should must can could might may really finally just
    also actually always definitely honestly hopefully gonna wanna am please not never""")
FILLER_PHRASES = _phrases("""want to|like to|love to|need to|have to|hope to|plan to|aim to|try
    to|intend to|wish to|mean to|going to|learn to|learn how to|be able to|able to|continue
    to|start to|begin to|remember to|commit to|my goal is to|goal is to|the goal is to|to|let
    us|try and|do not""")
ING_FILLERS = _words("start keep begin continue resume try")
DETERMINERS = _words("a an the my our your his her their this that these those some any no each "
                     "every all")
NOT_AFTER_TO = DETERMINERS | _words("bed school church college university uni town gym therapy")
INTENSIFIERS = _words("so very too much really a bit little lot more less")
WISH_WORDS = _words("""more less fewer better best happier calmer healthier fitter stronger kinder
    nicer braver easier lighter slimmer thinner greater improved enough regularly often frequently
    consistently sometimes occasionally properly healthily""")
ADJECTIVES = _words("""happy calm confident healthy fit strong relaxed positive patient kind
    productive organised organized motivated present mindful assertive grateful balanced stable
    centred centered content peaceful stress-free anxious stressed worried sad lonely angry tired
    overwhelmed insecure depressed nervous self-conscious good great fine okay ok comfortable
    secure independent resilient sociable outgoing disciplined consistent sober thin slim active
    energetic rested closer guilty""")
ABSTRACT_NOUNS = _words("""confidence self-confidence self-esteem self-worth self-care
    self-compassion esteem relationship relationships health wellbeing well-being wellness mood
    anxiety stress depression anger fear fears life happiness peace balance boundaries
    communication fitness mindset motivation resilience patience habits energy emotions feelings
    thoughts recovery growth connection trauma grief body weight diet lifestyle sleep mindfulness
    gratitude work-life""")
THING_NOUNS = _words("""journal diary list app practice exercise exercises group class session plan
    log jar letter tracker workbook course book routine chart""")  # "gratitude journal"
OBJECT_SKIP = DETERMINERS | INTENSIFIERS | _words(
    "mental physical emotional own overall general social self whole")
FUNCTION_WORDS = _words("""to for with at in on of and or by about from up out into over after
    before during than then when while so as me myself you it is not do least once""")
NUMBER_WORDS = _words("""two three four five six seven eight nine ten eleven twelve fifteen twenty
    thirty forty forty-five fifty sixty ninety hundred thousand once twice thrice half dozen""")
QUANTITY = NUMBER_WORDS | _words("one few couple several")
UNITS = _words("""minute min hour hr second km k mile kilometre kilometer metre meter page chapter
    step rep lap length glass cup litre liter time day night evening morning week session line
    portion serving drink unit push-up sit-up set""")
A_UNITS = _words("minute hour half-hour mile kilometre kilometer km page chapter lap glass cup "
                 "litre liter")
DAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
TIME_NOUNS = DAYS | _words("""day morning evening night afternoon week weekend weekday weeknight
    month fortnight lunchtime lunch breakfast dinner meal session meeting shift class lesson
    seminar""")
FREQ_WORDS = _words("""daily nightly weekly fortnightly monthly hourly everyday weekdays weekends
    weeknights mornings evenings afternoons nights""") | frozenset(d + "s" for d in DAYS)
NOT_VERBS = DETERMINERS | WISH_WORDS | ADJECTIVES | ABSTRACT_NOUNS | FREQ_WORDS
QUALITIES = WISH_WORDS | ADJECTIVES | ABSTRACT_NOUNS
KNOWN = (STATE_VERBS | LINKING_VERBS | ACTION_VERBS | FILLER_WORDS | NOT_VERBS | FUNCTION_WORDS
         | QUANTITY | UNITS | TIME_NOUNS)
VERBS = STATE_VERBS | LINKING_VERBS | ACTION_VERBS | NURTURE_VERBS
COUNTABLE = UNITS | TIME_NOUNS
QUOTE_TRIM = FUNCTION_WORDS | DETERMINERS

_TOKEN = re.compile(r"\d+(?:[.,:/]\d+)*[^\W\d_]*|[^\W\d_]+(?:['-][^\W\d_]+)*")
_YEAR = re.compile(r"(19|20)\d\d")
_IS_AFTER = _words("it that there what he she who")
_N_T = {"wo": "will", "ca": "can", "sha": "shall"}
_TAILS = {"ll": "will", "d": "would", "m": "am", "ve": "have", "re": "are"}


def _expand(tok: str) -> list[str]:
    """Undo a contraction: "don't" -> do not, "i'd" -> i would, "mum's" -> mum."""
    stem, _, tail = tok.rpartition("'")
    if not stem:
        return [tok]
    if tail == "t" and stem.endswith("n"):
        return [_N_T.get(stem[:-1], stem[:-1]), "not"]
    if tail in _TAILS:
        return [stem, _TAILS[tail]]
    if tail == "s" and (stem in _IS_AFTER or stem == "let"):
        return [stem, "us" if stem == "let" else "is"]
    return [stem]


def _lemma(word: str) -> str:
    """Crude base form, only when it lands on a verb we know ("running" -> run)."""
    if word in VERBS:
        return word
    cands = []
    if word.endswith("ing"):
        base = word[:-3]
        cands += [base, base + "e", base[:-1] if base[-2:-1] == base[-1:] else base]
    if word.endswith("ies"):
        cands.append(word[:-3] + "y")
    if word.endswith("s"):
        cands += [word[:-1], word[:-2]]
    return next((c for c in cands if c in VERBS), word)


def _singular(word: str) -> str:
    stems = (word[:-1], word[:-2]) if word.endswith("s") else ()
    return next((w for w in stems if w in COUNTABLE), word)


def _head_index(toks: list[str]) -> int:
    """Skip leading fillers ("i'd like to", "try to", "keep" + -ing ...)."""
    i = 0
    while i < len(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        for p in FILLER_PHRASES:
            end = i + len(p)
            infinitive = p[-1] != "to" or end >= len(toks) or toks[end] not in NOT_AFTER_TO
            if tuple(toks[i:end]) == p and infinitive:
                i = end
                break
        else:
            if toks[i] in FILLER_WORDS or (toks[i] in ING_FILLERS and nxt.endswith("ing")):
                i += 1
            else:
                return i
    return i


def _object_index(toks: list[str], start: int) -> int:
    """First word at or after `start` that is not a determiner or softener."""
    while start < len(toks) and toks[start] in OBJECT_SKIP:
        start += 1
    return start


def _anchors(toks: list[str]) -> tuple[bool, bool]:
    """(strong, weak): a count/time/quantity, and a frequency."""
    strong = weak = False
    for i, t in enumerate(toks):
        prev = toks[i - 1] if i else ""
        prev = toks[i - 2] if prev == "of" and i > 1 else prev
        after = [_singular(w) for w in toks[i + 1:i + 3]]
        if (any(c.isdigit() for c in t) and not _YEAR.fullmatch(t)) or t in NUMBER_WORDS:
            strong = True
        elif _singular(t) in UNITS and (prev in QUANTITY or any(c.isdigit() for c in prev)
                                        or (prev in ("a", "an") and _singular(t) in A_UNITS)):
            strong = True
        elif t in FREQ_WORDS or (t == "on" and after[:1] and after[0] in DAYS):
            weak = True
        elif t in ("every", "each", "per") and any(w in TIME_NOUNS for w in after):
            weak = True
    return strong, weak


def _head_kind(toks: list[str], h: int) -> tuple[str, int]:
    """('wish' | 'description' | 'abstract' | 'action', index of the object)."""
    for p in WISH_PHRASES:
        if tuple(toks[h:h + len(p)]) == p:
            return "wish", _object_index(toks, h + len(p))
    head, obj = _lemma(toks[h]), _object_index(toks, h + 1)
    thing = obj + 1 < len(toks) and toks[obj + 1] in THING_NOUNS
    quality = obj < len(toks) and toks[obj] in QUALITIES and not thing
    if head in STATE_VERBS or (head in LINKING_VERBS and quality):
        return "wish", obj
    if head in NURTURE_VERBS and obj < len(toks) and toks[obj] in ABSTRACT_NOUNS and not thing:
        return "abstract", obj
    if head in VERBS or toks[h] not in NOT_VERBS:
        return "action", obj
    return "description", h


def _quote(toks: list[str], start: int) -> str:
    words = toks[start:start + 4]
    while len(words) > 1 and words[-1] in QUOTE_TRIM:
        words.pop()
    return " ".join(words)


def vague_reason(title: str) -> str | None:
    """Return None for a concrete title, else a short kind explanation of what is missing."""
    raw = _TOKEN.findall(title.lower().replace("\u2019", "'").replace("\u2018", "'"))
    if not raw:
        return ("there are no words here yet; a short sentence about what you'll do, "
                "and how often, gives this goal somewhere to start")
    short = None
    if len(raw) < 4:
        short = "a title of fewer than 4 words usually leaves out what you'll do and how often"
    toks = [w for t in raw for w in _expand(t)]
    if 3 * sum(t in KNOWN or _lemma(t) in VERBS for t in toks) < len(toks):
        return short  # not English, as far as our word lists can tell: only the length check
    return _grammar_reason(toks) or short


def _grammar_reason(toks: list[str]) -> str | None:
    h = _head_index(toks)
    if h >= len(toks):
        return "this says you mean to do something, but not yet what you'll do"
    strong, weak = _anchors(toks)
    kind, obj = _head_kind(toks, h)
    if kind != "action":
        if strong or (weak and any(_lemma(t) in ACTION_VERBS for t in toks[obj + 1:])):
            return None
        if kind == "wish":
            return f'this reads like a wish ("{_quote(toks, h)}") more than an action you can count'
        if kind == "abstract":
            return (f'this names something you\'d like to change ("{toks[obj]}") '
                    "rather than a step you can take and count")
        return (f'this describes how you\'d like things to be ("{_quote(toks, h)}") '
                "but not yet something you'll do")
    loose = next((t for t in toks[h:] if t in WISH_WORDS), None)
    if loose and not (strong or weak):
        return (f'a word like "{loose}" is hard to count; a number, or how often, '
                "would let you see progress")
    return None
