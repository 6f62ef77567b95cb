"""Dutch words that a worker types and that the texts write otherwise, in Chromium: "thuisloos" and
"dakloos" find a service whose text only says "dak- en thuislozen" (an elliptic compound, whose
"dak-" stands for daklozen; and thuislozen, which the original Snowball Dutch stems thuisloz, not
thuislos as thuisloos), in the finder and in the site search of /nl/ (atlas.text.folding:
dutch_stem_end, elliptic_words; match.js, search-fold.js). On a tiny project whose services are
written for the case, none of them in the housing domain (whose everyday words hold dakloos): only
the service's own text can answer. Other queries find exactly what they found before, in both
languages, and the words added to the indexes never show in a page."""

from __future__ import annotations

import copy
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, Page

from atlas.text.folding import dutch_stem_end, elliptic_words
from tests.browser.conftest import open_search, search_results, wait_for_full_index
from tests.folding_cases import ELLIPTIC
from tests.support import FIXTURES, make_site

SHELTER = "test-nachtopvang"
SERVICES: dict[str, dict[str, Any]] = {
    SHELTER: {
        "name": {"fr": "Accueil de nuit de test", "nl": "Testnachtopvang"},
        "description": {
            "fr": "Un accueil de nuit fictif pour les personnes sans abri, sur réservation.",
            "nl": "Een fictieve nachtopvang voor dak- en thuislozen, na reservatie.",
        },
        "domains": ["health"],
    },
    "test-werk": {
        "name": {"fr": "Service emploi de test", "nl": "Testdienst werk"},
        "description": {
            "fr": "Un service fictif qui accompagne les chercheurs d'emploi.",
            "nl": "Een fictieve dienst die werkzoekenden naar een job begeleidt.",
        },
        "domains": ["work"],
    },
    "test-gezin": {
        "name": {"fr": "Service familles de test", "nl": "Testdienst gezinnen"},
        "description": {
            "fr": "Un service fictif pour les familles et les enfants de personnes détenues.",
            "nl": "Een fictieve dienst voor gezinnen en kinderen van gedetineerden.",
        },
        "domains": ["family"],
    },
}
DUTCH_HOMELESS = ("thuisloos", "dakloos", "daklozen", "thuislozen")
# The tiny site also has the services that the build makes from public records (courts…), many of
# them in the housing domain: the finder is filtered on the shelter's domain (health), where it is
# the only service, so that only its own text answers. Queries that must find it, and others that
# must not (the words the ellipsis adds, dak + islozen, slozen…, and the voiceless stems make
# nothing else match).
FINDS_SHELTER = {"nl": [*DUTCH_HOMELESS, "nachtopvang", "reservatie", "dak", "thuis"], "fr": ["sans abri", "abri", "réservation"]}
MISSES_SHELTER = {"nl": ["kinderen", "werkzoekenden", "gezin", "schulden", "lozen", "zen", "dakota", "zzqxw"], "fr": ["daklozen", "thuisloos", "enfants", "emploi", "zzqxw"]}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The tiny project built, and served on a free port of 127.0.0.1: (site, address)."""
    from atlas.build.assemble import build_site

    base = yaml.safe_load((FIXTURES / "base_entry.yaml").read_text(encoding="utf-8"))[0]
    entries = []
    for service_id, fields in SERVICES.items():
        entry = copy.deepcopy(base)
        entry.update(copy.deepcopy(fields), id=service_id)
        entries.append(entry)
    pages = {f"{lang}/index.md": "---\ntitle: Test\n---\n\n# Test\n\nTest.\n" for lang in ("fr", "nl")}
    project = make_site(tmp_path_factory.mktemp("dutch") / "project", yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), pages)
    site = project / "site"
    assert build_site(project, site) == 0
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _finder_ids(page: Page, text: str) -> list[str]:
    """The ids of the services the finder shows for `text`, sorted."""
    page.evaluate("() => { const d = document.querySelector('[data-atlas-filters]'); if (d) { d.open = true; } }")
    page.fill("#atlas-f-q", text)
    page.wait_for_function("(t) => new URLSearchParams(location.search).get('text') === t.trim()", arg=text)
    ids = page.eval_on_selector_all("#atlas-f-results input[data-id]", "els => els.map(e => e.dataset.id)")
    assert len(ids) == int(page.get_attribute("#atlas-f-status", "data-count") or "-1")
    return sorted(ids)


def _open_full_search(page: Page, url: str) -> None:
    page.goto(url)
    open_search(page)
    search_results(page, "a")
    wait_for_full_index(page)


def _page(browser: Browser) -> tuple[Page, list[str]]:
    """A new page and the list that collects its script errors."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return page, errors


def test_dutch_rules_are_the_same_in_chromium(browser: Browser, tiny: tuple[Path, str]) -> None:
    """Assert that match.js gives every elliptic case the words atlas.text.folding gives, and makes
    stem ends voiceless as Python does (tests/folding_cases.py: ELLIPTIC), Dutch stems only."""
    page, errors = _page(browser)
    page.goto(f"{tiny[1]}nl/finder/")
    texts = sorted(ELLIPTIC)
    assert page.evaluate("(ts) => ts.map(t => AtlasMatch.ellipticWords(t))", texts) == [elliptic_words(t) for t in texts]
    stems = ["thuisloz", "huiz", "briev", "jazz", "zz", "z", "graf", "beleid", "vaz", "gezinn"]
    found = page.evaluate("(ss) => [ss.map(s => AtlasMatch.stemEnd(s, 'nl')), ss.map(s => AtlasMatch.stemEnd(s, 'fr'))]", stems)
    assert found == [[dutch_stem_end(s) for s in stems], stems]
    assert page.evaluate("() => AtlasMatch.stem('thuislozen', 'nl') === AtlasMatch.stem('thuisloos', 'nl')")
    assert errors == []
    page.close()


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_finder_finds_dak_en_thuislozen_and_nothing_else(browser: Browser, tiny: tuple[Path, str], lang: str) -> None:
    """Assert that the finder in /nl/ finds the service whose text only says "dak- en thuislozen"
    for thuisloos, dakloos, daklozen and thuislozen (among its domain's services: only through its
    own text), and that other words do not find it, in both languages."""
    page, errors = _page(browser)
    page.goto(f"{tiny[1]}{lang}/finder/?domain=health")
    page.wait_for_selector("#atlas-finder form:not([hidden])")
    for query in FINDS_SHELTER[lang]:
        assert _finder_ids(page, query) == [SHELTER], (lang, query)
    for query in MISSES_SHELTER[lang]:
        assert _finder_ids(page, query) == [], (lang, query)
    assert errors == []
    page.close()


def test_site_search_finds_dak_en_thuislozen(browser: Browser, tiny: tuple[Path, str]) -> None:
    """Assert that the site search of /nl/ finds the service page that says "dak- en thuislozen"
    for thuisloos, dakloos, daklozen and thuislozen, shows the text as written (never a word the
    index added), and finds it for no unrelated word."""
    page, errors = _page(browser)
    _open_full_search(page, f"{tiny[1]}nl/")
    for query in DUTCH_HOMELESS:
        count, links, text = search_results(page, query)
        assert count > 0, query
        assert any(f"services/{SHELTER}/" in link for link in links), (query, links)
        assert "dak- en thuislozen" in text, (query, text)
        assert "daklozen" not in text.replace("dak- en thuislozen", ""), (query, text)
    for query in ("werkzoekenden", "kinderen", "zzqxw"):
        _, links, _ = search_results(page, query)
        assert not any(SHELTER in link for link in links), (query, links)
    assert errors == []
    page.close()


def test_site_search_in_french_is_unchanged(browser: Browser, tiny: tuple[Path, str]) -> None:
    """Assert that the French site search finds the shelter for sans abri and sans-abri, and no
    page for daklozen (the French index adds nothing)."""
    page, errors = _page(browser)
    _open_full_search(page, f"{tiny[1]}fr/")
    for query in ("sans abri", "sans-abri"):
        _, links, _ = search_results(page, query)
        assert any(f"services/{SHELTER}/" in link for link in links), (query, links)
    assert search_results(page, "daklozen")[0] == 0
    assert errors == []
    page.close()


def test_added_words_never_show_in_a_page(tiny: tuple[Path, str]) -> None:
    """Assert that the words the ellipsis stands for are in no page of the site (only in the
    finder's data): the service page says "dak- en thuislozen", and nothing says daklozen."""
    site = tiny[0]
    page = (site / "nl" / "services" / SHELTER / "index.html").read_text(encoding="utf-8")
    assert "dak- en thuislozen" in page
    for html in site.rglob("*.html"):
        assert "daklozen" not in html.read_text(encoding="utf-8"), html
    for index in (site / "nl" / "search").glob("*.json"):
        assert "daklozen" not in index.read_text(encoding="utf-8"), index
    assert "daklozen" in (site / "nl" / "finder" / "finder-data.js").read_text(encoding="utf-8")
