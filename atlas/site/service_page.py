"""Service pages: one per service and language.

A page's headings and the texts maintainers write in Markdown (description, referral, cost) go
through Markdown (their abbreviations explained, the table of contents made from the headings);
everything else — the "at a glance" block, the facts, contacts, addresses, communes and sources —
is rendered as HTML from templates/service_parts.html.j2 and put in place after Markdown
(GeneratedPage.parts): Markdown parsing those blocks cost more than the rest of the page. Imports
atlas.text, atlas.data and this layer's facts, render, page_meta and options.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from atlas.data import areas
from atlas.data.belgica_records import belgica_ids
from atlas.data.courts import court_ids
from atlas.site import facts
from atlas.site.options import SiteOptions
from atlas.site.page_meta import GeneratedPage, PageMeta, part_tokens
from atlas.site.render import international, render
from atlas.text.labels import label
from atlas.text.urls import file_link, link, service_src

if TYPE_CHECKING:
    from atlas.data.directory import Atlas
    from atlas.data.model import Service

_PART = Markup("<!--atlas:part-->")  # between the parts in service_parts.html.j2


def service_page(atlas: Atlas, service: Service, lang: str, options: SiteOptions) -> GeneratedPage:
    """A service's page: its headings and Markdown texts as Markdown, the rest as HTML parts."""
    covered = atlas.coverage[service.id]
    communes = [c for c in atlas.communes_by_name(lang) if c.nis in covered] if len(covered) <= 40 else []
    description = facts.plain_line(service.description[lang])[:155]
    src = service_src(lang, service.id)
    html = render(
        "service_parts.html.j2",
        PART=_PART,
        href=lambda target: link(src, f"{lang}/{target}", options.use_directory_urls),
        service=service,
        atlas=atlas,
        lang=lang,
        area_text=areas.describe(service.area, atlas.geography, lang),
        communes=communes,
        commune_count=len(covered),
        correction_url=options.correction_url.replace("{id}", service.id),
        glance=_glance(atlas, service, lang),
        vcard_href=file_link(src, f"data/vcards/{lang}/{service.id}.vcf", options.use_directory_urls),
    )
    parts = [part.strip("\n") for part in html.split(_PART)]
    # the Markdown texts too: a token written in one of them would take its part's place
    texts = (service.description[lang], service.referral[lang], service.cost[lang] if service.cost else "")
    tokens = part_tokens(parts, texts)
    body = render("service.md.j2", service=service, lang=lang, tokens=tokens)
    meta = PageMeta(service.name[lang], description, json_ld=json_ld(atlas, service, lang))
    return GeneratedPage(f"services/{service.id}.md", meta, body, dict(zip(tokens, parts, strict=True)))


def _glance(atlas: Atlas, service: Service, lang: str) -> dict[str, object]:
    """The service page's "at a glance" block: what a worker acts on, above the fold."""
    retrieved, verified = facts.dates_text(service, lang)
    return {
        "what": facts.first_sentence(service.description[lang], limit=180),
        "how": facts.first_sentence(service.referral[lang], limit=200, clause=True),
        "phones": facts.phones(service, lang),
        "places": facts.places(service, atlas.geography, lang),
        "reach": facts.reach_text(facts.reach(service), lang),
        "retrieved": retrieved,
        "verified": verified,
    }


def json_ld(atlas: Atlas, service: Service, lang: str) -> dict[str, object]:
    """schema.org data for the organisation and its contact points (a JSON-able dict; the theme
    prints it with Jinja's `tojson`, which escapes '<', '>', '&' and quotes, so no '</script>'
    can occur inside <script type="application/ld+json">)."""
    data: dict[str, object] = {
        "@context": "https://schema.org",
        # courts, houses of justice and prisons (from belgica) are public bodies
        "@type": "GovernmentOrganization" if service.id in belgica_ids() or service.id in court_ids() else "Organization",
        "name": service.name[lang],
        "description": facts.plain_line(service.description[lang]),
        "inLanguage": lang,
        "areaServed": areas.describe(service.area, atlas.geography, lang),
        "knowsLanguage": list(service.languages),
    }
    if service.organization:
        data["parentOrganization"] = {"@type": "Organization", "name": service.organization[lang]}
    if service.contact.websites:
        data["url"] = service.contact.websites[0].url
    # contactType is free text: the phone's own label, else "Téléphone"/"Telefoon", in the page's
    # language; numbers in their international form ('+32 2 511 02 71'), as schema.org asks
    points = [
        {"@type": "ContactPoint", "telephone": international(phone.number), "contactType": phone.label[lang] if phone.label else label("service.phone", lang)}
        for phone in service.contact.phones
    ]
    points += [{"@type": "ContactPoint", "email": email, "contactType": label("service.email", lang)} for email in service.contact.emails]
    if points:
        data["contactPoint"] = points
    addresses = []
    for location in service.locations:
        commune = atlas.geography.communes[location.commune]
        address = {"@type": "PostalAddress", "postalCode": location.postcode, "addressLocality": commune.name(lang), "addressCountry": "BE"}
        if location.street:
            address["streetAddress"] = location.street
        addresses.append(address)
    if addresses:
        data["address"] = addresses if len(addresses) > 1 else addresses[0]
    return data
