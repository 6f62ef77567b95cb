"""Generated pages: one per service, commune and life domain, and their indexes, per language.

They are written as Markdown into docs/<lang>/{services,communes,domains}/ before MkDocs collects
its files, so that every plugin (i18n, search, the language switch) treats them as ordinary pages.
Those folders are git-ignored and owned by this module: a file is rewritten only when its content
changed (so `mkdocs serve` settles), and files of removed entries are deleted.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from atlas import areas
from atlas.labels import LANGUAGES, label
from atlas.render import front_matter, render

if TYPE_CHECKING:
    from atlas.atlas import Atlas
    from atlas.communes import Commune
    from atlas.model import Service

GENERATED_FOLDERS = ("services", "communes", "domains", "glossary")
_SCOPES = ("commune", "arrondissement", "province", "region", "national")


@dataclass(frozen=True)
class SiteOptions:
    use_directory_urls: bool = True
    correction_url: str = ""  # a link to suggest a correction, {id} replaced by the service id


@dataclass(frozen=True)
class Listed:
    service: Service
    scope: str
    phone: str | None
    area_text: str = ""


def generated_pages(atlas: Atlas, options: SiteOptions) -> Iterator[tuple[str, str]]:
    """(path under docs/, Markdown) for every generated page of both languages."""
    for lang in LANGUAGES:
        for service in atlas.services.values():
            yield f"{lang}/services/{service.id}.md", _service_page(atlas, service, lang, options)
        yield f"{lang}/services/index.md", _services_index(atlas, lang)
        for commune in atlas.geography.communes.values():
            yield f"{lang}/communes/{commune.nis}.md", _commune_page(atlas, commune, lang)
        yield f"{lang}/communes/index.md", _communes_index(atlas, lang, options)
        for term in atlas.taxonomy.domains:
            yield f"{lang}/domains/{term.id}.md", _domain_page(atlas, term.id, lang)
        yield f"{lang}/domains/index.md", _domains_index(atlas, lang)


def write_generated(atlas: Atlas, docs_dir: Path, options: SiteOptions, extra: dict[str, str] | None = None) -> int:
    """Write every generated page that changed (plus `extra`, path under docs/ → Markdown),
    delete stale ones in the generated folders; returns how many files were written."""
    wanted: dict[Path, str] = {docs_dir / path: text for path, text in generated_pages(atlas, options)}
    wanted.update({docs_dir / path: text for path, text in (extra or {}).items()})
    written = 0
    for path, text in wanted.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written += 1
    for lang in LANGUAGES:
        for folder in GENERATED_FOLDERS:
            for stale in (docs_dir / lang / folder).glob("*.md"):
                if stale not in wanted:
                    stale.unlink()
    return written


def _meta(title: str, description: str, **extra: object) -> str:
    return front_matter({"title": title, "description": description, **extra})


def _scope(service: Service, commune: Commune) -> str:
    return _SCOPES[areas.locality(service.area, commune)]


def _service_page(atlas: Atlas, service: Service, lang: str, options: SiteOptions) -> str:
    communes = [atlas.geography.communes[nis] for nis in sorted(atlas.coverage[service.id])]
    communes.sort(key=lambda c: _sort_key(c.name(lang)))
    description = " ".join(service.description[lang].split())[:155]
    body = render(
        "service.md.j2",
        service=service,
        atlas=atlas,
        lang=lang,
        area_text=areas.describe(service.area, atlas.geography, lang),
        communes=communes,
        correction_url=options.correction_url.replace("{id}", service.id),
    )
    return _meta(service.name[lang], description, atlas_service=service.id) + "\n" + body


def _commune_page(atlas: Atlas, commune: Commune, lang: str) -> str:
    services = atlas.services_for_commune(commune)
    houses = [s for s in services if s.id.startswith(("justitiehuis-", "maison-justice-"))]
    listed = [s for s in services if s not in houses]
    groups = []
    for term in atlas.taxonomy.domains:
        in_domain = [
            Listed(s, _scope(s, commune), s.contact.phones[0].number if s.contact.phones else None)
            for s in listed
            if term.id in s.domains
        ]
        if in_domain:
            groups.append({"id": term.id, "label": term.label[lang], "services": in_domain})
    other_lang = "nl" if lang == "fr" else "fr"
    other_name = commune.name(other_lang)
    body = render(
        "commune.md.j2",
        commune=commune,
        lang=lang,
        other_name=other_name if other_name != commune.name(lang) else "",
        other_lang=other_lang,
        province=atlas.geography.provinces.get(commune.province or ""),
        arrondissement=atlas.geography.arrondissements[commune.arrondissement],
        communities=sorted(commune.communities),
        groups=groups,
        has_local=any(_scope(s, commune) != "national" and s.domains != ["justice"] for s in listed),
        houses=houses,
    )
    title = commune.name(lang)
    description = label("commune.description", lang).format(name=title, postcodes=", ".join(commune.postcodes))
    return _meta(title, description, atlas_commune=commune.nis) + "\n" + body


def _domain_page(atlas: Atlas, domain: str, lang: str) -> str:
    term = next(t for t in atlas.taxonomy.domains if t.id == domain)
    by_scope: dict[str, list[Listed]] = {}
    for service in atlas.services_in_domain(domain):
        scope = _broadest_scope(service)
        area_text = areas.describe(service.area, atlas.geography, lang)
        by_scope.setdefault(scope, []).append(Listed(service, scope, None, area_text))
    groups = [
        {"scope": scope, "services": by_scope[scope], "count": len(by_scope[scope])}
        for scope in ("national", "region", "province", "arrondissement", "commune")
        if scope in by_scope
    ]
    body = render("domain.md.j2", term=term, lang=lang, groups=groups)
    description = term.description[lang] if term.description else term.label[lang]
    return _meta(term.label[lang], " ".join(description.split())[:155]) + "\n" + body


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


def _domains_index(atlas: Atlas, lang: str) -> str:
    items = [{"term": t, "count": len(atlas.services_in_domain(t.id))} for t in atlas.taxonomy.domains]
    body = render("domains_index.md.j2", items=items, lang=lang)
    return _meta(label("domains.index.title", lang), label("domains.index.intro", lang)) + "\n" + body


def _services_index(atlas: Atlas, lang: str) -> str:
    services = sorted(atlas.services.values(), key=lambda s: (_sort_key(s.name[lang]), s.id))
    groups: dict[str, list[Service]] = {}
    for service in services:
        initial = _sort_key(service.name[lang])[:1].upper()
        groups.setdefault(initial if initial.isalpha() else "#", []).append(service)
    body = render("services_index.md.j2", groups=list(groups.items()), services=services, lang=lang)
    return _meta(label("services.index.title", lang), label("services.index.title", lang)) + "\n" + body


def _communes_index(atlas: Atlas, lang: str, options: SiteOptions) -> str:
    geo = atlas.geography
    regions = []
    for region in ("brussels", "flanders", "wallonia"):
        communes = [c for c in geo.communes.values() if c.region == region]
        provinces = []
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
    return (
        _meta(label("communes.index.title", lang), label("communes.index.intro", lang), atlas_lookup=True)
        + "\n"
        + body
    )


def _sort_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
