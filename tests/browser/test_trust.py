"""Trust, checked in Chromium on every page type in both languages: nothing leaks (no foreign
request, no cookie, no storage but the referral selection), axe-core finds no WCAG 2.1 AA
violation, pages reflow at 320 px, and the finder and the language switch work by keyboard."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import Watched

PAGE_TYPES = {
    "home": "{lang}/",
    "guide": "{lang}/guide/trauma-sensitive-practice/",
    "sanctions": "{lang}/guide/sanctions/",
    "sanction": "{lang}/guide/sanctions/nationality/",
    "glossary": "{lang}/glossary/",
    "service": "{lang}/services/caprev/",
    "house-of-justice": "{lang}/services/justitiehuis-gent/",
    "commune": "{lang}/communes/21015/",
    "communes": "{lang}/communes/",
    "domain": "{lang}/domains/housing/",
    "finder": "{lang}/finder/?commune=21015&domain=housing",
    "referral": "{lang}/referral/",
    "privacy": "{lang}/about/privacy/",
}
PAGES = [("landing", "", "fr")] + [(kind, url.format(lang=lang), lang) for lang in ("fr", "nl") for kind, url in PAGE_TYPES.items()]
IDS = [f"{kind}-{lang}" for kind, _, lang in PAGES]
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def select_two(watched: Watched, server: str, lang: str) -> None:
    """Put two services on the referral sheet, as a worker would, so that the sheet has content."""
    watched.page.goto(f"{server}{lang}/finder/?commune=21015&domain=work")
    watched.page.check("#atlas-pick-actiris")
    watched.page.check("#atlas-pick-vdab")


def open_page(watched: Watched, server: str, kind: str, url: str, lang: str) -> None:
    """Open a page type as a worker would reach it (the referral sheet with a selection)."""
    if kind == "referral":
        select_two(watched, server, lang)
    watched.page.goto(server + url)
    watched.page.wait_for_load_state("networkidle")


@pytest.mark.parametrize(("kind", "url", "lang"), PAGES, ids=IDS)
def test_nothing_leaks(watched: Watched, server: str, kind: str, url: str, lang: str) -> None:
    """Assert no request to another origin, no cookie, and no storage but the referral selection."""
    open_page(watched, server, kind, url, lang)
    if kind != "landing":
        watched.page.locator(".md-search__input").fill("logement" if lang == "fr" else "wonen")
        watched.page.wait_for_selector(".md-search-result__meta")
    assert watched.foreign == []
    assert watched.errors == []
    assert watched.context.cookies() == []
    local = watched.page.evaluate("() => Object.keys(window.localStorage)")
    session = watched.page.evaluate("() => Object.keys(window.sessionStorage)")
    assert set(local) <= {"atlas-referral"}, local
    assert session == [], session
    if kind == "referral":
        assert local == ["atlas-referral"]


@pytest.mark.parametrize(("kind", "url", "lang"), PAGES, ids=IDS)
def test_no_accessibility_violation(watched: Watched, server: str, kind: str, url: str, lang: str) -> None:
    """Assert that axe-core reports no WCAG 2.0/2.1 A or AA violation."""
    open_page(watched, server, kind, url, lang)
    results = Axe().run(watched.page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize(("kind", "url", "lang"), PAGES, ids=IDS)
def test_reflows_at_320_px(watched: Watched, server: str, kind: str, url: str, lang: str) -> None:
    """Assert that the page needs no horizontal scrolling on a 320 px wide screen."""
    watched.page.set_viewport_size({"width": 320, "height": 640})
    watched.page.goto(server + url)
    watched.page.wait_for_load_state("networkidle")
    width = watched.page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 320


def tab_to(watched: Watched, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        watched.page.keyboard.press("Tab")
        if watched.page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def focus_is_visible(watched: Watched) -> bool:
    return bool(
        watched.page.evaluate(
            """() => { const s = getComputedStyle(document.activeElement);
                       return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none'; }"""
        )
    )


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_finder_by_keyboard_only(watched: Watched, server: str, lang: str) -> None:
    """Assert that the finder can be used with the keyboard alone, with a visible focus."""
    watched.page.goto(f"{server}{lang}/finder/")
    tab_to(watched, "#atlas-f-commune")
    assert focus_is_visible(watched)
    watched.page.keyboard.type("1030")
    watched.page.wait_for_function("(part) => document.location.search.includes(part)", arg="commune=21015")
    # the results come right after the commune field and the folded filters: a few Tabs, not 32
    presses = 0
    while not watched.page.evaluate("() => document.activeElement && document.activeElement.matches('#atlas-f-results a')"):
        watched.page.keyboard.press("Tab")
        presses += 1
        assert presses <= 3, "the first result is more than three Tabs after the commune field"
    watched.page.keyboard.press("Shift+Tab")
    assert watched.page.evaluate("() => document.activeElement.matches('[data-atlas-filters] > summary')")
    watched.page.keyboard.press("Enter")  # opens the filters
    tab_to(watched, "input[name=domain][value=housing]")
    assert focus_is_visible(watched)
    watched.page.keyboard.press("Space")
    watched.page.wait_for_function("(part) => document.location.search.includes(part)", arg="domain=housing")
    tab_to(watched, "#atlas-f-results input[data-id]")
    watched.page.keyboard.press("Space")
    assert watched.page.evaluate("() => JSON.parse(localStorage.getItem('atlas-referral')).length") == 1
    tab_to(watched, "#atlas-f-results a")
    target = watched.page.evaluate("() => document.activeElement.href")
    watched.page.keyboard.press("Enter")
    watched.page.wait_for_url(target)
    assert "/services/" in watched.page.url
    assert watched.errors == []
    assert watched.foreign == []


@pytest.mark.parametrize(("lang", "other", "name"), [("fr", "nl", "Nederlands"), ("nl", "fr", "Français")])
def test_language_switch_by_keyboard(watched: Watched, server: str, lang: str, other: str, name: str) -> None:
    """Assert that the language switch is reachable by Tab and lands on the twin page."""
    watched.page.goto(f"{server}{lang}/communes/21015/")
    tab_to(watched, f"a.md-select__link[hreflang={other}]")
    assert watched.page.evaluate("() => document.activeElement.textContent.trim()") == name
    assert focus_is_visible(watched)
    watched.page.keyboard.press("Enter")
    watched.page.wait_for_url(f"{server}{other}/communes/21015/")
    assert watched.page.evaluate("() => document.documentElement.lang") == other
