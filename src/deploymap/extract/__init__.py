"""Information extraction from news text.

Places are found by the geoparser (:mod:`.toponyms`), missions by the
catalogue and by description (:mod:`.missions`).  Deployments are read in
three stages, one file each, so that a new phrasing needs a new cue in
:mod:`.lexicon` (troop nouns, deployment verbs, change, status and total
cues, number words, armed forces) rather than a new pattern:

1. **structure** (:mod:`.structure`): each sentence becomes tokens (words,
   punctuation, figures from :mod:`.figures`, dates from :mod:`.dates`, and one
   token per nation the geoparser found: country, demonym, capital, armed force), then figures with
   what they count and the cue that makes them a change, a target, a ceiling
   or a peak, and nation groups coordinated by commas, "and", "or";
2. **roles** (:mod:`.roles`; verb groups in :mod:`.role_verbs`, the mission's
   own figures in :mod:`.mission_roles`): over that structure, who contributes
   (subject of a deployment verb, source after "from", member of a list of contributors,
   demonym before a troop noun), who only stands there (a place, a nation
   asked, a party, a nation that left), which figure is whose (parenthesised,
   paired "respectively", "each", gapped, figure first, possessive, object),
   and the status (deployed, pledged, withdrawing, withdrawn); leftover
   figures are the mission's strength, ceiling or peak;
3. **records** (:mod:`.deployments`): the claims of every sentence merged per
   nation (the most confident figure, the latest status, all evidence), and
   the mission's figures each with its own span; command handovers and
   tensions come from :mod:`.events`.

Every stage looks around a token within a bounded window, so reading is
linear in the length of the text whatever it holds.
"""

from __future__ import annotations

from deploymap.extract.toponyms import Geoparser, geoparse, geoparse_jsonl

__all__ = ["Geoparser", "geoparse", "geoparse_jsonl"]
