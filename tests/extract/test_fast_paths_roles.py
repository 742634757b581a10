"""The shortcuts of the roles stage give what the loops they stand in for give.

Sentences are drawn from the words the roles look for (deployment, withdrawal,
blocking and negation cues, troop nouns, "each", auxiliaries), nations in the
forms the structure knows (a country, a possessive, a demonym, a capital, the
host) and figures; each is read once with the shortcuts and once with every
shortcut's word test told that the word is there (so that the loops run).
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from deploymap.extract import deployments, events, mission_roles, role_verbs, roles, structure
from deploymap.extract import lexicon as lx
from deploymap.extract.events import CountryMention, sentence_words
from deploymap.extract.figures import lexicon_of
from deploymap.extract.mission_roles import mission_figures, mission_leaves
from deploymap.extract.roles import Context, read_claims
from deploymap.extract.structure import build_sentence
from deploymap.model import Event, Evidence, Toponym
from tests.extract.pieces import bounds, texts_of

_LETTERS = re.compile(r"[^\W\d_]+")


def _runs(text: str, s: int, e: int) -> frozenset[str] | None:
    """What :func:`sentence_words` stands in for: each run of letters, lowered."""
    if re.search("[\u0130\u0131\u017f]", text[s:e]):
        return None
    return frozenset(map(str.lower, _LETTERS.findall(text, s, e)))


_WORD_PIECES = [
    "Troops",
    "l'ONU",
    "l’opération",
    "«force»",
    "aujourd'hui",
    "Côte",
    "d'Ivoire",
    "ÉTATS-UNIS",
    "casques_bleus",
    "x2",
    "2x",
    "x²",
    "½",
    "Ⅻ",
    "ΟΔΟΣ",
    "ΟΔΟΣ'Α",
    "Σ",
    "σς",
    "İ",
    "ı",
    "ſ",
    "ǅ",
    "Straße",
    "ﬁn",
    "\ud800",
    "\u00a0",
    "\u202f",
    "\u2028",
    "\x1c",
    "\x85",
    "—",
    "’",
    "'",
    "-",
    "_",
    ".",
    ",",
    "(",
    ")",
    "1 200",
    "3",
    "é",
    "e\u0301",
    " ",
    "\n",
    "\t",
]


@settings(max_examples=500, deadline=None)
@given(texts_of(_WORD_PIECES) | st.text(st.characters(blacklist_categories=())), st.data())
def test_sentence_words_are_each_run_of_letters_lowered(text, data):
    s, e = bounds(text, data)
    assert sentence_words(text, s, e) == _runs(text, s, e)


def test_a_sigma_lowers_as_its_run_does():
    # lowered with the apostrophe and the letter after it, this sigma would be "σ"
    assert sentence_words("ΟΔΟΣ'Α", 0, 6) == frozenset({"οδος", "α"})


# nations as the structure sees them: (text, iso3, kind, demonym)
_NATIONS = [
    ("Chad", "TCD", "country", False),
    ("Nepal's", "NPL", "country", False),
    ("Rwandan", "RWA", "country", True),
    ("tchadiens", "TCD", "country", True),
    ("Bamako", "MLI", "capital", False),
    ("Mali", "MLI", "country", False),
    ("Ghana", "GHA", "country", False),
]
_CUES = sorted(
    {
        *roles._BLOCK_WORDS,
        *roles._WITHDRAW_WORDS,
        *(w for p in lx.WITHDRAW_PHRASES + lx.NEGATION_PHRASES for w in p),
        *lx.EACH,
        *lx.COMPLETE_CUES,
        *lx.FUTURE_CUES,
        *lx.TOTAL_CUES,
        *lx.NOW_CUES,
        *lx.PART_CUES,
        *lx.MISSION_NOUNS,
        *lx.DECREASE_CUES,
    }
    - {""}
)
_COMMON = [
    "has",
    "will",
    "to",
    "sent",
    "deploy",
    "deployed",
    "contribute",
    "troops",
    "soldiers",
    "soldats",
    "battalion",
    "contingent",
    "of",
    "from",
    "in",
    "the",
    "its",
    "and",
    "some",
    "part",
    "half",
    "that",
    "which",
    "respectively",
    "with",
    "avec",
    "each",
    "countries",
    "mission",
    "force's",
    "onu",
    ",",
    ";",
    ":",
    "(",
    ")",
    "850",
    "1,200",
    "40",
]
_PIECE = st.one_of(
    st.sampled_from(_NATIONS),
    st.sampled_from(_CUES),
    st.sampled_from(_COMMON),
)
_VERBS = sorted(
    lx.DEPLOY_VERBS
    | lx.WITHDRAW_VERBS
    | {" ".join(p) for p in lx.WITHDRAW_PHRASES + lx.NEGATION_PHRASES}
)
# what a subject may do that is no deployment verb ("Chad takes part ... with 850")
_NO_VERBS = ["takes part in the mission", "participe", "is present", "serves", "is one of"]
_AUX = ["has", "will", "not", "never", "to", "is", "already", "decided", "a", "ne", "pas", "yet"]


@st.composite
def _clauses(draw: st.DrawFn) -> list[object]:
    """A clause in the order contributors are said in ("A and B will not send
    850 troops"), some pieces before, between and after, drawn from all."""
    few = lambda pieces: st.lists(pieces, max_size=3)  # noqa: E731
    nations = draw(st.lists(st.sampled_from(_NATIONS), min_size=1, max_size=3))
    group: list[object] = [nations[0]]
    for n in nations[1:]:
        group += [draw(st.sampled_from([",", "and", "et"])), n]
    return [
        *draw(few(_PIECE)),
        *group,
        *draw(few(st.sampled_from(_AUX) | _PIECE)),
        draw(st.sampled_from(_VERBS) | st.sampled_from(_NO_VERBS)),
        *draw(few(_PIECE)),
        *draw(st.lists(st.sampled_from(sorted(lx.WITH)), max_size=1)),
        draw(st.sampled_from(["850", "some 40", "1,200", "its 300", "the 75"])),
        draw(st.sampled_from(["troops", "soldats", "battalion", "contingent", "peacekeepers"])),
        *draw(st.lists(st.sampled_from(sorted(lx.EACH)), max_size=1)),
        *draw(few(_PIECE)),
    ]


def _sentence_of(pieces: list[object]) -> tuple[str, list[Toponym]]:
    text, tops = "", []
    for p in pieces:
        if text:
            text += " "
        if isinstance(p, tuple):
            name, iso3, kind, demonym = p
            k = len(text)
            tops.append(Toponym(k, k + len(name), name, name, kind, iso3, 0, 0, "x", 1.0, demonym))
            text += name
        else:
            text += str(p)
    return text + ".", tops


class _Everything(frozenset[str]):
    """A set that says it holds every word: each word test lets its loop run."""

    def isdisjoint(self, other: object) -> bool:
        return False

    def __contains__(self, word: object) -> bool:
        return True


def _read(sn, ctx):
    claims, owned = read_claims(sn, ctx)
    return claims, sorted(owned), mission_figures(sn, ctx, set(owned)), mission_leaves(sn, ctx)


@settings(max_examples=600, deadline=None)
@given(
    st.lists(_PIECE, min_size=1, max_size=24)
    | _clauses()
    | st.lists(_clauses(), max_size=3).map(lambda cs: [p for c in cs for p in (*c, ";")]),
    st.booleans(),
    st.sampled_from(["en", "fr"]),
)
def test_roles_are_the_same_without_the_word_tests(pieces, about, lang):
    text, tops = _sentence_of(pieces)
    sn = build_sentence(text, 0, len(text), tops, [], lang=lang)
    ctx = Context({"MLI"}, about, "onu", ())
    got = _read(sn, ctx)
    words_of = roles._words_of
    try:
        roles._words_of = lambda sn: _Everything()  # type: ignore[assignment]
        plain = _read(sn, ctx)
    finally:
        roles._words_of = words_of
    assert got == plain


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECE, min_size=1, max_size=24) | _clauses(), st.sampled_from(["en", "fr"]))
def test_a_sentence_without_figures_binds_none_to_its_groups(pieces, lang):
    text, tops = _sentence_of([p for p in pieces if not any(c.isdigit() for c in str(p))])
    sn = build_sentence(text, 0, len(text), tops, [], lang=lang)
    if sn.figures:
        return  # (a number word among the cues)
    for g in sn.groups:
        _, b = sn.clause(g.first)
        assert roles._figure_binds(sn, g, b, roles._prev_index(sn, g.first), True) == {}


_HANDOVER_PIECES = sorted(
    {
        *lexicon_of("fr").TAKE_VERBS,
        *lexicon_of("fr").HAND_VERBS,
        *lexicon_of("fr").COMMAND_NOUNS,
        *lexicon_of("fr").HANDOVER_FROM,
        *lexicon_of("fr").HANDOVER_TO,
        *events._TAKE_NOUNS,
        *events._HAND_NOUNS,
        "COMMAND",
        "Commandement",
        "PREND",
        "takes over",
        "took",
        "assumes",
        "getting",
        "inherited",
        "hands over",
        "handed",
        "passes",
        "moved",
        "transferred",
        "goes",
        "from",
        "FROM",
        "to",
        "the",
        "rotating",
        "overall",
        ", which leads,",
        ",",
        ";",
        ".",
        "l’",
        "İ",
        "ſ",
        "Σ",
        "x2",
    }
)
_COUNTRIES = [("Italy", "ITA"), ("Turkey", "TUR"), ("France", "FRA"), ("l'Espagne", "ESP")]


_ANY_HANDOVER_PIECE = st.sampled_from(_HANDOVER_PIECES) | st.sampled_from(_COUNTRIES)
_FR_VERBS = sorted(lexicon_of("fr").TAKE_VERBS | lexicon_of("fr").HAND_VERBS)
_EN_VERBS = ["takes over", "took", "assumes", "hands over", "handed", "command passes from"] * 2 + [
    "command passes from",
    "leadership moves from",
]
_FR_NOUNS = sorted(lexicon_of("fr").COMMAND_NOUNS)
_EN_NOUNS = ["command", "the command", "Leadership", "control", "reins"]


@st.composite
def _handover(draw: st.DrawFn) -> list[object]:
    """A nation, a verb and a noun of command, a word of "from" or "to", a
    nation (and maybe "to" and a third), in that order, with pieces of all
    kinds before, between and after."""
    few = st.lists(_ANY_HANDOVER_PIECE, max_size=2)
    country = st.sampled_from(_COUNTRIES)
    english = draw(st.booleans())
    return [
        *draw(few),
        draw(country),
        *draw(few),
        draw(st.sampled_from(_EN_VERBS if english else _FR_VERBS)),
        draw(st.sampled_from(_EN_NOUNS if english else _FR_NOUNS)),
        *draw(few),
        draw(
            st.sampled_from(["from", "to", "from the"] if english else ["à", "au", "des mains de"])
        ),
        draw(country),
        draw(st.sampled_from(["to", "to the", "à", ""])),
        draw(country),
        *draw(few),
    ]


@settings(max_examples=800, deadline=None)
@given(st.lists(_ANY_HANDOVER_PIECE, max_size=16) | _handover(), st.sampled_from(["en", "fr"]))
def test_handovers_are_the_same_without_the_word_tests(pieces, lang):
    text, countries = "", []
    for p in pieces:
        text += " " if text else ""
        if isinstance(p, tuple):
            countries.append(CountryMention(p[1], len(text), len(text) + len(p[0]), False, p[0]))
            p = p[0]
        text += p
    ev = Evidence(0, len(text), text, "", "2024-05-01")
    got: list[Event] = []
    plain: list[Event] = []
    words = sentence_words(text, 0, len(text))
    events.handovers(text, 0, len(text), countries, [], None, ev, got, lang, words)
    events.handovers(text, 0, len(text), countries, [], None, ev, plain, lang, None)
    assert got == plain


_NO_NATION_PIECES = sorted(
    {*_CUES, *_COMMON, *mission_roles.LEAVING_VERBS, "QUITTÉ", "Left", "ΟΔΟΣ", "İ", "ſ", "l’", "d'"}
)


@settings(max_examples=500, deadline=None)
@given(
    texts_of(_NO_NATION_PIECES, max_size=20)
    | texts_of(sorted(mission_roles.LEAVING_VERBS), max_size=3),
    st.sampled_from(["en", "fr"]),
    st.sampled_from(["", "ITA"]),
)
def test_a_sentence_about_the_mission_without_nations_or_figures_gives_nothing_but_leaving(
    text, lang, focus
):
    sn = build_sentence(text, 0, len(text), [], [], lang=lang)
    leaving = any(w in mission_roles.LEAVING_VERBS for w in sn.lows)
    assert not leaving or deployments._may_leave(text, 0, len(text))
    if sn.figures:
        return
    ctx = Context({"MLI"}, True, "onu", ())
    claims, owned = read_claims(sn, ctx)
    assert claims == [] and not sn.groups and not sn.foreign({"MLI"})
    assert mission_figures(sn, ctx, owned) == []
    assert deployments._focus_claims(sn, focus, owned) == [] if focus else True
    assert deployments._each_claims(sn, ("ITA", "FRA"), owned) == []
    if not deployments._may_leave(text, 0, len(text)):
        assert not mission_leaves(sn, ctx)


_PHRASE_PIECES = [
    *{w for p in lx.MISSION_PHRASES for w in p},
    "La",
    "LES",
    "L’",
    "Opération",
    "commission",
    "xla",
    "la_",
    "é",
    "İ",
    "2",
    " ",
    "  ",
    "\n",
    "\u00a0",
    "\u2028",
    ",",
]


_SPACES = st.text(st.sampled_from(" \n\t\u00a0\u2028"), max_size=3)


@st.composite
def _spaced_phrase(draw: st.DrawFn) -> str:
    """A phrase of the lexicons, its words apart by any spaces or none, in any case."""
    words = draw(st.sampled_from(lx.MISSION_PHRASES))
    out = words[0]
    for w in words[1:]:
        out += draw(_SPACES) + w
    return out.upper() if draw(st.booleans()) else out


@settings(max_examples=600, deadline=None)
@given(
    texts_of(sorted(_PHRASE_PIECES), max_size=10)
    | st.lists(_spaced_phrase() | st.sampled_from(sorted(_PHRASE_PIECES)), max_size=5).map("".join),
    st.data(),
)
def test_mission_phrases_are_found_across_any_spaces_as_the_pattern_finds_them(text, data):
    for s, e in ((0, len(text)), bounds(text, data)):
        got = deployments._mission_phrase(text, s, e, sentence_words(text, s, e))
        assert got == (deployments._MISSION_PHRASES.search(text, s, e) is not None)


_BREAK_PIECES = sorted({";", ":", *lx.CLAUSE_BREAKS, *_COMMON})


def _clause_plain(sn, i):
    """:meth:`Sentence.clause` as the breaks it stands in for say it: the
    window around *i*, cut after the last break before it and at the first after."""
    breaks = [k for k in range(sn.n) if sn.lows[k] in structure._BREAK_WORDS]
    a = max([max(0, i - 3 * structure.WINDOW)] + [k + 1 for k in breaks if k < i])
    b = min([min(sn.n, i + 3 * structure.WINDOW)] + [k for k in breaks if k > i])
    return a, b


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_BREAK_PIECES) | _PIECE, max_size=90)
    | st.lists(st.sampled_from(_COMMON) | st.sampled_from(_NATIONS), max_size=90),
    st.sampled_from(["en", "fr"]),
)
def test_clauses_are_cut_at_the_breaks_as_a_scan_of_every_token_cuts_them(pieces, lang):
    text, tops = _sentence_of(pieces)
    sn = build_sentence(text, 0, len(text), tops, [], lang=lang)
    for i in range(sn.n + 1):
        assert sn.clause(i) == _clause_plain(sn, i)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECE, max_size=30) | _clauses(), st.sampled_from(["en", "fr"]))
def test_the_cue_words_of_a_sentence_answer_as_all_its_words_do(pieces, lang):
    text, tops = _sentence_of(pieces)
    sn = build_sentence(text, 0, len(text), tops, [], lang=lang)
    words = roles._words_of(sn)
    for cues in (roles._BLOCK_WORDS, roles._WITHDRAW_WORDS, lx.EACH, lx.WITH):
        assert cues.isdisjoint(words) == cues.isdisjoint(sn.lows)


_SUBJECT_PIECES = sorted(
    {
        *_COMMON,
        *_AUX,
        *(w for p in lx.ARMED_FORCE_HEADS for w in p),
        *lx.APPOSITION_START,
        *lx.OFFICES,
        *sorted(lx.PERSONNEL_NOUNS)[:20],
        "–",
        "—",
        "-",
        "President",
        "on",
        "Monday",
        "said",
        "set",
    }
)


_HEADS = sorted(" ".join(p) for p in lx.ARMED_FORCE_HEADS)


@st.composite
def _subjects(draw: st.DrawFn) -> list[object]:
    """A nation, maybe an apposition or its armed force's head, words of a
    verb group and a verb, with pieces of all kinds around them."""
    few = st.lists(st.sampled_from(_SUBJECT_PIECES), max_size=3)
    return [
        *draw(few),
        draw(st.sampled_from(_NATIONS)),
        *draw(st.lists(st.sampled_from([*_HEADS, "(", ",", "which", "–"]), max_size=2)),
        *draw(few),
        draw(st.sampled_from(_VERBS)),
        *draw(few),
    ]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(_SUBJECT_PIECES) | st.sampled_from(_NATIONS), max_size=30)
    | _subjects()
    | _clauses(),
    st.sampled_from(["en", "fr"]),
)
def test_verb_groups_are_the_same_without_the_first_word_tests(pieces, lang):
    text, tops = _sentence_of(pieces)
    sn = build_sentence(text, 0, len(text), tops, [], lang=lang)
    ends = sorted({sn.n, *(sn.clause(i)[1] for i in range(sn.n))})
    got = [role_verbs.verb_group(sn, i, b) for i in range(sn.n) for b in ends if b > i]
    openers, firsts = role_verbs._APPOSITION_OPENERS, role_verbs._FORCE_HEAD_FIRSTS
    try:
        role_verbs._APPOSITION_OPENERS = role_verbs._FORCE_HEAD_FIRSTS = _Everything()  # type: ignore[misc]
        plain = [role_verbs.verb_group(sn, i, b) for i in range(sn.n) for b in ends if b > i]
    finally:
        role_verbs._APPOSITION_OPENERS, role_verbs._FORCE_HEAD_FIRSTS = openers, firsts
    assert got == plain


_LEAD_PIECES = sorted(
    {
        *(w for v in deployments._LEAD_VERBS for w in v.split()),
        *deployments._LEAD_VERBS,
        "LEADS",
        "Led",
        "leadſ",
        "İs",
        "leader",
        "leads_",
        "led2",
        "sector",
        "the",
        "mission",
        "East",
        "battalion",
        "now",
        ",",
        "2",
    }
)


@settings(max_examples=600, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_LEAD_PIECES) | st.sampled_from(_NATIONS),
            st.sampled_from(["", " ", " ", "  ", "\n", "\u00a0", "_", "-"]),
        ),
        max_size=14,
    ),
    st.booleans(),
)
@example(  # the verb at the edge of the 40-character window: "will lead|East"
    [
        (("Chad", "TCD", "country", False), "  "),
        (("tchadiens", "TCD", "country", True), "_"),
        ("will command", ""),
        (("Bamako", "MLI", "capital", False), " "),
        ("will lead", ""),
        ("East", ""),
    ],
    True,
)
def test_leads_are_the_same_without_the_word_test(pieces, about):
    # nations glued to what follows them too ("Chadleads"): a token ending in a run
    text, tops = "", []
    for p, sep in pieces:
        if isinstance(p, tuple):
            name, iso3, kind, demonym = p
            k = len(text)
            tops.append(Toponym(k, k + len(name), name, name, kind, iso3, 0, 0, "x", 1.0, demonym))
            p = name
        text += p + sep
    sn = build_sentence(text, 0, len(text), tops, [])
    words = sentence_words(text, 0, len(text))
    for k in sn.nation_at:
        assert deployments._leads(sn, k, about, words) == deployments._leads(sn, k, about)


_NEUTRAL_PIECES = ["x", "-", "_", "2", "²", " ", ".", "’", "é", "ſ", "İ", "the", "Mali"]


@st.composite
def _force_texts(draw: st.DrawFn) -> str:
    """A text of one armed force's name in some forms (its own, lowered, cut)
    and other pieces, joined by spaces or run together."""
    name = draw(st.sampled_from(sorted(lx.ARMED_FORCES)))
    pieces = [name, name, name.lower(), name[:-1], name[1:], *_NEUTRAL_PIECES]
    return draw(texts_of(pieces, max_size=8))


@settings(max_examples=800, deadline=None)
@given(_force_texts(), st.data())
def test_a_sentence_whose_words_hold_no_armed_force_name_has_none_starting_in_it(text, data):
    for s, e in ((0, len(text)), bounds(text, data)):
        words = sentence_words(text, s, e)
        starts = [a for a, _, _ in deployments._force_names(text) if s <= a < e]
        skipped = (
            words is not None
            and words.isdisjoint(deployments._FORCE_WORDS)
            and not deployments._cut_run(text, e)
        )
        assert not (skipped and starts)


def test_each_armed_force_name_is_a_word_the_sentence_test_looks_for():
    for name in lx.ARMED_FORCES:
        for text in (name, f"the {name}.", f"({name}) and"):
            assert deployments._force_names(text), text
            words = sentence_words(text, 0, len(text))
            assert words is not None and not words.isdisjoint(deployments._FORCE_WORDS), text


def _records_plain(found):
    """:func:`deployments.records` as lists, ``max`` and ``dict.fromkeys`` say it."""
    out = []
    for iso3, items in found.claims.items():
        with_fig = [(c, ev) for c, ev in items if c.troops is not None]
        best = max(with_fig, key=lambda x: x[0].confidence) if with_fig else None
        change = best[0].change if best else None
        if change is None:
            change = next((c.change for c, _ in items if c.change is not None), None)
        said = [c.status for c, _ in items if c.status]
        status = said[-1] if said else "deployed"
        if found.left:
            status = "withdrawn"
        if status == "withdrawing" and any(c.status == "withdrawn" and c.whole for c, _ in items):
            status = "withdrawn"
        personnel = best[0].personnel if best else items[0][0].personnel
        figure = None
        if best and best[0].figure:
            a, b = best[0].figure
            ev = best[1]
            figure = Evidence(a, b, ev.text[a - ev.start : b - ev.start], ev.source, ev.date)
        confidence = round(max(c.confidence for c, _ in items), 2)
        evidence = tuple(dict.fromkeys(ev for _, ev in items))
        troops = best[0].troops if best else None
        out.append(
            deployments.Record(
                iso3, troops, change, status, personnel, confidence, figure, evidence,
                iso3 in found.leads,
            )
        )  # fmt: skip
    return out


def _best_total_plain(found):
    """:func:`deployments.best_total` as lists, ``max`` and ``dict.fromkeys`` say it."""
    totals = [(f, ev) for f, ev in found.figures if f.kind == "total"]
    ceilings = [(f, ev) for f, ev in found.figures if f.kind == "authorised"]
    peaks = [(f, ev) for f, ev in found.figures if f.kind == "peak"]
    total = max(totals, key=lambda x: x[0].score) if totals else None
    ceiling = max(ceilings, key=lambda x: x[0].score) if ceilings else None
    peak = max(peaks, key=lambda x: x[0].value) if peaks else None
    if peak and total and peak[0].value <= total[0].value:
        peak = None
    if ceiling and total and ceiling[0].value == total[0].value:
        ceiling = None
    evidence = tuple(dict.fromkeys(x[1] for x in (total, ceiling, peak) if x))
    at = deployments._figure_evidence
    return deployments.MissionFigures(
        total[0].value if total else None,
        ceiling[0].value if ceiling else None,
        peak[0].value if peak else None,
        evidence,
        at(*total) if total else None,
        at(*ceiling) if ceiling else None,
        at(*peak) if peak else None,
    )


# sentences' evidence: two of the same span and text (equal, not the same object), one
# more of the same start
_TEXT = "Chad sends 850 troops; Niger sends 300. Mali hosts them."
_EVS = [
    Evidence(0, 21, _TEXT[0:21], "a.txt", "2024-01-02"),
    Evidence(0, 21, _TEXT[0:21], "a.txt", "2024-01-02"),
    Evidence(0, 38, _TEXT[0:38], "a.txt", "2024-01-02"),
    Evidence(23, 38, _TEXT[23:38], "a.txt", "2024-01-02"),
    Evidence(40, 55, _TEXT[40:55], "a.txt", "2024-01-02"),
]
_CLAIMS = st.builds(
    roles.Claim,
    st.sampled_from(["TCD", "NER", "SEN"]),
    st.none() | st.sampled_from([300, 850, 0]),
    st.none() | st.sampled_from([-50, 120, 0]),
    st.sampled_from(["", "deployed", "pledged", "withdrawing", "withdrawn"]),
    st.sampled_from(["troops", "police"]),
    st.sampled_from([0.4, 0.45, 0.5, 0.8, 0.85, 0.9, 1, 1.0]),
    st.none() | st.just((11, 14)) | st.just((0, 4)),
    st.booleans(),
)
_FIGURES = st.builds(
    mission_roles.MissionFigure,
    st.sampled_from(["total", "authorised", "peak", "other"]),
    st.sampled_from([300, 850, 1200]),
    st.sampled_from([1, 3, 4]),
    st.just((11, 14)),
)


@settings(max_examples=600, deadline=None)
@given(
    st.lists(st.tuples(_CLAIMS, st.sampled_from(_EVS)), max_size=10),
    st.lists(st.tuples(_FIGURES, st.sampled_from(_EVS)), max_size=8),
    st.booleans(),
    st.sets(st.sampled_from(["TCD", "NER"])),
)
def test_records_and_totals_are_what_lists_and_max_make_of_the_claims(claims, figures, left, leads):
    found = deployments.Findings(figures=figures, left=left, leads=leads)
    for c, ev in claims:
        found.claims.setdefault(c.iso3, []).append((c, ev))
    got = deployments.records(found)
    assert got == _records_plain(found)
    # the same objects: a value equal to another (1 and 1.0, two equal evidences) is no proof
    plain = _records_plain(found)
    assert [tuple(map(id, r.evidence)) for r in got] == [tuple(map(id, r.evidence)) for r in plain]
    assert [type(r.confidence) for r in got] == [type(r.confidence) for r in plain]
    figs, plain_figs = deployments.best_total(found), _best_total_plain(found)
    assert figs == plain_figs
    assert list(map(id, figs.evidence)) == list(map(id, plain_figs.evidence))


_PRONOUN_PIECES = sorted(
    {
        *lx.SUBJECT_PRONOUNS,
        *(w.upper() for w in lx.SUBJECT_PRONOUNS),
        *(w.title() for w in lx.SUBJECT_PRONOUNS),
        "İt",
        "İl",
        "ıt",
        "Mais",
        "But",
        "x",
        "_",
        "2",
        "²",
        "«",
        "’",
        "-",
        ",",
        " ",
        "\n",
        "now",
    }
)


@settings(max_examples=600, deadline=None)
@given(texts_of(_PRONOUN_PIECES, max_size=6), st.data())
def test_a_pronoun_start_is_found_as_the_pattern_finds_it(text, data):
    for s, e in ((0, len(text)), bounds(text, data)):
        words = sentence_words(text, s, e)
        got = deployments._pronoun_start(text, s, e, words)
        assert got == (deployments._PRONOUN_START.match(text, s, e) is not None)
