"""One folding for every index and lookup (atlas.text.folding), and the Snowball stems."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pytest
import snowballstemmer

from atlas.text.folding import (
    ELLIPTIC_MIN,
    dutch_stem_end,
    elliptic_at,
    elliptic_words,
    fold,
    place_key,
    stem,
    stem_end,
    word_set,
    words,
)
from tests.folding_cases import ELLIPTIC, FOLD, PLACE_KEY

if TYPE_CHECKING:
    from atlas.data.directory import Atlas


@pytest.mark.parametrize(("text", "expected"), sorted(FOLD.items()))
def test_fold(text: str, expected: str) -> None:
    """Assert that fold() spells out ligatures, drops accents and elisions and joins hyphens."""
    assert fold(text) == expected


@pytest.mark.parametrize(("text", "expected"), sorted(PLACE_KEY.items()))
def test_place_key(text: str, expected: str) -> None:
    """Assert that place names meet whatever Saint/Sint/St/Ste and hyphens are typed."""
    assert place_key(text) == expected


def test_oe_ligature_is_not_dropped() -> None:
    """Assert that 'œuvre' folds to 'oeuvre', never to 'uvre' (which 'ouvre' would contain)."""
    assert fold("œuvre") == "oeuvre"
    assert fold("Œ") == "oe"
    assert fold("cœur") == "coeur"


def test_words_keep_hyphenated_words_joined_and_split() -> None:
    """Assert that an index holds 're-integratie' as reintegratie, re and integratie."""
    assert words("re-integratie") == ["reintegratie", "re", "integratie"]
    assert words("sans-abri et SDF") == ["sansabri", "et", "sdf", "sans", "abri"]


# Characters where folding looks at a neighbour or changes a character's length: final sigma,
# marks that NFKD orders or that a character decomposes into (¨ is a space and a mark), white
# space that NFKD turns into a space, elisions, inner hyphens and apostrophes, ligatures.
TRICKY = "ΣσΑ a l d qu ' ’ - ‑ ‐ \u00ad \u00a0 \u2009 \u3000 ¨ \u0301 \u0327 \u0308 é É İ ß œ Æ _ , . ( ) 1 2 \t \n x"


def test_word_set_is_the_words_of_the_whole_text(atlas: Atlas) -> None:
    """Assert that folding a text token by token (word_set, which remembers each token) gives
    exactly the words of folding it whole, on every service text of the data in both languages
    and on random strings of characters where folding looks at neighbours."""
    texts = [
        text
        for service in atlas.services.values()
        for lang in ("fr", "nl")
        for text in (service.name[lang], service.description[lang], service.referral[lang])
    ]
    choices = TRICKY.split(" ") + [" "] * 6
    chance = random.Random(16)
    texts += ["".join(chance.choices(choices, k=chance.randint(1, 24))) for _ in range(20_000)]
    differ = [text for text in texts if word_set(text) != set(words(text))]
    assert differ == []


@pytest.mark.parametrize(("lang", "plural", "singular"), [
    ("fr", "logements", "logement"), ("fr", "prisons", "prison"), ("fr", "dettes", "dette"),
    ("nl", "schulden", "schuld"), ("nl", "moeders", "moeder"), ("nl", "psychologen", "psycholoog"),
])
def test_stems_meet_plurals(lang: str, plural: str, singular: str) -> None:
    """Assert that the Snowball stemmer gives a plural and its singular the same stem."""
    assert stem(fold(plural), lang) == stem(fold(singular), lang)


def test_dutch_uses_the_stemmer_of_lunr_languages() -> None:
    """Assert that Dutch stems with the original Snowball Dutch (lunr-languages' nl), not the
    2023 algorithm, so that the browser and Python agree (gevangenis keeps its prefix)."""
    assert stem("gevangenis", "nl") == "gevangenis"
    assert stem("gevangenissen", "nl").startswith(stem("gevangenis", "nl"))


# ---- Dutch: stems that end voiceless, elliptic compounds ---------------------------------------


@pytest.mark.parametrize(("one", "other"), [
    ("thuisloos", "thuislozen"), ("thuisloos", "thuisloze"), ("dakloos", "daklozen"), ("dakloos", "dakloosheid"),
    ("werkloos", "werklozen"), ("huis", "huizen"), ("reis", "reizen"), ("brief", "brieven"), ("advies", "adviezen"),
    ("justitiehuis", "justitiehuizen"), ("graaf", "graven"), ("naïef", "naïeve"),
])
def test_dutch_stems_meet_across_the_voiced_end(one: str, other: str) -> None:
    """Assert that Dutch forms whose stems differ only by a voiced end (z/v) get one stem: the
    original Snowball Dutch stems thuislozen thuisloz and thuisloos thuislos."""
    assert stem(fold(one), "nl") == stem(fold(other), "nl")


@pytest.mark.parametrize(("word", "expected"), [
    ("thuislozen", "thuislos"), ("huizen", "huis"), ("brieven", "brief"),
    # what has no voiced end stays as Snowball stems it
    ("beleid", "beleid"), ("gezin", "gezin"), ("gezinnen", "gezinn"), ("schuld", "schuld"), ("schulden", "schuld"),
    ("verslaafd", "verslaafd"), ("verslaafden", "verslaafd"), ("kansarm", "kansarm"), ("kansarmen", "kansarm"),
    ("gevangenis", "gevangenis"), ("gevangenissen", "gevangeniss"), ("begeleiding", "begeleid"),
    # a doubled end or a very short stem stays
    ("jazz", "jazz"), ("oz", "oz"),
])
def test_dutch_stem_end(word: str, expected: str) -> None:
    """Assert the Dutch stems that change (a last z or v) and those that must not."""
    assert stem(word, "nl") == expected


@pytest.mark.parametrize(("one", "other"), [
    ("gezin", "gezicht"), ("verslaafd", "verslaving"), ("huis", "huid"), ("dakloos", "dak"), ("reis", "rijs"),
    ("brief", "brie"), ("schuld", "school"), ("thuisloos", "thuis"),
])
def test_dutch_stems_that_stay_apart(one: str, other: str) -> None:
    """Assert that the voiceless end merges no stems that Snowball kept apart for other reasons."""
    assert stem(one, "nl") != stem(other, "nl")


@pytest.mark.parametrize("word", ["gaz", "chez", "nez", "rev", "assez", "kiev"])
def test_french_stems_keep_their_end(word: str) -> None:
    """Assert that French stems are Snowball's as they are: the voiceless end is Dutch only."""
    assert stem(word, "fr") == str(snowballstemmer.stemmer("french").stemWord(word))
    assert stem_end(word, "fr") == word


def test_dutch_stem_end_is_idempotent_and_final_only() -> None:
    """Assert that only the last letter changes, once: a stem already voiceless stays."""
    assert dutch_stem_end("zeevz") == "zeevs"
    assert dutch_stem_end("vaz") == "vas"
    assert dutch_stem_end(dutch_stem_end("thuisloz")) == "thuislos"
    assert dutch_stem_end("zz") == "zz"
    assert dutch_stem_end("") == ""


@pytest.mark.parametrize(("text", "meant"), sorted(ELLIPTIC.items()))
def test_elliptic_words(text: str, meant: list[str]) -> None:
    """Assert that an elliptic compound adds the word it stands for (among its other splits, each
    with at least 3 letters on both sides) and that anything else adds nothing."""
    found = elliptic_words(text)
    assert set(meant) <= set(found), (text, found)
    if not meant:
        assert found == []
    for word in found:  # a modifier + an end of the completing word, never shorter than both
        assert len(word) >= 2 + ELLIPTIC_MIN


def test_elliptic_splits_are_bounded() -> None:
    """Assert the exact splits of one compound: dak + every end of thuislozen of 3 letters or more
    that leaves 3 letters before it (5 words), each once."""
    assert elliptic_words("dak- en thuislozen") == ["dakislozen", "dakslozen", "daklozen", "dakozen", "dakzen"]
    assert elliptic_words("dak- en thuislozen, dak- en thuislozen") == elliptic_words("dak- en thuislozen")
    assert elliptic_words("in- en/of uitstroom") == ["instroom", "introom", "inroom", "inoom"]
    assert elliptic_at(["dak-", "en", "thuislozen"], 1) == []
    assert elliptic_at(["dak-,", "thuis-", "en", "straatlozen"], 1)[-4:] == ["thuistlozen", "thuislozen", "thuisozen", "thuiszen"]


def test_words_are_not_changed_by_the_ellipsis() -> None:
    """Assert that words() (what pages and lookups fold) adds no elliptic word: only the indexes
    add them (finder_data.index_words, search-fold.js)."""
    assert words("dak- en thuislozen") == ["dak", "en", "thuislozen"]
