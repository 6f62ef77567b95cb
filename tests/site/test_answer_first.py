"""Answer first (issue 13), on the built site, in both languages: the home page's task block, the
service pages' "at a glance", plain-words area texts, QR codes, vCards per language, lists in the
page's language order, and the small faults (favicon, sitemap, '1 commune trouvée')."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from atlas.data.directory import Atlas
from atlas.exports.finder_data import read_finder_data
from atlas.exports.qr import qr_svg
from atlas.site.render import tel_href
from atlas.text.collate import sort_key

LANGS = ["fr", "nl"]
ROOT = Path(__file__).resolve().parents[2]


def html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def finder_data(site: Path, lang: str) -> dict:
    text = html(site, f"{lang}/finder/finder-data.js")
    return json.loads(text[text.index("=") + 1 : text.rindex(";")])


@pytest.mark.parametrize("lang", LANGS)
def test_home_opens_with_the_task(site: Path, atlas: Atlas, lang: str) -> None:
    """Assert the home page's first content after the title is a GET form to the finder with a
    place field and one button per life domain, before any paragraph about Atlas."""
    page = html(site, f"{lang}/index.html")
    article = page[page.index("<article") :]
    form = re.search(r'<form class="atlas-home" action="([^"]+)" method="get"', article)
    assert form, f"{lang}: no finder form opens the home article"
    assert form.group(1) == "finder/"
    assert article.index("atlas-home") < article.index("<h2")
    assert 'name="place"' in article
    values = re.findall(r'<button type="submit" name="domain" value="([a-z-]+)"', article)
    assert values == [term.id for term in atlas.taxonomy.domains]


@pytest.mark.parametrize("lang", LANGS)
def test_service_page_at_a_glance(site: Path, atlas: Atlas, lang: str) -> None:
    """Assert every service page opens with the glance block: a tel: link per phone in
    international form (built by tel_href), the two dates named apart, and no alarm when the
    organisation has not confirmed yet."""
    consulted = {"fr": "Sources consultées le", "nl": "Bronnen geraadpleegd op"}[lang]
    unconfirmed = {"fr": "pas encore confirmé avec l'organisation", "nl": "nog niet bevestigd door de organisatie"}[lang]
    for service in atlas.services.values():
        page = html(site, f"{lang}/services/{service.id}/index.html")
        glance = page[page.index('class="atlas-glance"') : page.index("</section>", page.index('class="atlas-glance"'))]
        for phone in service.contact.phones:
            assert f'href="{tel_href(phone.number)}"' in glance, (service.id, phone.number)
        if any(source.retrieved for source in service.sources):
            assert consulted in glance, service.id
        if service.last_verified is None:
            assert unconfirmed in glance.replace("&#39;", "'"), service.id
        assert "atlas-unverified" not in glance
        if service.locations:
            assert 'href="geo:0,0?q=' in glance, service.id
    assert tel_href("0032 2 511 02 71") == tel_href("+32 (0)2 511 02 71") == "tel:+3225110271"


@pytest.mark.parametrize("lang", LANGS)
def test_finder_data_says_what_a_worker_acts_on(site: Path, atlas: Atlas, lang: str) -> None:
    """Assert the finder's records carry the tel: hrefs of tel_href, one line of what and how,
    the reach word, and the network marker for networks only."""
    for record in read_finder_data(finder_data(site, lang)):
        service = atlas.services[record["i"]]
        assert [p[1] for p in record.get("p", [])] == [tel_href(p.number) for p in service.contact.phones]
        assert record["f"], f"{record['i']}: empty 'f' field"
        assert record["h"], f"{record['i']}: empty 'h' field"
        assert "\n" not in record["f"], f"{record['i']}: line break in 'f': {record['f']!r}"
        assert record["rw"] in ("commune", "communes", "arrondissement", "province", "region", "community", "national")
        assert bool(record.get("nw")) == (service.kind == "network")


@pytest.mark.parametrize("lang", LANGS)
def test_exceptions_only_where_they_exclude_a_commune(site: Path, lang: str) -> None:
    """Assert no Flemish justice house says '(sauf : Région wallonne)' / '(behalve: Waals Gewest)',
    which removes nothing from the Flemish Community."""
    phrase = {"fr": "(sauf : Région wallonne)", "nl": "(behalve: Waals Gewest)"}[lang]
    pages = sorted((site / lang / "services").glob("justitiehuis-*/index.html"))
    assert len(pages) >= 10
    assert [p.parent.name for p in pages if phrase in p.read_text(encoding="utf-8")] == []


@pytest.mark.parametrize("lang", LANGS)
def test_lists_are_sorted_in_the_page_language(site: Path, atlas: Atlas, lang: str) -> None:
    """Assert the A–Z index and each domain page's groups follow the page language's names,
    accents and case ignored."""
    page = html(site, f"{lang}/services/index.html")
    article = page[page.index("<article") : page.index("</article>")]
    names = [re.sub(r"<[^>]+>", "", n) for n in re.findall(r'<li><a href="[^"]+/">(.*?)</a></li>', article)]
    assert len(names) == len(atlas.services)
    names = [unescape(name) for name in names]
    assert names == sorted(names, key=lambda n: sort_key(n, lang))
    page = html(site, f"{lang}/domains/housing/index.html")
    for group in re.findall(r"<ul>(.*?)</ul>", page[page.index("<article") : page.index("</article>")], flags=re.S):
        listed = [unescape(re.sub(r"<[^>]+>", "", n)) for n in re.findall(r'<a href="\.\./\.\./services/[^"]+">(.*?)</a>', group)]
        assert listed == sorted(listed, key=lambda n: sort_key(n, lang))


def test_qr_codes_hold_the_service_page_address(site: Path, atlas: Atlas) -> None:
    """Assert one SVG QR code per service and language, made from the service page's address on
    the published site (site_url of mkdocs.yml, written out here rather than computed by the
    function the build uses), with no external reference."""
    for lang in LANGS:
        for service_id in atlas.services:
            svg = html(site, f"{lang}/referral/qr/{service_id}.svg")
            assert svg == qr_svg(f"https://atlas.example.org/{lang}/services/{service_id}/"), f"{lang}/{service_id}.svg"
            assert "<svg" in svg, f"{lang}/{service_id}.svg is not an SVG"
            assert "href" not in svg, f"{lang}/{service_id}.svg holds a reference"


def test_vcards_per_language_with_international_phones(site: Path) -> None:
    """Assert the Dutch vCard of the Ghent prison is in Dutch, the French one in French, and that
    every phone of every vCard is in international form (or a short number)."""
    dutch = html(site, "data/vcards/nl/gevangenis-gent.vcf")
    french = html(site, "data/vcards/fr/gevangenis-gent.vcf")
    assert ";Gent;" in dutch
    assert ";Gand;" not in dutch
    assert ";Gand;" in french
    for path in (site / "data" / "vcards").rglob("*.vcf"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("TEL;"):
                number = line.split(":", 1)[1]
                assert number.startswith("+32 ") or len(number) <= 4, f"{path.name}: {number}"
    page = html(site, "nl/services/gevangenis-gent/index.html")
    assert "data/vcards/nl/gevangenis-gent.vcf" in page


def test_small_faults(site: Path) -> None:
    """Assert the landing page links its favicon, the vendored README is neither a page nor in
    the sitemap, and the commune lookup has a singular count."""
    assert '<link rel="icon" href="assets/images/favicon.png">' in html(site, "index.html")
    assert (site / "assets" / "images" / "favicon.png").exists()
    assert "iframe-worker" not in html(site, "sitemap.xml")
    assert not (site / "assets" / "vendor" / "iframe-worker" / "index.html").exists()
    assert (site / "assets" / "vendor" / "iframe-worker" / "shim.js").exists()
    assert 'data-count-one="1 commune trouvée"' in html(site, "fr/communes/index.html")
    assert 'data-count-one="1 gemeente gevonden"' in html(site, "nl/communes/index.html")


@pytest.mark.parametrize("lang", LANGS)
def test_referral_sheet_and_matrix_markup(site: Path, lang: str) -> None:
    """Assert the referral sheet's print button starts disabled, its two personal fields are not
    inside a form that could send them, the sheet says the selection is shared with the other
    language; the matrix has a word next to every symbol."""
    page = html(site, f"{lang}/referral/index.html")
    assert re.search(r'<button type="button" class="[^"]*atlas-sheet-print[^"]*" data-atlas-print="" disabled=""', page)
    sheet = page[page.index('id="atlas-referral"') :]
    assert "<form" not in sheet
    assert 'id="atlas-sheet-appointment"' in sheet
    assert 'id="atlas-sheet-note"' in sheet
    other = "nl" if lang == "fr" else "fr"
    assert f'hreflang="{other}"' in sheet
    matrix = html(site, f"{lang}/guide/sanctions/index.html")
    cells = [cell for attributes, cell in re.findall(r"<td ([^>]*)>(.*?)</td>", matrix) if "atlas-cell-" in attributes]
    assert len(cells) >= 60
    assert all(re.search(r'atlas-level-text">[^<]+<', cell) for cell in cells)
