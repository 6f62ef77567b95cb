"""Jinja2 rendering of generated Markdown pages, with autoescape on for everything.

Text from YAML is HTML-escaped by autoescape; plain-text fields (names, labels) are additionally
escaped for Markdown so that a name cannot become a link or emphasis. Markdown fields
(description, referral, cost) were checked by the model: no raw HTML, links only to
https/http/mailto/tel.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any
from urllib.parse import quote, urlsplit

import phonenumbers
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from atlas.data.phones import Phone, normal_phone
from atlas.text.dates import long_date
from atlas.text.labels import label

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>])")


def plain(value: Any) -> Markup:
    """Text for Markdown that must stay text: Markdown metacharacters backslash-escaped and '<'
    written as an entity, so that it can become neither a link, emphasis nor a tag. Quotes and
    '&' are left to Markdown, which escapes them once (escaping them here showed '&#39;' in the
    table of contents)."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", str(value)).replace("<", "&lt;")
    return Markup(text)


def markdown_text(value: Any) -> Markup:
    """A validated Markdown field (no raw HTML, safe link schemes): any '<' left is written as
    an entity so that it cannot open a tag."""
    return Markup(str(value).strip().replace("<", "&lt;"))


def href(url: str) -> Markup:
    """A URL for a Markdown link target: characters that end a link are percent-encoded."""
    return Markup(escape(quote(url, safe=":/?#[]@!$&'*+,;=%~.-_")))


def tel_href(number: str | Phone) -> str:
    """The one place a `tel:` link is made: '02 511 02 71', '0032 2 511 02 71' and
    '+32 (0)2 511 02 71' all give 'tel:+3225110271' (E.164, from the model's phone rule, which
    parses with phonenumbers); a short number ('107') stays as it is dialled."""
    if isinstance(number, Phone):
        return f"tel:{number.e164}"
    return f"tel:{normal_phone(number)[1]}"


@lru_cache(maxsize=1 << 14)  # the vCards ask for each number in both languages
def international(number: str) -> str:
    """'02/519.84.68' → '+32 2 519 84 68' (vCards): the international form of the model's phone
    rule; short numbers stay as dialled."""
    e164 = normal_phone(number)[1]
    if not e164.startswith("+"):
        return e164
    return phonenumbers.format_number(phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def short_url(url: str) -> str:
    """A web address as link text people can read: 'https://www.example.be/a/b/c?x=1' →
    'www.example.be/a/b/c', shortened to its host when the path is long."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    text = parts.netloc + path
    return text if len(text) <= 40 else parts.netloc


_DAY_ORDER = ("mo", "tu", "we", "th", "fr", "sa", "su")


def hours_text(hours: Any, lang: str) -> str:
    """Opening periods in words: 'lun–ven 8 h 30–12 h 30, 13 h 30–16 h' / 'ma–vr 8.30–12.30, 13.30–16 uur'.
    Periods with the same days are joined; `hours` is a list of OpeningHours."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for period in hours:
        days = tuple(sorted(period.days, key=_DAY_ORDER.index))
        groups.setdefault(days, []).append(f"{_clock(period.opens, lang)}–{_clock(period.closes, lang)}")
    parts = []
    for days, spans in groups.items():
        spans_text = ", ".join(spans) + ("" if lang == "fr" else " uur")
        parts.append(f"{_days(days, lang)} {spans_text}")
    return " ; ".join(parts) if lang == "fr" else "; ".join(parts)


def _clock(value: str, lang: str) -> str:
    hour, minute = int(value[:2]), value[3:]
    if lang == "fr":
        return f"{hour} h" if minute == "00" else f"{hour} h {minute}"
    return f"{hour}" if minute == "00" else f"{hour}.{minute}"


def _days(days: tuple[str, ...], lang: str) -> str:
    indexes = [_DAY_ORDER.index(d) for d in days]
    names = [label(f"day.{d}", lang) for d in days]
    if len(days) > 2 and indexes == list(range(indexes[0], indexes[-1] + 1)):
        return f"{names[0]}–{names[-1]}"
    return ", ".join(names)


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("atlas.site", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        plain=plain, md=markdown_text, href=href, tel=tel_href, long_date=long_date, hours=hours_text, short_url=short_url
    )
    env.globals.update(label=label)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
