"""Name keys: the one normalisation every gazetteer lookup goes through.

Matching ignores case, diacritics, punctuation variants and the hyphen/space
difference, so "Priština", "PRISTINA" and "Pristina" share one key, as do
"Kaga-Bandoro" and "Kaga Bandoro".  The build step and the run-time lookups
both call :func:`name_key`; changing it means rebuilding ``geodata/``.

Examples
--------
>>> name_key("Zvečan")
'zvecan'
>>> name_key("Côte d’Ivoire")
"cote d'ivoire"
>>> name_key("  Kaga-Bandoro ")
'kaga bandoro'
"""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode decomposition does not reduce to ASCII.
_SPECIAL = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "ß": "ss",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "ı": "i",
        "ħ": "h",
        "‘": "'",
        "’": "'",
        "ʼ": "'",
        "ʻ": "'",
        "`": "'",
        "´": "'",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
    }
)
_SEPARATORS = re.compile(r"[\s\-_/]+")
_DROP = re.compile(r"[.,;:!?\"()\[\]]")


def fold(text: str) -> str:
    """Strip diacritics and unify quote and dash characters, keeping case.

    >>> fold("Priština – Mitrovicë")
    'Pristina - Mitrovice'
    """
    text = text.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_key(name: str) -> str:
    """Return the lookup key of a place name (see the module docstring)."""
    key = fold(name).casefold()
    key = _DROP.sub("", key)
    return _SEPARATORS.sub(" ", key).strip()
