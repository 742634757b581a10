"""Geoparser rules of issue 17 (general error classes), one test per mechanism,
on sentences of our own."""

from __future__ import annotations

import json
import math

import pytest

from deploymap.extract.toponyms import Geoparser


@pytest.fixture(scope="module")
def gp(gaz):
    return Geoparser(gaz)


def km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def point(gp, text, name):
    (t,) = [t for t in gp.parse(text) if t.text == name]
    return t.lat, t.lon


# -- country points ------------------------------------------------------------------------


def test_country_point_conventions(gaz):
    text = "Canada and Vietnam sent engineers."
    auto = point(Geoparser(gaz), text, "Canada")
    conventional = point(Geoparser(gaz, country_point="conventional"), text, "Canada")
    centroid = point(Geoparser(gaz, country_point="centroid"), text, "Canada")
    label = point(Geoparser(gaz, country_point="label"), text, "Canada")
    assert conventional == (60.0, -95.0)
    assert auto == centroid  # over 2 million km²: the equal-area centroid
    assert km(label, centroid) > 100 and km(conventional, centroid) > 100
    # a small country keeps its conventional point unless asked otherwise
    assert point(Geoparser(gaz), text, "Vietnam") == point(
        Geoparser(gaz, country_point="conventional"), text, "Vietnam"
    )
    with pytest.raises(ValueError, match="country_point must be one of"):
        Geoparser(gaz, country_point="geonames-ish")


def test_cli_country_point_option(tmp_path):
    from deploymap.cli import main

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "Canada sent engineers."}) + "\n")
    out = tmp_path / "out.jsonl"
    assert main(["geoparse", str(src), "-o", str(out), "--country-point", "conventional"]) == 0
    (t,) = json.loads(out.read_text())["toponyms"]
    assert (t["lat"], t["lon"]) == (60.0, -95.0)
