"""The loaded data as records with query helpers; pages and scripts never walk raw dicts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from atlas.data import areas
from atlas.text.collate import sort_key
from atlas.text.folding import fold
from atlas.text.labels import LANGUAGES

if TYPE_CHECKING:
    from atlas.data.geography import Commune, Geography
    from atlas.data.model import GlossaryEntry, Language, Service, Taxonomy


@dataclass
class Atlas:
    services: dict[str, Service]
    taxonomy: Taxonomy
    geography: Geography
    glossary: list[GlossaryEntry] = field(default_factory=list)
    _for_commune: dict[str, list[Service]] = field(default_factory=dict, repr=False)

    @cached_property
    def coverage(self) -> dict[str, frozenset[str]]:
        """Service id → NIS codes of the communes its area covers (computed once)."""
        return {sid: areas.resolve(service.area, self.geography) for sid, service in self.services.items()}

    @cached_property
    def _by_commune(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {nis: [] for nis in self.geography.communes}
        for sid, communes in self.coverage.items():
            for nis in communes:
                found[nis].append(sid)
        return found

    def services_for_commune(self, commune: Commune, lang: str = "fr") -> list[Service]:
        """Every service covering the commune, most local first, local offices before networks,
        then by name in `lang`'s order (computed once per commune and language)."""
        key = f"{commune.nis}/{lang}"
        if key not in self._for_commune:
            services = [self.services[sid] for sid in self._by_commune.get(commune.nis, [])]
            rank = self._rank[lang]  # the order after locality, computed once for all communes
            self._for_commune[key] = sorted(services, key=lambda s: (areas.locality(s.area, commune), rank[s.id]))
        return self._for_commune[key]

    @cached_property
    def _rank(self) -> dict[str, dict[str, int]]:
        """Per language, service id → place in the order local entries first, then by name in the
        language's order, then by id: what `services_for_commune` sorts by after locality."""

        def ranks(lang: str) -> dict[str, int]:
            ordered = sorted(self.services.values(), key=lambda s: (s.kind != "local", sort_key(s.name[lang], lang), s.id))
            return {service.id: place for place, service in enumerate(ordered)}

        return {lang: ranks(lang) for lang in LANGUAGES}

    @cached_property
    def _communes_in_order(self) -> dict[str, list[Commune]]:
        def in_order(lang: str) -> list[Commune]:
            return sorted(self.geography.communes.values(), key=lambda commune: sort_key(commune.name(lang), lang))

        return {lang: in_order(lang) for lang in LANGUAGES}

    def communes_by_name(self, lang: str) -> list[Commune]:
        """Every commune in the alphabetical order of its name in `lang` (sorted once)."""
        return self._communes_in_order[lang]

    def services_in_domain(self, domain: str, lang: str = "fr") -> list[Service]:
        """The services of a life domain in `lang`'s alphabetical order of their names."""
        return sorted(
            (s for s in self.services.values() if domain in s.domains), key=lambda s: (sort_key(s.name[lang], lang), s.id)
        )

    def domain_label(self, domain: str, lang: str) -> str:
        return next(term.label[lang] for term in self.taxonomy.domains if term.id == domain)

    def audience_label(self, audience: str, lang: str) -> str:
        return next(term.label[lang] for term in self.taxonomy.audiences if term.id == audience)

    def language_label(self, code: str, lang: str) -> str:
        return next(language.label[lang] for language in self.taxonomy.languages if language.id == code)

    def stated_languages(self, lang: str) -> list[tuple[Language, int]]:
        """The languages that at least one service says it works in, with how many services do,
        in alphabetical order of their name in `lang` (the finder offers only these)."""
        counts: dict[str, int] = {}
        for service in self.services.values():
            for code in service.languages:
                counts[code] = counts.get(code, 0) + 1
        found = [(language, counts[language.id]) for language in self.taxonomy.languages if language.id in counts]
        return sorted(found, key=lambda item: (fold(item[0].label[lang]), item[0].id))

    def unverified(self) -> list[Service]:
        return [s for s in self.services.values() if s.last_verified is None]

    def stale(self, days: int, today: dt.date | None = None) -> list[Service]:
        """Entries never verified, or verified more than `days` ago; oldest first."""
        today = today or dt.date.today()
        limit = today - dt.timedelta(days=days)
        old = [s for s in self.services.values() if s.last_verified is None or s.last_verified < limit]
        return sorted(old, key=lambda s: (s.last_verified or dt.date.min, s.id))
