"""The review tests share the map tests' opened data (reader, mission catalogue)."""

from tests.mapping.conftest import catalogue, reader  # noqa: F401
