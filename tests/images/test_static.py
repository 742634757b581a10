"""Static maps (issue 18): PNG, SVG and PDF of a story, looked at pixel by pixel and as text."""

from __future__ import annotations

import io
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from deploymap.errors import InputError
from deploymap.images.palette import palette
from deploymap.model import Deployment, Evidence, Place, Story
from tests.images.conftest import (
    EXAMPLE,
    FRONT,
    SMALL_TCC,
    dominant,
    inside_pixels,
    pixels,
    rgb,
)

SVG = "{http://www.w3.org/2000/svg}"


def svg_texts(data: bytes) -> list[str]:
    root = ET.fromstring(data)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


@pytest.fixture(scope="module")
def kfor_png(kfor_story, draw):
    return draw(kfor_story, "png")


# -- PNG: big enough, and the host is where the map says it is ----------------------------------
def test_png_of_the_example_is_at_least_1600_by_1000(kfor_png):
    img = pixels(kfor_png.data)
    assert kfor_png.data.startswith(b"\x89PNG\r\n\x1a\n")
    assert img.shape[1] >= 1600 and img.shape[0] >= 1000
    assert (img.shape[1], img.shape[0]) == (kfor_png.width, kfor_png.height)


def test_host_fill_dominates_the_host_pixels(kfor_png, gaz):
    img = pixels(kfor_png.data)
    where = inside_pixels(kfor_png, gaz.geometry(gaz.country("XKX"), "detail"))
    assert len(where) > 100
    colour, share = dominant(img, where)
    assert colour == rgb(palette("light").host)
    assert share > 0.6
    # and the host is not the whole picture: outside it, other colours rule
    outside = [(r, c) for r, c in ((30, 30), (img.shape[0] - 5, img.shape[1] - 5))]
    assert all(tuple(img[r, c]) != rgb(palette("light").host) for r, c in outside)


def test_the_picture_is_not_blank(kfor_png):
    img = pixels(kfor_png.data)
    colours = {tuple(v) for v in img[::7, ::7].reshape(-1, 3)}
    assert len(colours) > 50


def test_contributors_are_in_a_panel_not_in_the_frame(kfor_png, gaz):
    # Turkey (600 troops) is named in the panel; the frame stays on Kosovo
    f = kfor_png.panels[0].frame
    assert f.width < 600_000 and f.height < 600_000
    ankara = kfor_png.pixel(32.85, 39.93)
    left, top, right, bottom = kfor_png.panels[0].box
    assert not (left <= ankara[0] <= right and top <= ankara[1] <= bottom)


# -- SVG: text stays text ----------------------------------------------------------------------
def test_svg_holds_place_names_and_legend_as_text(kfor_story, draw):
    out = draw(kfor_story, "svg")
    texts = svg_texts(out.data)
    joined = "\n".join(texts)
    for name in ("Pristina", "Zvečan", "Ferizaj", "KOSOVO"):
        assert name in joined
    for entry in ("Legend", "Host country", "Mission headquarters", "Contributors (troops)"):
        assert entry in texts
    assert any(t.startswith("Turkey") for t in texts)
    assert "Natural Earth" in joined and "GeoNames" in joined
    assert len(out.data) < 2 * 1024 * 1024


def test_svg_fonts_are_dejavu_shipped_with_matplotlib(kfor_story, draw):
    from matplotlib import font_manager

    from deploymap.images.palette import FONT

    out = draw(kfor_story, "svg")
    assert b"font-family: 'DejaVu Sans'" in out.data
    path = font_manager.findfont(
        font_manager.FontProperties(family=FONT), fallback_to_default=False
    )
    assert "mpl-data" in path


# -- PDF: one page with the title --------------------------------------------------------------
def test_pdf_has_one_page_with_the_title(kfor_story, draw):
    from pypdf import PdfReader

    out = draw(kfor_story, "pdf", title="KFOR under Turkish command")
    reader = PdfReader(io.BytesIO(out.data))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "KFOR under Turkish command" in text
    assert "Contributors (troops)" in text


# -- determinism --------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["svg", "pdf", "png"])
def test_same_input_same_bytes(kfor_story, draw, fmt):
    a = draw(kfor_story, fmt).data
    b = draw(kfor_story, fmt).data
    assert a == b


# -- input is data ------------------------------------------------------------------------------
def test_dollars_and_markup_in_input_print_literally(draw):
    site = Place("table:x", "Camp $\\alpha$ <b>", "site", "XKX", 42.6, 21.1)
    story = Story(
        title="A $5 million $x^2$ base & <script>",
        deployments=(
            Deployment(
                "TUR", "KFOR", 120, "2024", site, evidence=(Evidence(0, 0, "row", "t$.csv"),)
            ),
        ),
    )
    out = draw(story, "svg")
    texts = svg_texts(out.data)  # parses: the markup is escaped
    assert "A $5 million $x^2$ base & <script>" in texts
    assert any("Camp $\\alpha$ <b>" in t for t in texts)
    assert b"<script>" not in out.data


# -- small multiples of a Geo-PKO table ----------------------------------------------------------
def test_geopko_small_multiples_png(tcc_story, draw, gaz):
    out = draw(tcc_story, "png", small_multiples=True)
    assert [p.step for p in out.panels] == ["1996", "2022", "2023"]
    img = pixels(out.data)
    host = rgb(palette("light").host)
    # each year frames its own host: Croatia (UNTAES) in 1996, Syria (UNDOF) after
    for i, iso3 in enumerate(["HRV", "SYR", "SYR"]):
        where = inside_pixels(out, gaz.geometry(gaz.country(iso3), "detail"), panel=i)
        colour, share = dominant(img, where)
        assert colour == host and share > 0.5, (iso3, colour, share)
    # Syria is no host in 1996: its pixels in the 1996 panel, if any, are not host-coloured
    syria = inside_pixels(out, gaz.geometry(gaz.country("SYR"), "detail"), panel=0)
    assert all(tuple(img[r, c]) != host for r, c in syria)


def test_one_year_of_a_table(tcc_story, draw):
    out = draw(tcc_story, "svg", year="2022")
    assert [p.step for p in out.panels] == ["2022"]
    texts = "\n".join(svg_texts(out.data))
    assert "South Korea" in texts  # a 2022 contributor, gone in 2023
    assert "India" not in texts  # a 2023 contributor
    with pytest.raises(InputError, match="no 1999 in the story"):
        draw(tcc_story, "svg", year="1999")


@pytest.mark.slow
@pytest.mark.skipif(not FRONT.is_file(), reason=f"Geo-PKO data not at {FRONT.parent}")
def test_real_geopko_years_as_small_multiples(draw, gaz, catalogue):
    from deploymap.tables import read_table

    story = read_table(FRONT, mission="UNDOF", year="2015-2023", gazetteer=gaz, catalogue=catalogue)
    out = draw(story, "png", small_multiples=True, size="210x148mm")
    assert len(out.panels) == 9
    assert len(out.data) < 1.5 * 1024 * 1024
    img = pixels(out.data)
    where = inside_pixels(out, gaz.geometry(gaz.country("SYR"), "detail"), panel=8)
    assert dominant(img, where)[0] == rgb(palette("light").host)


# -- style, size ----------------------------------------------------------------------------------
def test_print_style_is_grayscale(kfor_story, draw):
    img = pixels(draw(kfor_story, "png", style="print", size="5x3.5in", dpi=100).data)
    spread = img.max(axis=2) - img.min(axis=2)
    assert spread.max() <= 2


def test_a5_at_150_dpi_is_small(kfor_story, draw):
    out = draw(kfor_story, "png", size="210x148mm", dpi=150)
    assert (out.width, out.height) == (1240, 874)
    assert len(out.data) < 1.5 * 1024 * 1024


@pytest.mark.parametrize(
    ("text", "inches"),
    [("8x5in", (8.0, 5.0)), ("1600x1000px", (10.667, 6.667)), ("21x14.8cm", (8.268, 5.827))],
)
def test_sizes(text, inches):
    from deploymap.images.figure import parse_size

    assert parse_size(text, dpi=150) == inches


@pytest.mark.parametrize("bad", ["8 by 5", "1x1in", "100x5in", "8x5ft"])
def test_bad_sizes_say_how(bad):
    from deploymap.images.figure import parse_size

    with pytest.raises(InputError, match="size"):
        parse_size(bad)


def test_pixel_size_gives_those_pixels(kfor_story, draw):
    out = draw(kfor_story, "png", size="1000x700px", dpi=100)
    assert pixels(out.data).shape[:2] == (700, 1000)


# -- the command line ----------------------------------------------------------------------------
def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "deploymap", "map", *args], capture_output=True, text=True
    )


def test_cli_png_is_a_png_not_html(tmp_path):
    out = tmp_path / "map.png"
    r = run(str(EXAMPLE), "-o", str(out), "--size", "8x5in", "--dpi", "100")
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(b"\x89PNG")
    assert "800 x 500 px" in r.stderr


def test_cli_small_multiples_pdf(tmp_path):
    out = tmp_path / "years.pdf"
    r = run(str(SMALL_TCC), "--small-multiples", "--style", "print", "--no-flows", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "map.jpg"], "FILE.png, FILE.svg, FILE.pdf"),
        (["-o", "map.html", "--small-multiples"], "--small-multiples is for static maps"),
        (["-o", "map.png", "--size", "huge"], "size 'huge' is not WIDTHxHEIGHT"),
        (["-o", "map.png", "--offline"], "static maps are always offline"),
    ],
)
def test_cli_mistakes_are_one_line(tmp_path, args, message):
    args = [a if not a.startswith("map.") else str(tmp_path / a) for a in args]
    r = run(str(EXAMPLE), *args)
    assert r.returncode == 2
    assert message in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert not list(tmp_path.iterdir())


def test_to_image_and_the_package_api(kfor_story, tmp_path):
    import deploymap

    out = kfor_story.to_image(tmp_path / "k.svg", size="6x4in")
    assert out.path == tmp_path / "k.svg" and out.data is None
    assert (tmp_path / "k.svg").read_bytes().startswith(b"<?xml")
    assert deploymap.build_static.__module__ == "deploymap.images.figure"


def test_cli_does_not_import_matplotlib():
    code = "import sys, deploymap.cli, deploymap.images; print('matplotlib' in sys.modules)"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "False"


def test_diacritics_render_with_the_shipped_font(draw):
    import warnings

    site = Place("table:abidjan", "Abidjan", "site", "CIV", 5.32, -4.03)
    story = Story(
        title="Priština, Côte d'Ivoire, Şırnak, Łódź, São Tomé",
        deployments=(
            Deployment("GHA", "X", 300, "2024", site, evidence=(Evidence(0, 0, "row", "t.csv"),)),
        ),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns of every glyph its font lacks
        out = draw(story, "png", size="6x4in", dpi=80)
    assert out.data.startswith(b"\x89PNG")


def test_hostile_article_is_text_in_every_format(gaz, draw):
    from pypdf import PdfReader

    from deploymap.read import Reader

    path = EXAMPLE.parents[3] / "tests" / "mapping" / "data" / "hostile-article.txt"
    story = Reader(gaz).read(path.read_text(encoding="utf-8"), source=str(path))
    svg = draw(story, "svg").data
    texts = svg_texts(svg)  # well-formed XML: every '<', '&' and quote was escaped
    assert any("<script>alert(1)</script>" in t for t in texts)
    assert b"<script" not in svg and b"<img" not in svg
    pdf = PdfReader(io.BytesIO(draw(story, "pdf").data))
    assert "<script>alert(1)</script>" in pdf.pages[0].extract_text()
    assert pixels(draw(story, "png", size="6x4in", dpi=80).data).shape == (320, 480, 3)
