"""Strings from outside reach the terminal with their control characters escaped."""

from __future__ import annotations

import json

import pytest

from deploymap.terminal import printable, printable_json

# every C0 and C1 control, and DEL
CONTROLS = [chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))]
HOSTILE = "Town\x1b]0;pwned\x07\x1b[31m\x9b2J\x08\x08\r\x7fX\x00"


def raw_controls(text: str) -> list[str]:
    return [ch for ch in text if ch in CONTROLS]


@pytest.mark.parametrize("ch", CONTROLS)
def test_printable_escapes_every_control_character(ch):
    out = printable(f"a{ch}b")
    assert raw_controls(out) == []
    assert out.startswith("a\\") and out.endswith("b")


def test_printable_shows_what_was_there():
    assert printable(HOSTILE) == ("Town\\x1b]0;pwned\\x07\\x1b[31m\\x9b2J\\x08\\x08\\r\\x7fX\\x00")
    assert printable("a\tb\nc") == "a\\tb\\nc"


def test_printable_keeps_letters_of_every_script():
    text = "Zvečan, Mitrovicë, Гора, كيدال, ቡኒያ, 北京, 🇽🇰 «ok» – ‘x’"
    assert printable(text) == text


def test_printable_writes_lone_surrogates_as_bytes():
    # a file name's undecodable byte 0x9b, as Python keeps it (surrogateescape)
    name = b"ev\x9bil.txt".decode("utf-8", "surrogateescape")
    assert printable(name) == "ev\\x9bil.txt"
    printable("\ud800").encode("utf-8")  # no lone surrogate left: encodes


@pytest.mark.parametrize("value", [HOSTILE, "\ud83d", {"name": HOSTILE, "n": [1, "\x85"]}])
def test_printable_json_is_lossless_and_free_of_controls(value):
    out = printable_json(json.dumps(value, ensure_ascii=False))
    assert raw_controls(out) == []
    out.encode("utf-8")
    assert json.loads(out) == value


def test_printable_json_keeps_non_ascii_letters_readable():
    assert printable_json(json.dumps({"name": "Zvečan"}, ensure_ascii=False)) == (
        '{"name": "Zvečan"}'
    )
