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
lunr-languages (in Material's search and in the finder) implements.
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


def place_key(text: str) -> str:
    """'St.-Gillis' → 'stgillis'; 'Molenbeek-Saint-Jean' → 'molenbeekstjean'."""
    parts = fold(re.sub(r"[-.'\u2019\u2010\u2011]", " ", str(text))).split()
    return "".join("st" if part in SAINTS else part for part in parts)


@cache
def _stemmer(lang: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(STEMMERS[lang])


@lru_cache(maxsize=1 << 16)
def stem(word: str, lang: str) -> str:
    """The Snowball stem of a folded word in French or Dutch. Remembered: the finder's data stems
    every word of every service, ~25,000 words of which ~2,000 differ (starter data)."""
    return str(_stemmer(lang).stemWord(word))
