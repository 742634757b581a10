"""General English word lists the geoparser uses to tell places from other names.

Everything here is ordinary English knowledge (calendar words, forms of
address, the words that end organisation and facility names, function
words); nothing is taken from an evaluation corpus.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


MONTHS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
WEEKDAYS = _words(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs "
    "fri sat sun"
)

# Forms of address and offices written before a person's name ("President X", "Mr X").
TITLES = _words(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady madam mister president vice
    premier chancellor minister secretary senator sen rep representative congressman
    congresswoman governor gov mayor councillor councilor alderman judge justice
    ambassador commissioner spokesman spokeswoman spokesperson chairman chairwoman chair
    director chief king queen prince princess emperor empress duke duchess earl count
    countess baron baroness pope cardinal archbishop bishop father reverend rev pastor
    rabbi imam sheikh shaikh ayatollah mullah emir amir sultan general gen colonel col
    lieutenant lt major maj captain capt sergeant sgt corporal cpl private pvt admiral adm
    commander cmdr marshal brigadier brig officer detective det constable inspector
    superintendent sheriff deputy trooper agent attorney coach manager uncle aunt brother
    sister coroner dean provost
    """
)

# A name followed (within a few capitalised words) by one of these is part of
# an organisation, publication, event or document, not a place: "Kenya
# Airways", "The New York Times", "Texas University".  Words of government
# ("Department", "Ministry", "Police", "Court") are left out on purpose: in
# "the Kentucky Department of Health" the name still points at the place.
# Organisation words that name a state's own armed forces: after a demonym the
# demonym names the country ("the Irish Defence Forces", "the Nigerian Navy").
STATE_FORCES = _words("force forces navy guard guards")
ORG_SUFFIXES = _words(
    """
    university universities college academy institute institution school schools bank
    banks force forces navy guard guards airways airlines air aviation inc
    incorporated ltd limited corp corporation co company companies group holdings
    partners party times post news herald journal tribune gazette telegraph
    chronicle daily weekly magazine review observer mail express globe
    association society council agency authority commission
    committee foundation federation union league club fc united rovers wanderers
    athletic olympics olympic games cup championship championships marathon
    festival summit conference accord accords agreement treaty declaration convention
    protocol charter initiative programme program project
    broadcasting television radio network networks channel media telecom telecoms
    energy oil gas petroleum motors electric power railways railway
    exchange fund laboratory laboratories labs pharmaceuticals
    administration revolution campaign corps
    """
)

# Words that, written capitalised right after a name, make a larger place name
# the gazetteer may lack ("Scott County", "Hutcheson Road").  A toponym that
# ends in one of them is kept whole.
PLACE_SUFFIXES = _words(
    """
    county parish borough province municipality prefecture governorate township
    street st road rd avenue ave boulevard blvd lane ln drive dr highway hwy way
    crescent close court place square terrace circle parkway freeway expressway
    bridge park airport port harbour harbor bay island islands isle lake lakes river
    valley mountains mountain mount mt hill hills peninsula desert sea ocean gulf
    coast strait canal plateau plains delta forest beach falls
    """
)

# Lower-case words that may sit inside a place name ("Bosnia and Herzegovina",
# "Isle of Man", "Rio de Janeiro"); a name never starts or ends with them.
CONNECTORS = _words(
    "of the and de del della di da das dos do du des la le les el al upon on in sur am an "
    "y e et au aux van von der den ter bin bint ibn bani"
)

# Capitalised at the start of a sentence, these are function words, not names.
FUNCTION_WORDS = _words(
    """
    a an the this that these those there here it its he she they we i you his her their
    our my your in on at by for from to of with without into onto over under after before
    during since until while when where why how what which who whom whose if as but and or
    nor so yet also about around across along among between beyond near through
    throughout within against toward towards upon per via both each every all any some
    many most more few several such no not only just even still then now today yesterday
    tomorrow meanwhile however although though because once last next new
    """
)

# Verbs of speaking right after a bare name make it a speaker, i.e. a person
# or organisation ("Jordan said").  Countries do speak in news, so this only
# applies to names that are not countries.
SPEECH_VERBS = _words(
    "said says told tells added adds asked asks explained explains noted notes stated "
    "states wrote writes argued argues claimed claims insisted insists replied replies "
    "commented comments confirmed confirms"
)

# Words before a name that announce a place: "in Split", "near Reading".
LOCATIVE_PREPOSITIONS = _words(
    "in at near from to into outside inside across throughout around toward towards via "
    "through between within"
)

# "speaks French", "in Turkish": the language, not the country.
LANGUAGE_CUES = _words(
    "speak speaks spoke spoken speaking fluent language languages translated translation "
    "dubbed subtitled"
)

# Alone, these are directions or ordinary adjectives, not places ("West", "Central").
DIRECTIONS = _words(
    """
    north south east west northern southern eastern western central middle upper lower
    greater inner outer northeast northwest southeast southwest northeastern northwestern
    southeastern southwestern far near new old federal capital
    """
)

# A place name right before these names a disease or organism: "West Nile virus".
DISEASE_WORDS = _words(
    "virus viruses fever flu influenza disease syndrome strain ebolavirus encephalitis variant"
)

# Capitalised before a place name, these make a larger name of it:
# "Northern Europe", "North London", "Greater Manchester".
DIRECTION_PREFIXES = _words(
    """
    north south east west northern southern eastern western central upper lower greater
    northeast northwest southeast southwest northeastern northwestern southeastern
    southwestern
    """
)

# Right after a name that is both a city and a state or province, these mean the
# state: "New York state", "Washington State", "New York Gov. Cuomo".
STATE_CUES = _words("state governor gov governors legislature statehouse premier")

# Organisation words of the press, charities and firms: a country heading them names
# a newspaper, a society or a company ("China Daily", "Kenya Airways"), not the
# country's own institutions ("US Energy Secretary", "U.S. Army").
PRIVATE_BODIES = _words(
    """
    times post news herald journal tribune gazette telegraph chronicle daily weekly
    magazine review observer mail express globe broadcasting television radio network
    networks channel media society club fc united rovers wanderers athletic
    airways airlines air aviation bank banks inc incorporated ltd limited corp
    corporation co company companies group holdings motors railways telecom telecoms
    """
)

# Words that introduce a person's name: "a spokesman called Chad", "named Jordan".
NAMING_WORDS = _words("called named dubbed nicknamed christened")
