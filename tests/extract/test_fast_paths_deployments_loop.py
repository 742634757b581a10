"""The sentences the loop of :func:`~deploymap.extract.deployments.extract_deployments`
leaves unbuilt are those whose reading would change nothing.

Texts of a few sentences are drawn from the words the roles look for (troop
nouns, deployment, withdrawal and completeness cues, "each", pronouns, the
mission's phrases), nations (the host, its capital, contributors, demonyms)
and figures, the mission's name among them; each text is read once as it is
and once with the tests the loop skips a sentence by told to say "maybe" (the
figures of a sentence that has none given as an empty list that says it holds
some, and the leaving test told that a verb of leaving may be there), so that
no sentence is skipped for want of a figure or of a verb of leaving, and the
findings must be the same; and once as if every sentence might tell of
events (its dates found before its figures), with the same findings.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from deploymap.extract import deployments, mission_roles, roles, structure
from deploymap.extract import lexicon as lx
from deploymap.extract.dates import find_dates
from deploymap.model import Mission, Toponym
from tests.extract.pieces import texts_of

# nations as the geoparser gives them: (text, iso3, kind, demonym); MLI hosts the mission
_NATIONS = [
    ("Mali", "MLI", "country", False),
    ("Bamako", "MLI", "capital", False),
    ("maliens", "MLI", "country", True),
    ("Malian", "MLI", "country", True),
    ("Chad", "TCD", "country", False),
    ("Tchad", "TCD", "country", False),
    ("Rwandan", "RWA", "country", True),
    ("Nepal's", "NPL", "country", False),
    ("Niamey", "NER", "capital", False),
]
_MISSION = "MINUSMA"
_WORDS = sorted(
    {
        *mission_roles.LEAVING_VERBS,
        *lx.COMPLETE_CUES,
        *lx.SUBJECT_PRONOUNS,
        *lx.EACH,
        *(w for p in lx.MISSION_PHRASES for w in p),
        *lx.CONTINGENT_ANAPHORA,
        "the mission",
        "la force",
        "its",
        "the",
        "troops",
        "soldats",
        "peacekeepers",
        "casques bleus",
        "contingent",
        "battalion",
        "sent",
        "a envoyé",
        "deployed",
        "will deploy",
        "leads",
        "commands",
        "the operation",
        "last",
        "derniers",
        "have left",
        "ont quitté",
        "in",
        "au",
        "from",
        "and",
        "et",
        "with",
        "of",
        ",",
        "(",
        ")",
        "850",
        "1,200",
        "some 40",
        "quatre",
        "un",
        "2024",
        "$5",
        "3 mars 2024",
        "le 5 mai",
        "1er avril",
        "on 12 May",
        "May 4, 2023",
        "lundi",
        "Monday",
        "takes over command from",
        "prend le commandement",
    }
)
_PIECE = st.sampled_from(_NATIONS) | st.sampled_from(_WORDS) | st.just(_MISSION)
_HOSTS = st.sampled_from([n for n in _NATIONS if n[1] == "MLI"])


@st.composite
def _leaving(draw: st.DrawFn) -> list[object]:
    """ "The mission's last peacekeepers have left Mali": about the mission, a
    word of completeness, a troop noun and a verb of leaving, in that order,
    the host and other pieces about them."""
    few = st.lists(_PIECE | _HOSTS, max_size=2)
    return [
        draw(st.sampled_from(["the mission", "la force", _MISSION, "It", "Elle"])),
        *draw(few),
        draw(st.sampled_from(sorted(lx.COMPLETE_CUES))),
        draw(st.sampled_from(["troops", "peacekeepers", "soldats", "casques bleus"])),
        *draw(st.lists(st.sampled_from(["have", "ont", "will", "a", "not"]), max_size=1)),
        draw(st.sampled_from(sorted(mission_roles.LEAVING_VERBS))),
        *draw(few),
    ]


_SENTENCE = st.lists(_PIECE, min_size=1, max_size=12) | _leaving()
_SENTENCES = st.lists(_SENTENCE, min_size=1, max_size=5)


def _document(sentences: list[list[object]]):
    """The text, its sentence spans, its toponyms and where it names the mission."""
    text, spans, tops, names = "", [], [], []
    for pieces in sentences:
        s = len(text)
        for p in pieces:
            if len(text) > s:
                text += " "
            k = len(text)
            if isinstance(p, tuple):
                name, iso3, kind, demonym = p
                tops.append(
                    Toponym(k, k + len(name), name, name, kind, iso3, 0, 0, "x", 1.0, demonym)
                )
                text += name
            else:
                if p == _MISSION:
                    names.append((k, k + len(p)))
                text += str(p)
        text += "."
        spans.append((s, len(text)))
        text += " "
    return text, spans, tops, names


class _Some(list):
    """No figure, but true: the loop builds the sentence as if it had some."""

    def __bool__(self) -> bool:
        return True


def _read(text, spans, tops, names, lang):
    mission = Mission(id=_MISSION, name="x", organisation="UN", hosts=("MLI",))
    found = deployments.extract_deployments(
        text, spans, tops, mission, names, year=2024, lang=lang, name_spans=names
    )
    return found.claims, found.figures, found.events, found.leads, found.left


@settings(max_examples=800, deadline=None)
@given(_SENTENCES, st.sampled_from(["en", "fr"]))
@example([["the mission", _NATIONS[0], "the", "last", "peacekeepers", "have left"]], "en")
@example([[_MISSION, "les", "derniers", "casques bleus", "ont quitté", _NATIONS[1]]], "fr")
def test_a_sentence_naming_only_the_hosts_and_no_figure_is_skipped_only_when_it_says_nothing(
    sentences, lang
):
    doc = _document(sentences)
    got = _read(*doc, lang)
    figures, may_leave = deployments.sentence_figures, deployments._may_leave
    try:
        deployments.sentence_figures = lambda *a: figures(*a) or _Some()  # type: ignore[assignment]
        deployments._may_leave = lambda text, s, e: True  # type: ignore[assignment]
        built = _read(*doc, lang)
    finally:
        deployments.sentence_figures, deployments._may_leave = figures, may_leave
    assert got == built
    # every sentence read as one that may tell events: its dates looked for first
    tells = deployments.may_tell_events
    try:
        deployments.may_tell_events = lambda words, lang="en": True  # type: ignore[assignment]
        told = _read(*doc, lang)
    finally:
        deployments.may_tell_events = tells
    assert got == told


_FORCES = [("Bundeswehr", "DEU"), ("Tsahal", "ISR")]
_DETERMINERS = st.sampled_from(sorted(lx.DETERMINERS | lx.SOURCE_PREPS))


@settings(max_examples=400, deadline=None)
@given(
    st.lists(_PIECE | st.sampled_from(_FORCES) | _DETERMINERS, min_size=1, max_size=14),
    st.sampled_from(["en", "fr"]),
    st.sampled_from([("MLI",), ("MLI", "DEU"), ("TCD", "ISR", "MLI")]),
    st.booleans(),
)
def test_a_sentence_whose_nations_and_forces_all_host_names_none_foreign(
    pieces, lang, hosts, about
):
    forces, flat = [], []
    for p in pieces:
        if isinstance(p, tuple) and len(p) == 2:
            forces.append(p)
            flat.append(p[0])
        else:
            flat.append(p)
    text, _, tops, names = _document([flat])
    spans, k = [], 0
    for name, iso3 in forces:
        k = text.index(name, k)
        spans.append((k, k + len(name), iso3))
        k += len(name)
    sn = structure.build_sentence(text, 0, len(text), tops, [], spans, lang=lang, missions=names)
    plain = [i for i, t in enumerate(sn.tokens) if t.kind == "nation"]
    assert sn.nation_at == plain
    hosts_only = all(t.iso3 in hosts for t in tops) and all(f[2] in hosts for f in spans)
    if hosts_only:
        assert not sn.foreign(set(hosts))
    ctx = roles.Context(set(hosts), about, "onu", (), sn.foreign(set(hosts)))
    unknown = roles.Context(set(hosts), about, "onu", ())
    assert mission_roles.mission_leaves(sn, ctx) == mission_roles.mission_leaves(sn, unknown)
    assert mission_roles.mission_figures(sn, ctx, set()) == mission_roles.mission_figures(
        sn, unknown, set()
    )
    # a group begins with its first member (whose token before it the roles share)
    assert all(g.members[0] == g.first for g in sn.groups)
    # the token before each nation, determiners skipped, as the plain loop finds it
    for i in range(sn.n):
        k = i - 1
        while k >= 0 and sn.low(k) in lx.DETERMINERS and sn.low(k) not in lx.SOURCE_PREPS:
            k -= 1
        assert roles._prev_index(sn, i) == k


_LEAVING_PIECES = sorted(
    {
        *mission_roles.LEAVING_VERBS,
        *(v.upper() for v in mission_roles.LEAVING_VERBS),
        "x",
        " ",
        "İ",
        "Σ",
        "ſ",
    }
)


@settings(max_examples=500, deadline=None)
@given(texts_of(_LEAVING_PIECES, max_size=4) | texts_of(_WORDS, max_size=8))
def test_the_leaving_test_finds_a_verb_where_the_whole_list_does(text):
    low = text.lower()
    assert deployments._may_leave(text, 0, len(text)) == any(
        w in low for w in mission_roles.LEAVING_VERBS
    )


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECE, max_size=14), st.sampled_from(["en", "fr"]))
def test_the_figures_less_the_date_numbers_are_the_figures_said_with_the_dates(pieces, lang):
    text = " ".join(p[0] if isinstance(p, tuple) else p for p in pieces)
    dates = find_dates(text, 0, len(text), default_year=2024, lang=lang, ref="2024-06-03")
    alone = structure.sentence_figures(text, 0, len(text), [], lang)
    kept = [n for n in alone if not structure.is_date_number(n, dates)]
    assert kept == structure.sentence_figures(text, 0, len(text), dates, lang)


_BLOCK_PIECES = sorted(
    {
        *roles._BLOCK_WORDS,
        *(" ".join(p) for p in lx.NEGATION_PHRASES),
        "that",
        "which",
        ",",
        "(",
        ")",
        "troops",
        "sent",
    }
)


@settings(max_examples=600, deadline=None)
@given(
    st.lists(st.sampled_from(_NATIONS) | st.sampled_from(_BLOCK_PIECES), min_size=1, max_size=14),
    st.booleans(),
)
def test_a_group_is_blocked_by_the_kinds_of_cue_its_sentence_has_as_by_all(pieces, about):
    text, _, tops, _ = _document([pieces])
    sn = structure.build_sentence(text, 0, len(text), tops, [])
    ctx = roles.Context({"MLI"}, about, "onu", ())
    have = roles._words_of(sn)
    for g in sn.groups:
        a, _ = sn.clause(g.first)
        p = roles._prev_index(sn, g.first)
        assert roles._blocked(sn, g, a, ctx, p, have) == roles._blocked(sn, g, a, ctx, p, True)


class _Everything(frozenset[str]):
    """A set that says it holds every word: each window is looked in."""

    def isdisjoint(self, other: object) -> bool:
        return False


_FIGURE_PIECES = sorted(
    {
        *lx.TOTAL_CUES,
        *lx.NOW_CUES,
        *lx.FUTURE_CUES,
        *lx.HEDGES,
        *lx.PART_CUES,
        *lx.MISSION_NOUNS,
        *(f"{w}'s" for w in lx.MISSION_NOUNS),
        *("number", "total", "size", "strength", "countries", "nations"),
        *("850", "1,200", "troops", "soldats", "of", "(", ")", "strong", "-strong"),
    }
)


@st.composite
def _figure_clause(draw: st.DrawFn) -> list[object]:
    """A figure with a cue before it and one after ("the force now numbers
    some 850 troops from 20 countries"), pieces of all kinds about them."""
    few = st.lists(_PIECE | st.sampled_from(_FIGURE_PIECES), max_size=2)
    cue = st.sampled_from(_FIGURE_PIECES)
    return [
        *draw(few),
        draw(cue),
        *draw(st.lists(cue, max_size=2)),
        draw(st.sampled_from(["850", "1,200", "some 40", "2,000-strong", "(5,500"])),
        draw(st.sampled_from(["troops", "soldats", "peacekeepers", "personnel", "", "mission"])),
        *draw(st.lists(cue, max_size=2)),
        *draw(few),
    ]


@settings(max_examples=600, deadline=None)
@given(
    st.lists(_PIECE | st.sampled_from(_FIGURE_PIECES), min_size=1, max_size=16) | _figure_clause(),
    st.booleans(),
    st.sampled_from(["en", "fr"]),
)
@example(["the mission", "currently", "has", "850", "troops"], False, "en")
@example(["a", "force", "of", "1,200", "troops", "from", "20", "countries"], True, "en")
@example(["some", "850", "troops", "including", "40", "soldats"], True, "fr")
def test_mission_figures_are_scored_alike_looking_only_for_the_cues_the_sentence_has(
    pieces, about, lang
):
    text, _, tops, names = _document([pieces])
    sn = structure.build_sentence(text, 0, len(text), tops, [], lang=lang, missions=names)
    ctx = roles.Context({"MLI"}, about, "onu", tuple(names))
    got = mission_roles.mission_figures(sn, ctx, set())
    cues = mission_roles._figure_cues
    try:
        mission_roles._figure_cues = lambda sn: _Everything()  # type: ignore[assignment]
        plain = mission_roles.mission_figures(sn, ctx, set())
    finally:
        mission_roles._figure_cues = cues
    assert got == plain
