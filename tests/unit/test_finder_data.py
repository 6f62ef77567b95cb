"""The finder data's packed layout (atlas.exports.finder_data, issue 16): the services as columns
and their words as one vocabulary, read back into exactly the records the build meant. The
browser's reading of the same file is checked in tests/browser/test_finder_data.py."""

from __future__ import annotations

import json
from typing import Any

import pytest

from atlas.data.directory import Atlas
from atlas.exports.finder_data import (
    DIGITS,
    MORE_DIGITS,
    _stem_code,
    decode_numbers,
    encode_numbers,
    finder_data,
    index_words,
    pack_services,
    read_finder_data,
    service_records,
)
from atlas.text.folding import stem, words

LANGS = ("fr", "nl")


def _as_shipped(data: dict[str, Any]) -> dict[str, Any]:
    """The data as the browser gets it: through the same JSON as write_finder_data."""
    return json.loads(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True))


@pytest.mark.parametrize(
    "numbers",
    [[], [0], [31], [32], [0, 1, 2], [5, 37, 38, 1060, 1061, 33_000, 1_048_576 + 7], list(range(0, 6000, 97))],
)
def test_numbers_round_trip(numbers: list[int]) -> None:
    """Assert that ascending numbers read back as written, one digit per gap under 32."""
    text = encode_numbers(numbers)
    assert decode_numbers(text) == numbers
    assert set(text) <= set(DIGITS + MORE_DIGITS)
    assert len(encode_numbers(list(range(40)))) == 40


def test_numbers_must_ascend() -> None:
    """Assert that numbers out of order or repeated are refused, not written wrong."""
    with pytest.raises(ValueError, match="ascending"):
        encode_numbers([3, 2])
    with pytest.raises(ValueError, match="ascending"):
        encode_numbers([2, 2])


def test_digits_need_no_escaping() -> None:
    """Assert the 64 digits are distinct and none needs escaping in JSON or ends a script."""
    assert len(set(DIGITS + MORE_DIGITS)) == 64
    assert json.dumps(DIGITS + MORE_DIGITS) == f'"{DIGITS}{MORE_DIGITS}"'
    assert not set(DIGITS + MORE_DIGITS) & set("<>&'\"\\/ ")


def test_small_records_round_trip_with_odd_stems() -> None:
    """Assert records with missing fields, no words, a stem that is not a prefix of its word and a
    word JavaScript counts as longer than Python read back as meant."""
    astral = "\U0001d49c\U0001d49c"  # two letters outside the BMP: two UTF-16 units each
    records = [
        {"i": "a", "n": "A", "s": "logement logements", "k": stem("logement", "fr")},
        {"i": "b", "n": "B", "nw": 1, "s": "", "k": ""},
        {"i": "c", "n": "C", "p": [["02 1", "tel:+3221", ""]], "s": " ".join(sorted(["cieux", f"{astral}s", "logement"])), "k": ""},
    ]  # each record's words sorted and unique, as index_words gives them
    records[2]["k"] = " ".join(sorted({stem(word, "fr") for word in records[2]["s"].split()}))
    packed = _as_shipped(pack_services(records, "fr"))
    assert read_finder_data(packed, "fr") == records
    words = packed["vocabulary"]["w"].split(" ")
    assert words[0] == "logement"  # the most frequent first
    codes = dict(zip(words, packed["vocabulary"]["c"], strict=True))
    assert codes["logements"] == len("logements") - len(stem("logements", "fr"))
    assert codes[f"{astral}s"] == 1
    assert _stem_code(f"ab{astral}", "ab", "fr") == "ab"  # a cut JavaScript would count otherwise
    assert _stem_code("cieux", "ciel", "fr") == "ciel"
    assert packed["columns"]["nw"] == [None, 1, None]


@pytest.mark.parametrize("lang", LANGS)
def test_real_data_reads_back_as_meant(atlas: Atlas, lang: str) -> None:
    """Assert the finder data of the real services reads back into exactly the records meant (the
    same services, in the same order, every field, their words and stems), each word once."""
    meant = service_records(atlas, lang, use_directory_urls=True)
    shipped = _as_shipped(finder_data(atlas, lang, use_directory_urls=True))
    assert "services" not in shipped
    assert read_finder_data(shipped) == meant
    words = shipped["vocabulary"]["w"].split(" ")
    assert len(words) == len(set(words))
    assert set(words) == {word for record in meant for word in record["s"].split()}
    assert len(shipped["vocabulary"]["s"]) == len(meant) == len(atlas.services)
    assert set(shipped["columns"]) == {key for record in meant for key in record} - {"s", "k"}


def test_dutch_words_hold_elliptic_compounds_and_voiceless_stems() -> None:
    """Assert that a Dutch index holds the words an elliptic compound stands for (daklozen from
    "dak- en thuislozen") with voiceless stems (thuislozen: thuislos, as thuisloos), that a French
    index adds nothing, and that the packed stems of such words stay a number of letters to cut."""
    folded, stems = index_words(["Nachtopvang voor dak- en thuislozen."], "nl")
    assert {"dak", "thuislozen", "daklozen"} <= set(folded)
    assert {"daklos", "thuislos"} <= set(stems)
    assert "thuisloz" not in stems
    french, _ = index_words(["Accueil de nuit pour sans-abri- et SDF."], "fr")
    assert set(french) == set(words("Accueil de nuit pour sans-abri- et SDF."))
    records = [{"i": "a", "n": "A", "s": " ".join(folded), "k": " ".join(stems)}]
    packed = _as_shipped(pack_services(records, "nl"))
    assert read_finder_data(packed, "nl") == records
    codes = dict(zip(packed["vocabulary"]["w"].split(" "), packed["vocabulary"]["c"], strict=True))
    assert codes["thuislozen"] == 2  # thuisloz, then voiceless: thuislos
    assert _stem_code("thuislozen", "thuislos", "fr") == "thuislos"  # French never changes an end
    assert _stem_code("huizen", "huis", "nl") == 2
