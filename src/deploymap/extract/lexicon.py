"""The words the deployment reader knows, as data.

Everything the roles stage (:mod:`.roles`) decides is keyed on these lists:
a new phrasing of a known fact should need one more cue here, not a new
pattern in the code.  Entries are lower-case; multi-word cues are tuples of
words and are matched token by token (:func:`deploymap.extract.structure.
Sentence.phrase_at`).  All of it is ordinary English about armed forces and
peace operations, nothing taken from an evaluation text.
"""

from __future__ import annotations

from typing import Any


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _phrases(*items: str) -> tuple[tuple[str, ...], ...]:
    # longest first, so that "a total of" wins over "a total"
    return tuple(sorted((tuple(i.split()) for i in items), key=len, reverse=True))


# --- what is counted -------------------------------------------------------
# Nouns that count people in uniform, with the kind of personnel they count.
PERSONNEL_NOUNS: dict[str, str] = {
    **dict.fromkeys(
        [
            "troops",
            "troop",
            "soldiers",
            "soldier",
            "servicemen",
            "servicemembers",
            "infantry",
            "marines",
            "paratroopers",
            "sailors",
            "airmen",
            "commandos",
            "military",
            "peacekeepers",
            "peacekeeper",
            "blue",
            "helmets",
            "casques",
            "engineers",
            "medics",
            "deminers",
            "men",
        ],
        "troops",
    ),
    **dict.fromkeys(["police", "policemen", "policewomen", "gendarmes", "gendarmerie"], "police"),
    **dict.fromkeys(["observers", "observer", "monitors"], "observers"),
    **dict.fromkeys(
        ["staff", "officers", "officer", "advisers", "advisors", "trainers", "experts"], "staff"
    ),
    **dict.fromkeys(["personnel", "members", "specialists"], "troops"),
}
# Nouns for formed units: they name a contributor's force, with or without a figure.
UNIT_NOUNS = _words(
    "battalion battalions contingent contingents company companies unit units brigade "
    "brigades platoon platoons detachment detachments squadron squadrons force forces "
    "regiment regiments team teams group"
)
# Nouns that are too general to make a contributor of a demonym alone ("Turkish
# forces" fight as often as they keep the peace): they need the mission nearby.
GENERIC_NOUNS = _words("forces force officers police staff members experts group")
# Words before a unit noun that make it military ("an engineering company").
UNIT_MODIFIERS = _words(
    "infantry mechanised mechanized engineering engineer medical reserve aviation "
    "signals logistics military formed police reconnaissance special motorised motorized"
)
# Figures followed by these count something else.
NOT_PERSONNEL = _words(
    "km kilometres kilometers kilometre kilometer miles mile metres meters years year "
    "days day months month hours hour weeks week percent per cent dollars euros pounds "
    "people civilians refugees villages kilograms tons tonnes aircraft drones vehicles "
    "tanks helicopters guns mortars jets rounds million billion st nd rd th times "
    "countries nations states dead killed wounded injured casualties children women "
    "bodies votes members-states"
)

# --- verbs -----------------------------------------------------------------
# Between a subject and its main verb (the English ones are in :mod:`.roles`).
AUXILIARIES: frozenset[str] = frozenset()
# Auxiliaries that put the main verb in the future ("will send", "is to
# deploy": a pledge) or in the present ("already has"): the claim's status.
FUTURE_AUXILIARIES = _words("will would shall to")
PRESENT_AUXILIARIES = _words("already currently now")
# Verbs whose object is a deployment or a withdrawal named as an act:
# "announced the deployment of 450 troops", "began the withdrawal of its
# contingent".  Those that are also pledge cues make it a pledge.
ACT_VERBS = _words(
    "announced announces announce confirmed confirms approved approves approve agreed "
    "authorised authorized authorises authorizes ordered orders began begins begin "
    "started starts completed completes finished finishes decided planned plans"
)
# Verbs that lead to the deployment verb through an infinitive marker:
# "agreed to send", "decided to deploy" (the pledge cues lead too).
LEAD_IN_VERBS = _words("decided decide continue continues continued begin began")
INFINITIVE_MARKERS = _words("to")
# A withdrawal begun is still under way: "began to withdraw", "started pulling out".
BEGIN_VERBS = _words("begin begins began begun beginning start starts started starting")
# The acts themselves, each followed by "of" and the troops (the withdrawal
# nouns are withdrawal words too: see WITHDRAW_VERBS).
DEPLOY_NOUNS = _words("deployment dispatch despatch sending")
WITHDRAW_NOUNS = _words("withdrawal drawdown pullout repatriation")
# Time words between such a verb and its object: "announced on Thursday the ...".
TIME_HOPS = _words(
    "on this last next today yesterday monday tuesday wednesday thursday friday saturday sunday"
)
# A nation that is the subject of one of these, with troops or a figure as
# object, contributes ("Ghana has sent 740 soldiers").
DEPLOY_VERBS = _words(
    """
    contribute contributes contributed contributing provide provides provided providing
    supply supplies supplied supplying send sends sent sending deploy deploys deployed
    deploying keep keeps kept maintain maintains maintained station stations stationed
    has had have field fields fielded commit commits committed pledge pledges pledged
    pledging add adds added adding dispatch dispatches dispatched rotate rotates rotated
    join joins joined joining lead leads led remain remains brings bring bringing brought
    offer offers offered promise promises promised deliver delivers delivered boost
    boosts boosted increase increases increased raise raises raised lift lifts lifted
    reinforce reinforces reinforced expand expands expanded double doubled triple tripled
    contributes serve serves served serving include includes included counts count numbers
    numbered
    is was are were will would has operates operate transfer transfers transferring
    transferred redeploy redeploys redeployed redeploying move moves moved moving
    """
)
# Verbs that move troops in or out: "arrive from", "come from", "drawn from".
SOURCE_VERBS = _words(
    "come comes coming came arrive arrives arrived arriving drawn drawn drawn hail hails "
    "hailing originate originates sourced contributed sent provided supplied deployed "
    "fly flown flew are is were was"
)

# --- lists of contributors -------------------------------------------------
# Words that, just before a list of nations, say the list contributes:
# "contributors include A, B and C", "the main contingents come from A and B".
LIST_INTRO_HEADS = _words(
    "contributors contributor contributing countries nations states contingents troops "
    "soldiers personnel police units tccs pccs members"
)
LIST_INTRO_VERBS = _words("include includes including are is were comprise comprises")

# --- status ----------------------------------------------------------------
PLEDGE_CUES = _words(
    "pledge pledges pledged pledging promise promises promised offer offers offered "
    "commit commits committed slated expected planned plans plan prepared ready agreed "
    "approved approve approves announced will would shall to set due intends intend "
    "considering"
)
# Verbs of staying: "is expected to keep 4,500 soldiers", "will maintain its
# battalion" speak of a contingent already there, so the future is no pledge.
CONTINUE_VERBS = _words(
    "keep keeps keeping kept maintain maintains maintaining retain retains retaining "
    "stay stays staying remain remains remaining continue continues continued continuing"
)
DEPLOYED_CUES = _words(
    "has have had currently now already arrived deployed serving serve serves stationed "
    "present based remain remains remained patrol patrols operate operates"
)
# The whole contingent is leaving or has left: "withdrew its contingent",
# "pulled out", "exited the mission", "brought home its troops".
WITHDRAW_VERBS = _words(
    "withdraw withdraws withdrew withdrawn withdrawing withdrawal pull pulls pulled pulling "
    "exit exits exited exiting leave leaves left leaving depart departs departed departing "
    "repatriate repatriated repatriating repatriation pullout end ended ending quit quits "
    "quitting farewell drawdown"
)
WITHDRAW_PHRASES = _phrases(
    "pull out",
    "pulled out",
    "pulling out",
    "bring home",
    "bringing home",
    "brought home",
    "bringing back",
    "sent home",
    "ended its",
    "ended their",
    "no longer",
)
# The whole of it: "the last contingent left", "all its troops withdrew".
COMPLETE_CUES = _words("last all entire remaining whole definitively completely")
# The withdrawal is still to come: "will withdraw", "is expected to leave".
FUTURE_CUES = _words("will would shall expected plans planned begin begins coming next")
# Being replaced, or having been: "replacing Ethiopian units", "formerly".
FORMER_CUES = _words("replace replaces replaced replacing former formerly previous predecessors")
# "some 170 personnel would join the mission": a contingent on the move.
ARRIVAL_VERBS = _words(
    "join joins joined joining arrive arrives arrived arriving land landed landing sent "
    "dispatched deployed flown travel travelled"
)
# Words of a command handover: the nation "from" which command passes is no source.
HANDOVER_WORDS = _words("command leadership helm charge reins over")
# Asked, not (yet) contributing: "talks with A and B to provide troops".
APPROACH_CUES = _words(
    "appealed appeal appeals asked asks asking approached approach urged urging invited "
    "inviting courted lobbied talks talking requested request requests considering consider"
)
NEGATION_CUES = _words("not no never declined declines refused refuses nor")
# Kept out: "the government blocked the arrival of Thai troops".
BLOCK_CUES = _words("blocked blocks blocking barred prevented vetoed rejected halted stopped")
NEGATION_PHRASES = _phrases("yet to", "decided against", "pulled back from")
# Parties to a conflict and their armies are not peacekeepers.
HOSTILE_CUES = _words(
    """
    fight fights fighting fought against attack attacks attacked rebel rebels militia
    militias insurgent insurgents invade invaded invasion invading occupy occupied
    occupation occupying enemy adversary adversaries clash clashes clashed between
    war wars
    """
)

# --- figures ---------------------------------------------------------------
# Before a figure: the figure is a change, not the contingent.
INCREASE_CUES = _words("further another additional extra reinforcements reinforcement")
DECREASE_CUES = _words("withdraw withdrawing withdrew withdrawal cut cuts reduce reduced reducing")
CHANGE_VERBS = _words(
    "boost boosts boosted increase increases increased raise raises raised lift lifts lifted "
    "reduce reduces reduced cut cuts expand expands expanded swell swells bolster bolsters "
    "bolstered grow grows"
)
# "taking its contingent to 440", "to a total of 500": the figure after the change.
TO_TARGET_VERBS = _words(
    "taking take takes took bringing bring brings brought raising raise raises raised "
    "lifting lift lifts lifted increase increased increasing boost boosted boosting swell "
    "swelling reach reaching reached reduce reduced reducing cut cutting grow growing rise "
    "rising expand expanded expanding push pushing"
)
# Cues of a total for the whole mission.
TOTAL_CUES = _words(
    "has have had numbers number numbering totals total totalling totaling comprises "
    "comprising strength now currently current counts with serve serving stands consists "
    "consisting"
)
# Offices that speak for their nation: "French President X pledged", "the Kenyan
# defence minister said".
OFFICES = _words(
    "president prime minister ministry government foreign defence defense affairs "
    "parliament cabinet army chief chiefs general premier leader authorities officials "
    "ambassador envoy spokesman spokeswoman senate national deputy secretary"
)
# "authorised up to 15,000", "a maximum of", "mandated ceiling of".
AUTHORISED_CUES = _words(
    "authorised authorized authorizes authorises maximum ceiling mandated mandate "
    "approved planned projected envisaged target full"
)
PEAK_PHRASES = _phrases(
    "down from",
    "peak of",
    "peaked at",
    "a high of",
    "as many as",
    "once numbered",
    "once had",
    "at its height",
    "at its peak",
    "at the peak",
    "at the height",
    "at peak",
    "in its heyday",
)
# Modal hedges: "could eventually lift the number to 400" is no new figure.
HEDGES = _words("could might may eventually possibly")
# "each": one figure for every member of a list.
EACH = _words("each apiece")

# --- structure words -------------------------------------------------------
LIST_SEPARATORS = (("and",), ("or",), ("as", "well", "as"), (",",), ("&",), ("/",), ("plus",))
DETERMINERS = _words("the a an its their his her our some all both")
# A nation after one of these is a place, not a subject: "troops moving through
# Greece into Macedonia", "present in South Sudan".
LOCATIVES = _words(
    "in into through to at near across inside within toward towards outside around via "
    "onto throughout"
)
CLAUSE_BREAKS = _words("while whereas but although though however")
APPROX_WORDS = _words(
    "about around some roughly nearly almost approximately approx close over up at least "
    "fewer less estimated just upwards more than short of an"
)

# Small words of structure, kept here so that each language brings its own.
# "a battalion of 850", "numbering 850": the unit's figure follows.
OF = _words("of")
UNIT_OF = _words("of numbering comprising totalling totaling")
# "to a total of 500", "from 195 to 215"
TO = _words("to")
FROM = _words("from")
# "Italy with some 1,070", "... with 850 peacekeepers"
WITH = _words("with")
# "boost its contingent by 150"
BY = _words("by")
# "troops from Ghana", "units provided by Togo": the nation after them is a source.
SOURCE_PREPS = _words("from by")
# "units provided by Togo": the nation after it is a source only after a source verb.
AGENT_PREPS = _words("by")
# Opens an aside after a name: "Niger, which belongs to no such bloc, ..."
APPOSITION_START = _words("which who a an the out including mostly mainly most some all")
# "A and B provide 895 and 875 soldiers respectively": figures paired in order.
RESPECTIVELY = _words("respectively")
# A sentence about "the contingent" (and no nation) speaks of the previous one's.
CONTINGENT_ANAPHORA = _words("contingent contingents battalion unit detachment")
SUBJECT_PRONOUNS = _words("it they")
# Nouns that count people without saying they serve: a figure with one counts
# the mission only when the mission is its subject ("which brings together 700 people").
PEOPLE_NOUNS: frozenset[str] = frozenset()
# Between two members of a list, after the separator: "A and also B", "A and the B".
LIST_FILLERS = _words("the also")
# "contributors include A, B", "the three contributing countries (A, B and C)",
# ": A, B": a list of contributors follows (a head noun must come just before).
LIST_INTRO_WORDS = _words(": ( including like namely")
# "A is the fifth-largest contributor (with 1,234)"
CONTRIBUTOR_NOUNS = _words("contributor contributors")
COPULAS = _words("is are was were as remains the")
# A figure said of now: "currently consists of 3,000".
NOW_CUES = _words("now currently current today presently")
# Said of a part of what was just counted: "1,200 troops, including 300 Spaniards".
PART_CUES = _words("including includes whom which")
# "in all", "in total", "altogether": the figure is the whole contingent.
WHOLE_PHRASES = _phrases("in all", "in total", "altogether", "all told", "overall")
# What a target counts: "bring the total to 1,100", "taking its contingent to 440".
COUNTED_NOUNS = _words("total number strength size contingent")
# "300 of them, out of a total of 1,500"
OUT_OF_PHRASES = _phrases("out of")
# Killed, wounded or lost: the figure counts casualties, not a contingent.
CASUALTY_CUES = _words(
    "killed died dead wounded injured lost slain kidnapped abducted captured missing"
)
# Words that name the mission without its name: "the force", "the mission's".
MISSION_NOUNS = _words("mission force operation deployment peacekeepers presence")
# Phrases that refer to the mission ("the force"); English ones are the
# pattern :data:`deploymap.extract.deployments.MISSION_ANAPHORA`.
MISSION_PHRASES: tuple[tuple[str, ...], ...] = ()

# --- who stands for a nation -------------------------------------------------
# National armed forces by the names news uses for them.  A country name
# followed by an armed-force head ("the Kenya Defence Forces", "Pakistan Army")
# is found by ARMED_FORCE_HEADS; names without the country in them are listed.
ARMED_FORCE_HEADS = _phrases(
    "defence forces",
    "defense forces",
    "defence force",
    "defense force",
    "armed forces",
    "army",
    "national army",
    "people's liberation army",
    "national defence force",
    "national defense force",
    "air force",
    "navy",
    "military",
)
ARMED_FORCES: dict[str, str] = {
    "Bundeswehr": "DEU",
    "SANDF": "ZAF",
    "KDF": "KEN",
    "UPDF": "UGA",
    "RDF": "RWA",
    "ENDF": "ETH",
    "TPDF": "TZA",
    "FDNB": "BDI",
    "PLA": "CHN",
    "IDF": "ISR",
    "Tatmadaw": "MMR",
    "ZDF": "ZWE",
    "BDF": "BWA",
    "MDF": "MWI",
    "FAA": "AGO",
    "FARDC": "COD",
    "FAMa": "MLI",
}

# --- numbers in words ---------------------------------------------------------
UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"thousand": 1000, "million": 1_000_000}
HUNDREDS = _words("hundred")
# Written just before a figure: "about 400", "up to 15,000".
QUALIFIERS = (
    "about", "around", "some", "roughly", "nearly", "almost", "approximately", "approx.",
    "close to", "more than", "over", "up to", "at least", "fewer than", "less than",
    "an estimated", "just over", "just under", "upwards of", "just short of",
)  # fmt: skip
SCORES: frozenset[str] = frozenset()
# "a dozen", "a hundred", "a thousand": the article stands for one.
ARTICLE_ONE = _words("a an one")
DOZEN = "dozen"
NUMBER_AND = _words("and")
# "a dozen", "a couple": counts by collective nouns
COLLECTIVES = {"dozen": 12}

# --- dates -------------------------------------------------------------------
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAY_SUFFIXES = ("st", "nd", "rd", "th")
ORDINAL_SUFFIXES = ("th", "st", "nd", "rd")


# Besides troop and unit nouns, the words that make a sentence worth reading.
SENTENCE_CUES = _words(
    """
    strong strength peak maximum ceiling authorised authorized leads led lead commands
    commanded command heads headed contributor contributors contributing contribution
    contributions contribute contributes contributed tccs deployment deployments
    """
)


# The organisation of the main mission, as one word of the text.
ORGANISATION_WORDS = {
    "UN": "un", "NATO": "nato", "EU": "eu", "AU": "au", "ECOWAS": "ecowas", "SADC": "sadc",
}  # fmt: skip


# --- other languages ----------------------------------------------------------
# One engine for every language: the cue lists above are joined with each
# language's own (same names, in :mod:`.lexicon_fr`), which share almost no
# word with English.  Number words stay per language (French "un" is the
# English "UN", "cent" ends "per cent"): see :mod:`.figures`.
def _join_languages() -> None:
    import importlib

    from deploymap.extract.language import LANGUAGES

    here = globals()
    for code in LANGUAGES:
        if code != "en":
            _join(here, importlib.import_module(f"deploymap.extract.lexicon_{code}"))


def _join(here: dict[str, Any], other: object) -> None:
    for name in JOINED:
        mine, theirs = here[name], getattr(other, name)
        if isinstance(mine, dict):
            here[name] = {**mine, **{k: v for k, v in theirs.items() if k not in mine}}
        elif isinstance(mine, frozenset):
            here[name] = mine | theirs
        else:  # phrases: longest first
            here[name] = tuple(sorted({*mine, *theirs}, key=len, reverse=True))


JOINED = [
    "AUXILIARIES",
    "FUTURE_AUXILIARIES",
    "PRESENT_AUXILIARIES",
    "ACT_VERBS",
    "LEAD_IN_VERBS",
    "BEGIN_VERBS",
    "INFINITIVE_MARKERS",
    "DEPLOY_NOUNS",
    "WITHDRAW_NOUNS",
    "TIME_HOPS",
    "PERSONNEL_NOUNS",
    "UNIT_NOUNS",
    "GENERIC_NOUNS",
    "NOT_PERSONNEL",
    "DEPLOY_VERBS",
    "SOURCE_VERBS",
    "LIST_INTRO_HEADS",
    "LIST_INTRO_VERBS",
    "PLEDGE_CUES",
    "DEPLOYED_CUES",
    "CONTINUE_VERBS",
    "WITHDRAW_VERBS",
    "WITHDRAW_PHRASES",
    "FUTURE_CUES",
    "FORMER_CUES",
    "ARRIVAL_VERBS",
    "HANDOVER_WORDS",
    "NEGATION_CUES",
    "HOSTILE_CUES",
    "INCREASE_CUES",
    "DECREASE_CUES",
    "CHANGE_VERBS",
    "TO_TARGET_VERBS",
    "TOTAL_CUES",
    "AUTHORISED_CUES",
    "PEAK_PHRASES",
    "HEDGES",
    "EACH",
    "DETERMINERS",
    "LOCATIVES",
    "CLAUSE_BREAKS",
    "APPROX_WORDS",
    "OFFICES",
    "OF",
    "UNIT_OF",
    "TO",
    "FROM",
    "WITH",
    "BY",
    "SOURCE_PREPS",
    "LIST_FILLERS",
    "LIST_INTRO_WORDS",
    "LIST_SEPARATORS",
    "CONTRIBUTOR_NOUNS",
    "COPULAS",
    "NOW_CUES",
    "PART_CUES",
    "WHOLE_PHRASES",
    "CASUALTY_CUES",
    "MISSION_NOUNS",
    "MISSION_PHRASES",
    "COUNTED_NOUNS",
    "OUT_OF_PHRASES",
    "SENTENCE_CUES",
    "AGENT_PREPS",
    "APPOSITION_START",
    "RESPECTIVELY",
    "CONTINGENT_ANAPHORA",
    "SUBJECT_PRONOUNS",
    "PEOPLE_NOUNS",
    "BLOCK_CUES",
    "COMPLETE_CUES",
]
_join_languages()
