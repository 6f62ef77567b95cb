"""The finder's data: one compact script per language, loaded by the finder and the referral sheet.

Free text is searched in word indexes built here (`s`: the folded words, `k`: their Snowball
stems): one per service from every text a worker reads about it in the page's language (name,
organisation, description, how to refer), and one per domain and audience (`words`: its label
and the everyday words that data/taxonomy.yaml lists for it), which counts for each of its
services. A service whose own text has the words comes before one found through its domain.
The finder stems the words typed with lunr-languages' stemmer (the same Snowball algorithms:
atlas.text.folding.STEMMERS).

It is a script (`window.ATLAS_FINDER = {...}`) rather than JSON so that it also loads from an
offline copy opened from disk, where browsers refuse `fetch()`. Areas travel as their parts
(regions, Communities, provinces, arrondissements, communes), not as lists of communes: the
browser resolves them against the commune table, which keeps the file small for national
services.

Only what finder.js reads travels (issue 16: the file is the finder's first download): the
whole referral text, the area in words and the ISO date of the last check are on the service
page, not here; the card shows the first sentences ("f", "h"), the reach word ("rw") and the
dates in words ("dr", "dv").

The services travel packed (`pack_services`; finder.js's `readFinderData` and `read_finder_data`
here unpack them into the same records): one column per field ("columns": each field's values in
the services' order, null where a service has none), which gzip compresses far better than one
object per service, and the word indexes as one vocabulary (issue 16: the words were 630 KB of
1.36 MB gzipped at 5,000 services). The vocabulary ("vocabulary"): every distinct word once ("w",
space-separated, the most frequent first so that common words get small numbers), each word's
stem ("c": how many letters to cut from the word, or the stem itself when it is not a prefix of
the word, its end then made voiceless in Dutch: folding.stem_end), and for each service the numbers of its words ("s"), ascending, written as the gaps
between them in base 32 (`encode_numbers`): the 5,000-service vocabulary takes ~150 KB gzipped
instead of ~640.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from atlas.data.places import places
from atlas.site import facts
from atlas.text.folding import elliptic_words, stem, stem_end, word_set
from atlas.text.labels import LANGUAGES, label, other_language
from atlas.text.urls import FINDER_DATA_FILE, PLACES_DATA_FILE, link, service_src

if TYPE_CHECKING:
    from atlas.data.directory import Atlas
    from atlas.data.model import Area, AreaPart, Service, Term

REGIONS = ("brussels", "flanders", "wallonia")
COMMUNITIES = ("french", "flemish", "german")


def _part(part: AreaPart) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {
        "r": [REGIONS.index(r) for r in part.regions],
        "c": [COMMUNITIES.index(c) for c in part.communities],
        "p": list(part.provinces),
        "a": list(part.arrondissements),
        "m": list(part.communes),
    }
    return {key: value for key, value in found.items() if value}


def _area(area: Area) -> dict[str, Any]:
    spec: dict[str, Any] = _part(area)
    if area.national:
        spec["n"] = 1
    if area.exclude is not None and not area.exclude.is_empty():
        spec["x"] = _part(area.exclude)
    return spec


def index_texts(service: Service, lang: str) -> list[str]:
    """The texts of a service that the finder's free text searches, in `lang`."""
    organization = service.organization[lang] if service.organization else ""
    return [service.name[lang], organization, service.description[lang], service.referral[lang]]


def index_words(texts: list[str], lang: str) -> tuple[list[str], list[str]]:
    """The folded words of `texts` and their stems, each sorted and unique. A Dutch text's elliptic
    compounds also give the words they stand for (dak- en thuislozen: daklozen; elliptic_words)."""
    found: set[str] = set()
    for text in texts:
        found.update(word_set(text))
        if lang == "nl":
            found.update(elliptic_words(text))
    return sorted(found), sorted({stem(word, lang) for word in found})


def _term_index(term: Term, lang: str) -> dict[str, str]:
    """A domain's or audience's label and everyday words (data/taxonomy.yaml), as the finder
    searches them for every service of that domain or audience."""
    texts = [term.label[lang], *(getattr(term.words, lang) if term.words is not None else [])]
    folded, stems = index_words(texts, lang)
    return {"s": " ".join(folded), "k": " ".join(stems)}


def _service(atlas: Atlas, service: Service, lang: str, domain_index: dict[str, int], audience_index: dict[str, int], use_directory_urls: bool) -> dict[str, Any]:
    folded, stems = index_words(index_texts(service, lang), lang)
    record: dict[str, Any] = {
        "i": service.id,
        "n": service.name[lang],
        "d": [domain_index[d] for d in service.domains],
        "a": [audience_index[a] for a in service.audiences],
        "l": list(service.languages),
        "z": _area(service.area),
        "s": " ".join(folded),
        "k": " ".join(stems),
    }
    href = link(f"{lang}/finder/index.md", service_src(lang, service.id), use_directory_urls)
    if href != _page_link(lang, use_directory_urls).replace(ID, service.id):
        record["u"] = href  # only when the id alone does not give it (finder.js: "pages" with the id)
    if service.organization:
        record["o"] = service.organization[lang]
    # what a worker acts on (atlas.site.facts: the same words as the service page's glance block)
    record["f"] = facts.first_sentence(service.description[lang], limit=180)
    record["h"] = facts.first_sentence(service.referral[lang], limit=200, clause=True)
    record["rw"] = facts.reach(service)
    if service.kind == "network":
        record["nw"] = 1  # a network ("k" holds the stemmed keywords)
    phones = facts.phones(service, lang)
    if phones:
        record["p"] = [[phone.number, phone.href, phone.label] for phone in phones]
    if service.contact.emails:
        record["e"] = list(service.contact.emails)
    if service.contact.websites:
        record["w"] = service.contact.websites[0].url
    places = facts.places(service, atlas.geography, lang)
    if places:
        place = places[0]
        record["ad"] = place.address  # finder.js makes its geo: link as facts.geo_href does ("geo")
        if place.geo_href != facts.geo_href(place.address):
            record["g"] = place.geo_href
        hours = place.hours or place.hours_note  # the card's one line; the page says more
        if hours:
            record["ho"] = hours
    retrieved, verified = facts.dates_text(service, lang)
    if retrieved:
        record["dr"] = retrieved
    record["dv"] = verified
    return record


ID = "SERVICEID"


@cache  # asked for each service (`_service`)
def _page_link(lang: str, use_directory_urls: bool) -> str:
    """The link from the finder to a service page, with ID for the service's id."""
    return link(f"{lang}/finder/index.md", service_src(lang, ID), use_directory_urls)


def service_records(atlas: Atlas, lang: str, use_directory_urls: bool) -> list[dict[str, Any]]:
    """What finder.js knows of each service, in the order of their ids (packed by pack_services)."""
    domain_index = {term.id: position for position, term in enumerate(atlas.taxonomy.domains)}
    audience_index = {term.id: position for position, term in enumerate(atlas.taxonomy.audiences)}
    return [
        _service(atlas, service, lang, domain_index, audience_index, use_directory_urls)
        for service in sorted(atlas.services.values(), key=lambda s: s.id)
    ]


def finder_data(atlas: Atlas, lang: str, use_directory_urls: bool) -> dict[str, Any]:
    domains = atlas.taxonomy.domains
    audiences = atlas.taxonomy.audiences
    other = other_language(lang)
    communes = []
    for commune in atlas.geography.communes.values():
        communes.append(
            [
                commune.nis,
                commune.name(lang),
                commune.name(other),
                REGIONS.index(commune.region),
                commune.province or "",
                commune.arrondissement,
                sum(1 << COMMUNITIES.index(c) for c in commune.communities),
                " ".join(commune.postcodes),
                "|".join(commune.search_names),
            ]
        )
    return {
        "lang": lang,
        # how finder.js makes each card's links: the service page ("u" where it differs) and the
        # address's geo: link (the address, percent-encoded, after "=")
        "pages": _page_link(lang, use_directory_urls).split(ID),
        "geo": facts.geo_href(""),
        "domains": [[term.id, term.label[lang]] for term in domains],
        "audiences": [[term.id, term.label[lang]] for term in audiences],
        "words": {"d": [_term_index(term, lang) for term in domains], "a": [_term_index(term, lang) for term in audiences]},
        "languages": [[language.id, language.label[lang], count] for language, count in atlas.stated_languages(lang)],
        "communes": communes,
        **pack_services(service_records(atlas, lang, use_directory_urls), lang),
    }


# ---- the packed layout ------------------------------------------------------------------------
# Digits of the gaps between a service's word numbers: 32 that end a number and 32 that say more
# digits follow (most significant first). None of them needs escaping in JSON or in a script.
DIGITS = "0123456789abcdefghijklmnopqrstuv"
MORE_DIGITS = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
_DIGIT_VALUE = {char: value for value, char in enumerate(DIGITS)} | {char: value for value, char in enumerate(MORE_DIGITS)}


def _gap_text(gap: int) -> str:
    """One gap in base 32: its last digit from DIGITS, those before it from MORE_DIGITS."""
    digits = [gap & 31]
    gap >>= 5
    while gap:
        digits.append(gap & 31)
        gap >>= 5
    return "".join(MORE_DIGITS[digit] for digit in reversed(digits[1:])) + DIGITS[digits[0]]


# the text of every gap of one or two digits, made once: the finder's data writes a gap for each
# word of each service (~400,000 at 5,000 services), most of them under 1,024
_GAP_TEXTS = [_gap_text(gap) for gap in range(32 * 32)]


def encode_numbers(numbers: list[int]) -> str:
    """Ascending, distinct numbers as the gaps between them (the first from -1), in base 32."""
    out: list[str] = []
    previous = -1
    for number in numbers:
        gap = number - previous - 1
        if gap < 0:
            raise ValueError(f"numbers must be ascending and distinct: {numbers}")
        previous = number
        out.append(_GAP_TEXTS[gap] if gap < len(_GAP_TEXTS) else _gap_text(gap))
    return "".join(out)


def decode_numbers(text: str) -> list[int]:
    """What finder.js reads from `encode_numbers`'s text."""
    numbers: list[int] = []
    value = 0
    previous = -1
    for char in text:
        value = value * 32 + _DIGIT_VALUE[char]
        if char in DIGITS:
            previous += value + 1
            numbers.append(previous)
            value = 0
    return numbers


def _stem_code(word: str, word_stem: str, lang: str) -> int | str:
    """The letters to cut from the word to get its stem (then, in Dutch, its end made voiceless:
    thuislozen, cut 2 → thuisloz → thuislos; stem_end), or the stem itself when cutting cannot
    give it (or when what is cut holds a character JavaScript counts as two)."""
    cut = word[len(word_stem) :]
    if stem_end(word[: len(word_stem)], lang) == word_stem and all(ord(char) < 0x10000 for char in cut):
        return len(cut)
    return word_stem


def pack_services(records: list[dict[str, Any]], lang: str) -> dict[str, Any]:
    """The services' records as columns, their words ("s") and stems ("k", the stems of the
    words: index_words) as one vocabulary."""
    columns: dict[str, list[Any]] = {
        key: [record.get(key) for record in records]
        for key in sorted({key for record in records for key in record} - {"s", "k"})
    }
    word_lists = [record["s"].split() for record in records]
    counts = Counter(word for found in word_lists for word in found)
    vocabulary = sorted(counts, key=lambda word: (-counts[word], word))
    number = {word: position for position, word in enumerate(vocabulary)}
    return {
        "columns": columns,
        "vocabulary": {
            "w": " ".join(vocabulary),
            "c": [_stem_code(word, stem(word, lang), lang) for word in vocabulary],
            "s": [encode_numbers(sorted(number[word] for word in found)) for found in word_lists],
        },
    }


def _cut(word: str, code: int) -> str:
    """JavaScript's `word.slice(0, word.length - code)`: it counts UTF-16 units."""
    units = word.encode("utf-16-le")
    return units[: len(units) - 2 * code].decode("utf-16-le")


def read_finder_data(data: dict[str, Any], lang: str | None = None) -> list[dict[str, Any]]:
    """The service records as finder.js reads them back from the packed layout (the Python twin of
    its `readFinderData`): each record with its folded words ("s") and their stems ("k"). `lang`:
    the data's own ("lang") unless given (pack_services's output has none)."""
    columns: dict[str, list[Any]] = data["columns"]
    vocabulary = data["vocabulary"]
    words_ = vocabulary["w"].split(" ") if vocabulary["w"] else []
    lang = data["lang"] if lang is None else lang
    stems = [
        stem_end(_cut(word, code), lang) if isinstance(code, int) else code
        for word, code in zip(words_, vocabulary["c"], strict=True)
    ]
    records: list[dict[str, Any]] = []
    for position, text in enumerate(vocabulary["s"]):
        record = {key: values[position] for key, values in columns.items() if values[position] is not None}
        numbers = decode_numbers(text)
        record["s"] = " ".join(sorted(words_[n] for n in numbers))
        record["k"] = " ".join(sorted({stems[n] for n in numbers}))
        records.append(record)
    return records


def write_finder_data(atlas: Atlas, site_dir: Path, use_directory_urls: bool, languages: tuple[str, ...] = LANGUAGES) -> dict[str, int]:
    """Write site/<lang>/finder/finder-data.js for each language (`make serve`: those it serves);
    returns their sizes."""
    sizes = {}
    for lang in languages:
        data = json.dumps(finder_data(atlas, lang, use_directory_urls), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        target = site_dir / lang / "finder" / FINDER_DATA_FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        text = f"window.ATLAS_FINDER={data};\n"
        target.write_text(text, encoding="utf-8")
        sizes[f"{lang}/finder/{FINDER_DATA_FILE}"] = len(text.encode("utf-8"))
    return sizes


def write_places_data(site_dir: Path) -> int:
    """Write the place table (atlas.data.places) with the sentences that explain a match in both
    languages, as site/assets/atlas/places-data.js; returns its size."""
    data = places().browser_data()
    data["labels"] = {
        lang: {key: label(f"places.{key}", lang) for key in PLACE_LABELS} for lang in LANGUAGES
    }
    text = "window.ATLAS_PLACES=" + json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + ";\n"
    target = site_dir / PLACES_DATA_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


PLACE_LABELS = (
    "via.former", "via.section", "via.name", "via.postcode", "choice.former", "choice.section", "choice.name",
)
