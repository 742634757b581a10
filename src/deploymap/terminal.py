"""Strings from outside made safe to print on a terminal.

A place name from a geocoder, a file name or a line of an article may hold
control characters: ESC and CSI (``\\x9b``) start escape sequences that retitle
the window, recolour or clear the screen, move the cursor or, on some
terminals, write files; BEL, backspace and CR hide or overwrite what was
printed.  Every such string goes through :func:`printable` (plain text) or
:func:`printable_json` (JSON text) before it is printed.

C0 controls (U+0000-U+001F, tab and newline included: the output formats put
their own), DEL (U+007F) and C1 controls (U+0080-U+009F) are shown as Python's
``repr`` shows them (``\\t``, ``\\n``, ``\\r``, ``\\x1b``, ``\\x9b``), so what was
there stays visible.  A lone surrogate (a file name's undecodable byte, kept by
Python's ``surrogateescape``) is shown as that byte, ``\\xNN``, since it cannot
be written as UTF-8 at all.  Everything else, letters of any script included,
is kept, but for the bidirectional formatting characters (U+061C, U+200E/F,
U+202A-U+202E, U+2066-U+2069), which reorder what is shown and are escaped as
``\\uNNNN``.
"""

from __future__ import annotations

import re

__all__ = ["printable", "printable_json"]

# Bidirectional formatting characters reorder what a terminal (or an editor)
# shows without being seen themselves ("Trojan Source"): shown as escapes too.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f\ud800-\udfff{_BIDI}]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
# Inside a JSON string these may be written as \u escapes; json.dumps
# (ensure_ascii=False) escapes only C0 and writes a lone surrogate (a JSON
# answer may hold "\ud800") as is, which no UTF-8 output can encode.
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f\ud800-\udfff{_BIDI}]")


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the undecodable byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(value: object) -> str:
    """``str(value)`` with control characters shown as escapes, for a terminal.

    Examples
    --------
    >>> printable("Film City\\x1b]0;owned\\x07\\x9b2J")
    'Film City\\\\x1b]0;owned\\\\x07\\\\x9b2J'
    >>> printable("Zvečan\\tXKX\\n")
    'Zvečan\\\\tXKX\\\\n'
    >>> printable(None)
    'None'
    >>> printable("abc\u202edef")
    'abc\\\\u202edef'
    """
    return _CONTROL.sub(_escape, str(value))


def printable_json(text: str) -> str:
    """JSON text (``json.dumps``) with DEL, C1 and lone surrogates as ``\\u`` escapes.

    The result parses to the same value: only characters inside strings
    change spelling.  C0 controls are already escaped by ``json.dumps``.

    Examples
    --------
    >>> import json
    >>> out = printable_json(json.dumps({"name": "Beni\\x9b2J\\x7f"}, ensure_ascii=False))
    >>> out
    '{"name": "Beni\\\\u009b2J\\\\u007f"}'
    >>> json.loads(out)["name"] == "Beni\\x9b2J\\x7f"
    True
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
