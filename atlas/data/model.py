"""The typed model of Atlas data files; the JSON Schema in schema/ is generated from it.

Field names follow Open Referral HSDS 3.0 where one fits (name, description, languages,
locations, phones, emails, url), so that the open-data export is a mapping, not a translation.
Checks that need other files (taxonomy, communes, postcodes) live in `atlas.data.loader`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from atlas.data.yamlsource import MAX_TEXT_CHARS

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
LaxDate = Annotated[dt.date, Field(strict=False, examples=["2026-11-22"])]

_RAW_HTML = re.compile(r"<\s*/?\s*[A-Za-z!?]")
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_EMAIL = re.compile(r"^[^@\s<>\"'(),;:]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ./()-]*$")


def check_markdown_text(value: str) -> str:
    """Plain text or Markdown: no raw HTML, links only to https, http, mailto or tel."""
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
    if scheme in ("http", "https") and not re.match(r"^https?://[^/\s]+\.[^/\s]+", value):
        raise ValueError(f"'{value}' is not a valid web address; e.g. https://www.example.be/")
    if any(ch.isspace() for ch in value.strip()):
        raise ValueError(f"'{value}' contains a space; a web address has none")
    return value.strip()


# A web address: https or http only (the check says how to fix anything else).
WebUrl = Annotated[str, AfterValidator(check_url)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Text(Strict):
    """A text in both languages; neither may be missing or empty."""

    fr: NonEmpty = Field(description="French text.")
    nl: NonEmpty = Field(description="Dutch text.")

    def __getitem__(self, lang: str) -> str:
        return {"fr": self.fr, "nl": self.nl}[lang]


class Phone(Strict):
    number: str = Field(
        description="A phone number as people dial it in Belgium, in quotes.",
        examples=["02 511 02 71", "0800 32 123", "107"],
    )
    label: Text | None = Field(None, description="What the number is for (FR/NL).")

    @field_validator("number")
    @classmethod
    def _check_number(cls, value: str) -> str:
        digits = re.sub(r"\D", "", value)
        if not _PHONE.match(value.strip()) or not 3 <= len(digits) <= 15:
            raise ValueError(
                f"'{value}' is not a phone number; write digits and spaces, e.g. \"02 511 02 71\" "
                "or \"+32 2 511 02 71\""
            )
        return value.strip()


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
    name: Text | None = Field(None, description="Name of the site, if it has one (FR/NL).")
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
    name: Text
    organization: Text | None = Field(None, description="The parent organisation or network.")
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


class Term(Strict):
    id: Slug
    label: Text
    description: Text | None = None


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
