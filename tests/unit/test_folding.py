"""One folding for every index and lookup (atlas.text.folding), and the Snowball stems."""

from __future__ import annotations

import pytest

from atlas.text.folding import fold, place_key, stem, words
from tests.folding_cases import FOLD, PLACE_KEY


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
