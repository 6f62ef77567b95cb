"""The built site's side of issue 12 in both languages: the language filter, the place table, the
finder's word index and the search folding shipped to Material's worker."""

from __future__ import annotations

import json
import re
from pathlib import Path

from atlas.build.search import PIPELINE, STEMMER_SUPPORT
from atlas.exports.finder_data import read_finder_data

STATED = {"fr": {"de": "allemand", "fr": "français", "nl": "néerlandais"}, "nl": {"de": "Duits", "fr": "Frans", "nl": "Nederlands"}}


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _script_data(path: Path, name: str) -> dict:
    text = read(path)
    assert text.startswith(f"window.{name}="), f"{path} starts with {text[:40]!r}"
    assert text.endswith(";\n"), f"{path} ends with {text[-40:]!r}"
    return json.loads(text[len(f"window.{name}="):-2])


def test_language_filter_offers_only_stated_languages_with_counts(site: Path) -> None:
    """Assert the finder's language list holds the languages services state, each with its number of
    services, sorted by name, plus the help on interpreting; never the 23 languages of the taxonomy."""
    for lang in ("fr", "nl"):
        html = read(site / lang / "finder" / "index.html")
        select = re.search(r'<select id="atlas-f-lang".*?</select>', html, re.S)
        assert select
        options = re.findall(r'<option value="(\w*)">([^<]*)</option>', select.group())
        assert options[0][0] == "", (lang, options[0])
        assert [code for code, _ in options[1:]] == sorted(STATED[lang], key=lambda c: STATED[lang][c].casefold())
        for code, text in options[1:]:
            assert re.fullmatch(rf"{re.escape(STATED[lang][code])} \(\d+\)", text), text
        assert ("interprète" if lang == "fr" else "tolk") in html, f"{lang}: no help on interpreting"
        assert 'aria-describedby="atlas-f-lang-help"' in html, f"{lang}: the language list is not described by its help"


def test_place_table_is_shipped_once_for_both_languages(site: Path) -> None:
    """Assert places-data.js holds the communes, sections, former communes and postcodes, and the
    sentences in both languages; the finder and the commune index load it."""
    data = _script_data(site / "assets" / "atlas" / "places-data.js", "ATLAS_PLACES")
    assert len(data["communes"]) == 565
    assert data["postcodes"]["1080"] == ["21012"]
    names = {row[3]: row for row in data["places"]}
    assert names["Kortessem"][1] == "71072"
    assert data["kinds"][names["Kortessem"][2]] == "former"
    assert names["Heverlee"][1] == "24062"
    assert names["Laeken"][1] == "21004"
    assert "1er janvier 2025" in data["labels"]["fr"]["via.former"]
    assert "1 januari 2025" in data["labels"]["nl"]["via.former"]
    for lang in ("fr", "nl"):
        for page in ("finder", "communes"):
            assert "assets/atlas/places-data.js" in read(site / lang / page / "index.html")
        assert f"lunr/min/lunr.{lang}.min.js" in read(site / lang / "finder" / "index.html")


def test_finder_index_holds_every_field_and_the_domain_words(site: Path) -> None:
    """Assert a service's words come from its whole description and how to refer (no 600-character
    cut), and the taxonomy's everyday words are there per domain, in the page's language."""
    for lang, word in (("fr", "sansabri"), ("nl", "thuisloos")):
        data = _script_data(site / lang / "finder" / "finder-data.js", "ATLAS_FINDER")
        housing = [d[0] for d in data["domains"]].index("housing")
        assert word in data["words"]["d"][housing]["s"].split()
        longest = max(read_finder_data(data), key=lambda s: len(s["s"]))
        assert len(longest["s"]) > 600, (lang, longest["i"], len(longest["s"]))
        assert longest["k"], f"{lang}: {longest['i']} has no 'k' field"
    fr = _script_data(site / "fr" / "finder" / "finder-data.js", "ATLAS_FINDER")
    caprev = next(s for s in read_finder_data(fr) if s["i"] == "caprev")
    assert "caprev" in caprev["s"].split()


def test_search_worker_gets_the_folding_and_each_index_stems(site: Path) -> None:
    """Assert the worker's stemmer support carries match.js and search-fold.js once, and both
    languages' indexes stem and keep hyphenated words whole."""
    support = read(site / STEMMER_SUPPORT)
    assert support.count("root.AtlasMatch = {") == 1
    assert support.count("lunr.atlasFold = function") == 1
    for lang in ("fr", "nl"):
        config = json.loads(read(site / lang / "search" / "search_index.json"))["config"]
        assert config["pipeline"] == list(PIPELINE), lang
        assert re.search(config["separator"], "re-integratie") is None, f"{lang}: separator {config['separator']!r} splits hyphenated words"


def test_finder_words_hold_dutch_elliptic_compounds_in_the_index_only(site: Path) -> None:
    """Assert that the Dutch finder data of the services that write "dak- en thuislozen" holds
    daklozen with the stem of dakloos, and thuislozen with the stem of thuisloos (voiceless ends),
    that the French data adds no such word, and that no page shows a word the index added."""
    nl = {record["i"]: record for record in read_finder_data(_script_data(site / "nl" / "finder" / "finder-data.js", "ATLAS_FINDER"))}
    fr = {record["i"]: record for record in read_finder_data(_script_data(site / "fr" / "finder" / "finder-data.js", "ATLAS_FINDER"))}
    for service in ("cass-liege", "caw-oost-vlaanderen-nachtopvang-gent"):
        assert {"dak", "thuislozen", "daklozen"} <= set(nl[service]["s"].split()), service
        assert {"daklos", "thuislos"} <= set(nl[service]["k"].split()), service
        assert "thuisloz" not in nl[service]["k"].split(), service
        assert "daklozen" not in fr[service]["s"].split(), service
        page = read(site / "nl" / "services" / service / "index.html")
        assert "dak- en thuislozen" in page, service
        assert "dakislozen" not in page, service
        assert "dakslozen" not in page, service
    assert "daklozen" not in read(site / "nl" / "services" / "cass-liege" / "index.html").lower()
