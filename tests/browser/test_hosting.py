"""Hosting: the site works under a sub-path, the offline copy works opened from disk, and two
builds of one commit are byte-identical."""

from __future__ import annotations

import functools
import hashlib
import http.server
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from atlas.build.assemble import build_site
from tests.browser.conftest import open_search
from tests.support import ROOT

LANGS = ("fr", "nl")


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under /atlas/ only, as a host that publishes it on a sub-path would."""

    def translate_path(self, path: str) -> str:
        if not path.startswith("/atlas/"):
            return "/nonexistent"
        return super().translate_path(path[len("/atlas"):])

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def sub_path(site: Path) -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_SubPathHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/atlas/"
    httpd.shutdown()
    httpd.server_close()


def test_site_works_under_a_sub_path(browser: Browser, sub_path: str) -> None:
    """Assert pages, assets, search, finder and language switch all resolve under /atlas/."""
    context = browser.new_context()
    page = context.new_page()
    failures: list[str] = []
    page.on("response", lambda response: failures.append(f"{response.status} {response.url}") if response.status >= 400 else None)
    page.goto(sub_path)
    page.click("a#choice-nl")
    assert page.url == f"{sub_path}nl/"
    page.click("nav a[href$='communes/']")
    page.click("a[href='21015/']")
    assert page.url == f"{sub_path}nl/communes/21015/"
    switch = page.get_attribute("a.md-select__link[hreflang=fr]", "href")
    assert switch == "../../../fr/communes/21015/"
    open_search(page)
    page.locator(".md-search__input").press_sequentially("schaarbeek")  # Material searches on keyup
    page.wait_for_selector(".md-search-result__item")
    page.goto(f"{sub_path}nl/finder/?commune=21015")
    page.wait_for_selector("#atlas-f-results li")
    assert failures == []
    context.close()


def test_offline_copy_works_from_disk(browser: Browser, offline_copy: Path) -> None:
    """Assert that the offline copy, opened from disk, navigates, searches (the iframe-worker
    shim's script allowed by its hash: no page allows every inline script) and runs the finder,
    with no error in the console (a refused script is one)."""
    for lang in LANGS:
        policy = (offline_copy / lang / "guide" / "index.html").read_text(encoding="utf-8").split('Content-Security-Policy" content="')[1].split('"')[0]
        assert "script-src 'self' 'sha256-" in policy
        assert "'unsafe-inline'" not in policy.split("script-src")[1]
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((offline_copy / "index.html").as_uri())
    page.click("a#choice-fr")
    assert page.url.endswith("/fr/index.html")
    page.click("nav a[href$='communes/index.html']")
    assert page.url.endswith("/fr/communes/index.html")
    open_search(page)
    page.locator(".md-search__input").press_sequentially("logement")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    page.goto((offline_copy / "fr" / "finder" / "index.html").as_uri() + "?commune=21015")
    page.wait_for_selector("#atlas-f-results li")
    page.check("#atlas-pick-actiris")
    page.goto((offline_copy / "fr" / "referral" / "index.html").as_uri())
    assert page.locator(".atlas-referral-item").count() == 1
    twin = page.get_attribute("a.md-select__link[hreflang=nl]", "href")
    assert twin == "../../nl/referral/index.html"
    assert (offline_copy / "nl" / "referral" / "index.html").exists()
    assert errors == []
    context.close()


def test_offline_copy_is_zipped(offline_copy: Path) -> None:
    """Assert the downloadable archive holds the whole offline copy under one folder."""
    with zipfile.ZipFile(offline_copy.with_suffix(".zip")) as bundle:
        names = set(bundle.namelist())
    assert {
        "atlas/index.html", "atlas/fr/index.html", "atlas/nl/finder/finder-data.js", "atlas/fr/search/search_index.js",
        "atlas/nl/search/search_index.full.js", "atlas/assets/javascripts/workers/atlas-search.js",
    } <= names


def _digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_two_builds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    """Assert that building the same commit again gives the same bytes, file for file."""
    again = tmp_path / "site"
    assert build_site(ROOT, again) == 0
    first, second = _digest(site), _digest(again)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
