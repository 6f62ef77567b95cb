"""Which communes a service's area covers, how local it is, and how to say it in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from atlas.text.collate import sort_key
from atlas.text.labels import label

if TYPE_CHECKING:
    from atlas.data.geography import Commune, Geography
    from atlas.data.model import Area, AreaPart


def _part_covers(part: AreaPart, commune: Commune) -> bool:
    return (
        commune.region in part.regions
        or bool(commune.communities.intersection(part.communities))
        or commune.province in part.provinces
        or commune.arrondissement in part.arrondissements
        or commune.nis in part.communes
    )


def covers(area: Area, commune: Commune) -> bool:
    """True when the area serves the commune."""
    if area.exclude is not None and _part_covers(area.exclude, commune):
        return False
    return area.national or _part_covers(area, commune)


def _part_communes(part: AreaPart, geography: Geography) -> set[str]:
    groups = geography.groups
    found = {nis for nis in part.communes if nis in geography.communes}
    for kind, values in (("region", part.regions), ("community", part.communities),
                         ("province", part.provinces), ("arrondissement", part.arrondissements)):
        for value in values:
            found |= groups.get((kind, value), frozenset())
    return found


def resolve(area: Area, geography: Geography) -> frozenset[str]:
    """The NIS codes of every commune the area covers (the same answer as `covers` for each
    commune, from precomputed groups: this runs once per service)."""
    found = set(geography.communes) if area.national else _part_communes(area, geography)
    if area.exclude is not None:
        found -= _part_communes(area.exclude, geography)
    return frozenset(found)


# How local a service is for a commune it covers: lower is more local. A commune page lists the
# most local first (a commune's own services, then its arrondissement, province, Community or
# region, then the national ones).
def locality(area: Area, commune: Commune) -> int:
    if commune.nis in area.communes:
        return 0
    if commune.arrondissement in area.arrondissements:
        return 1
    if commune.province in area.provinces:
        return 2
    if commune.region in area.regions or commune.communities.intersection(area.communities):
        return 3
    return 4


def describe(area: Area, geography: Geography, lang: str) -> str:
    """The area in words: 'Région de Bruxelles-Capitale ; Communauté française (…)'."""
    parts: list[str] = []
    if area.national:
        parts.append(label("area.national", lang))
    parts += [label(f"region.{region}", lang) for region in area.regions]
    parts += [label(f"community.{community}", lang) for community in area.communities]
    parts += [geography.provinces[nis].name(lang) for nis in area.provinces if nis in geography.provinces]
    parts += [
        label("area.arrondissement", lang).format(name=geography.arrondissements[a].name(lang))
        for a in area.arrondissements
        if a in geography.arrondissements
    ]
    communes = sorted(
        (geography.communes[nis].name(lang) for nis in area.communes if nis in geography.communes),
        key=lambda name: sort_key(name, lang),
    )
    if communes:
        parts.append(", ".join(communes))
    text = "; ".join(parts) if lang == "nl" else " ; ".join(parts)
    if area.exclude is not None and not area.exclude.is_empty():
        # name an exception only where it removes a commune the rest of the area would cover
        # ("Flemish Community, except Wallonia" removes nothing: it is not said)
        included = set(geography.communes) if area.national else _part_communes(area, geography)
        excluded: list[str] = []
        kinds: tuple[tuple[str, list[str]], ...] = (
            ("community", list(area.exclude.communities)),
            ("region", list(area.exclude.regions)),
        )
        for kind, values in kinds:
            for value in values:
                if included & geography.groups.get((kind, value), frozenset()):
                    excluded.append(label(f"{kind}.{value}", lang))
        excluded += [
            geography.communes[n].name(lang) for n in area.exclude.communes if n in geography.communes and n in included
        ]
        if excluded:
            text += " " + label("area.except", lang).format(names=", ".join(excluded))
    return text
