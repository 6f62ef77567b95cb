"""The trainers' guide: twin pages, complete sanction front matter, the generated matrix and
print view, and the glossary."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from atlas.data.directory import Atlas
from atlas.site.guide import EFFECT_AREAS, Effects, Measure, load_measures
from atlas.text.collate import sort_key
from tests.support import ROOT

DOCS = ROOT / "docs"


def hand_written(lang: str) -> set[str]:
    root = DOCS / lang
    generated = {"services", "communes", "domains", "glossary"}
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*.md")
        if p.relative_to(root).parts[0] not in generated and p.name not in ("print.md",)
        and p.relative_to(root).as_posix() != "guide/sanctions/index.md"
    }


def test_every_guide_page_has_its_twin() -> None:
    """Assert docs/fr and docs/nl hold the same hand-written pages."""
    assert hand_written("fr") == hand_written("nl")
    assert {"guide/trauma-sensitive-practice.md", "guide/referral-routes.md", "guide/families.md",
            "about/index.md", "about/privacy.md", "about/accessibility.md"} <= hand_written("fr")


def test_sanction_pages_are_complete_in_both_languages() -> None:
    """Assert every sanction page validates in both languages (the model requires a legal basis,
    who decides and how to contest; load_measures, that twins agree on the measure, its place and
    each effect's level), with an https source, and that twins give as many legal bases and
    points to verify."""
    pages, problems = load_measures(DOCS, ROOT)
    assert problems == []
    assert set(Effects.model_fields) == set(EFFECT_AREAS)
    slugs = {lang: {p.slug for p in pages if p.lang == lang} for lang in ("fr", "nl")}
    assert slugs["fr"] == slugs["nl"]
    assert len(slugs["fr"]) >= 10
    for page in pages:
        assert any(source.url.startswith("https://") for source in page.meta.sources), f"{page.lang}/{page.slug}"
    dutch = {page.slug: page.meta for page in pages if page.lang == "nl"}
    for page in (p for p in pages if p.lang == "fr"):
        fr, nl = page.meta, dutch[page.slug]
        assert len(fr.legal_basis) == len(nl.legal_basis), f"{page.slug}: legal bases"
        assert len(fr.to_verify) == len(nl.to_verify), f"{page.slug}: points to verify"


def test_a_sanction_page_missing_a_field_is_reported(tmp_path: Path) -> None:
    """Assert that a sanction page without 'contest' is reported with its file and line."""
    for lang in ("fr", "nl"):
        folder = tmp_path / "docs" / lang / "guide" / "sanctions"
        folder.mkdir(parents=True)
        text = (DOCS / lang / "guide" / "sanctions" / "nationality.md").read_text(encoding="utf-8")
        if lang == "nl":
            text = re.sub(r"^contest: .*\n", "", text, flags=re.M)
        (folder / "nationality.md").write_text(text, encoding="utf-8")
    _, problems = load_measures(tmp_path / "docs", tmp_path)
    assert [str(p).split(": the required")[0] for p in problems] == ["docs/nl/guide/sanctions/nationality.md:2:1: contest"]


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_matrix_lists_every_sanction_page(site: Path, lang: str) -> None:
    """Assert the overview's matrix links every measure, with a level for each life area."""
    html = (site / lang / "guide" / "sanctions" / "index.html").read_text(encoding="utf-8")
    table = html[html.index("<table"): html.index("</table>")]
    pages, _ = load_measures(DOCS, ROOT)
    for page in (p for p in pages if p.lang == lang):
        row = re.search(rf'<tr>\s*<th scope="row"><a href="{page.slug}/">.*?</tr>', table, re.S)
        assert row, page.slug
        assert len(re.findall(r'class="atlas-level atlas-level-(?:direct|indirect|none)"', row.group(0))) == len(EFFECT_AREAS)


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_sanction_page_shows_its_front_matter(site: Path, lang: str) -> None:
    """Assert a sanction page renders the legal basis box, the effects table and the sources."""
    html = (site / lang / "guide" / "sanctions" / "nationality" / "index.html").read_text(encoding="utf-8")
    meta = Measure.model_validate(_front_matter(DOCS / lang / "guide" / "sanctions" / "nationality.md"))
    assert 'class="atlas-measure-summary"' in html
    assert meta.legal_basis[0].url in html
    assert 'id="effects"' in html
    assert 'id="sources"' in html
    assert meta.last_reviewed.isoformat() in html
    if meta.to_verify:
        assert "admonition warning" in html


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_print_view_holds_every_measure_with_page_breaks(site: Path, lang: str) -> None:
    """Assert the print view contains each measure once, in its own page-break section."""
    html = (site / lang / "guide" / "sanctions" / "print" / "index.html").read_text(encoding="utf-8")
    pages, _ = load_measures(DOCS, ROOT)
    sections = re.findall(r'<section class="atlas-print-measure">\s*<h2 id="([a-z-]+)"', html)
    assert sections == [p.slug for p in pages if p.lang == lang]
    assert "data-atlas-print" in html


@pytest.mark.parametrize(("lang", "other"), [("fr", "nl"), ("nl", "fr")])
def test_glossary_page_gives_every_term_in_both_languages(site: Path, atlas: Atlas, lang: str, other: str) -> None:
    """Assert the glossary page holds every entry once, in the page language's alphabetical order
    (atlas.text.collate): its term (and abbreviation) as the heading,
    its definition, and the other language's term marked with that language (the model already
    refuses an entry missing a language)."""
    assert len(atlas.glossary) >= 40
    page = (site / lang / "glossary" / "index.html").read_text(encoding="utf-8")
    found = re.findall(
        r'<h3 id="([a-z0-9-]+)">(.*?)</h3>\s*<p>(.*?)</p>\s*<p class="atlas-glossary-other">[^<]*<span lang="([a-z]+)">(.*?)</span>',
        page,
        re.S,
    )
    by_id = {entry.id: entry for entry in atlas.glossary}
    ids = [item[0] for item in found]
    assert sorted(ids) == sorted(by_id), f"the {lang} glossary does not hold every entry once"
    assert ids == sorted(by_id, key=lambda i: sort_key(by_id[i].term[lang], lang)), f"the {lang} glossary is not in {lang} alphabetical order"

    def text(markup: str) -> str:
        return unescape(re.sub(r"<[^>]+>", "", markup))

    for entry_id, heading, definition, marked, term in found:
        entry = by_id[entry_id]
        assert text(heading) == entry.term[lang] + (f" ({entry.abbr[lang]})" if entry.abbr else ""), entry_id
        assert text(definition).startswith(text(entry.definition[lang])[:40]), entry_id
        assert marked == other, entry_id
        assert text(term) == entry.term[other] + (f" ({entry.abbr[other]})" if entry.abbr else ""), entry_id


@pytest.mark.parametrize(("lang", "abbr", "title"), [("fr", "CPAS", "Centre public d'action sociale"), ("nl", "OCMW", "Openbaar centrum voor maatschappelijk welzijn")])
def test_abbreviations_are_explained_in_the_page_language(site: Path, lang: str, abbr: str, title: str) -> None:
    """Assert that an abbreviation in a guide page carries its full name in that language."""
    html = (site / lang / "guide" / "referral-routes" / "index.html").read_text(encoding="utf-8")
    assert f'<abbr title="{title}">{abbr}</abbr>' in html.replace("&#39;", "'")


def _front_matter(path: Path) -> dict[str, object]:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])
