"""The review tests share the map tests' opened data (reader, mission catalogue) and
their headless Chromium."""

from tests.mapping.conftest import catalogue, reader  # noqa: F401
from tests.mapping.test_browser import browser  # noqa: F401
