"""The FR ↔ NL glossary: its page, and the abbreviations explained on every page of the site."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from atlas.site.page_meta import GeneratedPage, PageMeta
from atlas.site.render import render
from atlas.text.collate import sort_key
from atlas.text.labels import label, other_language

if TYPE_CHECKING:
    from atlas.data.model import GlossaryEntry

def glossary_page(entries: list[GlossaryEntry], lang: str) -> GeneratedPage:
    """The glossary of one language: its terms in the page's alphabetical order, by initial."""
    other = other_language(lang)
    ordered = sorted(entries, key=lambda e: sort_key(e.term[lang], lang))
    groups: dict[str, list[GlossaryEntry]] = {}
    for entry in ordered:
        initial = sort_key(entry.term[lang], lang)[0][:1].upper()
        groups.setdefault(initial if initial.isalpha() else "#", []).append(entry)
    body = render("glossary.md.j2", groups=list(groups.items()), lang=lang, other=other)
    meta = PageMeta(label("glossary.title", lang), label("glossary.description", lang))
    return GeneratedPage("glossary/index.md", meta, body)


_ABBR_SAFE = re.compile(r"[\[\]\n]")


def abbreviations(entries: list[GlossaryEntry], lang: str) -> dict[str, str]:
    """The glossary's abbreviations for one language, explained on every page of the site:
    {"CPAS": "Centre public d'action sociale"}. They are given to Python-Markdown's `abbr` as its
    glossary (atlas.build.events), not appended to each page as `*[CPAS]: …` lines: `abbr` takes
    such lines one at a time and every block parser looks at the rest again, which cost more
    than the Markdown of most generated pages."""
    found: dict[str, str] = {}
    for entry in entries:
        if entry.abbr is None:
            continue
        abbr = entry.abbr[lang]
        if abbr.casefold() == entry.term[lang].casefold():
            continue
        found[_ABBR_SAFE.sub(" ", abbr).strip()] = _ABBR_SAFE.sub(" ", entry.term[lang]).strip()
    return found
