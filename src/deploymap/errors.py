"""The deploymap error tree.

Each error also inherits the builtin it refines, so callers that already catch
``ValueError`` or ``OSError`` keep working.  Messages name the file, line or
option at fault and say what to do about it.
"""

from __future__ import annotations


class DeploymapError(Exception):
    """Base class of every error deploymap raises on purpose."""

    exit_code = 1


class InputError(DeploymapError, ValueError):
    """Input that cannot be read or understood (a file, a table, an argument)."""

    exit_code = 2


class DataError(DeploymapError, RuntimeError):
    """The embedded geodata is missing or damaged: reinstall or rebuild it."""

    exit_code = 1


class GeocoderError(DeploymapError):
    """An online geocoder failed."""

    exit_code = 3


class GeocoderUnavailable(GeocoderError, ConnectionError):
    """The service could not be reached (no network, DNS, refused, 5xx)."""


class GeocoderTimedOut(GeocoderError, TimeoutError):
    """The service did not answer in time."""


class GeocoderRateLimited(GeocoderError):
    """The service answered HTTP 429 too many times."""


class GeocoderConfigError(GeocoderError, ValueError):
    """A backend was asked for without what it needs (for example a user agent)."""

    exit_code = 2
