"""The finder on the packed finder data (issue 16), in Chromium, in both languages: finder.js reads
back exactly the records the build meant, and drawing less at each keystroke (cards kept, the
address written once typing pauses) still shows, announces and remembers the right things."""

from __future__ import annotations

import pytest

from atlas.data.directory import Atlas
from atlas.exports.finder_data import service_records
from tests.browser.conftest import Watched

LANGS = ("fr", "nl")
COUNT = {"fr": "{count} services trouvés", "nl": "{count} diensten gevonden"}
WORD = {"fr": "logement", "nl": "wonen"}

# what finder.js made of window.ATLAS_FINDER: each record's fields, and its words and their stems
# from its word numbers in the vocabulary
READ_BACK = """() => {
  const data = window.ATLAS_FINDER, v = data.vocabulary;
  return data.services.map((s) => {
    const record = Object.assign({}, s);
    delete record.wordIds;
    return [record, s.wordIds.map((n) => v.words[n]), s.wordIds.map((n) => v.stems[n])];
  });
}"""


def _open(watched: Watched, server: str, path: str) -> None:
    watched.page.goto(server + path)
    watched.page.wait_for_selector("#atlas-f-results input[data-id]")


def _status(watched: Watched) -> tuple[int, str]:
    return int(watched.page.get_attribute("#atlas-f-status", "data-count") or "-1"), watched.page.inner_text("#atlas-f-status")


@pytest.mark.parametrize("lang", LANGS)
def test_the_browser_reads_the_records_meant(watched: Watched, server: str, atlas: Atlas, lang: str) -> None:
    """Assert that every record finder.js reads from the packed file equals the build's record of
    that service (same services, same order, every field), its words and stems those meant."""
    _open(watched, server, f"{lang}/finder/")
    read = watched.page.evaluate(READ_BACK)
    meant = service_records(atlas, lang, use_directory_urls=True)
    assert [record["i"] for record, _, _ in read] == [record["i"] for record in meant]
    for (record, words, stems), expected in zip(read, meant, strict=True):
        record |= {"s": " ".join(sorted(words)), "k": " ".join(sorted(set(stems)))}
        assert record == expected, expected["i"]
    assert watched.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_typing_announces_the_count_and_writes_the_address_once_it_pauses(watched: Watched, server: str, lang: str) -> None:
    """Assert that a word typed key by key leaves the live region saying the count of the last
    query, the cards drawn being that many (up to 20), and the address holding the whole word."""
    _open(watched, server, f"{lang}/finder/")
    watched.page.click("[data-atlas-filters] > summary")
    watched.page.locator("#atlas-f-q").press_sequentially(WORD[lang], delay=20)
    watched.page.wait_for_function("(w) => new URLSearchParams(location.search).get('text') === w", arg=WORD[lang])
    count = int(watched.page.get_attribute("#atlas-f-status", "data-count") or "-1")
    assert 1 < count < len(watched.page.evaluate("() => ATLAS_FINDER.services"))
    watched.page.wait_for_function("(text) => document.getElementById('atlas-f-status').textContent === text", arg=COUNT[lang].format(count=count))
    assert watched.page.locator("#atlas-f-results > li").count() == min(count, 20)
    watched.page.fill("#atlas-f-q", "")
    watched.page.wait_for_function("() => !new URLSearchParams(location.search).has('text')")
    assert _status(watched)[0] > count
    assert watched.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_language_switch_right_after_typing_carries_the_words(watched: Watched, server: str, lang: str) -> None:
    """Assert that the words typed reach the other language's finder when the switch is used at
    once, before the address would follow by itself (it waits for typing to pause)."""
    other = "nl" if lang == "fr" else "fr"
    _open(watched, server, f"{lang}/finder/?commune=21015")
    # typed and pressed in one go (as a pointer press then a click), before any timer can run
    before = watched.page.evaluate(
        """([word, other]) => {
          const input = document.querySelector('#atlas-f-q');
          input.value = word;
          input.dispatchEvent(new Event('input', {bubbles: true}));
          const before = location.search;
          const link = document.querySelector(`.md-select__link[hreflang=${other}]`);
          link.dispatchEvent(new PointerEvent('pointerdown', {bubbles: true}));
          link.click();
          return before;
        }""",
        [WORD[lang], other],
    )
    assert "text=" not in before
    watched.page.wait_for_url(f"**/{other}/finder/**")
    assert f"text={WORD[lang]}" in watched.page.url
    assert "commune=21015" in watched.page.url
    assert watched.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_cards_drawn_again_keep_the_selection(watched: Watched, server: str, lang: str) -> None:
    """Assert that a card shown again after a query that hid it (the same card, kept) still shows
    whether its service is on the referral sheet, including a change made while it was hidden."""
    _open(watched, server, f"{lang}/finder/")
    first = watched.page.locator("#atlas-f-results input[data-id]").first
    service_id = first.get_attribute("data-id")
    first.check()
    watched.page.click("[data-atlas-filters] > summary")
    watched.page.fill("#atlas-f-q", "zzzzqqq")
    assert watched.page.locator("#atlas-f-results > li").count() == 0
    watched.page.fill("#atlas-f-q", "")
    box = watched.page.locator(f"#atlas-pick-{service_id}")
    assert box.is_checked()
    watched.page.fill("#atlas-f-q", "zzzzqqq")
    watched.page.click(".atlas-sheet-clear")
    watched.page.fill("#atlas-f-q", "")
    assert box.is_checked() is False
    assert watched.page.locator("#atlas-f-results > li").count() == 20
    assert watched.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_show_more_moves_the_keyboard_to_the_first_card_added(watched: Watched, server: str, lang: str) -> None:
    """Assert that "show more" adds up to 20 cards and puts the focus on the first one added, so
    that the keyboard goes on where the new results begin."""
    _open(watched, server, f"{lang}/finder/")
    total = _status(watched)[0]
    assert total > 20
    assert watched.page.locator("#atlas-f-results > li").count() == 20
    watched.page.focus("#atlas-f-more")
    watched.page.keyboard.press("Enter")
    assert watched.page.locator("#atlas-f-results > li").count() == min(total, 40)
    focused = watched.page.evaluate("() => document.activeElement.closest('li') === document.querySelectorAll('#atlas-f-results > li')[20]")
    assert focused is True
    assert watched.errors == []
