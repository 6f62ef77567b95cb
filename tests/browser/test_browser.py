"""The finder, the referral sheet and the print views in Debian's Chromium, in both languages.

Every test also asserts that the flow logged no console error and asked nothing of another
origin (the `watched` fixture aborts and records such requests)."""

from __future__ import annotations

import io
import json
import re

import pytest
from pypdf import PdfReader

from tests.browser.conftest import Watched

COMMUNE_NAMES = {"fr": ("liege", "Liège", "62063"), "nl": ("luik", "Luik", "62063")}
DOMAIN_LABEL = {"fr": "Emploi et formation", "nl": "Werk en opleiding"}


def finder(watched: Watched, server: str, lang: str, query: str = "") -> None:
    watched.page.goto(f"{server}{lang}/finder/{query}")
    watched.page.wait_for_selector("#atlas-finder form:not([hidden])")


def result_ids(watched: Watched) -> list[str]:
    """Every result's service id, in order: "show more" clicked until all are shown, as a worker
    looking for one service further down would (the finder draws 20 cards at first)."""
    page = watched.page
    for _ in range(200):
        if not page.is_visible("#atlas-f-more"):
            break
        page.click("#atlas-f-more")
    return page.eval_on_selector_all("#atlas-f-results input[data-id]", "els => els.map(e => e.dataset.id)")


def open_filters(watched: Watched) -> None:
    """The filters are folded under the commune field; open them as a worker would."""
    if not watched.page.eval_on_selector("[data-atlas-filters]", "d => d.open"):
        watched.page.click("[data-atlas-filters] > summary")


def status_count(watched: Watched) -> int:
    return int(watched.page.get_attribute("#atlas-f-status", "data-count") or "-1")


def assert_clean(watched: Watched) -> None:
    assert watched.errors == []
    assert watched.foreign == []


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_postcode_query(watched: Watched, server: str, lang: str) -> None:
    """Assert that typing 1030 picks Schaerbeek and lists its services, Brussels ones included."""
    finder(watched, server, lang)
    watched.page.fill("#atlas-f-commune", "1030")
    watched.page.wait_for_function("(part) => document.location.search.includes(part)", arg="commune=21015")
    assert "1030" in watched.page.inner_text("#atlas-f-commune-state")
    ids = result_ids(watched)
    assert "actiris" in ids
    assert "caprev" in ids
    assert "opgroeien" in ids
    assert "le-forem" not in ids
    assert "vdab" in ids
    assert status_count(watched) >= len(ids) > 10
    assert_clean(watched)


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_commune_name_without_accents(watched: Watched, server: str, lang: str) -> None:
    """Assert that 'liege' / 'luik' finds Liège, and a partial name offers choices."""
    typed, shown, nis = COMMUNE_NAMES[lang]
    finder(watched, server, lang)
    watched.page.fill("#atlas-f-commune", typed)
    watched.page.wait_for_function("(part) => document.location.search.includes(part)", arg=f"commune={nis}")
    assert shown in watched.page.inner_text("#atlas-f-commune-state")
    assert "le-forem" in result_ids(watched)
    assert "actiris" not in result_ids(watched)
    watched.page.fill("#atlas-f-commune", "sint-j")  # Sint-/Saint-/St- are one word: "sint" alone offers them all
    assert watched.page.locator("#atlas-f-suggestions button").count() > 1
    watched.page.locator("#atlas-f-suggestions button", has_text="Sint-Jans-Molenbeek" if lang == "nl" else "Molenbeek").first.click()
    watched.page.wait_for_function("(part) => document.location.search.includes(part)", arg="commune=21012")
    assert_clean(watched)


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_domain_and_language_filters_combined(watched: Watched, server: str, lang: str) -> None:
    """Assert that commune + domain + language narrow the results to services matching all."""
    finder(watched, server, lang, "?commune=44021")
    everything = status_count(watched)
    open_filters(watched)
    watched.page.check("input[name=domain][value=work]")
    watched.page.select_option("#atlas-f-lang", "nl")
    watched.page.wait_for_function("(part) => document.location.search.includes(part)", arg="lang=nl")
    ids = result_ids(watched)
    assert "vdab" in ids
    assert "actiris" not in ids
    assert 0 < status_count(watched) < everything
    domains = watched.page.evaluate(
        "(ids) => window.ATLAS_FINDER.services.filter(s => ids.includes(s.i)).map(s => s.d.map(d => window.ATLAS_FINDER.domains[d][1]))",
        ids,
    )
    assert domains, f"no domains read for {ids!r}"
    assert [labels for labels in domains if DOMAIN_LABEL[lang] not in labels] == []
    watched.page.select_option("#atlas-f-lang", "de")  # only languages that services state are offered
    watched.page.wait_for_function("(part) => document.location.search.includes(part)", arg="lang=de")
    assert status_count(watched) == 0
    # the live region announces it once typing pauses (until then it holds the previous count)
    watched.page.wait_for_function(
        "() => /Aucun service|Geen enkele dienst/.test(document.getElementById('atlas-f-status').textContent)"
    )
    assert_clean(watched)


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_url_state_restored_on_reload_and_history(watched: Watched, server: str, lang: str) -> None:
    """Assert that the URL holds the state: reload restores it, back and forward work."""
    finder(watched, server, lang, "?commune=21015&domain=housing&text=social")
    first = result_ids(watched)
    assert first, "no results for commune 21015, housing, 'social'"
    assert watched.page.input_value("#atlas-f-q") == "social"
    assert watched.page.is_checked("input[name=domain][value=housing]")
    watched.page.reload()
    watched.page.wait_for_selector("#atlas-finder form:not([hidden])")
    assert result_ids(watched) == first
    open_filters(watched)
    watched.page.check("input[name=audience][value=families]")
    watched.page.wait_for_function("(part) => document.location.search.includes(part)", arg="audience=families")
    watched.page.go_back()
    watched.page.wait_for_function("(part) => !document.location.search.includes(part)", arg="audience=families")
    assert not watched.page.is_checked("input[name=audience][value=families]")
    assert result_ids(watched) == first
    watched.page.go_forward()
    watched.page.wait_for_function("(part) => document.location.search.includes(part)", arg="audience=families")
    assert watched.page.is_checked("input[name=audience][value=families]")
    assert_clean(watched)


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_referral_sheet_selected_printed_and_cleared(watched: Watched, server: str, lang: str) -> None:
    """Assert that ticked services reach the printable sheet (PDF), stay in this browser only,
    and are cleared in one click."""
    finder(watched, server, lang, "?commune=21015&domain=work")
    watched.page.check("#atlas-pick-actiris")
    watched.page.check("#atlas-pick-vdab")
    storage = watched.page.evaluate("() => Object.assign({}, window.localStorage)")
    assert storage == {"atlas-referral": json.dumps(["actiris", "vdab"], separators=(",", ":"))}
    watched.page.goto(f"{server}{lang}/referral/")
    items = watched.page.locator(".atlas-referral-item h3")
    assert items.count() == 2
    names = items.all_inner_texts()
    pdf = PdfReader(io.BytesIO(watched.page.pdf(format="A4", print_background=False)))
    text = " ".join(page.extract_text() for page in pdf.pages)
    flat = re.sub(r"\s+", " ", text)
    for name in names:
        assert re.sub(r"\s+", " ", name).split(" – ")[0] in flat
    assert "0800 30 700" in flat  # VDAB's phone number is on the sheet
    assert re.search(r"20\d\d", flat)  # the date of the sheet
    assert watched.context.cookies() == []
    watched.page.click(".atlas-referral-actions .atlas-sheet-clear")
    assert watched.page.locator(".atlas-referral-item").count() == 0
    assert watched.page.is_visible(".atlas-referral-empty")
    assert watched.page.evaluate("() => window.localStorage.length") == 0
    assert_clean(watched)


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_sanctions_guide_prints_one_measure_per_page(watched: Watched, server: str, lang: str) -> None:
    """Assert that the print view gives a readable PDF, each measure starting a new page."""
    watched.page.goto(f"{server}{lang}/guide/sanctions/print/")
    titles = watched.page.locator(".atlas-print-measure > h2").all_inner_texts()
    assert len(titles) >= 10
    pdf = PdfReader(io.BytesIO(watched.page.pdf(format="A4")))
    assert len(pdf.pages) >= len(titles)
    starts = [re.sub(r"\s+", " ", page.extract_text()) for page in pdf.pages]
    for title in titles:
        assert any(re.sub(r"\s+", " ", title) in text[:400] for text in starts), f"'{title}' does not start a page"
    assert_clean(watched)


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_commune_page_opens_the_finder_filled_in(watched: Watched, server: str, lang: str) -> None:
    """Assert that a commune page's finder link opens the finder with the commune chosen."""
    watched.page.goto(f"{server}{lang}/communes/21015/")
    watched.page.click("a[href*='finder/?commune=21015']")
    watched.page.wait_for_selector("#atlas-finder form:not([hidden])")
    assert watched.page.input_value("#atlas-f-commune") in ("Schaerbeek", "Schaarbeek")
    assert "actiris" in result_ids(watched)
    assert_clean(watched)


def test_finder_without_javascript_points_to_the_pages(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    """Assert that with JavaScript off the finder says so and links to communes and domains."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}fr/finder/")
    message = page.locator("#atlas-finder .atlas-nojs")
    assert message.is_visible()
    assert page.locator("#atlas-finder .atlas-nojs a[href='../communes/']").count() == 1
    assert not page.locator("#atlas-finder form").is_visible()
    page.goto(f"{server}fr/communes/21015/")
    assert page.locator("a[href='../../services/actiris/']").count() >= 1
    context.close()


@pytest.mark.parametrize(("lang", "typed", "expected"), [
    ("fr", "liege", "Liège"), ("fr", "1080", "Molenbeek-Saint-Jean"), ("nl", "sint-jans-molenbeek", "Sint-Jans-Molenbeek"), ("nl", "luik", "Luik"),
])
def test_commune_index_lookup(watched: Watched, server: str, lang: str, typed: str, expected: str) -> None:
    """Assert the commune index filters as you type, by name without accents or by postcode."""
    watched.page.goto(f"{server}{lang}/communes/")
    watched.page.fill("#atlas-lookup-input", typed)
    visible = watched.page.eval_on_selector_all(".atlas-communes li:not([hidden]) a", "els => els.map(e => e.textContent)")
    assert expected in visible
    assert len(visible) < 10
    assert str(len(visible)) in watched.page.inner_text("#atlas-lookup-status")
    assert_clean(watched)
