"""Names that look like places in news text but are not, and short forms of
places that are: data for :mod:`deploymap.extract.toponyms`.

Ordinary knowledge of how the press writes (agency credits, organisation
initialisms, generic geographic words); nothing here is taken from an
evaluation text.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# News agencies and broadcasters, as credited in datelines and attributions
# ("NAIROBI, May 3 (Xinhua) --", "told Deutsche Welle").  Matched as written,
# whole words; a toponym inside one of these is no place.
NEWS_MEDIA = (
    "Xinhua",
    "Xinhuanet",
    "Reuters",
    "AFP",
    "Agence France-Presse",
    "Agence France Presse",
    "AP",
    "Associated Press",
    "PTI",
    "Press Trust of India",
    "ANI",
    "Asian News International",
    "IANS",
    "APA",
    "APA News",
    "dpa",
    "DPA",
    "EFE",
    "ANSA",
    "Kyodo",
    "Yonhap",
    "TASS",
    "ITAR-TASS",
    "RIA Novosti",
    "Interfax",
    "Sputnik",
    "Anadolu",
    "Anadolu Agency",
    "Bernama",
    "IRNA",
    "KUNA",
    "QNA",
    "WAFA",
    "PANA",
    "Prensa Latina",
    "Agencia Brasil",
    "Deutsche Welle",
    "DW",
    "RFI",
    "Radio France Internationale",
    "Voice of America",
    "VOA",
    "BBC",
    "CNN",
    "Al Jazeera",
    "Al-Jazeera",
    "Bloomberg",
    "allAfrica",
    "AllAfrica",
    "Africanews",
)

# Initialisms of organisations that a gazetteer may hold as a place name or
# code ("UN", "AU"): never a place, however written ("U.N.", "UN").
ORGANISATION_INITIALISMS = _words(
    "un au eu nato ecowas sadc eac igad osce unhcr unicef who wfp icrc msf"
)

# Generic geographic or institutional words that the gazetteer also holds as a
# place's name ("Islands", "Mission", "City").  Alone (or after "The") such a
# word is no place, unless the text names the country that holds a place of
# that name (a state called "Lakes" in a text about South Sudan).
GENERIC_WORDS = _words(
    """
    island islands isle isles city cities town towns village villages state states
    province provinces region regions district districts county counties territory
    territories republic kingdom mission missions capital centre center port coast
    border borders valley mountain mountains hill hills lake lakes river rivers sea
    ocean bay gulf desert plateau delta peninsula highlands lowlands camp base airport
    station headquarters force forces union community
    """
)

# Capital initials that stand for a direction before a place ("S. Sudan").
DIRECTION_INITIALS = {"n": "north", "s": "south", "e": "east", "w": "west"}
# Lower-case direction words that may open a country's name ("south Sudan").
LOWER_DIRECTIONS = _words("north south east west northern southern eastern western central")
# Words after a short agency name that make it a credit ("AFP reported").
CREDIT_WORDS = _words("said says reported reports cited quoted news agency correspondent reporter")
