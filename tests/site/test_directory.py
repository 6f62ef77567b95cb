"""The directory: commune pages list the right services in both languages; every link resolves."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from atlas.data.directory import Atlas
from atlas.data.geography import geography
from tests.support import html_files

HREF = re.compile(r"""\b(?:href|src)="([^"]*)\"""")


def services_on(site: Path, lang: str, nis: str) -> set[str]:
    html = (site / lang / "communes" / nis / "index.html").read_text(encoding="utf-8")
    return set(re.findall(r'href="\.\./\.\./services/([a-z0-9-]+)/"', html))


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_brussels_commune_has_both_communities_but_not_wallonia(site: Path, lang: str) -> None:
    """Assert Schaerbeek lists French and Flemish Community services, not Walloon-only ones."""
    listed = services_on(site, lang, "21015")
    assert {"caprev", "one", "tele-accueil"} <= listed  # French Community
    assert {"opgroeien", "tele-onthaal", "caw"} <= listed  # Flemish Community
    assert {"actiris", "cpas-ocmw"} <= listed
    assert not {"le-forem", "social-housing-wallonia", "ssm-wallonia", "adg"} & listed


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_flemish_commune_lists_vdab_not_actiris(site: Path, lang: str) -> None:
    """Assert Gent lists VDAB and Flemish Community services, not Actiris nor CAPREV."""
    listed = services_on(site, lang, "44021")
    assert {"vdab", "opgroeien", "cgg"} <= listed
    assert not {"actiris", "caprev", "le-forem", "one"} & listed


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_german_speaking_commune_is_served_by_its_community(site: Path, lang: str) -> None:
    """Assert Eupen lists the German-speaking Community's services, not Le Forem or ONE."""
    listed = services_on(site, lang, "63023")
    assert {"adg", "kaleido", "btz-ostbelgien"} <= listed
    assert not {"le-forem", "one", "caprev", "ssm-wallonia", "vdab"} & listed


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_facility_communes_follow_their_language_area(site: Path, lang: str) -> None:
    """Assert Linkebeek (Flemish, facilities) gets Flemish services and Mouscron (Walloon,
    facilities) French-speaking ones."""
    linkebeek = services_on(site, lang, "23100")
    assert {"vdab", "opgroeien"} <= linkebeek
    assert not {"actiris", "caprev", "one"} & linkebeek
    mouscron = services_on(site, lang, "57096")
    assert {"le-forem", "caprev", "one"} <= mouscron
    assert not {"vdab", "opgroeien"} & mouscron


def test_commune_page_in_the_page_language(site: Path) -> None:
    """Assert commune names follow the page language and postcodes and arrondissement show."""
    fr = (site / "fr" / "communes" / "11002" / "index.html").read_text(encoding="utf-8")
    nl = (site / "nl" / "communes" / "11002" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in fr
    assert ">Anvers</h1>" in fr
    assert "2000" in fr
    assert ">Antwerpen</h1>" in nl
    assert "Justitiehuis Antwerpen" in nl  # the house of justice of its arrondissement


def test_every_commune_and_service_has_a_page(site: Path, atlas: Atlas) -> None:
    """Assert 565 commune pages and a page per service and domain, in each language."""
    for lang in ("fr", "nl"):
        communes = [p for p in (site / lang / "communes").iterdir() if p.is_dir()]
        assert len(communes) == 565 == len(geography().communes)
        for service in atlas.services:
            assert (site / lang / "services" / service / "index.html").exists(), service
        for term in atlas.taxonomy.domains:
            assert (site / lang / "domains" / term.id / "index.html").exists(), term.id


def test_every_service_is_reachable_from_a_commune_page(site: Path, atlas: Atlas) -> None:
    """Assert every service appears on the page of each commune its area covers."""
    for lang in ("fr", "nl"):
        listed: dict[str, set[str]] = {}
        for nis in atlas.geography.communes:
            for sid in services_on(site, lang, nis):
                listed.setdefault(sid, set()).add(nis)
        for sid, covered in atlas.coverage.items():
            assert listed.get(sid, set()) == set(covered), f"{lang}: {sid}"


def test_every_local_link_resolves(site: Path) -> None:
    """Assert that every relative href and src in every page points to a file of the site."""
    broken = []
    checked = 0
    for page in html_files(site):
        base = page.relative_to(site).as_posix()
        for raw in HREF.findall(page.read_text(encoding="utf-8")):
            if not raw or raw.startswith(("#", "http:", "https:", "mailto:", "tel:", "geo:", "//", "data:")):
                continue
            # only the 404 page uses root-absolute links (site_url's path is '/')
            path = unquote(urlsplit(urljoin(base, raw)).path).lstrip("/")
            target = site / path
            if path.endswith("/") or target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.exists():
                broken.append(f"{base}: {raw}")
    assert broken == []
    assert checked > 50_000
