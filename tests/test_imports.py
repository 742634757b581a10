"""Start-up stays light: the CLI and the package import no heavy dependency."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("folium", "geopandas", "geopy", "pandas", "dask", "shapely")


def imported_after(statement: str) -> list[str]:
    code = f"import sys; {statement}; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return [m for m in out.stdout.strip().split(",") if m]


def test_cli_import_is_light():
    assert imported_after("import deploymap.cli") == []


def test_package_import_is_light():
    assert imported_after("import deploymap") == []


def test_version_flag_is_light():
    assert imported_after("import deploymap.cli as c; c.build_parser()") == []
