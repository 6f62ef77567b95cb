"""One way to fold text for comparison, used by every index and every lookup.

`fold()` is what a person's typing and the site's text are both reduced to before they are
compared: lower case, accents removed, ligatures spelled out (œ → oe, æ → ae, ß → ss), typographic
apostrophes made straight, French elisions dropped (l'emploi → emploi), hyphens inside a word
removed (re-integratie → reintegratie) and every other sign turned into a single space.

docs/assets/atlas/match.js carries the same rules for the browser; tests/browser runs both on the
same tricky strings and requires identical results. Change one, change the other.

`place_key()` folds a place name for the commune lookup: words only, no spaces, and Saint/Sainte/
Sint/St/Ste written "st", so that "St-Gilles", "Saint Gilles" and "Sint-Gilles" meet.

`stem()` reduces a folded word to its stem with the Snowball stemmers of `snowballstemmer`:
French, and for Dutch the original Dutch algorithm (`dutch_porter`), which is the one that
lunr-languages (in Material's search and in the finder) implements. That algorithm keeps Dutch's
voiced/voiceless alternation apart (thuisloos → thuislos but thuislozen → thuisloz; huis/huizen,
brief/brieven), so a Dutch stem ending in z ends in s, one ending in v ends in f (`dutch_stem_end`;
match.js and search-fold.js do the same to the stems of lunr-languages).

`elliptic_words()` gives the words that a Dutch elliptic compound stands for: "dak- en
thuislozen" means daklozen and thuislozen. Without a dictionary the place where the second
compound splits is unknown, so every split that leaves at least 3 letters on both sides counts:
dak + islozen, slozen, lozen, ozen, zen. The one meant (daklozen) is among them; the others are
not Dutch words, so a person hardly types their beginning (a word typed finds a word that starts
with it). They only go into the indexes (the finder's words, the site search's index: search-fold.js
adds them as it indexes), never into a page.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import snowballstemmer

# Characters that NFKD leaves alone but that people spell out.
_SPELLED = str.maketrans({
    "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ẞ": "ss", "ø": "o", "Ø": "o",
    "đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "ı": "i",
    "\u2019": "'", "\u2018": "'", "\u201b": "'", "\u02bc": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
    "\u2010": "-", "\u2011": "-", "\u00ad": "",
})
_MARKS = re.compile("[\u0300-\u036f]")
# French elided words before an apostrophe: l'emploi, d'accueil, qu'il, jusqu'à, aujourd'hui stays.
_ELISION = re.compile(r"(?<![^\W_])(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)'(?=[^\W\d_])")
_INNER = re.compile(r"(?<=[^\W_])['-](?=[^\W_])")  # an apostrophe or hyphen inside a word
_OTHER = re.compile(r"[\W_]+")

SAINTS = frozenset({"saint", "sainte", "sint", "st", "ste", "sts"})

STEMMERS = {"fr": "french", "nl": "dutch_porter"}

# ---- Dutch elliptic compounds ("dak- en thuislozen") ------------------------------------------
# Where a text is cut into tokens: spaces, dashes and slashes, not hyphens (the site search's
# lunr separator, atlas.build.search, is this same pattern)
TOKEN_SEPARATOR = r"[\s\u00a0\u2000-\u200b\u2014\u2013/]+"
_TOKENS = re.compile(TOKEN_SEPARATOR)
_MODIFIER = re.compile(r"[\W_]*([^\W\d_]+)-,?")  # dak-, (dak-, dak-,: letters then a hyphen
_CONNECTORS = frozenset({"en", "of"})  # en, of, en/of
ELLIPTIC_MIN = 3  # letters kept on each side of a split of the compound that completes


def fold(text: str) -> str:
    """'L’Œuvre de Réintégration' → 'oeuvre de reintegration'; 're-integratie' → 'reintegratie'."""
    text = str(text).translate(_SPELLED).lower()
    text = _MARKS.sub("", unicodedata.normalize("NFKD", text))
    text = _ELISION.sub("", text)
    text = _INNER.sub("", text)
    return _OTHER.sub(" ", text).strip()


def fold_parts(text: str) -> str:
    """The fold of `text` with its hyphenated words also split: 'sans-abri' → 'sans abri'."""
    return fold(str(text).replace("-", " ").replace("\u2010", " ").replace("\u2011", " "))


def words(text: str) -> list[str]:
    """Every folded word of `text`, hyphenated words both joined and split: 're-integratie' →
    ['reintegratie', 're', 'integratie']."""
    joined = fold(text).split()
    split = fold_parts(text).split()
    return list(dict.fromkeys(joined + split))


def word_set(text: str) -> set[str]:
    """The words of `text` as a set (those of `words(text)`), each distinct token folded once.

    Why it may go token by token: a text's words are the words of its parts between white space
    (`str.split()`), because no step of `fold` reaches across white space. Each step changes one
    character at a time, or looks at the character's neighbours (the elision and inner-hyphen
    patterns, lower case's final sigma, the order of combining marks in NFKD), and white space
    stays a non-word character through all of them, so it is a boundary in the text as in the
    token. The same texts then cost a dictionary look-up per token: the finder's data folds
    ~110,000 tokens of which ~2,500 differ at 1,000 services (issue 16). tests/unit/test_folding.py
    compares both ways on every text of the data and on random strings of tricky characters."""
    found: set[str] = set()
    for token in text.split():
        found.update(_token_words(token))
    return found


@lru_cache(maxsize=1 << 16)
def _token_words(token: str) -> tuple[str, ...]:
    return tuple(words(token))


def place_key(text: str) -> str:
    """'St.-Gillis' → 'stgillis'; 'Molenbeek-Saint-Jean' → 'molenbeekstjean'."""
    parts = fold(re.sub(r"[-.'\u2019\u2010\u2011]", " ", str(text))).split()
    return "".join("st" if part in SAINTS else part for part in parts)


def _modifier(token: str) -> str:
    """The folded word of a token that opens an elliptic compound: 'dak-', '(dak-', 'dak-,' →
    'dak'; '' for any other token."""
    found = _MODIFIER.fullmatch(token)
    return fold(found.group(1)) if found and found.group(1).isalpha() else ""


def elliptic_at(tokens: list[str], position: int) -> list[str]:
    """The words that the token at `position` stands for when it opens (or continues) an elliptic
    compound: 'dak-' in ['dak-', 'en', 'thuislozen'] → dak + every end of thuislozen of at least
    ELLIPTIC_MIN letters that leaves ELLIPTIC_MIN letters before it. Also 'dak-, thuis- en
    straatlozen' and 'X- of Y'. match.js's ellipticAt is the same rule."""
    first = _modifier(tokens[position])
    if not first:
        return []
    at = position + 1
    while at < len(tokens) and _modifier(tokens[at]):
        at += 1
    connectors = 0
    while at < len(tokens) and connectors < 2 and fold(tokens[at]) in _CONNECTORS:
        at += 1
        connectors += 1
    if not connectors or at >= len(tokens):
        return []
    whole = fold(tokens[at]).split(" ")[0]
    if not whole.isalpha():
        return []
    return [first + whole[cut:] for cut in range(ELLIPTIC_MIN, len(whole) - ELLIPTIC_MIN + 1)]


def elliptic_words(text: str) -> list[str]:
    """Every word that the elliptic compounds of a Dutch text stand for (`elliptic_at`), once."""
    if "-" not in text:  # every compound opens with a word and a hyphen (_MODIFIER): none here
        return []
    tokens = [token for token in _TOKENS.split(str(text)) if token]
    found: list[str] = []
    for position in range(len(tokens)):
        found.extend(elliptic_at(tokens, position))
    return list(dict.fromkeys(found))


def dutch_stem_end(word_stem: str) -> str:
    """A Dutch Snowball stem with its voiced end made voiceless: thuisloz → thuislos (thuislozen
    meets thuisloos), huiz → huis, briev → brief. Only the last letter, never a doubled one."""
    if len(word_stem) > 2 and word_stem[-2] != word_stem[-1]:
        if word_stem[-1] == "z":
            return word_stem[:-1] + "s"
        if word_stem[-1] == "v":
            return word_stem[:-1] + "f"
    return word_stem


def stem_end(word_stem: str, lang: str) -> str:
    """`dutch_stem_end` for Dutch; any other language's stem as it is."""
    return dutch_stem_end(word_stem) if lang == "nl" else word_stem


@cache
def _stemmer(lang: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(STEMMERS[lang])


@lru_cache(maxsize=1 << 16)
def stem(word: str, lang: str) -> str:
    """The Snowball stem of a folded word in French or Dutch. Remembered: the finder's data stems
    every word of every service, ~25,000 words of which ~2,000 differ (starter data). A Dutch
    stem ends voiceless (`dutch_stem_end`)."""
    found = str(_stemmer(lang).stemWord(word))
    return stem_end(found, lang)
