"""Material's site search in two steps (atlas.build.search): the page loads the small first index,
and the site's worker loads the full one at the first query, then answers from it — in the served
site and in the offline copy opened from disk."""

from __future__ import annotations

import bisect
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from atlas.text.folding import fold
from tests.browser.conftest import Watched, first_index_page, open_search, search_index, wait_for_full_index

LANGS = ("fr", "nl")


def body_only_word(site: Path, lang: str) -> tuple[str, str]:
    """A word of one service page's sections (its body text) that the first index lacks, with no
    first-index word starting like it (so neither a prefix nor a stem finds it there): (word,
    page location). The first in alphabetical order, so that a run is repeatable."""
    first = json.loads((site / lang / "search" / "search_index.json").read_text(encoding="utf-8"))
    full = json.loads((site / lang / "search" / "search_index.full.json").read_text(encoding="utf-8"))

    def words(doc: dict[str, str]) -> set[str]:
        return set(fold(re.sub(r"<[^>]*>", " ", f"{doc['title']} {doc['text']}")).split())

    known = sorted({word for doc in first["docs"] for word in words(doc)})
    pages: dict[str, set[str]] = {}
    for doc in full["docs"]:
        for word in words(doc):
            pages.setdefault(word, set()).add(doc["location"].split("#", maxsplit=1)[0])

    def in_first(prefix: str) -> bool:
        at = bisect.bisect_left(known, prefix)
        return at < len(known) and known[at].startswith(prefix)

    found = sorted(
        (word, next(iter(where)))
        for word, where in pages.items()
        if len(word) >= 10 and word.isalpha() and len(where) == 1
        and next(iter(where)).startswith("services/") and not in_first(word[:5])
    )
    assert found, f"no word of a service page's body text is missing from the {lang} first index"
    return found[0]


def _config(page: Page, key: str) -> str:
    return str(page.evaluate("(key) => JSON.parse(document.getElementById('__config').textContent).translations[key]", key))


def _type(page: Page, query: str) -> None:
    open_search(page)
    box = page.locator(".md-search__input")
    box.fill("")
    box.press_sequentially(query, delay=5)


def _links(page: Page) -> list[str]:
    return page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.getAttribute('href'))")


def _wait_for_link(page: Page, location: str) -> list[str]:
    page.wait_for_function(
        "(loc) => [...document.querySelectorAll('.md-search-result__link')].some(a => a.getAttribute('href').includes(loc))",
        arg=location,
        timeout=15_000,
    )
    return _links(page)


@pytest.mark.parametrize("lang", LANGS)
def test_body_text_is_found_once_the_full_index_is_loaded(watched: Watched, server: str, site: Path, lang: str) -> None:
    """Assert the page loads only the first index, the worker asks for the full index at the first
    query (not before), and a word found only in a service page's body text then finds that page."""
    word, location = body_only_word(site, lang)
    page = watched.page
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url) if "/search/" in request.url else None)
    page.goto(f"{server}{lang}/")
    placeholder = _config(page, "search.result.placeholder")
    page.wait_for_function(  # the worker is READY and answered the empty query
        "(text) => document.querySelector('.md-search-result__meta').textContent === text", arg=placeholder
    )
    page.wait_for_timeout(300)
    assert requests == [f"{server}{lang}/search/search_index.json"]
    assert search_index(page) == "first"
    _type(page, word)
    wait_for_full_index(page)
    links = _wait_for_link(page, location)
    assert requests == [f"{server}{lang}/search/search_index.json", f"{server}{lang}/search/search_index.full.json"]
    assert any(location in link for link in links), (word, links)
    assert watched.errors == []
    assert watched.foreign == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_first_index_answers_alone(browser: Browser, server: str, site: Path, lang: str) -> None:
    """Assert that with the full index out of reach the search still answers from the first one:
    a service found by its name, and the body-only word finding nothing of its page."""
    word, location = body_only_word(site, lang)
    first = json.loads((site / lang / "search" / "search_index.json").read_text(encoding="utf-8"))
    service = next(doc for doc in first["docs"] if doc["location"] == location)
    context, page, errors = first_index_page(browser, f"{server}{lang}/")
    _type(page, word)
    page.wait_for_function("() => /\\d|aucun|geen/i.test(document.querySelector('.md-search-result__meta').textContent)")
    for _ in range(50):  # the worker tried, failed, and stays with the first index
        if search_index(page) == "first":
            break
        page.wait_for_timeout(100)
    assert search_index(page) == "first"
    assert not any(location in link for link in _links(page))
    name = max(re.findall(r"[^\W\d_]{6,}", service["title"]), key=len)  # the longest word of its name
    _type(page, name)
    assert any(location in link for link in _wait_for_link(page, location))
    assert errors == []
    context.close()


def test_body_text_is_found_in_the_offline_copy(browser: Browser, offline_copy: Path) -> None:
    """Assert the same from disk (the worker in the iframe-worker shim loads search_index.full.js),
    in both languages."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    for lang in LANGS:
        assert (offline_copy / lang / "search" / "search_index.full.js").read_text(encoding="utf-8").startswith("var __index_full = {")
        word, location = body_only_word(offline_copy, lang)
        page.goto((offline_copy / lang / "index.html").as_uri())
        _type(page, word)
        wait_for_full_index(page)
        assert any(location in link for link in _wait_for_link(page, location)), (lang, word)
    assert errors == []
    context.close()
