"""Fixtures of the map tests: stories read once per session, and helpers that take a
map's HTML apart into normalised fragments (layers, features, options) to check."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "src" / "deploymap" / "examples" / "kfor-command-2023.txt"
SEED = ROOT.parent / "shared" / "seed" / "kosovo-kfor-2023.txt"
DATA = Path(__file__).resolve().parent / "data"

_CALL = re.compile(r"deploymap\.(layer|points)\((\w+), (\w+), ")
_CONTROL = re.compile(r'"([^"\n]+)" : (feature_group_\w+),')


@dataclass
class MapLayer:
    name: str
    features: list[dict[str, Any]]
    opts: dict[str, Any]

    def props(self) -> list[dict[str, Any]]:
        return [f["properties"] for f in self.features]


def layers_of(html: str) -> dict[str, MapLayer]:
    """Every ``deploymap.layer(...)`` and ``deploymap.points(...)`` call, by layer-control name.

    A points layer's records come back as features whose ``t`` and ``p`` are
    the text the runtime makes of them (it sets them as text, never markup):
    see :func:`point_features`.
    """
    names = {var: json.loads(f'"{name}"') for name, var in _CONTROL.findall(html)}  # JSON
    dec = json.JSONDecoder()
    out = {}
    for m in _CALL.finditer(html):
        data, end = dec.raw_decode(html, m.end())
        assert html[end : end + 2] == ", "
        opts, _ = dec.raw_decode(html, end + 2)
        name = names[m.group(3)]
        feats = data["features"] if m.group(1) == "layer" else point_features(data)
        out[name] = MapLayer(name, feats, opts)
    return out


def _troops(n: int | None) -> str:
    return "no figure given" if n is None else f"{n:,} troops"


def data_largest(data: dict[str, Any]) -> int:
    return max((n for n in data["n"] if n is not None), default=0)


def point_records(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The columns of a ``deploymap.points`` layer as one record each, as the runtime reads them.

    Each record: ``x``, ``y``, ``n``, ``k``, ``title``, ``values`` (popup rows by
    column; Troops left out), ``evidence`` ([text, source, date], …) and ``w``.
    """
    strs, cols = data["str"], data["cols"]

    def s(k: int | None) -> str | None:
        return strs[k] if k is not None and k >= 0 else None

    out = []
    for i in range(len(data["x"])):
        where = s(data["at"][i]) or ""
        own = data["title"].get(str(i))
        if own is not None:
            title = strs[own]
        else:
            who = s(data["who"][i])
            title = f"{who} in {where}" if who is not None else where
        values: dict[str, str] = {}
        for c in cols:
            if c == "Location" and own is None:
                kind = s(data["kind"][i])
                v = f"{where} ({kind})" if kind else where
            else:
                col = data["v"].get(c)
                v = None
                if isinstance(col, list):
                    v = s(col[i])
                elif col is not None:
                    v = s(col.get(str(i)))
            if v:
                values[c] = v
        e = data["e"][i]
        ids = [e] if isinstance(e, int) and e >= 0 else [] if isinstance(e, int) else e
        ev = data["ev"]
        evidence = [[s(ev[k][j]) or "" for k in ("text", "src", "date")] for j in ids[:3]]
        rec = {
            "x": data["x"][i],
            "y": data["y"][i],
            "n": data["n"][i],
            "k": data["k"][i],
            "title": title,
            "values": values,
            "evidence": evidence,
        }
        if "w" in data:
            rec["w"] = data["w"][i]
        out.append(rec)
    return out


def point_features(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The records of a ``deploymap.points`` layer as features, with the runtime's texts.

    ``t`` is the tooltip's text (title, figure, note), ``p`` the popup's (title,
    "Row: value" lines, evidence with its source); ``text`` marks them as plain text.
    """
    from deploymap.mapping import style as dm_style

    largest = data_largest(data)
    out = []
    for r in point_records(data):
        troops = r["n"]
        st = data["styles"][r["k"]]
        note = r["values"].get("Figure") or st.get("note", "")
        rows = [
            f"{c}: {_troops(troops) if c == 'Troops' else r['values'][c]}"
            for c in data["cols"]
            if c == "Troops" or c in r["values"]
        ]
        quotes = [
            text + "\n" + ", ".join(x for x in (src, date) if x)
            for text, src, date in r["evidence"]
        ]
        props = {
            "t": "\n".join(x for x in (r["title"], _troops(troops), note) if x),
            "p": "\n".join([r["title"], *rows, *quotes]),
            "title": r["title"],
            "troops": troops,
            "s": {"radius": dm_style.radius(troops or 0, largest), **st.get("path", {})},
            "style": r["k"],
            "text": True,
        }
        if "w" in r:  # one window as [first, last], like the GeoJSON layers', else the list
            w = r["w"]
            props["w"] = w[0] if len(w) == 1 else w
        out.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [r["x"], r["y"]]},
                "properties": props,
            }
        )
    return out


def call_args(html: str, fn: str) -> list[Any]:
    """The JSON argument of each ``deploymap.<fn>(map, ARG);`` call."""
    dec = json.JSONDecoder()
    return [dec.raw_decode(html, m.end())[0] for m in re.finditer(rf"deploymap\.{fn}\(\w+, ", html)]


@pytest.fixture(scope="session")
def reader(gaz):
    from deploymap.read import Reader

    return Reader(gaz)


@pytest.fixture(scope="session")
def kfor_story(reader):
    return reader.read(EXAMPLE.read_text(encoding="utf-8"), source=str(EXAMPLE))


@pytest.fixture(scope="session")
def seed_story(reader):
    if not SEED.is_file():
        pytest.skip(f"the seed article is not here ({SEED})")
    return reader.read(SEED.read_text(encoding="utf-8"), source=str(SEED))


@pytest.fixture(scope="session")
def hostile_story(reader):
    path = DATA / "hostile-article.txt"
    return reader.read(path.read_text(encoding="utf-8"), source=str(path))


@pytest.fixture(scope="session")
def catalogue():
    from deploymap.gazetteer.missions import MissionCatalogue

    return MissionCatalogue()


@pytest.fixture(scope="session")
def render(gaz, catalogue):
    """render(story, **kwargs) -> the HTML of build_map, sharing the opened data."""
    from deploymap.mapping import map_html

    def _render(story, **kwargs):
        return map_html(story, gazetteer=gaz, catalogue=catalogue, **kwargs)

    return _render


@pytest.fixture(scope="session")
def kfor_offline(render, kfor_story):
    return render(kfor_story, offline=True)


@pytest.fixture(scope="session")
def kfor_online(render, kfor_story):
    return render(kfor_story)
