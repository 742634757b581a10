"""French words of the reader, as data: the French half of :mod:`.lexicon`.

The roles engine is one: :mod:`.lexicon` joins these words to its English
cue lists (the two languages share almost no word of these classes), and the
geoparser reads the place words here when an article is French (see
:mod:`deploymap.extract.language`).  A third language is one more module of
this shape.  All of it is ordinary French about armed forces and peace
operations, nothing taken from an evaluation text.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _phrases(*items: str) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted((tuple(i.split()) for i in items), key=len, reverse=True))


# --- the language ------------------------------------------------------------
# The commonest French function words: the language vote, and (capitalised at
# a sentence start or in a title) never a place: "Sur", "Lors", "Selon".
STOPWORDS = _words(
    """
    le la les un une des du de au aux et ou est sont été être a ont avait avaient ce
    cette ces cet qui que quoi dont où il elle ils elles on nous vous leur leurs son sa
    ses se sur dans par pour avec sans sous entre vers chez lors selon depuis pendant
    après avant contre pas plus ne très aussi mais donc car comme tout tous toute toutes
    rien déjà encore ainsi notamment dont lequel laquelle lesquels auprès parmi outre
    quelque quelques chaque plusieurs autre autres même mêmes aucun aucune afin alors
    """
)
# Capitalised, these open sentences and titles, not names.
FUNCTION_WORDS = STOPWORDS | _words(
    "centre ceux celles celui celle voici voilà enfin désormais aujourd'hui hier demain"
)
# Names of bodies that the gazetteer holds as places ("Croix-Rouge" is a town,
# "Otan" a village), and function-word phrases it holds as names.
NOT_PLACES = frozenset(
    {"croix rouge", "la croix rouge", "otan", "onu", "la force", "sur les", "selon les"}
)
# Elided articles before a name: "l'Ituri", "d'Abidjan" are Ituri and Abidjan.
ELISIONS = ("l'", "l’", "d'", "d’")
# French direction and position words that open a place's name, with the
# English word the gazetteer writes: "Nord-Kivu" is North Kivu.
NAME_DIRECTIONS = {
    "nord": "north",
    "sud": "south",
    "est": "east",
    "ouest": "west",
    "haut": "upper",
    "bas": "lower",
}

# --- what is counted ---------------------------------------------------------
PERSONNEL_NOUNS: dict[str, str] = {
    **dict.fromkeys(
        [
            "soldats",
            "soldat",
            "militaires",
            "hommes",
            "casques",
            "bleus",
            "éléments",
            "troupes",
            "fantassins",
            "parachutistes",
            "légionnaires",
            "combattants",
        ],
        "troops",
    ),
    **dict.fromkeys(["policiers", "gendarmes", "policier", "agents"], "police"),
    **dict.fromkeys(["observateurs", "observateur"], "observers"),
    **dict.fromkeys(["officiers", "instructeurs", "formateurs", "conseillers"], "staff"),
    **dict.fromkeys(["personnels", "membres"], "troops"),
}
UNIT_NOUNS = _words(
    "bataillon bataillons contingent contingents compagnie compagnies unité unités "
    "brigade brigades détachement détachements escadron escadrons force forces régiment "
    "régiments équipe équipes groupement"
)
GENERIC_NOUNS = _words(
    "forces force officiers membres formateurs instructeurs conseillers agents équipe"
)
NOT_PERSONNEL = _words(
    "ans an jours jour mois heures semaines kilomètres km euros dollars "
    "francs civils réfugiés villages tonnes véhicules blindés hélicoptères avions "
    "millions milliards pays nations morts tués blessés victimes enfants femmes fois"
)

# --- verbs -------------------------------------------------------------------
# Between a subject and its verb: "le Tchad a envoyé", "le Niger va déployer".
AUXILIARIES = _words(
    "a ont avait avaient est sont était étaient sera seront va vont doit doivent devrait "
    "devraient déjà actuellement aussi également encore désormais"
)
FUTURE_AUXILIARIES = _words("va vont doit doivent devrait devraient sera seront")
PRESENT_AUXILIARIES = _words("déjà actuellement désormais")
# "a annoncé l'envoi de 450 casques bleus", "a entamé le retrait de son contingent"
ACT_VERBS = _words(
    "annoncé annonce annoncent confirmé confirme approuvé approuve autorisé autorise "
    "ordonné ordonne décidé décide entamé entame commencé commence lancé lance achevé "
    "achève terminé termine prévu prévoit"
)
# "a décidé d'envoyer", "a accepté de fournir", "continue de déployer"
LEAD_IN_VERBS = _words(
    "décidé décide décident accepté accepte acceptent continue continuent continué "
    "commencé commence entrepris proposé propose prêt prête prêts"
)
INFINITIVE_MARKERS = _words("de d' à")
BEGIN_VERBS = _words("commencé commence commencent entamé entame entament amorcé amorce")
DEPLOY_NOUNS = _words("envoi déploiement")
WITHDRAW_NOUNS = _words("retrait départ rapatriement désengagement")
TIME_HOPS = _words(
    "ce cette dernier prochain hier aujourd'hui lundi mardi mercredi jeudi vendredi samedi dimanche"
)
DEPLOY_VERBS = _words(
    """
    envoie envoyé envoyés envoyer envoient déploie déployé déployés déployer déploient
    fournit fourni fournir fournissent compte comptait comptent maintient maintenu maintenir
    maintiendra garde garder gardera conserve conserver conservera
    dispose disposait ont avait engage engagé engagés mobilise mobilisé mobilisés aligne
    alignent
    dépêche dépêché dépêchés promis promet contribue contribué participe participé
    enverra enverront enverrait déploiera déploieront fournira fourniront dépêchera
    """
)
SOURCE_VERBS = _words(
    "viennent venus venant arrivés arrivé issus originaires provenant fournis fournies "
    "fourni fournie envoyés envoyées"
)
LIST_INTRO_HEADS = _words("contributeurs pays contingents troupes soldats")
LIST_INTRO_VERBS = _words("comprennent sont incluent figurent")

# --- status ------------------------------------------------------------------
PLEDGE_CUES = _words(
    "promis promet prévu prévus doit doivent devrait devraient va vont annoncé enverra "
    "enverront enverrait déploiera déploieront fournira fourniront dépêchera"
)
# staying: "va maintenir ses 800 soldats" speaks of a contingent already there
CONTINUE_VERBS = _words(
    "maintenir maintient maintiendra garder garde gardera rester reste restera demeurer "
    "demeure conserver conserve conservera continue continuent continué continuer"
)
DEPLOYED_CUES = _words("déployé déployés présents stationnés basés arrivés sur place")
WITHDRAW_VERBS = _words(
    "retrait retire retiré retirés retirer quitte quitté quitter départ désengagement "
    "rapatrié rapatriés rapatriement quittera quitteront retirera retireront"
)
WITHDRAW_PHRASES = ()
COMPLETE_CUES = _words(
    "dernier derniers dernière dernières tous toutes définitivement définitif définitive "
    "totalité intégralité"
)
# (the simple future of the withdrawal verbs too: "quittera", "retireront")
FUTURE_CUES = _words(
    "va vont devrait devraient prochain prochaine prévu quittera quitteront retirera retireront"
)
FORMER_CUES = _words("remplace remplacé remplacer ancien anciens")
ARRIVAL_VERBS = _words("arrivé arrivés arrivent rejoint rejoindre rejoignent débarqué")
HANDOVER_WORDS = _words("commandement direction")
NEGATION_CUES = _words("ne pas jamais refusé refuse")
BLOCK_CUES = _words("bloqué bloquent bloque empêché empêche refusé rejeté interdit stoppé")
HOSTILE_CUES = _words(
    "combattre combats contre attaque attaques attaqué rebelles rebelle milices "
    "djihadistes jihadistes insurgés ennemi guerre"
)

# --- figures -----------------------------------------------------------------
INCREASE_CUES = _words("supplémentaires supplémentaire renfort renforts nouveaux autres")
DECREASE_CUES = _words("retrait réduction réduire réduit retirer")
CHANGE_VERBS = _words("renforcer renforce augmenter augmente réduire réduit porter")
TO_TARGET_VERBS = _words(
    "porter portant porté porte portent portera passer passant ramener ramenant parvenir "
    "atteindre atteint"
)
TOTAL_CUES = _words(
    "compte comptait comptent effectif effectifs total forte fort totalise réunit regroupe "
    "rassemble aligne"
)
AUTHORISED_CUES = _words("autorisé autorisés maximum plafond mandaté")
PEAK_PHRASES = ()
HEDGES = _words("pourrait pourraient")
EACH = _words("chacun chacune chaque")
DETERMINERS = _words("le la les l' un une des du son sa ses leur leurs ce cette ces")
LOCATIVES = _words("en au aux dans à vers depuis")
CLAUSE_BREAKS = _words("tandis alors mais cependant")
APPROX_WORDS = _words(
    "environ quelque quelques près plus moins presque approximativement quasiment"
)
OFFICES = _words("président ministre ministère gouvernement armée chef état-major")
# "un millier", "une centaine": approximate round figures.
QUALIFIERS = (
    "environ", "d'environ", "quelque", "près de", "près d'", "plus de", "plus d'",
    "moins de", "au moins", "presque", "approximativement", "quasiment", "jusqu'à",
    "un peu plus de", "pas moins de", "autour de", "un total de", "au total",
)  # fmt: skip
COLLECTIVES = {"dizaine": 10, "douzaine": 12, "vingtaine": 20, "trentaine": 30,
               "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60,
               "centaine": 100, "millier": 1000}  # fmt: skip

# --- numbers in words ----------------------------------------------------------
UNITS = {
    "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
    "quatorze": 14, "quinze": 15, "seize": 16,
}  # fmt: skip
TENS = {
    "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
}  # fmt: skip
SCALES = {"mille": 1000, "million": 1_000_000, "millions": 1_000_000}
# multiplies what comes before it: "trois cents" is 300, "quatre-vingts" 80
HUNDREDS = _words("cent cents")
SCORES = _words("vingt vingts")
# "un millier", "une centaine": the article stands for one.
ARTICLE_ONE = _words("un une")
# joins the parts of a number: "vingt et un", "soixante et onze"
NUMBER_AND = _words("et")

# --- structure words -------------------------------------------------------------
# An elided article or preposition is one token, written with a straight
# apostrophe: "l'", "d'", "qu'" (see :mod:`.structure`).
OF = _words("de d' du des")
# "un bataillon de 850", "un contingent composé de 850", "fort de 850"
UNIT_OF = OF | _words("composé composée composés composées fort forte forts comprenant")
TO = _words("à au aux")
FROM = _words("de d' du des")
WITH = _words("avec")
BY = _words("de d'")
SOURCE_PREPS = _words("de d' du des par")
AGENT_PREPS = _words("par")
# French appositions often open without an article, on a rank: "le Bangladesh,
# premier contributeur de la mission, aligne ...".
APPOSITION_START = _words(
    "qui dont lequel laquelle un une le la les l' notamment surtout premier première "
    "principal principale deuxième troisième second seconde seul seule ancien ancienne"
)
RESPECTIVELY = _words("respectivement")
CONTINGENT_ANAPHORA = _words("contingent contingents bataillon bataillons unité détachement")
SUBJECT_PRONOUNS = _words("il ils elle elles")
PEOPLE_NOUNS = _words("personnes")
LIST_SEPARATORS = _phrases("et", "ou", "ainsi que", "de même que")
LIST_FILLERS = _words("le la les l' du de d' des aussi également")
LIST_INTRO_WORDS = _words("comme notamment que dont")
CONTRIBUTOR_NOUNS = _words("contributeur contributeurs contributrice contributrices")
COPULAS = _words("est sont était étaient reste demeure le la l' les un une")
NOW_CUES = _words("actuellement aujourd'hui désormais présent maintenant")
PART_CUES = _words("dont")
WHOLE_PHRASES = _phrases("au total", "en tout", "en tout et pour tout")
COUNTED_NOUNS = _words("total nombre effectif effectifs contingent")
OUT_OF_PHRASES = _phrases(
    "sur les", "sur un total de", "sur un effectif de", "sur un effectif total de"
)
CASUALTY_CUES = _words(
    "tué tués tuée morts mort blessé blessés perdu perdus décédé décédés enlevés disparus tombés"
)
MISSION_NOUNS = _words("mission force opération déploiement présence onusienne casques")
# "la mission", "cette force", "l'opération": the mission without its name.
MISSION_PHRASES = _phrases(
    "la mission",
    "cette mission",
    "la force",
    "cette force",
    "l' opération",
    "cette opération",
    "la mission onusienne",
    "la force onusienne",
    "la force africaine",
    "les casques bleus",
    "ses effectifs",
    "les effectifs",
)

# Besides troop and unit nouns, the words that make a sentence worth reading.
SENTENCE_CUES = _words(
    """
    effectif effectifs maximum plafond autorisé autorisés commandement commande dirige
    contributeur contributeurs contribution contributions contribue fournit fournir
    déploiement déploiements retrait renfort renforts agents personnes
    """
)

# The organisation of the main mission, as one word of the text: "l'ONU", "l'Otan",
# "l'Union africaine", "la Cédéao".
ORGANISATION_WORDS = {
    "UN": "onu", "NATO": "otan", "EU": "européenne", "AU": "africaine", "ECOWAS": "cédéao",
    "SADC": "sadc",
}  # fmt: skip

# --- command handovers ----------------------------------------------------------
# "l'Espagne prend le commandement de la force des mains de l'Italie",
# "l'Italie cède le commandement à l'Espagne" (see :mod:`.events`).
COMMAND_NOUNS = ("le commandement", "la tête", "la direction", "les rênes", "le relais")
TAKE_VERBS = _words(
    "prend prennent prendra prendre pris prise assume assumé assumera assumer reprend "
    "reprendra repris hérite hérité"
)
HAND_VERBS = _words(
    "cède cédé cédera céder passe passé passera passer remet remis remettra transmet "
    "transmis transmettra"
)
# before the nation command passes from, and the one it passes to
HANDOVER_FROM = ("des mains de", "des mains d'", "de", "d'", "du", "des")
HANDOVER_TO = ("à", "au", "aux")
ARTICLES = ("le", "la", "les", "l'")

# --- dates -----------------------------------------------------------------------
MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}  # fmt: skip
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
# "le 1er mars": the ordinal suffixes of a day of the month.
DAY_SUFFIXES = ("er",)
# "le 26-ème bataillon", "2e contingent": ordinals are no figures.
ORDINAL_SUFFIXES = ("ème", "eme", "e", "er", "ère", "re", "nd", "nde")
