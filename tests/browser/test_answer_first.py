"""Answer first (issue 13): at 360×740, in both languages, the task and the answer come before
everything else, and the paper a worker hands over fits one page.

Every test also asserts that nothing was logged as an error and nothing was asked of another
origin (the `watched` fixture)."""

from __future__ import annotations

import io
import json
import re

import pytest
from pypdf import PdfReader

from tests.browser.conftest import Watched

PHONE = {"width": 360, "height": 740}
SHEET = ["cpas-anderlecht", "baj-bruxelles-nl", "caprev", "cpas-schaerbeek"]
AREAS = {
    "fr": ["Banque et argent", "Voyages", "Travail", "Logement", "Prestations sociales", "Famille"],
    "nl": ["Bank en geld", "Reizen", "Werk", "Wonen", "Uitkeringen", "Gezin"],
}
LANGS = ["fr", "nl"]


def on_phone(watched: Watched, server: str, path: str) -> None:
    watched.page.set_viewport_size(PHONE)
    watched.page.goto(server + path)
    watched.page.wait_for_load_state("networkidle")


def bottom(watched: Watched, selector: str) -> float:
    box = watched.page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not displayed"
    return box["y"] + box["height"]


def top(watched: Watched, selector: str) -> float:
    box = watched.page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not displayed"
    return box["y"]


def assert_clean(watched: Watched) -> None:
    assert watched.errors == []
    assert watched.foreign == []


def select(watched: Watched, server: str, ids: list[str]) -> None:
    watched.page.goto(server + "fr/")
    watched.page.evaluate("(ids) => localStorage.setItem('atlas-referral', JSON.stringify(ids))", ids)


@pytest.mark.parametrize("lang", LANGS)
def test_home_puts_the_commune_field_and_domains_above_the_fold(watched: Watched, server: str, lang: str) -> None:
    """Assert the commune field and its button end above 740 px, the first life domains are
    visible too, and submitting a postcode with a domain opens the finder on that commune."""
    on_phone(watched, server, f"{lang}/")
    assert bottom(watched, "#atlas-home-place") < PHONE["height"]
    assert bottom(watched, ".atlas-home-row button[type=submit]") < PHONE["height"]
    assert top(watched, ".atlas-domain-choice") < PHONE["height"]
    assert watched.page.locator(".atlas-domain-choice").count() >= 10
    watched.page.fill("#atlas-home-place", "1030")
    watched.page.click(".atlas-domain-choice[value=housing]")
    watched.page.wait_for_function("() => document.location.search.includes('commune=21015')")
    assert "domain=housing" in watched.page.url
    assert watched.page.locator("#atlas-f-results > li").count() > 0
    assert_clean(watched)


@pytest.mark.parametrize("lang", LANGS)
def test_first_result_card_starts_above_the_fold(watched: Watched, server: str, lang: str) -> None:
    """Assert that with ?commune=21015 the first card starts above 740 px; filters are folded;
    the first card is a local office of Schaerbeek, with a tel: link in international form,
    a plain-words reach ("dans la commune"), the two dates, and no area jargon."""
    on_phone(watched, server, f"{lang}/finder/?commune=21015")
    watched.page.wait_for_selector("#atlas-f-results > li")
    assert top(watched, "#atlas-f-results > li") < PHONE["height"]
    assert watched.page.eval_on_selector("[data-atlas-filters]", "d => d.open") is False
    first = watched.page.locator("#atlas-f-results > li").first
    assert {"fr": "Schaerbeek", "nl": "Schaarbeek"}[lang] in first.locator("h3").inner_text()
    assert first.locator("a[href^='tel:+32']").count() >= 1
    reach = first.locator(".atlas-reach").inner_text()
    assert reach == {"fr": "dans la commune", "nl": "in de gemeente"}[lang]
    dates = first.locator(".atlas-dates").inner_text()
    assert {"fr": "Sources consultées le", "nl": "Bronnen geraadpleegd op"}[lang] in dates
    assert {"fr": "confirmé", "nl": "bevestigd"}[lang] in dates.lower()
    # how local, in plain words only: no area jargon line ("arrondissement judiciaire de … (sauf : …)")
    plain = {
        "fr": {"dans la commune", "dans l'arrondissement", "dans la province", "toute la Région", "toute la Communauté", "tout le pays"},
        "nl": {"in de gemeente", "in het arrondissement", "in de provincie", "het hele gewest", "de hele gemeenschap", "heel het land"},
    }[lang]
    reaches = set(watched.page.eval_on_selector_all("#atlas-f-results .atlas-reach", "els => els.map(e => e.textContent)"))
    assert reaches, "no result card says how far its service reaches"
    assert reaches <= plain, reaches
    text = watched.page.inner_text("#atlas-f-results")
    assert "(sauf" not in text
    assert "(behalve" not in text
    # local offices before networks, and networks say how to find the local office
    kinds = watched.page.eval_on_selector_all(
        "#atlas-f-results > li", "els => els.map(e => e.classList.contains('atlas-result-network'))"
    )
    assert kinds[0] is False, f"the first result is a network (is network, per card: {kinds!r})"
    assert True in kinds, f"no network among the results (is network, per card: {kinds!r})"
    network = watched.page.locator("#atlas-f-results > li.atlas-result-network .atlas-network").first.inner_text()
    assert network == {"fr": "réseau : trouvez le bureau local", "nl": "netwerk: zoek het lokale kantoor"}[lang]
    assert_clean(watched)


@pytest.mark.parametrize("lang", LANGS)
def test_every_card_with_a_phone_has_a_tel_link(watched: Watched, server: str, lang: str) -> None:
    """Assert that every card of a service with a phone links it as tel:, from the finder data."""
    on_phone(watched, server, f"{lang}/finder/?commune=21004")
    watched.page.wait_for_selector("#atlas-f-results > li")
    with_phone = watched.page.evaluate(
        "() => window.ATLAS_FINDER.services.filter(s => s.p).map(s => s.i)"
    )
    cards = watched.page.eval_on_selector_all(
        "#atlas-f-results > li",
        "els => els.map(e => [e.querySelector('input[data-id]').dataset.id, [...e.querySelectorAll('a[href^=\"tel:\"]')].map(a => a.getAttribute('href'))])",
    )
    assert cards
    for service_id, hrefs in cards:
        if service_id in with_phone:
            assert hrefs, f"{service_id}: a phone but no tel: link"
            assert all(re.fullmatch(r"tel:(\+32\d{8,9}|\d{3,4})", href) for href in hrefs), hrefs
    assert_clean(watched)


@pytest.mark.parametrize("lang", LANGS)
def test_filters_fold_summarise_and_clear_without_the_commune(watched: Watched, server: str, lang: str) -> None:
    """Assert the folded filters say how many are active, "clear the filters" keeps the commune,
    "show more" is not displayed when everything is shown, and the commune choices have no bullets."""
    on_phone(watched, server, f"{lang}/finder/?commune=21015&domain=housing,income")
    summary = watched.page.inner_text(".atlas-filter-summary")
    assert summary == {"fr": "(2 filtres actifs)", "nl": "(2 filters actief)"}[lang]
    assert watched.page.is_visible("#atlas-f-more") is False
    watched.page.click("[data-atlas-filters] > summary")
    watched.page.click(".atlas-clear-filters")
    watched.page.wait_for_function("() => !document.location.search.includes('domain=')")
    assert "commune=21015" in watched.page.url
    assert watched.page.input_value("#atlas-f-commune") in ("Schaerbeek", "Schaarbeek")
    assert watched.page.inner_text(".atlas-filter-summary") == ""
    watched.page.fill("#atlas-f-commune", "sint")
    watched.page.wait_for_selector("#atlas-f-suggestions:not([hidden]) li")
    style = watched.page.eval_on_selector("#atlas-f-suggestions li", "li => getComputedStyle(li).listStyleType")
    assert style == "none"
    assert_clean(watched)


@pytest.mark.parametrize("lang", LANGS)
def test_show_more_appears_only_when_there_is_more(watched: Watched, server: str, lang: str) -> None:
    """Assert "show more" is displayed when more services match than the 20 cards drawn first, and
    adds results."""
    on_phone(watched, server, f"{lang}/finder/")
    watched.page.wait_for_selector("#atlas-f-results > li")
    total = int(watched.page.get_attribute("#atlas-f-status", "data-count") or "0")
    shown = watched.page.locator("#atlas-f-results > li").count()
    if total > shown:
        assert watched.page.is_visible("#atlas-f-more")
        watched.page.click("#atlas-f-more")
        assert watched.page.locator("#atlas-f-results > li").count() > shown
    else:
        assert watched.page.is_visible("#atlas-f-more") is False
    assert total > 50, "the real data has more than one page of services"
    assert_clean(watched)


@pytest.mark.parametrize("lang", LANGS)
def test_language_switch_keeps_the_query_and_hash(watched: Watched, server: str, lang: str) -> None:
    """Assert the switch from the finder lands on the twin finder with the same commune and
    domain, and from a commune page keeps the fragment."""
    other = "nl" if lang == "fr" else "fr"
    on_phone(watched, server, f"{lang}/finder/?commune=21015&domain=housing")
    link = watched.page.locator(f".md-select__link[hreflang={other}]")
    href = link.get_attribute("href") or ""
    assert href.endswith(f"{other}/finder/?commune=21015&domain=housing"), href
    watched.page.goto(server + f"{lang}/communes/21004/#houses-of-justice")
    watched.page.wait_for_load_state("networkidle")
    href = watched.page.locator(f".md-select__link[hreflang={other}]").get_attribute("href") or ""
    assert href.endswith(f"{other}/communes/21004/#houses-of-justice"), href
    assert_clean(watched)


@pytest.mark.parametrize("lang", LANGS)
def test_service_page_has_the_answer_above_the_fold(watched: Watched, server: str, lang: str) -> None:
    """Assert the "at a glance" block's phone (tel:), how to refer and address (geo:) are
    above 740 px on a service page with a location."""
    on_phone(watched, server, f"{lang}/services/cpas-anderlecht/")
    assert bottom(watched, ".atlas-glance a[href^='tel:+32']") < PHONE["height"]
    assert bottom(watched, ".atlas-glance a[href^='geo:']") < PHONE["height"]
    hours = watched.page.inner_text(".atlas-glance")
    assert {"fr": "lun–ven 7 h 30–11 h, 13 h–15 h", "nl": "ma–vr 7.30–11, 13–15 uur"}[lang] in hours
    assert_clean(watched)


@pytest.mark.parametrize("lang", LANGS)
def test_referral_sheet_prints_four_services_on_one_a4_page(watched: Watched, server: str, lang: str) -> None:
    """Assert "Print" is disabled while the sheet is empty; with four services (selected in the
    other language: the selection is shared) the PDF is one A4 page holding every name, a
    phone, the typed appointment, and a QR code per service; the typed fields are not stored."""
    watched.page.set_viewport_size(PHONE)
    watched.page.goto(server + f"{lang}/referral/")
    watched.page.evaluate("() => localStorage.clear()")
    watched.page.reload()
    watched.page.wait_for_load_state("networkidle")
    assert watched.page.is_disabled(".atlas-sheet-print")
    select(watched, server, SHEET)
    watched.page.goto(server + f"{lang}/referral/")
    watched.page.wait_for_selector(".atlas-referral-item")
    assert watched.page.is_enabled(".atlas-sheet-print")
    watched.page.fill("#atlas-sheet-appointment", "12/12 10:00")
    watched.page.fill("#atlas-sheet-note", "Apporter la carte d'identité")
    names = watched.page.eval_on_selector_all(".atlas-referral-item h3", "els => els.map(e => e.textContent)")
    phone = watched.page.inner_text(".atlas-referral-item .atlas-tel")
    assert len(names) == 4
    qr = watched.page.eval_on_selector_all(".atlas-sheet-qr", "els => els.map(e => e.naturalWidth)")
    assert len(qr) == 4, qr
    assert all(width > 0 for width in qr), f"a QR image did not load (natural widths {qr!r})"
    pdf = PdfReader(io.BytesIO(watched.page.pdf(format="A4", prefer_css_page_size=True)))
    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert abs(float(box.width) - 595) < 2, f"page width {box.width} pt, A4 is 595"
    assert abs(float(box.height) - 842) < 2, f"page height {box.height} pt, A4 is 842"
    text = re.sub(r"\s+", " ", pdf.pages[0].extract_text())
    for name in names:
        assert re.sub(r"\s+", " ", name)[:30] in text
    assert "12/12 10:00" in text, "the appointment is not printed"
    assert phone in text, f"the phone {phone!r} is not printed"
    assert {"fr": "Imprimer la fiche", "nl": "Fiche afdrukken"}[lang] not in text
    stored = watched.page.evaluate("() => Object.keys(localStorage)")
    assert stored == ["atlas-referral"]
    assert json.loads(watched.page.evaluate("() => localStorage.getItem('atlas-referral')")) == SHEET
    assert_clean(watched)


@pytest.mark.parametrize("lang", LANGS)
def test_sanctions_overview_prints_every_column(watched: Watched, server: str, lang: str) -> None:
    """Assert the matrix is readable at 360 px (no sideways scroll, a word in each cell) and that
    printing the overview puts it on an A4 landscape page with all six life areas."""
    on_phone(watched, server, f"{lang}/guide/sanctions/")
    assert watched.page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    cell = watched.page.locator(".atlas-matrix td").first.inner_text()
    assert re.search(r"direct|indirect|aucun|geen", cell)
    watched.page.set_viewport_size({"width": 1280, "height": 800})
    pdf = PdfReader(io.BytesIO(watched.page.pdf(format="A4", prefer_css_page_size=True)))
    matrix_pages = [p for p in pdf.pages if all(area in re.sub(r"\s+", " ", p.extract_text()) for area in AREAS[lang])]
    assert matrix_pages, "no printed page holds every column of the matrix"
    box = matrix_pages[0].mediabox
    assert float(box.width) > float(box.height), "the matrix page is not landscape"
    assert_clean(watched)


@pytest.mark.parametrize("lang", LANGS)
def test_whole_guide_print_has_cover_contents_matrix_and_page_numbers(watched: Watched, server: str, lang: str) -> None:
    """Assert the print view's first pages: a cover with the edition date, a table of contents,
    the matrix with every column, and page numbers ('1 / N')."""
    watched.page.goto(server + f"{lang}/guide/sanctions/print/")
    pdf = PdfReader(io.BytesIO(watched.page.pdf(format="A4", prefer_css_page_size=True)))
    pages = [re.sub(r"\s+", " ", page.extract_text()) for page in pdf.pages]
    count = len(pages)
    assert {"fr": "Édition du", "nl": "Editie van"}[lang] in pages[0]
    assert f"1 / {count}" in pages[0], f"no '1 / {count}' on the first page"
    assert f"{count} / {count}" in pages[-1], f"no '{count} / {count}' on the last page"
    assert {"fr": "Sommaire", "nl": "Inhoud"}[lang] in pages[1]
    assert any(all(area in page for area in AREAS[lang]) for page in pages[1:4])
    assert_clean(watched)


def test_dutch_lists_are_in_dutch_order(watched: Watched, server: str) -> None:
    """Assert the Dutch housing page lists each group in the order of a Dutch collator that
    ignores accents and case (the browser's own Intl.Collator is the reference), and differs from
    the French page's order of the same services where the names differ."""
    on_phone(watched, server, "nl/domains/housing/")
    groups = watched.page.evaluate(
        """() => [...document.querySelectorAll('.md-content h2')].map(h => {
            const list = h.nextElementSibling && h.nextElementSibling.tagName === 'UL' ? h.nextElementSibling : null;
            return list ? [...list.children].map(li => li.querySelector('a').textContent) : [];
        })"""
    )
    assert any(len(group) > 2 for group in groups)
    for group in groups:
        expected = watched.page.evaluate(
            "(names) => [...names].sort(new Intl.Collator('nl', {sensitivity: 'base'}).compare)", group
        )
        assert group == expected
    assert_clean(watched)
