"""User settings: one small frozen :class:`Options` object, changed only on request.

There is one setting so far:

``offline`` (bool, default ``False``)
    Maps built without an explicit ``offline=`` argument -- ``Story.to_map()``,
    :func:`deploymap.build_map` and a ``Story`` shown inline in Jupyter -- embed
    Leaflet and draw the vector basemap, so they display without a network
    (an air-gapped Jupyter).  The environment variable ``DEPLOYMAP_OFFLINE=1``
    (or ``true``/``yes``/``on``) sets the same default.

Nothing is read at import time: the environment is read when an option is
first looked up, and :func:`set_option` replaces the current settings.  The
switch is always the user's; deploymap never probes the network to choose it.

Examples
--------
>>> import deploymap
>>> with deploymap.option_context(offline=True):
...     deploymap.get_option("offline")
True
>>> Options.from_env({"DEPLOYMAP_OFFLINE": "1"})
Options(offline=True)
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from typing import Any

from deploymap.errors import InputError

__all__ = ["ENV_PREFIX", "Options", "get_option", "option_context", "options", "set_option"]

ENV_PREFIX = "DEPLOYMAP_"  # option ``offline`` <- ``DEPLOYMAP_OFFLINE``
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})


@dataclass(frozen=True, slots=True)
class Options:
    """deploymap's settings (see the module docstring for what each one does)."""

    offline: bool = False

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Options:
        """The defaults, overridden by ``DEPLOYMAP_<NAME>`` variables of *environ*.

        Raises
        ------
        InputError
            For a value that is not a yes or no (``1``/``0``, ``true``/``false``, ...).

        Examples
        --------
        >>> Options.from_env({})
        Options(offline=False)
        """
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            var = ENV_PREFIX + f.name.upper()
            if var in env:
                values[f.name] = _flag(var, env[var])
        return cls(**values)


_current: Options | None = None  # None until the first look-up reads the environment


def options() -> Options:
    """The settings in force: the environment's on first use, then what :func:`set_option` set."""
    global _current
    if _current is None:
        _current = Options.from_env()
    return _current


def get_option(name: str) -> Any:
    """The value of setting *name* (``"offline"``).

    Examples
    --------
    >>> get_option("offline") in (True, False)
    True
    """
    _check(name)
    return getattr(options(), name)


def set_option(name: str, value: Any) -> None:
    """Set *name* to *value* for the rest of the session (see :func:`option_context`).

    Parameters
    ----------
    name : str
        ``"offline"``: maps built without ``offline=`` embed Leaflet and need no network.
    value : bool

    Raises
    ------
    InputError
        For an unknown name or a value of the wrong type.

    Examples
    --------
    >>> set_option("offline", True); get_option("offline")
    True
    >>> set_option("offline", False)
    """
    global _current
    _check(name)
    if not isinstance(value, bool):
        raise InputError(f"option {name!r} takes True or False, not {value!r}")
    _current = replace(options(), **{name: value})


@contextmanager
def option_context(**values: Any) -> Iterator[Options]:
    """Set options inside a ``with`` block and restore the previous ones after it."""
    global _current
    before = options()
    try:
        for name, value in values.items():
            set_option(name, value)
        yield options()
    finally:
        _current = before


def _check(name: str) -> None:
    known = [f.name for f in fields(Options)]
    if name not in known:
        raise InputError(f"unknown option {name!r}; known options: {', '.join(known)}")


def _flag(var: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise InputError(f"{var}={raw!r}: use 1 or 0 (true/false, yes/no, on/off)")
