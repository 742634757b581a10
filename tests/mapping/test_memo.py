"""What maps of one gazetteer file share: made once per file, not per Gazetteer object."""

from __future__ import annotations

import os
import random
from types import SimpleNamespace

from deploymap.mapping.memo import Memo, gazetteer_key
from deploymap.sites import round_all


def test_the_key_follows_the_file_not_the_object(tmp_path):
    a = tmp_path / "a.sqlite"
    a.write_bytes(b"one")
    b = tmp_path / "b.sqlite"
    b.write_bytes(b"one")
    key = gazetteer_key(SimpleNamespace(path=a))
    assert key is not None and key == gazetteer_key(SimpleNamespace(path=str(a)))
    assert gazetteer_key(SimpleNamespace(path=b)) != key  # another file
    os.utime(a, ns=(1, 1))  # the same file, rebuilt
    assert gazetteer_key(SimpleNamespace(path=a)) != key
    assert gazetteer_key(SimpleNamespace(path=tmp_path / "gone")) is None
    assert gazetteer_key(object()) is None


def test_memo_makes_once_per_key_and_forgets_the_least_recent():
    memo: Memo[int] = Memo(2)
    made = []

    def make(v):
        return lambda: made.append(v) or v

    assert [memo.get("a", make(1)), memo.get("a", make(9))] == [1, 1]
    memo.get("b", make(2))
    memo.get("a", make(9))  # a is now the most recent
    memo.get("c", make(3))  # b goes, a and c stay
    assert memo.get("a", make(9)) == 1 and memo.get("c", make(9)) == 3
    assert memo.get("b", make(4)) == 4  # made again
    assert memo.get(None, make(5)) == 5 and memo.get(None, make(6)) == 6  # never kept
    assert made == [1, 2, 3, 4, 5, 6]


def test_two_gazetteers_of_one_file_share_the_basemap_text(gaz):
    from deploymap.gazetteer import Gazetteer
    from deploymap.mapping.layers.countries import _basemap_json

    other = Gazetteer(gaz.path)
    assert other is not gaz
    assert _basemap_json(other) is _basemap_json(gaz)


def test_the_region_detail_is_made_once_for_maps_without_a_gazetteer(kfor_story, monkeypatch):
    from deploymap.gazetteer import basemap
    from deploymap.mapping import map_html

    first = map_html(kfor_story, offline=True)
    calls = []
    real = basemap.water
    monkeypatch.setattr(basemap, "water", lambda *a, **k: calls.append(a) or real(*a, **k))
    assert map_html(kfor_story, offline=True) == first  # a new Gazetteer, the same map
    assert calls == []


def test_round_all_gives_the_floats_round_gives():
    rng = random.Random(7)
    for decimals in (4, 6):
        values = [rng.uniform(-180, 180) for _ in range(2000)]
        values += [round(rng.uniform(-90, 90), decimals + 1) for _ in range(2000)]  # ties
        values += [0.0, -0.0, -0.00001, 1e-9, 179.99995]
        got = round_all(values, decimals)
        want = tuple(round(v, decimals) for v in values)
        assert got == want
        assert [repr(v) for v in got] == [repr(v) for v in want]  # -0.0 stays -0.0
    assert round_all([], 4) == ()
