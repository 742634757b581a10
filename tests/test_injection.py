"""No input string is ever code: every channel fed with template, markup and script payloads.

Each input channel of ``deploymap map`` (article body, headline, file name,
``--title``, ``--date``, each cell of each table format) and of the corpus
commands (JSONL ``id``/``title``/``url``/``text``) carries Jinja payloads that
would compute ``1337``, crash the template compiler or run ``touch PWNED``,
and markup payloads that would set ``document.title`` in the browser.  The
checks: the command ends cleanly, no ``PWNED`` file appears, no ``1337`` is
computed, the text shows literally where it lands, and in headless Chromium
(``tests/mapping/test_browser.py`` drives it) no payload script runs while
every popup, tooltip and slider step is opened.
"""

from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path

import pytest

from deploymap.cli import main
from tests.mapping.conftest import call_args, layers_of

DATA = Path(__file__).resolve().parent / "data"

# Jinja: arithmetic (7*191 = 1337), an unbalanced block, and two ways to a shell.
ARITH = "{{ 7*191 }}"
RAW = "{% raw %}"
SHELL = "{{ cycler.__init__.__globals__.os.system('touch PWNED') }}"
SHELL_CHR = (
    "{% set c = cycler.__init__.__globals__.__builtins__.chr %}"
    "{{ cycler.__init__.__globals__.os.system("
    + "~".join(f"c({ord(ch)})" for ch in "touch PWNED")
    + ") }}"
)
# Markup: each would set the page title if it ever became live.
SCRIPT = "</script><script>document.title='PWNED'</script>"
IMG = "<img src=x onerror=\"document.title='PWNED'\">"
JS_URL = "javascript:document.title='PWNED'"

PAYLOAD = " ".join([ARITH, RAW, SHELL, SHELL_CHR, SCRIPT, IMG, JS_URL])
# for a file name (no "/") and a headline (a short first line)
SHORT_PAYLOAD = " ".join([ARITH, RAW, SHELL, IMG])


def _sentence(payload: str) -> str:
    return (
        f"Turkey keeps 600 soldiers in KFOR, the NATO force in Kosovo, near Zvečan {payload} now."
    )


def _run(args: list[str], capsys) -> tuple[int, str]:
    try:
        code = main(args)
    except SystemExit as e:  # a usage error, reported by argparse
        code = int(e.code or 0)
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err, err
    return code, err


# 7*191 evaluated, as a word of its own (coordinates such as 34.13374 hold the digits)
_EVALUATED = re.compile(r"(?<![\w.])1337(?![\w.])")


def _assert_inert(folder: Path, text: str) -> None:
    assert not (folder / "PWNED").exists(), "a payload ran a shell command"
    assert _EVALUATED.search(text) is None, "a payload was evaluated as a template"


def _assert_no_live_markup(page: str) -> None:
    # inside <script> the payload is a JSON string (no "</" can close it); outside,
    # in the page's markup, it must be entity-escaped
    assert "PWNED'</script>" not in page
    markup = re.sub(r"<script>.*?</script>", "", page, flags=re.S)
    assert "<img src=x" not in markup and "<script>document" not in markup


def _shown_strings(page: str) -> list[str]:
    """Every tooltip, popup and label of a map, its panel, data table, title and legend,
    as the browser shows text."""
    out = []
    for layer in layers_of(page).values():
        for p in layer.props():
            if p.get("text"):  # made by the runtime from data and set as text
                out += [p["t"], p["p"]]
                continue
            out += [html.unescape(re.sub(r"<[^>]+>", " ", p[k])) for k in ("t", "p") if k in p]
            if "lb" in p:  # a label: set as text
                out.append(p["lb"][0])
    for panel in call_args(page, "panel"):
        out += [row["n"] for row in panel["rows"]]
    for table in call_args(page, "table"):
        out.append(table["title"])
        out += [str(cell) for s in table["sections"] for row in s["rows"] for cell in row]
    for m in re.finditer(r'<div class="dm-title">(.*?)</div>\s*</div>', page, re.S):
        out.append(html.unescape(re.sub(r"<[^>]+>", " ", m.group(1))))
    for m in re.finditer(r'<details class="dm-legend".*?</details>', page, re.S):
        out.append(html.unescape(re.sub(r"<[^>]+>", " ", m.group(0))))
    return out


def _shows(page: str, payload: str) -> bool:
    return any(payload in s for s in _shown_strings(page))


def _table_shows(page: str, payload: str) -> bool:
    """Whether the data table (the map's text alternative) holds *payload* literally."""
    (table,) = call_args(page, "table")
    return any(payload in str(c) for s in table["sections"] for row in s["rows"] for c in row)


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- articles: body, headline, file name, --title, --date ------------------------------------
ARTICLE_CHANNELS = {
    "body": ("article.txt", _sentence(PAYLOAD) + "\n", [], PAYLOAD),
    "headline": (
        "article.txt",
        f"Handover {SHORT_PAYLOAD}\n\n{_sentence('')}\n",
        [],
        SHORT_PAYLOAD,
    ),
    "file name": (f"{SHORT_PAYLOAD}.txt", _sentence("") + "\n", [], SHORT_PAYLOAD),
    "--title": ("article.txt", _sentence("") + "\n", ["--title", PAYLOAD], PAYLOAD),
}


@pytest.mark.parametrize("offline", [False, True], ids=["online", "offline"])
@pytest.mark.parametrize("channel", list(ARTICLE_CHANNELS))
def test_article_channels_stay_text(channel, offline, here, capsys):
    name, text, extra, payload = ARTICLE_CHANNELS[channel]
    (here / name).write_text(text, encoding="utf-8")
    args = ["map", name, "-o", "m.html", *extra] + (["--offline"] if offline else [])
    code, err = _run(args, capsys)
    assert code == 0, err
    page = (here / "m.html").read_text(encoding="utf-8")
    _assert_inert(here, page if not offline else _strip_assets(page))
    assert _shows(page, payload), f"the {channel} does not show literally"
    if channel == "body":  # the evidence sentence, in the data table too
        assert _table_shows(page, payload)
    _assert_no_live_markup(page)


def _strip_assets(page: str) -> str:
    # the inlined Leaflet source is not input; leave it out of the 1337 check
    return re.sub(r"<script>\n/\*.*?</script>", "", page, flags=re.S)


def test_date_channel_is_refused_or_inert(here, capsys):
    (here / "a.txt").write_text(_sentence("") + "\n", encoding="utf-8")
    code, err = _run(["map", "a.txt", "-o", "m.html", "--date", PAYLOAD], capsys)
    _assert_inert(here, err)
    if code == 0:
        page = (here / "m.html").read_text(encoding="utf-8")
        _assert_inert(here, page)
        _assert_no_live_markup(page)
    else:
        assert code == 2 and "date" in err and len(err.strip().splitlines()) == 1


# -- JSONL corpora: id, title, url, text -----------------------------------------------------
@pytest.mark.parametrize("job", ["extract", "geoparse"])
def test_jsonl_fields_stay_text(job, here, capsys):
    record = {
        "id": f"doc {PAYLOAD}",
        "title": f"Headline {PAYLOAD}",
        "url": JS_URL,
        "text": _sentence(PAYLOAD),
    }
    (here / "c.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    code, err = _run([job, "c.jsonl", "-o", "out.jsonl"], capsys)
    assert code == 0, err
    out = (here / "out.jsonl").read_text(encoding="utf-8")
    _assert_inert(here, out)
    (line,) = [json.loads(x) for x in out.splitlines()]
    assert line["id"] == record["id"]
    if job == "extract":
        assert line["title"] == record["title"]
        evidence = [ev for d in line["deployments"] for ev in d["evidence"]]
        assert any(PAYLOAD in ev["text"] for ev in evidence)
        assert JS_URL in json.dumps(line)


# -- tables: every column of every format --------------------------------------------------
TABLES = {
    "plain": "deployments.csv",
    "geopko front": "geopko_front_small.csv",
    "geopko tcc": "geopko_tcc_small.csv",
    "un contributions": "un_contributions.csv",
}
# the columns whose text a map shows as it is (the others are names, codes or numbers)
SHOWN = {"location"}


def _table_cases() -> list[tuple[str, str]]:
    cases = []
    for kind, name in TABLES.items():
        with (DATA / name).open(encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))
        cases += [(kind, column) for column in header]
    return cases


@pytest.mark.parametrize(("kind", "column"), _table_cases())
def test_every_table_cell_stays_text(kind, column, here, capsys):
    with (DATA / TABLES[kind]).open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[0][column] = PAYLOAD
    with (here / "t.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    code, err = _run(["map", "t.csv", "-o", "m.html"], capsys)
    _assert_inert(here, err)
    assert code in (0, 2), err
    if code == 2:  # a payload in a number, code or date column is bad input: one line
        assert len(err.strip().splitlines()) == 1, err
        return
    page = (here / "m.html").read_text(encoding="utf-8")
    _assert_inert(here, page)
    _assert_no_live_markup(page)
    if column in SHOWN:
        assert _shows(page, PAYLOAD), f"the {column} cell does not show literally"
        assert _table_shows(page, PAYLOAD), f"the {column} cell is not in the data table"


# -- the library: the same through build_map and a Story shown in Jupyter ---------------------
def test_library_title_and_repr_html(here):
    import deploymap
    from deploymap.mapping import map_html

    story = deploymap.read_text(_sentence(PAYLOAD), title=PAYLOAD, source=PAYLOAD)
    page = map_html(story, title=PAYLOAD)
    _assert_inert(here, page)
    _assert_no_live_markup(page)
    assert _shows(page, PAYLOAD)
    _assert_inert(here, story._repr_html_())


def test_elements_a_user_adds_are_not_rendered_again(here):
    # folium's own elements go through branca's render, which compiles their output
    # as a new template; MapFigure keeps that output as text, whoever added the
    # element.  (folium still compiles it, so an unbalanced "{% raw %}" in text a
    # user hands to folium.Popup is folium's error to raise, not ours to run.)
    import folium

    import deploymap

    story = deploymap.read_text(_sentence(""))
    fmap = story.to_map()
    runnable = f"{ARITH} {SHELL} {SHELL_CHR}"
    folium.Marker([42.9, 20.8], tooltip=runnable, popup=runnable).add_to(fmap)
    page = fmap.get_root().render()
    _assert_inert(here, page)
    assert "7*191" in page


# -- Story documents and saved web pages: every string a hand edit can reach -------------
STORY_FIELDS = {
    "title": lambda d: d.__setitem__("title", PAYLOAD),
    "place name": lambda d: d["places"][-1].__setitem__("name", PAYLOAD),
    "place text": lambda d: d["places"][-1].__setitem__("text", PAYLOAD),
    "mission name": lambda d: d["missions"][0].__setitem__("name", PAYLOAD),
    "mission hq": lambda d: d["missions"][0].__setitem__("hq", PAYLOAD),
    "location": lambda d: d["deployments"][0].update(location=PAYLOAD, lat=42.8, lon=20.9),
    "role": lambda d: d["deployments"][0].__setitem__("role", PAYLOAD),
    "evidence": lambda d: d["deployments"][0]["evidence"][0].__setitem__("text", PAYLOAD),
    "source": lambda d: d.__setitem__("sources", [PAYLOAD]),
}


@pytest.mark.parametrize("field", list(STORY_FIELDS))
def test_story_document_fields_stay_text(field, here, capsys):
    import json

    (here / "a.txt").write_text(_sentence("") + "\n", encoding="utf-8")
    code, err = _run(["extract", "a.txt", "-o", "story.json"], capsys)
    assert code == 0, err
    doc = json.loads((here / "story.json").read_text(encoding="utf-8"))
    STORY_FIELDS[field](doc)
    (here / "story.json").write_text(json.dumps(doc), encoding="utf-8")
    code, err = _run(["map", "story.json", "-o", "m.html"], capsys)
    assert code == 0, err
    page = (here / "m.html").read_text(encoding="utf-8")
    _assert_inert(here, page)
    _assert_no_live_markup(page)
    code, err = _run(["export", "story.json", "-o", "m.geojson"], capsys)
    assert code == 0, err
    _assert_inert(here, (here / "m.geojson").read_text(encoding="utf-8"))


def test_saved_page_text_title_and_url_stay_text(here, capsys):
    import html as h

    page = (
        f"<html><head><title>{h.escape(SHORT_PAYLOAD)}</title>"
        f'<link rel="canonical" href="{h.escape(JS_URL)}"></head><body><article>'
        f"<h1>{h.escape(SHORT_PAYLOAD)}</h1><p>{h.escape(_sentence(PAYLOAD))}</p>"
        "</article></body></html>"
    )
    (here / "page.html").write_text(page, encoding="utf-8")
    code, err = _run(["map", "page.html", "-o", "m.html"], capsys)
    assert code == 0, err
    out = (here / "m.html").read_text(encoding="utf-8")
    _assert_inert(here, out)
    _assert_no_live_markup(out)
    assert _shows(out, SHORT_PAYLOAD)
