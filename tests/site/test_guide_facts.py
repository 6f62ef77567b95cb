"""The guides hold up to a legal review: sanction pages cite official texts, every guide source
carries the day it was consulted, and each FR/NL twin states the same facts (numbers, dates,
article references, official acts)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from atlas.data.links import url_host
from atlas.data.loader import load_domains
from atlas.data.problems import ProblemCollector
from tests.support import ROOT

GUIDE = ROOT / "docs" / "fr" / "guide"
PAIRS = sorted(path.relative_to(ROOT / "docs" / "fr").as_posix() for path in GUIDE.rglob("*.md"))
SANCTIONS = [pair for pair in PAIRS if pair.startswith("guide/sanctions/") and not pair.endswith("index.md")]

# Numbers a language writes as words where the other writes digits (ordinals, small numbers).
NUMBER_WORDS = {"twaalfde": "12", "premier": "1", "première": "1", "eerste": "1", "deuxième": "2", "tweede": "2"}
NUMBER = re.compile(r"(?<![\w/.#%-])(\d{1,3}(?:[ .\u202f\u00a0]\d{3})+|\d+(?:,\d+)?)(?:er|e|de|ste)?(?![\w/%])")
ARTICLE = re.compile(r"\b(?:art(?:icle|ikel)?s?\.?)\s*(\d+(?:/\d+)?(?:bis|ter|quater)?)", re.I)
NUMAC = re.compile(r"/eli/[a-z]+/\d{4}/\d{2}/\d{2}/(\d{10})/")


def _split(path: Path) -> tuple[dict[str, object], str]:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---", 2)
    return yaml.safe_load(front), body


def _facts(path: Path) -> tuple[set[str], set[str], set[str]]:
    """Numbers, article references and official acts (NUMAC of ELI links) stated on a page,
    outside its list of sources (whose titles are quoted in their own language)."""
    meta, body = _split(path)
    meta = {key: value for key, value in meta.items() if key not in ("sources", "title", "description")}
    # Reading lists ("- [title](https://…) — publisher") cite each language's own sources.
    body = "\n".join(line for line in body.splitlines() if not re.match(r"\s*[-*] \[[^\]]*\]\(https?://", line))
    text = yaml.safe_dump(meta, allow_unicode=True) + body
    acts = set(NUMAC.findall(text))
    prose = re.sub(r"\]\([^)]*\)|https?://\S+", " ", text)
    for word, digits in NUMBER_WORDS.items():
        prose = re.sub(rf"\b{word}\b", digits, prose, flags=re.I)
    prose = re.sub(r"\b(eerste|tweede)(lijns)", lambda m: NUMBER_WORDS[m.group(1).lower()] + " " + m.group(2), prose, flags=re.I)
    numbers = {re.sub(r"[ .\u202f\u00a0]", "", n).replace(",", ".") for n in NUMBER.findall(prose)}
    articles = {a.lower() for a in ARTICLE.findall(prose)}
    return numbers, articles, acts


@pytest.mark.parametrize("page", PAIRS)
def test_twins_state_the_same_facts(page: str) -> None:
    """Assert that the FR and NL page state the same numbers, article references and acts."""
    fr_numbers, fr_articles, fr_acts = _facts(ROOT / "docs" / "fr" / page)
    nl_numbers, nl_articles, nl_acts = _facts(ROOT / "docs" / "nl" / page)
    assert fr_acts == nl_acts, f"{page}: official acts differ: FR only {fr_acts - nl_acts}, NL only {nl_acts - fr_acts}"
    assert fr_articles == nl_articles, f"{page}: articles differ: FR only {fr_articles - nl_articles}, NL only {nl_articles - fr_articles}"
    assert fr_numbers == nl_numbers, f"{page}: numbers differ: FR only {fr_numbers - nl_numbers}, NL only {nl_numbers - fr_numbers}"


def test_twin_comparison_can_fail(tmp_path: Path) -> None:
    """Assert that the comparison sees a changed time limit."""
    fr = tmp_path / "fr.md"
    nl = tmp_path / "nl.md"
    fr.write_text("---\ntitle: x\n---\nRecours dans les 30 jours (art. 39/57).\n", encoding="utf-8")
    nl.write_text("---\ntitle: x\n---\nBeroep binnen 15 dagen (art. 39/57).\n", encoding="utf-8")
    assert _facts(fr)[0] != _facts(nl)[0]
    assert _facts(fr)[1] == _facts(nl)[1]


@pytest.mark.parametrize("lang", ["fr", "nl"])
@pytest.mark.parametrize("page", SANCTIONS)
def test_sanction_page_cites_an_official_text(page: str, lang: str) -> None:
    """Assert that the legal basis of each sanction page links at least one official text."""
    meta, _ = _split(ROOT / "docs" / lang / page)
    domains = load_domains(ROOT / "data" / "official-domains.yaml", "data/official-domains.yaml", ProblemCollector())
    assert domains is not None
    hosts = [url_host(str(item["url"])) for item in meta["legal_basis"]]  # type: ignore[union-attr]
    official = [host for host in hosts if domains.match(host)]
    assert official, f"docs/{lang}/{page}: legal_basis cites no official text (hosts: {hosts})"


@pytest.mark.parametrize("lang", ["fr", "nl"])
@pytest.mark.parametrize("page", PAIRS)
def test_every_guide_source_has_its_day_consulted(page: str, lang: str) -> None:
    """Assert that every source of every guide page says when it was consulted."""
    meta, _ = _split(ROOT / "docs" / lang / page)
    sources = meta.get("sources") or []
    assert isinstance(sources, list)
    missing = [s.get("url") for s in sources if not s.get("retrieved")]
    assert missing == [], f"docs/{lang}/{page}: sources without 'retrieved': {missing}"
