"""Material's highlighting of search results with Atlas's folding (docs/assets/atlas/search-fold.js):
a result shows the text of its entry and nothing else, each <mark> once around a whole word that
the query matched — never a stray ">" or "&gt;" (a word indexed under several terms at one
position used to be wrapped once per term: <mark><mark</mark>>Wonen</mark>, shown as ">Wonen").
Checked on the pure function, on Material's own worker given entries written for the case, and
on the built site in /fr/ and /nl/, in the results and on the page a result opens."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Worker

from atlas.text.folding import fold, stem
from tests.browser.conftest import Watched, open_search, search_index, wait_for_full_index

QUERIES = {
    "fr": ["l'aide", "sans-abri", "réinsertion", "logement", "dettes", "CPAS"],
    "nl": ["wonen", "OCMW", "schulden", "re-integratie", "gevangenis", "schuldbemiddeling"],
}
SIGNS = ("<", ">", "&gt;", "&lt;", "&amp;")
MARK = re.compile(r"<mark>(.*?)</mark>", re.S)
TAG = re.compile(r"<[^>]*>")

# Entries written for the case: tags around and inside the text, entities, hyphens, apostrophes,
# accents, a word that ends a tag's block and starts the next one.
CRAFTED = {
    "nl": [
        {"location": "a/", "title": "Wonen en re-integratie", "text": "<p>Hulp bij wonen, schulden en re-integratie.</p> <ul> <li>Wonen (182) — een woning vinden</li> <li>Schulden &amp; budget: het OCMW</li> </ul>"},
        {"location": "a/#b", "title": "Schuldbemiddeling", "text": "<p>Het <code>OCMW</code> &gt; schuldbemiddeling voor wie wonen zoekt.</p>"},
    ],
    "fr": [
        {"location": "a/", "title": "L'aide aux sans-abri", "text": "<p>Réinsertion et logement : l’aide d'urgence pour les personnes sans-abri.</p> <ul> <li>Réinsertion (12) &gt; logement</li> <li>CPAS &amp; dettes</li> </ul>"},
        {"location": "a/#b", "title": "Réinsertion sociale", "text": "<p>Le <code>CPAS</code> aide à la réinsertion des personnes sans abri.</p>"},
    ],
}


def query_words(query: str) -> list[str]:
    """The folded words a query looks up: whole, and split at its hyphens."""
    return sorted(set(fold(query).split()) | set(fold(query.replace("-", " ")).split()))


def matches_query(marked: str, query: str, lang: str) -> bool:
    """Whether the text of a <mark> is a word the query finds: one of its folded words (whole, or
    split at its hyphens) starts with a word of the query, or its stem with the query word's stem
    (lunr also tries that stem one or two letters shorter, down to five)."""
    for word in query_words(marked):
        for typed in query_words(query):
            typed_stem = stem(typed, lang)
            if word.startswith(typed) or stem(word, lang).startswith(typed_stem[: max(5, len(typed_stem) - 2)]):
                return True
    return False


def slices_of(shown: str, source: str) -> bool:
    """Whether `shown` is one piece of `source`, or two pieces in a row (Material shows at most two
    blocks of an entry's text)."""
    if shown in source:
        return True
    return any(shown[:cut] in source and shown[cut:] in source for cut in range(1, len(shown)))


def visible(markup: str) -> str:
    """The text a reader sees of an entry's title or text (tags out, entities read)."""
    return html.unescape(TAG.sub("", markup))


def mark_problems(field: str, shown: str, source: str, query: str, lang: str) -> list[str]:
    """What is wrong with a field of a result as the worker answered it (HTML with <mark>s)
    against its entry: the same markup once the marks are out, and each mark a whole word the
    query finds, alone."""
    problems = []
    if not slices_of(shown.replace("<mark>", "").replace("</mark>", ""), source):
        problems.append(f"{field}: {shown!r} is not the entry's {source!r} with marks added")
    for found in MARK.finditer(shown):
        marked, around = found.group(1), shown[found.start() - 1 : found.start()] + shown[found.end() : found.end() + 1]
        if re.search(r"[<>]", marked):
            problems.append(f"{field}: <mark> around {marked!r}, a piece of markup")
        elif not matches_query(marked, query, lang):
            problems.append(f"{field}: <mark> around {marked!r}, not a word that {query!r} finds")
        elif re.search(r"[^\W_]", around):
            problems.append(f"{field}: <mark> around {marked!r}, part of a word ({shown!r})")
    return problems


# ---- the pure function -----------------------------------------------------------------------


def _site_worker(page: Page) -> Worker:
    """The site's search worker, once it has loaded search-fold.js (at the page's SETUP)."""
    for _ in range(100):
        for worker in page.workers:
            if worker.evaluate("() => typeof (self.lunr || {}).atlasDistinctPositions === 'function'"):
                return worker
        page.wait_for_timeout(100)
    raise AssertionError(f"the site's search worker did not load search-fold.js (state: {search_index(page)})")


def test_each_position_is_kept_once(watched: Watched, server: str) -> None:
    """Assert lunr.atlasDistinctPositions (search-fold.js, in the site's search worker) keeps each
    position of a field once, under its first term, keeps every term and field, and changes
    nothing it was given (lunr shares those arrays with its index)."""
    page = watched.page
    page.goto(f"{server}nl/")
    worker = _site_worker(page)
    given: dict[str, Any] = {
        "wonen": {"text": {"position": [5, 9]}, "title": {"position": [1]}},
        "won": {"text": {"position": [9, 5, 12]}, "title": {"position": [1]}},
        "wonend": {"text": {"position": [12, 14, 14]}},
    }
    before = json.loads(json.dumps(given))
    answer = worker.evaluate(
        "(given) => { const out = lunr.atlasDistinctPositions(given); return [JSON.parse(JSON.stringify(out)), given]; }", given
    )
    assert answer[0] == {
        "wonen": {"text": {"position": [5, 9]}, "title": {"position": [1]}},
        "won": {"text": {"position": [12]}, "title": {"position": []}},
        "wonend": {"text": {"position": [14]}},
    }
    assert answer[1] == before
    assert watched.errors == []


# ---- Material's worker, given entries written for the case -----------------------------------

WORKER_RUN = """async ({url, config, docs, queries}) => {
  const worker = new Worker(url);
  const reply = (message) => new Promise((resolve) => {
    worker.onmessage = (event) => resolve(event.data);
    worker.postMessage(message);
  });
  await reply({type: 0, data: {config, docs, options: {suggest: false}}});
  const answers = {};
  for (const query of queries) { answers[query] = (await reply({type: 2, data: query})).data.items; }
  worker.terminate();
  return answers;
}"""


@pytest.mark.parametrize("lang", sorted(CRAFTED))
def test_the_worker_marks_each_word_once(watched: Watched, server: str, site: Path, lang: str) -> None:
    """Assert that Atlas's search worker (Material's, with Atlas's folding), given entries with
    tags, entities, hyphens, apostrophes and accents, answers each query with every entry's title
    and text unchanged but for <mark>s, each around a whole word that the query finds."""
    page = watched.page
    page.goto(f"{server}{lang}/")
    config = json.loads((site / lang / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    config.pop("atlas_full")  # this worker answers from these entries only
    queries = [*QUERIES["fr"], *QUERIES["nl"], "reinsertion", "reintegratie", "aide"]
    answers = page.evaluate(
        WORKER_RUN, {"url": f"{server}assets/javascripts/workers/atlas-search.js", "config": config, "docs": CRAFTED[lang], "queries": queries}
    )
    sources = {doc["location"]: doc for doc in CRAFTED[lang]}
    problems = []
    marks = 0
    for query, groups in answers.items():
        for item in (item for group in groups for item in group):
            for field in ("title", "text"):
                problems += [f"{query!r} {item['location']} {p}" for p in mark_problems(field, item[field], sources[item["location"]][field], query, lang)]
                marks += len(MARK.findall(item[field]))
    assert problems == []
    assert marks >= 12, answers  # the queries found and marked words
    assert watched.errors == []


# ---- the built site: the results shown, and the page a result opens ---------------------------

# The results of the query typed: the list changed since it was typed, and then stayed the same
SETTLED = """(earlier) => {
  const list = document.querySelector('.md-search-result__list');
  const state = window.__atlasSettled || (window.__atlasSettled = {html: earlier, since: 0});
  const now = performance.now();
  if (list.innerHTML !== state.html) { state.html = list.innerHTML; state.since = now; return false; }
  return list.children.length > 0 && state.html !== earlier && now - state.since > 400;
}"""

SHOWN = """() => [...document.querySelectorAll('.md-search-result__article')].map((article) => {
  const copy = article.cloneNode(true);
  copy.querySelectorAll('.md-search-result__terms').forEach((terms) => terms.remove());
  return {
    href: article.closest('a').href,
    text: copy.textContent,
    marks: [...article.querySelectorAll('mark')].map((mark) => [
      (mark.previousSibling ? mark.previousSibling.textContent : '').slice(-1),
      mark.textContent,
      (mark.nextSibling ? mark.nextSibling.textContent : '').slice(0, 1),
    ]),
    nested: article.querySelectorAll('mark mark').length,
  };
})"""


def _search(page: Page, query: str) -> list[dict[str, Any]]:
    """Put a query in Material's search box (one keyup: Material searches on keyup, and answers
    to the letters typed so far could come after) and return the results once they stop changing."""
    open_search(page)
    earlier = page.evaluate("() => { window.__atlasSettled = null; return document.querySelector('.md-search-result__list').innerHTML; }")
    box = page.locator(".md-search__input")
    box.fill(query)
    box.press("End")
    page.wait_for_function(SETTLED, arg=earlier, polling=100, timeout=15_000)
    shown: list[dict[str, Any]] = page.evaluate(SHOWN)
    return shown


def _load_full_index(page: Page, query: str) -> None:
    """Search the first letters of a query, so that the worker loads the full index, and wait
    until it has answered them again from it."""
    _search(page, query[:3])
    wait_for_full_index(page)
    page.wait_for_timeout(500)


def _location(href: str, lang: str) -> str:
    parts = urlsplit(href)
    path = parts.path.removeprefix(f"/{lang}/")
    return f"{path}#{parts.fragment}" if parts.fragment else path


@pytest.mark.parametrize("lang", sorted(QUERIES))
def test_results_show_their_text_and_mark_whole_words(watched: Watched, server: str, site: Path, lang: str) -> None:
    """Assert that on the built site, for words with accents, hyphens and apostrophes, no result
    shows a "<", ">", "&gt;", "&lt;" or "&amp;" that its entry's own text lacks, no <mark> is
    inside another, and each <mark> holds a whole word that the query finds."""
    full = json.loads((site / lang / "search" / "search_index.full.json").read_text(encoding="utf-8"))
    entries = {doc["location"]: visible(doc["title"]) + visible(doc["text"]) for doc in full["docs"]}
    page = watched.page
    page.goto(f"{server}{lang}/")
    _load_full_index(page, QUERIES[lang][0])
    problems = []
    marks = 0
    for query in QUERIES[lang]:
        shown = _search(page, query)
        assert shown, f"{lang}: no result for {query!r}"
        for result in shown:
            location = _location(result["href"], lang)
            own = entries.get(location)
            if own is None:
                problems.append(f"{query!r}: a result for {location}, which no entry has")
                continue
            for sign in SIGNS:
                if result["text"].count(sign) > own.count(sign):
                    problems.append(f"{query!r} {location}: shows {sign!r} {result['text'].count(sign)}×, its entry {own.count(sign)}×")
            problems += [f"{query!r} {location}: a <mark> inside a <mark>"] * bool(result["nested"])
            for before, marked, after in result["marks"]:
                if re.search(r"[<>]", marked) or not matches_query(marked, query, lang):
                    problems.append(f"{query!r} {location}: <mark> around {marked!r}")
                if re.search(r"[^\W_]", before + after):
                    problems.append(f"{query!r} {location}: <mark> around {marked!r}, part of {before + marked + after!r}")
            marks += len(result["marks"])
    assert problems == []
    assert marks >= 3 * len(QUERIES[lang])
    assert watched.errors == []


@pytest.mark.parametrize("lang", sorted(QUERIES))
def test_the_page_a_result_opens_keeps_its_text(watched: Watched, server: str, lang: str) -> None:
    """Assert that the page a result opens (with Material's ?h= highlighting) shows the same text
    as without it, and that each of its <mark>s holds a word that the query finds."""
    page = watched.page
    problems = []
    highlighted = 0
    for query in QUERIES[lang]:
        page.goto(f"{server}{lang}/")
        _load_full_index(page, query)
        href = _search(page, query)[0]["href"]
        plain = href.split("?", 1)[0]
        page.goto(plain)
        before = page.inner_text(".md-content")
        page.goto(href)
        page.wait_for_load_state("networkidle")  # Material highlights once it has the index
        after = page.inner_text(".md-content")
        marks = page.eval_on_selector_all(".md-content mark[data-md-highlight]", "marks => marks.map(m => m.textContent)")
        highlighted += bool(marks)
        problems += [f"{query!r} {href}: the page's text changed"] * (before != after)
        problems += [f"{query!r} {href}: <mark> around {m!r}" for m in marks if re.search(r"[<>]", m) or not matches_query(m, query, lang)]
    assert problems == []
    assert highlighted >= 2
    assert watched.errors == []
