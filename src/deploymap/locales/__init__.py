"""The words of deploymap's interface, one catalogue per language as data.

Each language is one JSON file beside this module (``en.json``, ``fr.json``):
its number format, its plural rule and its messages, by key.  Everything
deploymap writes for people to read -- the interactive map's layer names,
legend, popups, panel, table, slider and buttons, the review page, the static
maps' legend and notes -- takes its words from :func:`messages`; the
browser runtimes are given theirs as page data (:meth:`Messages.runtime`).
A third language is a third file, no code.

What is *not* interface stays as it was: the evidence and article text (shown
as written), and the data written (Story JSON, GeoJSON properties, CSV
columns), which is a schema.

Examples
--------
>>> en, fr = messages("en"), messages("fr")
>>> en("layer.host"), fr("layer.host")
('Host country', 'Pays hôte')
>>> en.troops(1400), fr.troops(1400)
('1,400 troops', '1\\u202f400 militaires')
>>> fr.value("status", "withdrawn"), fr.value("status", "unheard-of")
('retiré', 'unheard-of')
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from deploymap.errors import InputError

__all__ = ["DEFAULT", "Messages", "languages", "messages"]

#: The interface language when none is asked for.
DEFAULT = "en"


@cache
def languages() -> tuple[str, ...]:
    """The interface languages there is a catalogue for, sorted.

    >>> languages()
    ('en', 'fr')
    """
    files = resources.files("deploymap.locales").iterdir()
    return tuple(sorted(f.name[:-5] for f in files if f.name.endswith(".json")))


@dataclass(frozen=True, slots=True)
class Messages:
    """One language's interface words, number format and plural rule.

    Parameters
    ----------
    lang : str
        The language code (``"en"``, ``"fr"``): also the pages' ``lang``.
    texts : mapping
        Message key -> text; ``{name}`` fields are filled by :meth:`__call__`.
    group, decimal : str
        Thousands separator and decimal mark of numbers shown to people.
    plural_one : frozenset of int
        The counts that take the singular (English 1; French 0 and 1).
    countries : mapping
        Display names of countries by ISO3 code, over the gazetteer's.
    """

    lang: str
    texts: Mapping[str, str]
    group: str = ","
    decimal: str = "."
    plural_one: frozenset[int] = frozenset({1})
    countries: Mapping[str, str] = field(default_factory=dict)

    def __call__(self, key: str, /, **values: Any) -> str:
        """The message *key*, its ``{fields}`` filled with *values* (data, never format).

        >>> messages("fr")("table.first", shown="300", total="1\\u202f200")
        '300 premiers sur 1\\u202f200 ; deploymap export les écrit tous'
        """
        text = self.texts[key]
        return text.format_map(values) if values else text

    def number(self, n: int) -> str:
        """A whole number with this language's thousands separator.

        >>> messages("en").number(-12500), messages("fr").number(12500)
        ('-12,500', '12\\u202f500')
        """
        return f"{n:,}".replace(",", self.group)

    def signed(self, n: int) -> str:
        """``+200`` / ``-1,400``: a change, signed.

        >>> messages("fr").signed(1400)
        '+1\\u202f400'
        """
        return ("+" if n > 0 else "") + self.number(n)

    def plural(self, key: str, n: int, **values: Any) -> str:
        """``key.one`` or ``key.other`` by *n*, with ``{n}`` the number written out.

        >>> messages("en").plural("count.location", 1), messages("fr").plural("count.location", 0)
        ('1 location', '0 lieu')
        """
        form = "one" if n in self.plural_one else "other"
        return self(f"{key}.{form}", n=self.number(n), **values)

    def value(self, group: str, raw: str) -> str:
        """A record's value (a status, role, event or place kind) in words; else as it is.

        >>> messages("fr").value("role", "lead nation")
        'nation cheffe de file'
        """
        return self.texts.get(f"value.{group}.{raw}", raw)

    def troops(self, n: int | None, *, approx: bool = False) -> str:
        """``"3,500 troops"``, or a plain statement that the text gives no figure."""
        if n is None:
            return self("troops.none")
        return self("troops.about" if approx else "troops.n", n=self.number(n))

    def country(self, iso3: str, name: str) -> str:
        """A country's name in this language, where one is known; else *name*."""
        return self.countries.get(iso3, name)

    def runtime(self, prefix: str, also: tuple[str, ...] = ()) -> dict[str, Any]:
        """The messages under *prefix* (without it) and the number format: a browser's data.

        Messages under the prefixes *also* come too, with their whole keys.


        >>> words = messages("fr").runtime("runtime.")
        >>> words["world"], words["_lang"], words["_group"] == "\u202f"
        ('Monde', 'fr', True)
        """
        out: dict[str, Any] = {"_lang": self.lang, "_group": self.group, "_decimal": self.decimal}
        out["_one"] = sorted(self.plural_one)
        n = len(prefix)
        out.update((k[n:], v) for k, v in self.texts.items() if k.startswith(prefix))
        out.update((k, v) for k, v in self.texts.items() if also and k.startswith(also))
        return out


@cache
def messages(lang: str | None = None) -> Messages:
    """The interface words of *lang* (default English).

    Raises
    ------
    InputError
        For a language without a catalogue, naming those there are.

    Examples
    --------
    >>> messages().lang, messages("fr").group == "\\u202f"
    ('en', True)
    >>> messages("xx")
    Traceback (most recent call last):
    ...
    deploymap.errors.InputError: unknown interface language 'xx': use one of en, fr
    """
    code = (lang or DEFAULT).strip().lower()
    if code not in languages():
        raise InputError(
            f"unknown interface language {lang!r}: use one of {', '.join(languages())}"
        )
    raw = json.loads((resources.files("deploymap.locales") / f"{code}.json").read_text("utf-8"))
    number = raw.get("number", {})
    countries = dict(_gazetteer_names(code))
    countries.update(raw.get("countries", {}))
    return Messages(
        lang=code,
        texts=raw["messages"],
        group=number.get("group", ","),
        decimal=number.get("decimal", "."),
        plural_one=frozenset(number.get("plural_one", [1])),
        countries=countries,
    )


def _gazetteer_names(lang: str) -> dict[str, str]:
    """Country names the gazetteer's data holds in *lang*: its first name of each country."""
    if lang != "fr":
        return {}
    from deploymap.gazetteer.french import french_country_names

    out: dict[str, str] = {}
    for name, iso3 in french_country_names().items():
        out.setdefault(iso3, name)  # the CLDR name comes first in each row
    return out
