"""French names and demonyms of countries: ``geodata/curated/countries_fr.csv``.

The names are CLDR's French territory names (as shipped by the PyPI package
``babel``, pinned in :data:`BABEL_PIN`), plus the short forms French news uses
("RDC", "Centrafrique") and the French demonyms, written by hand.  The file is
made once with ``python -m deploymap.gazetteer.french`` (needs ``babel``, the
``build-data`` extra) and read as is at run time: nothing here imports babel.

>>> names = french_country_names()
>>> names["Tchad"], names["RDC"], names["Liban"]
('TCD', 'COD', 'LBN')
>>> demonyms = french_demonyms()
>>> demonyms["tchadiennes"], demonyms["sénégalais"], demonyms["népalaise"]
('TCD', 'SEN', 'NPL')
"""

from __future__ import annotations

import csv
import io
import sys
from functools import lru_cache
from pathlib import Path

from deploymap.gazetteer import geodata_path

__all__ = ["demonym_forms", "french_country_names", "french_demonyms"]

CSV_NAME = "curated/countries_fr.csv"
BABEL_PIN = "2.19.0"

# Short and older forms of French news, by ISO3 (ordinary usage, not CLDR's).
EXTRA_NAMES: dict[str, tuple[str, ...]] = {
    "COD": (
        "République démocratique du Congo",
        "RDC",
        "RD Congo",
        "RDCongo",
        "Zaïre",
        "République Démocratique du Congo",
    ),
    "COG": ("République du Congo", "Congo-Brazzaville"),
    "CAF": ("Centrafrique", "RCA", "République Centrafricaine"),
    "CIV": ("Côte d'Ivoire", "Côte-d'Ivoire"),
    "USA": ("États-Unis d'Amérique", "Etats-Unis"),
    "GBR": ("Grande-Bretagne", "Angleterre"),
    "MMR": ("Birmanie",),
    "NLD": ("Hollande",),
    "ESH": ("Sahara occidental",),
    "SSD": ("Soudan du Sud", "Sud-Soudan"),
    "KOR": ("Corée du Sud",),
    "ARE": ("Émirats arabes unis", "Emirats arabes unis"),
    "BIH": ("Bosnie", "Bosnie-Herzégovine"),
    "MKD": ("Macédoine",),
    "CZE": ("République tchèque",),
    "VNM": ("Vietnam", "Viêt Nam"),
    "PSE": ("Palestine",),
    "XKX": ("Kosovo",),
}

# Masculine singular demonyms (the adjective French writes in lower case);
# the other three forms come from :func:`demonym_forms`.
DEMONYMS: dict[str, str] = {
    "AFG": "afghan", "ZAF": "sud-africain", "ALB": "albanais", "DZA": "algérien",
    "DEU": "allemand", "AGO": "angolais", "SAU": "saoudien", "ARG": "argentin",
    "ARM": "arménien", "AUS": "australien", "AUT": "autrichien", "BGD": "bangladais",
    "BEL": "belge", "BEN": "béninois", "BLR": "biélorusse", "BOL": "bolivien",
    "BIH": "bosnien", "BWA": "botswanais", "BRA": "brésilien", "BGR": "bulgare",
    "BFA": "burkinabé", "BDI": "burundais", "KHM": "cambodgien", "CMR": "camerounais",
    "CAN": "canadien", "CHL": "chilien", "CHN": "chinois", "CYP": "chypriote",
    "COL": "colombien", "COG": "congolais", "KOR": "sud-coréen", "CIV": "ivoirien",
    "HRV": "croate", "CUB": "cubain", "DNK": "danois", "DJI": "djiboutien",
    "EGY": "égyptien", "SLV": "salvadorien", "ARE": "émirien", "ECU": "équatorien",
    "ERI": "érythréen", "ESP": "espagnol", "EST": "estonien", "USA": "américain",
    "ETH": "éthiopien", "FJI": "fidjien", "FIN": "finlandais", "FRA": "français",
    "GAB": "gabonais", "GMB": "gambien", "GEO": "géorgien", "GHA": "ghanéen",
    "GRC": "grec", "GTM": "guatémaltèque", "GIN": "guinéen", "GNB": "bissau-guinéen",
    "HTI": "haïtien", "HND": "hondurien", "HUN": "hongrois", "IND": "indien",
    "IDN": "indonésien", "IRQ": "irakien", "IRN": "iranien", "IRL": "irlandais",
    "ISL": "islandais", "ISR": "israélien", "ITA": "italien", "JAM": "jamaïcain",
    "JPN": "japonais", "JOR": "jordanien", "KAZ": "kazakh", "KEN": "kényan",
    "KGZ": "kirghiz", "XKX": "kosovar", "KWT": "koweïtien", "LAO": "laotien",
    "LSO": "lesothan", "LVA": "letton", "LBN": "libanais", "LBR": "libérien",
    "LBY": "libyen", "LTU": "lituanien", "LUX": "luxembourgeois", "MKD": "macédonien",
    "MDG": "malgache", "MYS": "malaisien", "MWI": "malawite", "MLI": "malien",
    "MLT": "maltais", "MAR": "marocain", "MUS": "mauricien", "MRT": "mauritanien",
    "MEX": "mexicain", "MDA": "moldave", "MNG": "mongol", "MNE": "monténégrin",
    "MOZ": "mozambicain", "NAM": "namibien", "NPL": "népalais", "NIC": "nicaraguayen",
    "NER": "nigérien", "NGA": "nigérian", "NOR": "norvégien", "NZL": "néo-zélandais",
    "OMN": "omanais", "UGA": "ougandais", "UZB": "ouzbek", "PAK": "pakistanais",
    "PSE": "palestinien", "PAN": "panaméen", "PRY": "paraguayen", "NLD": "néerlandais",
    "PER": "péruvien", "PHL": "philippin", "POL": "polonais", "PRT": "portugais",
    "QAT": "qatari", "CAF": "centrafricain", "COD": "congolais", "DOM": "dominicain",
    "CZE": "tchèque", "ROU": "roumain", "GBR": "britannique", "RUS": "russe",
    "RWA": "rwandais", "SEN": "sénégalais", "SRB": "serbe", "SLE": "sierra-léonais",
    "SGP": "singapourien", "SVK": "slovaque", "SVN": "slovène", "SOM": "somalien",
    "SDN": "soudanais", "SSD": "sud-soudanais", "LKA": "sri-lankais", "SWE": "suédois",
    "CHE": "suisse", "SYR": "syrien", "TJK": "tadjik", "TZA": "tanzanien",
    "TCD": "tchadien", "THA": "thaïlandais", "TLS": "timorais", "TGO": "togolais",
    "TUN": "tunisien", "TUR": "turc", "UKR": "ukrainien", "URY": "uruguayen",
    "VEN": "vénézuélien", "VNM": "vietnamien", "YEM": "yéménite", "ZMB": "zambien",
    "ZWE": "zimbabwéen", "BHS": "bahaméen", "BRB": "barbadien", "GNQ": "équato-guinéen",
    "CPV": "cap-verdien", "SWZ": "swazi", "TTO": "trinidadien", "BLZ": "bélizien",
    "GUY": "guyanien", "SUR": "surinamais", "BTN": "bhoutanais", "MMR": "birman",
    "PRK": "nord-coréen", "AZE": "azerbaïdjanais"
}  # fmt: skip
# Demonyms shared by two countries: read by their context, so left out.
AMBIGUOUS_DEMONYMS = frozenset({"congolais"})
# Irregular feminine forms (the rest add "e", or double the final "n" of "-ien").
FEMININE = {"grec": "grecque", "turc": "turque", "kazakh": "kazakhe", "ouzbek": "ouzbèke"}


def demonym_forms(masculine: str) -> tuple[str, ...]:
    """The four forms of a French demonym: masculine and feminine, singular and plural.

    >>> demonym_forms("tchadien")
    ('tchadien', 'tchadienne', 'tchadiens', 'tchadiennes')
    >>> demonym_forms("népalais")
    ('népalais', 'népalaise', 'népalais', 'népalaises')
    >>> demonym_forms("belge")
    ('belge', 'belge', 'belges', 'belges')
    """
    m = masculine
    if m in FEMININE:
        f = FEMININE[m]
    elif m.endswith("e"):
        f = m
    elif m.endswith(("ien", "éen", "en")) and not m.endswith("ain"):
        f = m + "ne"
    else:
        f = m + "e"
    mp = m if m.endswith(("s", "x")) else m + "s"
    return (m, f, mp, f + "s")


def _path() -> Path:
    return geodata_path(CSV_NAME)


@lru_cache(maxsize=1)
def _rows() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    with open(_path(), encoding="utf-8", newline="") as f:
        return tuple(
            (
                r["iso3"],
                tuple(n for n in r["names"].split("|") if n),
                tuple(d for d in r["demonyms"].split("|") if d),
            )
            for r in csv.DictReader(f)
        )


@lru_cache(maxsize=1)
def french_country_names() -> dict[str, str]:
    """French country name (as written) -> ISO3 code."""
    return {n: iso3 for iso3, names, _ in _rows() for n in names}


@lru_cache(maxsize=1)
def french_demonyms() -> dict[str, str]:
    """French demonym, each of its four forms in lower case -> ISO3 code."""
    return {d: iso3 for iso3, _, dems in _rows() for d in dems}


def build_csv() -> str:
    """The text of ``countries_fr.csv`` (from babel's CLDR names; needs babel)."""
    import importlib.metadata

    from babel import Locale

    got = importlib.metadata.version("babel")
    if got != BABEL_PIN:
        raise SystemExit(f"babel {BABEL_PIN} is pinned, {got} is installed")
    iso2_to_3: dict[str, str] = {}
    with open(geodata_path("curated/countries.csv"), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["iso2"]:
                iso2_to_3[r["iso2"]] = r["iso3"]
    territories = Locale("fr").territories
    names: dict[str, list[str]] = {}
    for iso2, name in sorted(territories.items()):
        iso3 = iso2_to_3.get(iso2)
        if iso3 is None:
            continue
        name = name.replace("’", "'")
        # "Myanmar (Birmanie)", "Congo-Kinshasa": both parts are names
        for part in name.replace(")", "").split(" ("):
            names.setdefault(iso3, []).append(part.strip())
    for iso3, extra in EXTRA_NAMES.items():
        names.setdefault(iso3, []).extend(extra)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["iso3", "names", "demonyms", "source"])
    for iso3 in sorted(names):
        dem = DEMONYMS.get(iso3, "")
        forms = () if not dem or dem in AMBIGUOUS_DEMONYMS else demonym_forms(dem)
        src = (
            "CLDR fr (babel "
            + BABEL_PIN
            + ")"
            + ("; hand-written" if iso3 in EXTRA_NAMES or forms else "")
        )
        w.writerow(
            [iso3, "|".join(dict.fromkeys(names[iso3])), "|".join(dict.fromkeys(forms)), src]
        )
    return out.getvalue()


if __name__ == "__main__":  # pragma: no cover
    text = build_csv()
    target = Path(__file__).resolve().parents[3] / "geodata" / CSV_NAME
    target.write_text(text, encoding="utf-8")
    sys.stdout.write(f"wrote {target} ({text.count(chr(10)) - 1} rows)\n")
