"""One search index per language.

mkdocs-static-i18n writes one combined search/search_index.json for both languages, so a Dutch
reader would get French results. After the build this splits it: site/fr/search/ and
site/nl/search/, each with its own stemming language and locations relative to its language
root (the page's Material config points `base` to that root: see overrides/main.html).

Each language's index stems its words (Material turns stemming off when a site has several
languages; here each index has one) and splits words on spaces only, so that a hyphenated word
stays whole. `add_search_folding` then gives the search worker Atlas's folding: accents,
ligatures, apostrophes and hyphens count neither in the index nor in the query
(docs/assets/atlas/search-fold.js).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from atlas.text.labels import LANGUAGES, label, other_language
from atlas.text.urls import page_url

if TYPE_CHECKING:
    from atlas.data.directory import Atlas
    from atlas.site.options import SiteOptions


# lunr's steps after Atlas's fold: trim signs, drop stop words, stem (Snowball, lunr-languages)
PIPELINE = ("stemmer", "stopWordFilter", "trimmer")
SEPARATOR = r"[\s\u00a0\u2000-\u200b\u2014\u2013/]+"
# Material's search worker loads this file before its language's stemmer, in the served site and
# in the offline copy alike (through the iframe-worker shim)
STEMMER_SUPPORT = "assets/javascripts/lunr/min/lunr.stemmer.support.min.js"
FOLDING_SCRIPTS = ("assets/atlas/match.js", "assets/atlas/search-fold.js")
_MARK = "/* Atlas: folding for the site search (atlas.build.search.add_search_folding) */"


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
                    "title": commune.name(lang),
                    "text": f"{' / '.join(names)} · {', '.join(commune.postcodes)} · {label('region.' + commune.region, lang)}",
                }
            )
    return entries


def split_index(
    site_dir: Path,
    languages: tuple[str, ...],
    extra: dict[str, list[dict[str, str]]] | None = None,
    *,
    offline: bool = False,
) -> dict[str, int]:
    """Write <lang>/search/search_index.json for each language (and, for an offline copy, the
    search_index.js that Material loads from disk); remove the combined index."""
    combined = site_dir / "search" / "search_index.json"
    if not combined.exists():
        return {}
    index = json.loads(combined.read_text(encoding="utf-8"))
    sizes = {}
    for lang in languages:
        prefix = f"{lang}/"
        docs = [
            {**doc, "location": doc["location"][len(prefix):]}
            for doc in index["docs"]
            if doc["location"].startswith(prefix)
        ] + (extra or {}).get(lang, [])
        config = {**index["config"], "lang": [lang], "pipeline": list(PIPELINE), "separator": SEPARATOR}
        target = site_dir / lang / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":"))
        target.write_text(text, encoding="utf-8")
        if offline:  # what Material's offline plugin does for the combined index
            target.with_suffix(".js").write_text(f"var __index = {text}", encoding="utf-8")
        sizes[lang] = len(text.encode("utf-8"))
    combined.unlink()
    combined.with_suffix(".js").unlink(missing_ok=True)
    return sizes
