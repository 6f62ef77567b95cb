"""Dates as people read them, in the page's language, by babel (CLDR data for fr_BE and nl_BE)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date

_LOCALES = {"fr": "fr_BE", "nl": "nl_BE"}


@lru_cache(maxsize=1 << 12)
def long_date(value: dt.date, lang: str) -> str:
    """2026-11-30 → '30 novembre 2026' (fr) / '30 november 2026' (nl). KeyError for another language."""
    return format_date(value, format="long", locale=_LOCALES[lang])
