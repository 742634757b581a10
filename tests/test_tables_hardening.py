"""Tables as careless tools write them (issue 14): no silent wrong figures, every
refusal names the line and column, figures are whole numbers 0 ... 10,000,000."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from deploymap.errors import InputError
from deploymap.tables import read_table

PLAIN = "contributor,mission,troops,date\n"
FRONT = "mission,year,country,location,latitude,longitude,hq,ave.no.troops\n"
TCC = "mission,year,location,latitude,longitude,year.overview\n"


def table(tmp_path: Path, text: str, name: str = "t.csv") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def troops(path: Path) -> list[tuple[str, int | None]]:
    return [(d.contributor, d.troops) for d in read_table(path).deployments]


@pytest.mark.parametrize(
    "text, says",
    [
        (PLAIN + "Turkey,KFOR,inf,2023-10-05\n", "line 2, column troops: 'inf' is not a number"),
        (PLAIN + "Turkey,KFOR,1e400,2023-10-05\n", "line 2, column troops: '1e400' is not"),
        (PLAIN + "Turkey,KFOR,-500,2023-10-05\n", "line 2, column troops: '-500' is negative"),
        (PLAIN + "Turkey,KFOR,12.7,2023-10-05\n", "'12.7' is not a whole number"),
        (PLAIN + "Turkey,KFOR,123456789012345678901,2023-10-05\n", "is too large"),
        (PLAIN + "Turkey,KFOR,10000001,2023-10-05\n", "'10000001' is too large"),
        (FRONT + "UNIFIL,2024,Lebanon,Naqoura,33.11,35.12,inf,850\n", "line 2, column hq: 'inf'"),
        (FRONT + "UNIFIL,2024,Lebanon,Naqoura,33.11,35.12,3,nan1\n", "column ave.no.troops"),
        (
            TCC + f'UNIFIL,2024,Naqoura,33.11,35.12,"Ghana ({"9" * 5000})"\n',
            "... (5,000 characters) is too large",
        ),
    ],
    ids=["inf", "1e400", "negative", "fraction", "20-digits", "over-10M", "hq-inf", "mean", "tcc"],
)
def test_figures_outside_the_domain_are_refused_with_line_and_column(tmp_path, text, says):
    with pytest.raises(InputError, match="troop figures are whole numbers") as e:
        read_table(table(tmp_path, text))
    assert says in str(e.value) and "t.csv line 2" in str(e.value)


@pytest.mark.parametrize("command", ["map", "export"])
def test_a_bad_figure_is_one_line_on_the_command_line(tmp_path, command):
    src = table(tmp_path, PLAIN + "Turkey,KFOR,-500,2023-10-05\n")
    out = tmp_path / ("m.html" if command == "map" else "m.geojson")
    r = subprocess.run(
        [sys.executable, "-m", "deploymap", command, str(src), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 2, r.stderr
    assert r.stderr.strip().splitlines() == [
        "deploymap: error: t.csv line 2, column troops: '-500' is negative; troop figures "
        "are whole numbers from 0 to 10,000,000"
    ]
    assert not out.exists()


def test_excel_semicolon_csv_reads_thousands_with_a_dot(tmp_path):
    p = table(tmp_path, "contributor;mission;troops;date\nTurkey;KFOR;1.400;05.10.2023\n")
    assert troops(p) == [("TUR", 1400)]


def test_comma_csv_reads_quoted_thousands_and_means_with_a_dot(tmp_path):
    p = table(
        tmp_path,
        FRONT + 'UNIFIL,2024,Lebanon,Naqoura,33.11,35.12,3,"1,400"\n'
        "UNIFIL,2024,Lebanon,Tyre,33.27,35.2,0,812.5\n",
    )
    assert sorted(d.troops for d in read_table(p).deployments) == [812, 1400]


@pytest.mark.parametrize(
    "text",
    [
        PLAIN + "Turkey,KFOR,1.400,2023-10-05\n",  # 1400 or 1.4?
        "contributor;mission;troops;date\nTurkey;KFOR;1.400;2023-10-05\nItaly;KFOR;2.5;2023\n",
    ],
    ids=["comma-file", "mixed"],
)
def test_ambiguous_number_convention_is_refused_with_a_hint(tmp_path, text):
    with pytest.raises(InputError, match=r"without thousands separators \(1400\)"):
        read_table(table(tmp_path, text))


def test_semicolon_file_whose_quoted_header_holds_a_comma(tmp_path):
    p = table(
        tmp_path,
        '"contributor";"mission";"troops";"date";"notes, if any, by date, place, unit, or source"\n'
        '"Turkey";"KFOR";"600";"2023-10-05";"rotated, in part"\n',
    )
    assert troops(p) == [("TUR", 600)]


def test_unclosed_quote_is_refused_with_its_line(tmp_path):
    p = table(tmp_path, PLAIN + "Italy,KFOR,300,2023-10-05\n" + '"Turkey,KFOR,600,2023-10-05\n')
    with pytest.raises(InputError, match=r"t\.csv line 3: not valid CSV: a quote opened here"):
        read_table(p)


def test_short_row_is_refused_with_its_line(tmp_path):
    p = table(tmp_path, PLAIN + "Italy,KFOR,300,2023-10-05\nTurkey,KFOR,600\n")
    with pytest.raises(InputError, match=r"t\.csv line 3: 3 fields, the header has 4"):
        read_table(p)


def test_trailing_empty_fields_are_not_a_long_row(tmp_path):
    p = table(tmp_path, PLAIN + "Turkey,KFOR,600,2023-10-05,,\n")
    assert troops(p) == [("TUR", 600)]


def test_field_over_128_kb_is_read(tmp_path):
    p = table(tmp_path, "contributor,mission,troops,date,notes\n" + "Turkey,KFOR,600,2023,")
    with p.open("a") as f:
        f.write('"' + "x" * 200_000 + '"\n')
    assert troops(p) == [("TUR", 600)]


@pytest.mark.parametrize(
    "lat, lon, says",
    [("nan", "21.1", "column lat: 'nan'"), ("42.6", "", "lat is given and lon is empty")],
)
def test_bad_coordinates_are_named_precisely(tmp_path, lat, lon, says):
    p = table(
        tmp_path,
        "contributor,mission,troops,date,location,lat,lon\n"
        f"Turkey,KFOR,600,2023-10-05,Camp Nowhere,{lat},{lon}\n",
    )
    with pytest.raises(InputError) as e:
        read_table(p)
    assert "t.csv line 2" in str(e.value) and says in str(e.value)
    assert "add lat and lon columns" not in str(e.value)


def test_decimal_comma_coordinates_in_a_semicolon_file(tmp_path):
    p = table(
        tmp_path,
        "contributor;mission;troops;date;location;lat;lon\n"
        "Turkey;KFOR;1.400;2023-10-05;Camp X;42,66;21,16\n",
    )
    (d,) = read_table(p).deployments
    assert (d.troops, d.location.lat, d.location.lon) == (1400, 42.66, 21.16)
