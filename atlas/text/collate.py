"""Alphabetical order as a reader of the page's language expects it: accents, case and
punctuation do not count ('Écoute' sorts with 'E'; a French elided article is dropped, as in every
lookup: "l'Îlot" sorts with 'I'), digits before letters.

Python's default order puts every capital and accented letter apart; ICU would be exact but is a
heavy dependency. For French and Dutch names, folding to base letters (atlas.text.folding, the one
fold of the project) gives the dictionary order;
ties are broken by the case-folded text, then the text itself, so the order is total and stable.
Keys are remembered: the same names are sorted on every commune page.
"""

from __future__ import annotations

from functools import lru_cache

from atlas.text.folding import fold


@lru_cache(maxsize=1 << 16)
def sort_key(text: str, lang: str = "fr") -> tuple[str, str, str]:
    """The key that sorts `text` in `lang`'s alphabetical order (French and Dutch agree once
    accents are folded; `lang` is kept so that a call says whose order it asks for)."""
    del lang  # same rule for fr and nl; the name given is the page language's own
    return (fold(text), text.casefold(), text)
