"""The ``offline`` option: set by the user (or DEPLOYMAP_OFFLINE), read when first looked up."""

from __future__ import annotations

import subprocess
import sys

import pytest

import deploymap
from deploymap import options as opts
from deploymap.errors import InputError
from deploymap.model import Story


@pytest.fixture(autouse=True)
def fresh_options(monkeypatch):
    """Each test starts as a new session: nothing looked up, DEPLOYMAP_OFFLINE unset."""
    monkeypatch.delenv("DEPLOYMAP_OFFLINE", raising=False)
    monkeypatch.setattr(opts, "_current", None)


def _is_offline(html: str) -> bool:
    # an offline map embeds Leaflet; an online one links it from a CDN
    return "<script src=" not in html and "L.version" not in html and "leaflet" in html.lower()


def test_default_is_online():
    assert deploymap.get_option("offline") is False
    assert "<script src=" in Story(title="t").to_map().get_root().render()


def test_set_option_makes_maps_and_inline_stories_offline():
    story = Story(title="t")
    deploymap.set_option("offline", True)
    html = story.to_map().get_root().render()
    assert "<script src=" not in html and "Leaflet" in html
    assert "&lt;script src=" not in story._repr_html_()  # the iframe's page embeds its scripts
    assert "cdn.jsdelivr.net" not in story._repr_html_()
    # an explicit argument still wins
    assert "<script src=" in story.to_map(offline=False).get_root().render()


def test_environment_variable_is_read_at_first_lookup_not_at_import(monkeypatch):
    monkeypatch.setenv("DEPLOYMAP_OFFLINE", "1")
    assert deploymap.get_option("offline") is True
    # a later change of the variable does not flip a running session's settings
    monkeypatch.setenv("DEPLOYMAP_OFFLINE", "0")
    assert deploymap.get_option("offline") is True


def test_import_reads_no_setting():
    code = (
        "import os, deploymap, deploymap.options as o, deploymap.model;"
        "os.environ['DEPLOYMAP_OFFLINE'] = 'yes';"
        "assert o._current is None; print(deploymap.get_option('offline'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


def test_option_context_restores():
    with deploymap.option_context(offline=True) as o:
        assert o.offline and deploymap.get_option("offline")
    assert deploymap.get_option("offline") is False


@pytest.mark.parametrize(
    "call",
    [
        lambda: deploymap.set_option("offlien", True),
        lambda: deploymap.set_option("offline", "yes"),
        lambda: deploymap.get_option("tiles"),
    ],
)
def test_bad_names_and_values_are_input_errors(call):
    with pytest.raises(InputError):
        call()


def test_bad_environment_value_names_the_variable(monkeypatch):
    monkeypatch.setenv("DEPLOYMAP_OFFLINE", "maybe")
    with pytest.raises(InputError, match="DEPLOYMAP_OFFLINE='maybe'"):
        deploymap.get_option("offline")


def test_tiles_with_the_option_on_say_how_to_turn_it_off():
    deploymap.set_option("offline", True)
    with pytest.raises(InputError, match="set_option"):
        Story().to_map(tiles="OpenStreetMap.Mapnik")
