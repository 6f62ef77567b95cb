"""The built site: both languages under real prefixes, a working language switch, per-language
search, and no request to any other origin."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest

from atlas.build.assemble import build_site
from tests.support import FIXTURES, ROOT, html_files

RESOURCE = re.compile(
    r"<(?:script|img|iframe|source|audio|video|embed|track)\b[^>]*?\bsrc(?:set)?=\"([^\"]*)\""
    r"|<link\b[^>]*?\bhref=\"([^\"]*)\"[^>]*>"
)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)|@import\s+['\"]([^'\"]+)")


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_both_languages_have_real_prefixes(site: Path) -> None:
    """Assert /fr/ and /nl/ home pages exist and the root is the bilingual landing page."""
    assert (site / "fr" / "index.html").exists()
    assert (site / "nl" / "index.html").exists()
    landing = read(site / "index.html")
    assert 'href="fr/"' in landing
    assert 'href="nl/"' in landing
    assert 'lang="fr"' in landing
    assert 'lang="nl"' in landing
    assert "Français" in landing
    assert "Nederlands" in landing
    # nothing of the French site is left at the root
    assert not (site / "communes").exists()
    assert not (site / "services").exists()


def test_html_lang_is_set_per_language(site: Path) -> None:
    """Assert <html lang> is fr under /fr/ and nl under /nl/."""
    for lang in ("fr", "nl"):
        for page in ["index.html", "communes/21004/index.html", "services/caprev/index.html", "guide/sanctions/index.html"]:
            assert f'<html lang="{lang}"' in read(site / lang / page), f"{lang}/{page}"


def _switch_links(html: str) -> dict[str, str]:
    return dict(
        (lang, href)
        for href, lang in re.findall(r'<a href="([^"]*)" hreflang="(fr|nl)" lang="\2" class="md-select__link"', html)
    )


def test_language_switch_lands_on_the_twin_page(site: Path) -> None:
    """Assert that on every page the switch points to the same path in the other language."""
    checked = 0
    for lang, other in (("fr", "nl"), ("nl", "fr")):
        for page in sorted((site / lang).rglob("index.html")):
            relative = page.relative_to(site / lang).as_posix()
            links = _switch_links(read(page))
            assert set(links) == {"fr", "nl"}, f"{lang}/{relative}: no language switch"
            url = f"{lang}/{relative}"
            target = urljoin(url, links[other])
            target_file = site / (target + "index.html" if target.endswith("/") else target)
            assert target_file.exists(), f"{url}: switch to {target} does not exist"
            assert target.removeprefix(f"{other}/") == relative.removesuffix("index.html"), url
            checked += 1
    assert checked > 1400


def test_no_request_to_another_origin(site: Path) -> None:
    """Assert that no page, stylesheet or script loads anything from another origin."""
    offenders = []
    for page in html_files(site):
        for match in RESOURCE.finditer(read(page)):
            url = match.group(1) or match.group(2)
            tag = match.group(0)
            if match.group(2) is not None and not re.search(r'rel="(stylesheet|preload|icon|manifest|modulepreload|prefetch|preconnect|dns-prefetch)"', tag):
                continue  # <link rel="alternate|canonical|prev|next">: not a request
            if re.match(r"^(https?:)?//", url):
                offenders.append(f"{page.relative_to(site)}: {url}")
    for css in site.rglob("*.css"):
        for match in CSS_URL.finditer(read(css)):
            url = match.group(1) or match.group(2)
            if re.match(r"^(https?:)?//", url.strip()):
                offenders.append(f"{css.relative_to(site)}: {url}")
    assert offenders == []
    assert "fonts.googleapis" not in read(site / "fr" / "index.html")


def test_search_index_per_language(site: Path) -> None:
    """Assert each language has its own index with its own stemming and only its pages."""
    for lang in ("fr", "nl"):
        index = json.loads(read(site / lang / "search" / "search_index.json"))
        assert index["config"]["lang"] == [lang]
        locations = [doc["location"] for doc in index["docs"]]
        assert "services/caprev/" in locations
        assert "communes/21015/" in locations  # compact commune entry
        assert not any(loc.startswith(("fr/", "nl/")) for loc in locations)
    assert not (site / "search" / "search_index.json").exists()
    fr = json.loads(read(site / "fr" / "search" / "search_index.json"))
    titles = {doc["title"] for doc in fr["docs"]}
    assert "Schaerbeek" in titles
    assert "Schaarbeek" not in titles
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', read(site / "nl" / "communes" / "index.html"), re.S)
    assert config, "no __config script on nl/communes/"
    assert json.loads(config.group(1))["base"] == "../../nl/"


def _gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def test_first_search_index_is_small_and_the_full_one_complete(site: Path) -> None:
    """Assert each language's first index (what a page loads) is under half the full one gzipped,
    holds each service page once, by its name, with no section of it, and names the full index;
    the full index holds every service page with its sections, as Material indexed them."""
    services = sorted(path.name for path in (site / "fr" / "services").iterdir() if (path / "index.html").is_file())
    assert len(services) > 300
    for lang in ("fr", "nl"):
        folder = site / lang / "search"
        assert _gz(folder / "search_index.json") < 0.5 * _gz(folder / "search_index.full.json")
        first = json.loads(read(folder / "search_index.json"))
        full = json.loads(read(folder / "search_index.full.json"))
        assert first["config"].pop("atlas_full") == f"{lang}/search/search_index.full.json"
        assert first["config"] == full["config"]
        by_page: dict[str, list[dict[str, str]]] = {}
        for doc in full["docs"]:
            by_page.setdefault(doc["location"].split("#", maxsplit=1)[0], []).append(doc)
        entries = [doc for doc in first["docs"] if doc["location"].startswith("services/") and doc["location"] != "services/"]
        assert sorted(doc["location"] for doc in entries) == sorted(f"services/{sid}/" for sid in services)
        for entry in entries:  # the title Material took from the page's heading
            assert entry["title"] == by_page[entry["location"]][0]["title"], entry
        for sid in services:  # the page's own entry and its sections (at a glance, details, …)
            assert len(by_page[f"services/{sid}/"]) >= 5, sid
        assert {doc["location"] for doc in first["docs"]} <= set(by_page) | {doc["location"] for doc in full["docs"]}
        assert not any("<" in doc["text"] for doc in first["docs"])
        assert all(len(doc["text"]) <= 162 for doc in first["docs"] if doc not in entries)  # a first sentence
        caw = next(doc for doc in entries if doc["location"] == "services/caw/")
        assert ("Logement" if lang == "fr" else "Wonen") in caw["text"]
        assert "communes/21015/" in {doc["location"] for doc in first["docs"]} & set(by_page)


def test_pages_name_the_sites_search_worker(site: Path) -> None:
    """Assert every page's search worker is the site's, which starts by naming Material's worker
    (present), and that the copy of its source is not shipped."""
    worker_lines = read(site / "assets" / "javascripts" / "workers" / "atlas-search.js").splitlines()
    material = re.fullmatch(r'var ATLAS_MATERIAL_WORKER = "(search\.[0-9a-f]+\.min\.js)";', worker_lines[0])
    assert material, worker_lines[0]
    assert (site / "assets" / "javascripts" / "workers" / material.group(1)).is_file()
    assert not (site / "assets" / "atlas" / "search-worker.js").exists()
    for page in ("fr/index.html", "nl/services/caw/index.html", "fr/communes/21015/index.html"):
        config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', read(site / page), re.S)
        assert config, page
        worker = urljoin(f"http://x/{page}", json.loads(config.group(1))["search"])
        assert worker == "http://x/assets/javascripts/workers/atlas-search.js", page


def test_a_data_mistake_stops_the_build_and_keeps_the_previous_site(tmp_path: Path) -> None:
    """Assert that a broken data file fails the build and leaves the previous site/ untouched."""
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", "site", ".git", "tests", "__pycache__"))
    (project / "data" / "services.yaml").write_bytes((FIXTURES / "broken" / "phone-octal.yaml").read_bytes())
    previous = project / "site"
    previous.mkdir()
    (previous / "index.html").write_text("previous site", encoding="utf-8")
    assert build_site(project, previous) == 1
    assert read(previous / "index.html") == "previous site"
    assert not (project / "site.new").exists()


def test_no_double_escaping(site: Path) -> None:
    """Assert that no page shows an escaped entity such as '&amp;#39;' or '&amp;amp;'."""
    double = re.compile(r"&amp;(#\d+|#x[0-9a-f]+|amp|lt|gt|quot|apos);")
    offenders = [p.relative_to(site).as_posix() for p in html_files(site) if double.search(read(p))]
    assert offenders == []
    toc = read(site / "fr" / "guide" / "sanctions" / "index.html")
    assert "carte d'identité et du passeport" in toc
    assert "d&amp;#39;" not in toc
    assert "d&#39;identit" not in toc


def test_service_pages_carry_schema_org_data(site: Path) -> None:
    """Assert that a service page has JSON-LD naming the organisation and its contact points
    (numbers in international form, contact types in the page's language), courts as public bodies."""
    for lang in ("fr", "nl"):
        html = read(site / lang / "services" / "vdab" / "index.html")
        block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert block, lang
        data = json.loads(block.group(1))
        assert data["@context"] == "https://schema.org", lang
        assert data["url"].startswith("https://www.vdab.be"), (lang, data["url"])
        assert data["contactPoint"][0]["telephone"] == "+32 800 30 700"
        # the phone's own label, in the page's language (not an English "customer service")
        assert data["contactPoint"][0]["contactType"].startswith({"fr": "Numéro général", "nl": "Algemeen nummer"}[lang])
        assert data["@type"] == "Organization"
        court = read(site / lang / "services" / "labour-court-brussel-fr" / "index.html")
        court_data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', court, re.S).group(1))  # type: ignore[union-attr]
        assert court_data["@type"] == "GovernmentOrganization", "a court is a public body"
        assert data["inLanguage"] == lang
        assert "<" not in block.group(1), f"{lang}: '<' inside the JSON-LD block"


def test_service_page_offers_a_correction_link(site: Path) -> None:
    """Assert every service page links to the configured correction URL with its own id."""
    from mkdocs.utils.yaml import yaml_load

    template = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["atlas"]["correction_url"]
    assert "{id}" in template  # configured once in mkdocs.yml, with the entry's id in it
    for lang in ("fr", "nl"):
        html = read(site / lang / "services" / "caprev" / "index.html")
        expected = template.replace("{id}", "caprev").replace("&", "&amp;")
        assert f'href="{expected}"' in html


def test_ids_are_unique_on_every_page(site: Path) -> None:
    """Assert that no page repeats an id (anchors and labels would point to the wrong place)."""
    offenders = []
    for page in html_files(site):
        ids = re.findall(r'\sid="([^"]+)"', read(page))
        repeated = {i for i in ids if ids.count(i) > 1}
        if repeated:
            offenders.append(f"{page.relative_to(site)}: {sorted(repeated)[:3]}")
    assert offenders == []


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_service_pages_have_every_part_in_place(site: Path, lang: str) -> None:
    """Assert that every service page got each of its HTML parts (atlas.site.service_page): no
    token left, the facts, contact list and sources in their sections."""
    pages = sorted((site / lang / "services").glob("*/index.html"))
    assert len(pages) > 300, len(pages)
    for page in pages:
        html = read(page)
        assert "atlasPart" not in html, page
        assert '<dl class="atlas-facts">' in html, page
        assert 'class="md-button"' in html, page
        assert html.count('download="') == 1, page  # the vCard link, in the contact list
