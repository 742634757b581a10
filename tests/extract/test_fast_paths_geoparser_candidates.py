"""``Geoparser._candidates`` remembers an overlay's keys in the scan's table
(``_cands``) too, and still gives each key what it gave when only the
gazetteer's were remembered: the overlay's candidates first (the French names,
the regional demonyms), else the gazetteer's of the scan's forms."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from deploymap.extract.toponyms import SCAN_FORMS, Geoparser
from deploymap.read import STORY_RULES_OFF

_GP = Geoparser(lang="fr", rules_off=STORY_RULES_OFF)
_GP.parse("Le Tchad et le Mali.")  # (the overlay built)
_OVERLAY = sorted(_GP._overlay)
# keys of the overlay, of the gazetteer (some in both: "mali", "tchad"), of neither
_KEYS = st.one_of(
    st.sampled_from(_OVERLAY),
    st.sampled_from(["mali", "tchad", "goma", "paris", "nord kivu", "bamako", "niger"]),
    st.sampled_from(["zzz", "", "le", "nowhere at all"]),
)


def _as_first_written(gp: Geoparser, key: str) -> tuple[object, ...]:
    got = gp._overlay.get(key)
    if got is None:
        got = tuple(c for c in gp.gazetteer._lookup(key) if c.form in SCAN_FORMS)
    return got


@settings(max_examples=300, deadline=None)
@given(st.lists(_KEYS, min_size=1, max_size=8))
def test_candidates_are_those_first_written_asked_again_or_not(keys):
    gp = _GP
    gp._cands.clear()  # (as a new instance's)
    for key in keys:
        want = _as_first_written(gp, key)
        assert gp._candidates(key) == want
        # asked again, and as the scan asks (inline, in _cands): the same
        assert gp._candidates(key) == want
        assert gp._cands[key] == want
    # an overlay's key is its overlay candidates themselves
    for key in keys:
        if key in gp._overlay:
            assert gp._candidates(key) is gp._overlay[key]
