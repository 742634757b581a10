"""Sentence spans: every extracted record points back to the sentence it came from.

A light rule-based splitter tuned for news: it knows the abbreviations news
uses ("Oct.", "U.S.", "Maj. Gen.", "No.") and treats blank lines, headlines
and datelines as boundaries.

Examples
--------
>>> text = "Turkey takes over on Oct. 10. The U.S. welcomed it.\\n\\nNext paragraph"
>>> [text[s:e] for s, e in sentence_spans(text)]
['Turkey takes over on Oct. 10.', 'The U.S. welcomed it.', 'Next paragraph']
"""

from __future__ import annotations

import re

# Words that end with a period without ending the sentence.
# fmt: off
ABBREVIATIONS = frozenset(
    (
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
        "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "mr", "mrs", "ms", "dr",
        "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt", "adm", "cmdr", "cdr",
        "brig", "rep", "sen", "gov", "pres", "st", "ste", "mt", "ft", "no", "nos", "vol", "inc",
        "ltd", "co", "corp", "dept", "est", "approx", "vs", "etc", "al", "fig", "ave",
    )
)
# fmt: on
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)$")
# A run of stops is tried once, from its first character (the look-behind):
# matching from inside a 78 KB run of "." would make the splitter quadratic.
_END = re.compile(r"(?<![.!?])[.!?]+[\"'”’)\]]*(?=\s)")
_NEXT_CHAR = re.compile(r"\s*(\S)")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the period at *dot* belongs to an abbreviation or initial."""
    if text[dot] != ".":
        return False
    m = _LAST_WORD.search(text, max(0, dot - 40), dot)
    if not m:
        return False
    word = m.group(1)
    if "." in word:  # U.S., U.N., a.m.
        return True
    if len(word) == 1 and word.isupper():  # initials: "Zeki A. Akturk"
        return True
    return word.lower() in ABBREVIATIONS


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed, in order."""
    spans: list[tuple[int, int]] = []
    # Paragraph breaks (and single newlines after short headline-like lines) always split.
    blocks: list[tuple[int, int]] = []
    pos = 0
    for m in re.finditer(r"\n", text):
        blocks.append((pos, m.start()))
        pos = m.end()
    blocks.append((pos, len(text)))
    for b0, b1 in blocks:
        start = b0
        for m in _END.finditer(text, b0, b1):
            end = m.end()
            if _is_abbreviation(text, m.start()):
                # "Oct. 10." -- an abbreviation followed by a capitalised word may
                # still end a sentence ("... in the U.S. The next ..."): split only
                # when the next word starts a new sentence and is not a number.
                nxt = _NEXT_CHAR.match(text, end, b1)  # (no copy of the rest: linear)
                if (
                    not nxt
                    or not nxt.group(1).isupper()
                    or m.group(0) != "."
                    or _keeps_going(text, m)
                ):
                    continue
            spans.append((start, end))
            start = end
        spans.append((start, b1))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _keeps_going(text: str, m: re.Match[str]) -> bool:
    """After an abbreviation, does the sentence continue? ("Maj. Gen. X", "Oct. 10")."""
    word = _LAST_WORD.search(text, max(0, m.start() - 40), m.start())
    w = word.group(1).lower() if word else ""
    # Titles and months are always followed by more of the same sentence.
    return w in ABBREVIATIONS or (len(w) == 1)
