"""The Examples sections of the docstrings run, so they stay true."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import deploymap

SKIP = {"deploymap.__main__", "deploymap.gazetteer.__main__", "deploymap.gazetteer.build"}
MODULES = sorted(
    m.name for m in pkgutil.walk_packages(deploymap.__path__, "deploymap.") if m.name not in SKIP
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
