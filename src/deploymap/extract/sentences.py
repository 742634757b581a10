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
# A run of stops is tried once, from its first character (the look-behind):
# matching from inside a 78 KB run of "." would make the splitter quadratic.
# (The pattern opens with the stop itself, so the engine skips to the next stop;
# _END_PERIOD, the same for a text with no "!" or "?", opens with a literal
# character, which the engine finds faster still.)
_END = re.compile(r"[.!?](?<![.!?]{2})[.!?]*[\"'”’)\]]*(?=\s)")
_END_PERIOD = re.compile(r"\.(?<!\.\.)\.*[\"'”’)\]]*(?=\s)")
_NEXT_CHAR = re.compile(r"\s*(\S)")
_WORD_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz."


def _last_word(text: str, dot: int) -> str:
    """The word before *dot*, within 40 characters: the letters and periods
    that end there, from the first letter ("U.S" before "U.S."; "" if none).
    A line break just before *dot* is skipped, as the pattern
    ``[A-Za-z][A-Za-z.]*$`` skips a last line break."""
    lo = max(0, dot - 40)
    end = dot - 1 if dot > lo and text[dot - 1] == "\n" else dot
    piece = text[lo:end]
    return piece[len(piece.rstrip(_WORD_CHARS)) :].lstrip(".")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the period at *dot* belongs to an abbreviation or initial."""
    if text[dot] != ".":
        return False
    word = _last_word(text, dot)
    if not word:
        return False
    if "." in word:  # U.S., U.N., a.m.
        return True
    if len(word) == 1 and word.isupper():  # initials: "Zeki A. Akturk"
        return True
    return word.lower() in ABBREVIATIONS


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed, in order."""
    spans: list[tuple[int, int]] = []
    ends = _END if "!" in text or "?" in text else _END_PERIOD
    # Paragraph breaks (and single newlines after short headline-like lines) always split.
    b0 = 0
    while b0 <= len(text):
        b1 = text.find("\n", b0)
        if b1 < 0:
            b1 = len(text)
        start = b0
        for m in ends.finditer(text, b0, b1):
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
        b0 = b1 + 1
    out = []
    for s, e in spans:
        piece = text[s:e]
        kept = piece.lstrip()
        if kept:
            s += len(piece) - len(kept)
            out.append((s, s + len(kept.rstrip())))
    return out


def _keeps_going(text: str, m: re.Match[str]) -> bool:
    """After an abbreviation, does the sentence continue? ("Maj. Gen. X", "Oct. 10")."""
    w = _last_word(text, m.start()).lower()
    # Titles and months are always followed by more of the same sentence.
    return w in ABBREVIATIONS or (len(w) == 1)
