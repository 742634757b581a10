"""The words news uses to speak of a peace operation without naming it.

Data for :mod:`deploymap.extract.missions`: who runs a force, what a force
or mission is called, the words that describe one, and the names of national
armed forces and ministries, which are never a mission.  Ordinary knowledge
of how the press writes; nothing here is taken from an evaluation text.
"""

from __future__ import annotations

# How an organisation is written -> the code the catalogue uses for it.
# Keys are lower case; a key is matched as a whole word, in any case for names
# and as written for acronyms (see ORGANISATION_ACRONYMS).
ORGANISATIONS = {
    # joint UN-AU operations (UNAMID) are catalogued under the UN
    "united nations-african union": "UN",
    "un-african union": "UN",
    "un-au": "UN",
    "au-un": "UN",
    "african union-united nations": "UN",
    "united nations": "UN",
    "un": "UN",
    "u.n.": "UN",
    "nato": "NATO",
    "north atlantic treaty organization": "NATO",
    "north atlantic treaty organisation": "NATO",
    "african union": "AU",
    "au": "AU",
    "a.u.": "AU",
    "pan-african": "AU",
    "european union": "EU",
    "eu": "EU",
    "e.u.": "EU",
    "ecowas": "ECOWAS",
    "economic community of west african states": "ECOWAS",
    "west african": "ECOWAS",
    "sadc": "SADC",
    "southern african development community": "SADC",
    "eac": "EAC",
    "east african community": "EAC",
    "east african": "EAC",
    "eccas": "ECCAS",
    "economic community of central african states": "ECCAS",
    "lake chad basin commission": "LCBC",
    "lcbc": "LCBC",
    "osce": "OSCE",
    "organization for security and co-operation in europe": "OSCE",
    "pacific islands forum": "PIF",
    "g5 sahel": "G5 Sahel",
}
# Organisations written as capitals only match as written ("AU", not "au").
ORGANISATION_ACRONYMS = frozenset(
    {"un", "u.n.", "nato", "au", "a.u.", "eu", "e.u.", "ecowas", "sadc", "eac", "eccas", "lcbc"}
    | {"osce"}
)

# The head noun of a description: "the UN *mission* in Mali".
MISSION_NOUNS = (
    "force",
    "forces",
    "mission",
    "missions",
    "operation",
    "peacekeepers",
    "peacekeeping force",
    "peacekeeping mission",
    "peacekeeping operation",
    "blue helmets",
    "observers",
    "monitors",
    "troops",
    "contingent",
    "presence",
    "deployment",
    "task force",
    "standby force",
)
# Nouns that say "peace operation" on their own, without an organisation:
# "the peacekeepers in Lebanon", "the stabilisation mission in Haiti".
PEACE_NOUNS = frozenset({"peacekeepers", "blue helmets"})

# Words before the noun that describe the operation ("the UN *peacekeeping* mission").
# An organisation-less description needs one of PEACE_MODIFIERS.
MODIFIERS = (
    "peacekeeping",
    "peace-keeping",
    "peace keeping",
    "peace",
    "peace support",
    "peace enforcement",
    "stabilisation",
    "stabilization",
    "stabilising",
    "stabilizing",
    "multidimensional",
    "integrated",
    "multinational",
    "multi-national",
    "international",
    "regional",
    "joint",
    "hybrid",
    "interim",
    "transition",
    "transitional",
    "support",
    "security",
    "security support",
    "assistance",
    "monitoring",
    "observer",
    "observation",
    "training",
    "military",
    "police",
    "protection",
    "intervention",
    "standby",
    "expanded",
    "new",
    "planned",
    "proposed",
    "former",
    "ongoing",
    "current",
    "continental",
    "african-led",
    "african",
    "kenyan-led",
    "kenya-led",
)
PEACE_MODIFIERS = frozenset(
    {
        "peacekeeping",
        "peace-keeping",
        "peace keeping",
        "peace",
        "peace support",
        "peace enforcement",
        "stabilisation",
        "stabilization",
        "stabilising",
        "stabilizing",
        "multinational",
        "multi-national",
        "regional",
        "hybrid",
        "security support",
        "observer",
        "monitoring",
        "standby",
        "intervention",
        "african-led",
        "kenyan-led",
        "kenya-led",
    }
)
# Modifiers that say nothing of which mission is meant (not weighed against names).
PLAIN_MODIFIERS = frozenset(
    {"expanded", "new", "planned", "proposed", "former", "ongoing", "current", "military"}
)

# The prepositions that tie a description to its host: "in Mali", "for Abyei".
HOST_PREPOSITIONS = ("in", "for", "to", "on", "into", "at", "inside")
# Direction words a host may carry: "in eastern DRC", "in southern Lebanon".
HOST_DIRECTIONS = (
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north-eastern",
    "north-western",
    "south-eastern",
    "south-western",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
)

# The last words of the name of a national armed force, police or ministry:
# "Rwanda Defence Force", "Ministry of Defence", "Armed Forces of Mali".  A
# name with one of these is not a peace operation unless it also carries a
# word of INTERNATIONAL_WORDS or opens with an international organisation.
NATIONAL_FORCE_TAILS = (
    "defence force",
    "defence forces",
    "defense force",
    "defense forces",
    "armed forces",
    "armed force",
    "army",
    "air force",
    "navy",
    "national guard",
    "republican guard",
    "presidential guard",
    "police",
    "police force",
    "police service",
    "gendarmerie",
    "special forces",
    "marines",
    "coast guard",
    "military",
)
NATIONAL_BODY_WORDS = frozenset({"ministry", "ministries", "department", "office of the"})
INTERNATIONAL_WORDS = frozenset(
    {
        "multinational",
        "multi-national",
        "regional",
        "international",
        "joint",
        "peacekeeping",
        "peace",
        "stabilisation",
        "stabilization",
        "mission",
        "community",
        "union",
        "nations",
        "standby",
        "task",
    }
)

# "based in Rawalpindi", "headquartered in Goma": where the text puts a mission.
BASE_CUES = (
    "based in",
    "based at",
    "headquartered in",
    "headquartered at",
    "headquarters in",
    "headquarters at",
    "its headquarters is in",
    "its headquarters are in",
)
# "Lebanon, as the host of the force", "the host country, Mali".
HOST_CUES = ("as host to", "as a host to", "as the host to", "as host of", "as the host of")
