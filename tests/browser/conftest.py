"""Browser fixtures: Debian's Chromium driven by Playwright, and the built site served on loopback.
Every test in this folder is marked `browser`."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright
from playwright.sync_api import Error as PlaywrightError


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    """The built site served on a free port of 127.0.0.1, for the browser tests."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def offline_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline copy (`make offline`), built once per session, opened from disk by the tests."""
    from atlas.build.assemble import build_site
    from tests.support import ROOT

    target = tmp_path_factory.mktemp("offline") / "site-offline"
    assert build_site(ROOT, target, offline=True) == 0
    return target


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium through Playwright. Missing Chromium is a failure, never a skip: CI
    installs it (.ci/run)."""
    assert Path(CHROMIUM).exists(), "install Debian's chromium: apt-get install -y chromium"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Watched:
    """A browser page that records console errors, page errors and requests to other origins."""

    page: Page
    context: BrowserContext
    errors: list[str]
    foreign: list[str]


@pytest.fixture
def watched(browser: Browser, server: str) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    foreign: list[str] = []

    def guard(route: Route) -> None:
        url = route.request.url
        if url.startswith(server) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield Watched(page, context, errors, foreign)
    context.close()


def search_index(page: Page) -> str | None:
    """Which index the site's search worker answers from ("first", "loading", "full"; None before
    it runs): a Web Worker served over HTTP, the iframe of the iframe-worker shim from disk."""
    for target in [*page.workers, *page.frames[1:]]:
        try:
            state = target.evaluate("() => (self.atlasSearch || {}).index || null")
        except PlaywrightError:  # a frame navigating or a worker ending: ask the next one
            continue
        if state:
            return str(state)
    return None


def wait_for_full_index(page: Page, timeout_s: float = 30) -> None:
    """Wait until the search worker answers from the full index (after a first query)."""
    for _ in range(int(timeout_s * 10)):
        if search_index(page) == "full":
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"the search worker did not load the full index in {timeout_s:.0f} s (state: {search_index(page)})")


def open_search(page: Page) -> None:
    """Open Material's search and wait until it is open: typed before that, a key such as "n"
    (next page) would act as a shortcut of the page instead of reaching the search box."""
    page.click(".md-search__input")
    page.wait_for_function("() => document.getElementById('__search').checked")


_ANSWERED = "() => /\\d|aucun|geen/i.test(document.querySelector('.md-search-result__meta').textContent)"


def search_results(page: Page, query: str) -> tuple[int, list[str], str]:
    """What Material's search shows for `query`: the number of pages found, their links and the
    results' visible text. The box is emptied first (the meta line then says "type to search"),
    then the whole query is sent as one (a key that writes nothing makes the search read the
    box): the number read is this query's, never that of a previous one or of a prefix typed on
    the way."""
    box = page.locator(".md-search__input")
    box.fill("")
    box.press("End")
    page.wait_for_function(f"() => !({_ANSWERED})()", timeout=15_000)
    box.fill(query)
    box.press("End")
    page.wait_for_function(_ANSWERED, timeout=15_000)  # a number of pages found, or none
    number = re.search(r"\d+", page.inner_text(".md-search-result__meta"))
    links = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.getAttribute('href'))")
    return (int(number.group()) if number else 0), links, page.inner_text(".md-search-result__list")


def first_index_page(browser: Browser, url: str) -> tuple[BrowserContext, Page, list[str]]:
    """A page at `url` whose search can never reach the full index (its request is aborted), and
    the list that collects the page's script errors. Close the context when done."""
    context = browser.new_context()
    context.route("**/search_index.full.json", lambda route: route.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    return context, page, errors
