"""One search index per language, in two parts: a small first index, then the full one.

mkdocs-static-i18n writes one combined search/search_index.json for both languages, so a Dutch
reader would get French results. After the build this splits it: site/fr/search/ and
site/nl/search/, each with its own stemming language and locations relative to its language
root (the page's Material config points `base` to that root: see overrides/main.html).

Each language gets two indexes (`split_index`):
- the first index, search/search_index.json (search_index.js in the offline copy), is what
  Material's page loads and gives its search worker: every page but the service pages as
  Material indexed it, their texts cut to a first sentence (`teaser`), and one short entry per
  service page (`service_entries`: its name, first sentence, organisation, domains, postcodes
  and communes): the sections of the service pages are most of the full index and grow with
  the directory (at 5,000 services, the full index is about 800 KB gzipped per language);
- the full index, search/search_index.full.json (search_index.full.js offline), is Material's
  whole index. The site's search worker (`write_search_worker`: Material's worker wrapped by
  docs/assets/atlas/search-worker.js) loads it the first time someone types a query, then
  answers from it and shows the query's results again.

Each language's index stems its words (Material turns stemming off when a site has several
languages; here each index has one) and splits words on spaces only, so that a hyphenated word
stays whole. `add_search_folding` then gives the search worker Atlas's folding: accents,
ligatures, apostrophes and hyphens count neither in the index nor in the query
(docs/assets/atlas/search-fold.js).
"""

from __future__ import annotations

import html
import itertools
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from atlas.site import facts
from atlas.text.folding import TOKEN_SEPARATOR
from atlas.text.labels import LANGUAGES, label, other_language
from atlas.text.urls import page_url

if TYPE_CHECKING:
    from atlas.data.directory import Atlas
    from atlas.site.options import SiteOptions


# lunr's steps after Atlas's fold: trim signs, drop stop words, stem (Snowball, lunr-languages)
PIPELINE = ("stemmer", "stopWordFilter", "trimmer")
SEPARATOR = TOKEN_SEPARATOR  # words split on spaces, dashes and slashes only: a hyphenated word stays whole
# Material's search worker loads this file before its language's stemmer, in the served site and
# in the offline copy alike (through the iframe-worker shim)
STEMMER_SUPPORT = "assets/javascripts/lunr/min/lunr.stemmer.support.min.js"
FOLDING_SCRIPTS = ("assets/atlas/match.js", "assets/atlas/search-fold.js")
_MARK = "/* Atlas: folding for the site search (atlas.build.search.add_search_folding) */"
# The indexes of a language, under <lang>/search/: the first one has the name Material loads.
FIRST_INDEX = "search_index.json"
FULL_INDEX = "search_index.full.json"
# The search worker the pages name (overrides/main.html): beside Material's, whose folder both
# its own paths and the iframe-worker shim's depend on. Written from WORKER_SOURCE.
WORKER = "assets/javascripts/workers/atlas-search.js"
WORKER_SOURCE = "assets/atlas/search-worker.js"
MATERIAL_WORKERS = "assets/javascripts/workers"
# The first index keeps this much of the text of an entry Material made
TEASER_CHARS = 160
_TAG = re.compile(r"<[^>]*>")


def add_search_folding(site_dir: Path) -> int:
    """Append match.js and search-fold.js to the stemmer support that the search worker loads;
    returns the file's new size. Idempotent: a second call changes nothing."""
    target = site_dir / STEMMER_SUPPORT
    text = target.read_text(encoding="utf-8")
    if _MARK not in text:
        parts = [text.rstrip("\n"), _MARK] + [(site_dir / name).read_text(encoding="utf-8") for name in FOLDING_SCRIPTS]
        text = "\n".join(parts)
        target.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def write_search_worker(site_dir: Path) -> str:
    """Write the site's search worker (WORKER): the name of Material's worker, then
    search-worker.js, which loads it. The copy MkDocs made of search-worker.js goes: the pages
    load the worker only. Returns the name of Material's worker."""
    folder = site_dir / MATERIAL_WORKERS
    names = sorted(path.name for path in folder.glob("search.*.min.js"))
    if len(names) != 1:
        raise RuntimeError(
            f"{folder}: expected one Material search worker (search.<hash>.min.js), found {len(names)} — "
            "check that the installed mkdocs-material is the version in requirements.txt"
        )
    source = site_dir / WORKER_SOURCE
    text = f"var ATLAS_MATERIAL_WORKER = {json.dumps(names[0])};\n" + source.read_text(encoding="utf-8")
    (site_dir / WORKER).write_text(text, encoding="utf-8")
    source.unlink()
    return names[0]


def _text(*parts: str) -> str:
    """Plain texts joined as one entry text; escaped, as Material's results show entries as HTML."""
    return html.escape(" · ".join(part for part in parts if part), quote=False)


def commune_entries(atlas: Atlas, options: SiteOptions) -> dict[str, list[dict[str, str]]]:
    """A small search entry per commune page (its names and postcodes), per language: commune
    pages are left out of Material's indexer, which would parse their long lists of links."""
    entries: dict[str, list[dict[str, str]]] = {}
    for lang in LANGUAGES:
        other = other_language(lang)
        for commune in atlas.geography.communes.values():
            names = [commune.name(lang)] + ([commune.name(other)] if commune.name(other) != commune.name(lang) else [])
            entries.setdefault(lang, []).append(
                {
                    "location": page_url(f"communes/{commune.nis}.md", options.use_directory_urls),
                    "title": html.escape(commune.name(lang), quote=False),
                    "text": _text(" / ".join(names), ", ".join(commune.postcodes), label("region." + commune.region, lang)),
                }
            )
    return entries


def service_entries(atlas: Atlas, options: SiteOptions) -> dict[str, list[dict[str, str]]]:
    """The first index's entry of each service page, per language: its name as title; as text,
    the first sentence of its description, its organisation, its domains, and the postcode and
    commune of each of its addresses. Its audiences and area are left to the full index: at
    5,000 services they would take the first index over its budget (docs-dev/benchmarks.md), and
    the commune pages, in the first index, answer a place."""
    entries: dict[str, list[dict[str, str]]] = {lang: [] for lang in LANGUAGES}
    geography = atlas.geography
    for lang in LANGUAGES:
        for service in atlas.services.values():
            addresses = dict.fromkeys(
                f"{location.postcode} {geography.communes[location.commune].name(lang)}"
                for location in service.locations
                if location.commune in geography.communes
            )
            entries[lang].append(
                {
                    "location": page_url(f"services/{service.id}.md", options.use_directory_urls),
                    "title": html.escape(service.name[lang], quote=False),
                    "text": _text(
                        facts.first_sentence(service.description[lang], limit=TEASER_CHARS),
                        service.organization[lang] if service.organization else "",
                        ", ".join(atlas.domain_label(domain, lang) for domain in service.domains),
                        ", ".join(addresses),
                    ),
                }
            )
    return entries


def teaser(text: str, limit: int = TEASER_CHARS) -> str:
    """An entry's text (HTML from Material's indexer) as the first index keeps it: its words
    without tags, cut after at most `limit` characters at a word's end."""
    words = " ".join(_TAG.sub("", text).split())  # Material puts a space between its blocks
    if len(words) <= limit:
        return words
    return words[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def first_docs(material: list[dict[str, str]], extra: list[dict[str, str]], short: list[dict[str, str]]) -> list[dict[str, str]]:
    """The first index's entries: Material's entries with their text cut (`teaser`), but none of
    a page that has a `short` entry, then the `extra` and `short` entries."""
    pages = {doc["location"] for doc in short}
    kept = [{**doc, "text": teaser(doc["text"])} for doc in material if doc["location"].split("#", maxsplit=1)[0] not in pages]
    return kept + extra + short


def split_index(
    site_dir: Path,
    languages: tuple[str, ...],
    extra: dict[str, list[dict[str, str]]] | None = None,
    short: dict[str, list[dict[str, str]]] | None = None,
    *,
    offline: bool = False,
    index: tuple[dict[str, Any], list[dict[str, Any]]] | None = None,
) -> dict[str, tuple[int, int]]:
    """Write each language's first and full index under <lang>/search/ (and, for an offline copy,
    the .js forms that a page and the worker load from disk); remove the combined index.
    `index`: Material's settings and entries, from memory (atlas.build.material_search); without
    it, they are read from the combined index Material wrote (a dirty preview merges into that
    file first). `extra` entries go into both; `short` ones into the first only (`first_docs`).
    Returns each language's (first, full) sizes in bytes."""
    combined = site_dir / "search" / "search_index.json"
    if index is None:
        if not combined.exists():
            return {}
        read = json.loads(combined.read_text(encoding="utf-8"))
        index = read["config"], read["docs"]
    settings, docs = index
    sizes = {}
    for lang in languages:
        prefix = f"{lang}/"
        material = [
            {**doc, "location": doc["location"][len(prefix):]}
            for doc in docs
            if doc["location"].startswith(prefix)
        ]
        added = (extra or {}).get(lang, [])
        config = {**settings, "lang": [lang], "pipeline": list(PIPELINE), "separator": SEPARATOR}
        folder = site_dir / lang / "search"
        folder.mkdir(parents=True, exist_ok=True)
        full_path = f"{lang}/search/{FULL_INDEX}"  # from the site root, where the worker finds it
        written = []
        for name, entries, variable, own in (
            (FIRST_INDEX, first_docs(material, added, (short or {}).get(lang, [])), "__index", {**config, "atlas_full": full_path}),
            (FULL_INDEX, material + added, "__index_full", config),
        ):
            targets = [(folder / name, "")]
            if offline:  # the form a page (Material's offline plugin) and the worker load from disk
                targets.append(((folder / name).with_suffix(".js"), f"var {variable} = "))
            written.append(write_index(targets, own, entries))
        sizes[lang] = (written[0], written[1])
    combined.unlink(missing_ok=True)
    combined.with_suffix(".js").unlink(missing_ok=True)
    return sizes


def write_index(targets: list[tuple[Path, str]], config: dict[str, Any], docs: list[dict[str, Any]]) -> int:
    """Write `{"config": config, "docs": docs}` as compact JSON (UTF-8, characters unescaped) into
    each target file after its prefix, one entry at a time: the same bytes as `json.dumps` of the
    whole, without holding the whole text (~20 MB per language at 5,000 services). Values that
    are not JSON's own are written as their `str`, as Material writes them. Returns the JSON's size
    in bytes (without the prefix)."""

    def dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)

    files = [path.open("wb") for path, _ in targets]
    try:
        for file, (_, prefix) in zip(files, targets, strict=True):
            file.write(prefix.encode("utf-8"))
        size = 0
        chunks = itertools.chain(
            [f'{{"config":{dumps(config)},"docs":['],
            ((("," if number else "") + dumps(doc)) for number, doc in enumerate(docs)),
            ["]}"],
        )
        for chunk in chunks:
            data = chunk.encode("utf-8")
            size += len(data)
            for file in files:
                file.write(data)
    finally:
        for file in files:
            file.close()
    return size
