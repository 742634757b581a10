"""A French-interface map in a real browser: controls, legend, panel and table in French."""

from __future__ import annotations

import re

import pytest

from tests.mapping.conftest import DATA
from tests.mapping.test_browser import browser  # noqa: F401  (the same headless Chromium)
from tests.mapping.test_browser_views import SIZES, _labels, _open, _overlaps, _shot

pytestmark = pytest.mark.browser

FRENCH = DATA / "minusca-releve-fr.txt"
ENGLISH_WORDS = ("Legend", "Contributors", "World", "Host", "Table", "Layers", "troops", "Zoom in")


@pytest.fixture(scope="module")
def french_map(tmp_path_factory, reader, render):
    story = reader.read(FRENCH.read_text(encoding="utf-8"), source=str(FRENCH))
    path = tmp_path_factory.mktemp("ui-lang") / "carte-fr.html"
    path.write_text(render(story, offline=True, ui_lang="fr"), encoding="utf-8")
    return path


def _said(page) -> str:
    """Everything the page shows or says: text, titles and aria labels."""
    return page.page.evaluate(
        """() => {
          const bits = [document.body.innerText];
          document.querySelectorAll('[title], [aria-label]').forEach(n => {
            bits.push(n.getAttribute('title') || '', n.getAttribute('aria-label') || '');
          });
          return bits.join('\\n');
        }"""
    )


@pytest.mark.parametrize("size", list(SIZES))
def test_french_map_speaks_french(browser, french_map, size):  # noqa: F811
    page = _open(browser, french_map, SIZES[size])
    try:
        assert page.page.evaluate("document.documentElement.lang") == "fr"
        assert page.page.inner_text(".dm-world") == "Monde"
        assert page.page.inner_text(".dm-home") == "Hôte"
        assert page.page.inner_text(".dm-table-open") == "Tableau"
        assert page.page.inner_text(".dm-legend summary") == "Légende"
        assert "Contributeurs" in page.page.inner_text(".dm-panel summary")
        assert "2\u202f330 militaires" in page.page.inner_text(".dm-panel summary")
        assert page.page.get_attribute(".leaflet-control-zoom-in", "title") == "Zoom avant"
        # the force circle's popup, made by the runtime
        page.page.evaluate(
            """() => {
              const map = window[document.querySelector('.folium-map').id];
              map.eachLayer(l => { if (l.options && l.options.pane === 'dm-force'
                                       && l.getPopup && l.getPopup()) l.openPopup(); });
            }"""
        )
        popup = page.page.inner_text(".leaflet-popup-content")
        assert "Effectifs" in popup and "militaires" in popup and "Troops" not in popup
        said = _said(page)
        for word in ENGLISH_WORDS:
            assert not re.search(rf"\b{word}\b", said), word
        # the table, opened
        page.page.click(".dm-table-open")
        table = page.page.inner_text("#dm-data")
        assert "Contributeurs et chiffres" in table and "Fermer le tableau" in table
        assert "Égypte" in table and "1\u202f400" in table
        page.page.click(".dm-data-close")
        assert _overlaps(_labels(page)) == []
        assert page.errors == [] and page.external == []
        _shot(page, french_map, f"ui-lang-fr-{size}")
    finally:
        page.page.close()


def test_french_review_page(browser, reader, tmp_path):  # noqa: F811
    from deploymap.review import review_html

    story = reader.read(FRENCH.read_text(encoding="utf-8"), source=str(FRENCH))
    path = tmp_path / "relecture.html"
    path.write_text(review_html(story, ui_lang="fr"), encoding="utf-8")
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    try:
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_timeout(500)
        assert page.evaluate("document.documentElement.lang") == "fr"
        assert page.inner_text("#dm-save") == "Enregistrer le récit corrigé"
        summary = page.inner_text("#dm-summary")
        assert "à vérifier" in summary and "accepted" not in summary
        tables = page.inner_text("#dm-tables")
        assert "Déploiements" in tables and "Accepter" in tables and "déployé" in tables
        assert "Égypte (EGY)" in tables
        for word in ("Accept", "Reject", "Deployments", "to check", "deployed"):
            assert word not in tables.replace("Accepter", "").replace("Rejeter", ""), word
        page.click("#dm-tables tr.dm-row button:has-text('Rejeter')")
        assert "rejetés : 1" in page.inner_text("#dm-summary")
        assert errors == []
    finally:
        page.close()
