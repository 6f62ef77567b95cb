"""Generated pages: one per service, commune (atlas.site.commune_page) and life domain, their
indexes, the finder and the referral sheet, per language.

They exist only in memory: build_hooks.on_files adds them to MkDocs' files for the language being
built, after mkdocs-static-i18n has sorted the hand-written ones (nothing is written into docs/,
so `mkdocs serve` rebuilds once per edit, not once more for the files it would have written).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from atlas.data import areas
from atlas.site.commune_page import commune_page
from atlas.site.options import SiteOptions
from atlas.site.page_meta import GeneratedPage, PageMeta
from atlas.site.render import render
from atlas.site.service_page import service_page
from atlas.text.collate import sort_key
from atlas.text.labels import label
from atlas.text.urls import FINDER_DATA_FILE, PLACES_DATA_FILE, link, stemmer_assets

if TYPE_CHECKING:
    from atlas.data.directory import Atlas
    from atlas.data.model import Service

# Folders of docs/<lang>/ whose pages are generated (a hand-written file there is refused).
GENERATED_FOLDERS = ("services", "communes", "domains", "glossary", "finder", "referral")
REACH_WORDS = ("commune", "communes", "arrondissement", "province", "region", "community", "national")


@dataclass(frozen=True)
class Listed:
    """A service on a domain page, with its area in words."""

    service: Service
    area_text: str


def generated_pages(atlas: Atlas, options: SiteOptions, lang: str) -> Iterator[GeneratedPage]:
    """Every page of one language made from the data: services, communes, life domains, their
    indexes, the finder and the referral sheet."""
    for service in atlas.services.values():
        yield service_page(atlas, service, lang, options)
    yield _services_index(atlas, lang)
    for commune in atlas.geography.communes.values():
        yield commune_page(atlas, commune, lang)
    yield _communes_index(atlas, lang, options)
    for term in atlas.taxonomy.domains:
        yield _domain_page(atlas, term.id, lang)
    yield _domains_index(atlas, lang)
    yield _finder_page(atlas, lang, options)
    yield _referral_page(lang, options)


@dataclass(frozen=True)
class ServicesEdited:
    """What an edit of service entries alone (nothing else of the data) changed: the ids of the
    services added, removed or edited, the life domains they were or are in, and the communes
    they covered or cover. `make serve` regenerates only the pages these can reach."""

    services: frozenset[str]
    domains: frozenset[str]
    communes: frozenset[str]


def services_edited(before: Atlas, after: Atlas) -> ServicesEdited | None:
    """What changed from `before` to `after` when only service entries did; None when anything
    else that pages are made from changed (taxonomy, glossary, geography)."""
    if before.taxonomy != after.taxonomy or before.glossary != after.glossary or before.geography is not after.geography:
        return None
    changed = {
        sid for sid in before.services.keys() | after.services.keys()
        if before.services.get(sid) != after.services.get(sid)
    }
    domains = {d for atlas in (before, after) for sid in changed if sid in atlas.services for d in atlas.services[sid].domains}
    communes = {nis for atlas in (before, after) for sid in changed for nis in atlas.coverage.get(sid, ())}
    return ServicesEdited(frozenset(changed), frozenset(domains), frozenset(communes))


def pages_after_edit(
    atlas: Atlas, options: SiteOptions, lang: str, previous: list[GeneratedPage], edited: ServicesEdited
) -> Iterator[GeneratedPage]:
    """generated_pages(atlas, options, lang) after an edit of service entries only, with the
    pages it cannot change taken from `previous` (the same pages before the edit): the edited
    services' pages, the pages of their domains and the indexes are made again. A commune page's
    Markdown is its title alone (its routes are rendered apart, CommuneRoutes), a service page
    depends on its own entry only."""
    kept = {page.path: page for page in previous}

    def reuse(path: str, changed: bool) -> GeneratedPage | None:
        return None if changed else kept.get(path)

    for service in atlas.services.values():
        yield reuse(f"services/{service.id}.md", service.id in edited.services) or service_page(atlas, service, lang, options)
    yield _services_index(atlas, lang)
    for commune in atlas.geography.communes.values():
        yield reuse(f"communes/{commune.nis}.md", False) or commune_page(atlas, commune, lang)
    yield reuse("communes/index.md", False) or _communes_index(atlas, lang, options)
    for term in atlas.taxonomy.domains:
        yield reuse(f"domains/{term.id}.md", term.id in edited.domains) or _domain_page(atlas, term.id, lang)
    yield _domains_index(atlas, lang)
    yield _finder_page(atlas, lang, options)
    yield reuse("referral/index.md", False) or _referral_page(lang, options)


def _domain_page(atlas: Atlas, domain: str, lang: str) -> GeneratedPage:
    term = next(t for t in atlas.taxonomy.domains if t.id == domain)
    by_scope: dict[str, list[Listed]] = {}
    for service in atlas.services_in_domain(domain, lang):
        scope = _broadest_scope(service)
        area_text = areas.describe(service.area, atlas.geography, lang)
        by_scope.setdefault(scope, []).append(Listed(service, area_text))
    groups = [
        {"scope": scope, "services": by_scope[scope], "count": len(by_scope[scope])}
        for scope in ("national", "region", "province", "arrondissement", "commune")
        if scope in by_scope
    ]
    body = render("domain.md.j2", term=term, lang=lang, groups=groups)
    description = term.description[lang] if term.description else term.label[lang]
    return GeneratedPage(f"domains/{domain}.md", PageMeta(term.label[lang], " ".join(description.split())[:155]), body)


def _broadest_scope(service: Service) -> str:
    area = service.area
    if area.national:
        return "national"
    if area.regions or area.communities:
        return "region"
    if area.provinces:
        return "province"
    if area.arrondissements:
        return "arrondissement"
    return "commune"


def _domains_index(atlas: Atlas, lang: str) -> GeneratedPage:
    items = [{"term": t, "count": len(atlas.services_in_domain(t.id))} for t in atlas.taxonomy.domains]
    body = render("domains_index.md.j2", items=items, lang=lang)
    return GeneratedPage("domains/index.md", PageMeta(label("domains.index.title", lang), label("domains.index.intro", lang)), body)


def _services_index(atlas: Atlas, lang: str) -> GeneratedPage:
    services = sorted(atlas.services.values(), key=lambda s: (_sort_key(s.name[lang]), s.id))
    groups: dict[str, list[Service]] = {}
    for service in services:
        initial = _sort_key(service.name[lang])[0][:1].upper()
        groups.setdefault(initial if initial.isalpha() else "#", []).append(service)
    body = render("services_index.md.j2", groups=list(groups.items()), services=services, lang=lang)
    return GeneratedPage("services/index.md", PageMeta(label("services.index.title", lang), label("services.index.title", lang)), body)


def _communes_index(atlas: Atlas, lang: str, options: SiteOptions) -> GeneratedPage:
    geo = atlas.geography
    regions = []
    for region in ("brussels", "flanders", "wallonia"):
        communes = [c for c in geo.communes.values() if c.region == region]
        provinces: list[dict[str, Any]] = []
        if region == "brussels":
            provinces.append({"label": "", "nis": "04000", "communes": sorted(communes, key=lambda c: _sort_key(c.name(lang)))})
        else:
            for province in sorted(
                (p for p in geo.provinces.values() if p.region == region), key=lambda p: _sort_key(p.name(lang))
            ):
                inside = sorted((c for c in communes if c.province == province.nis), key=lambda c: _sort_key(c.name(lang)))
                provinces.append({"label": province.name(lang), "nis": province.nis, "communes": inside})
        regions.append({"id": region, "label": label(f"region.{region}", lang), "provinces": provinces})
    body = render(
        "communes_index.md.j2",
        regions=regions,
        lang=lang,
        page_suffix="/" if options.use_directory_urls else ".html",
    )
    meta = PageMeta(label("communes.index.title", lang), label("communes.index.intro", lang), assets=(PLACES_DATA_FILE,))
    return GeneratedPage("communes/index.md", meta, body)


def _finder_page(atlas: Atlas, lang: str, options: SiteOptions) -> GeneratedPage:
    src = f"{lang}/finder/index.md"
    body = render(
        "finder.md.j2",
        lang=lang,
        domains=atlas.taxonomy.domains,
        audiences=atlas.taxonomy.audiences,
        languages=atlas.stated_languages(lang),
        reach_words=REACH_WORDS,
        communes_href=link(src, f"{lang}/communes/index.md", options.use_directory_urls),
        domains_href=link(src, f"{lang}/domains/index.md", options.use_directory_urls),
        referral_href=link(src, f"{lang}/referral/index.md", options.use_directory_urls),
    )
    # the finder's own text is in its data file; the page itself need not be in the search index
    meta = PageMeta(
        label("finder.title", lang), label("finder.description", lang), script=FINDER_DATA_FILE,
        assets=(PLACES_DATA_FILE, *stemmer_assets(lang)),
    )
    return GeneratedPage("finder/index.md", meta, body)


def _referral_page(lang: str, options: SiteOptions) -> GeneratedPage:
    src = f"{lang}/referral/index.md"
    other = "nl" if lang == "fr" else "fr"
    body = render(
        "referral.md.j2",
        lang=lang,
        other_lang=other,
        other_href=link(src, f"{other}/referral/index.md", options.use_directory_urls),
        finder_href=link(src, f"{lang}/finder/index.md", options.use_directory_urls),
        site_address=site_address(options.site_url, lang),
    )
    meta = PageMeta(
        label("referral.title", lang), label("referral.description", lang),
        search_exclude=True, script=f"../finder/{FINDER_DATA_FILE}",
    )
    return GeneratedPage("referral/index.md", meta, body)


def site_address(site_url: str, lang: str) -> str:
    """'https://atlas.example.org/' → 'atlas.example.org/fr/' (the address printed on paper)."""
    if not site_url:
        return ""
    bare = site_url.split("://", 1)[-1].rstrip("/")
    return f"{bare}/{lang}/"


def _sort_key(text: str) -> tuple[str, str, str]:
    return sort_key(text)
