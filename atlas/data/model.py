"""The models of Atlas data files — a service entry with its contact, locations, opening hours,
area and sources; the taxonomy; the glossary; the lists of official and weak domains — from which
the JSON Schema in schema/ is generated.

Field names follow Open Referral HSDS 3.0 where one fits (name, description, languages,
locations, phones, emails, url), so that the open-data export is a mapping, not a translation.
The field types and their rules live apart: `atlas.data.fields` (identifiers, codes, dates, free
text), `atlas.data.links` (web and e-mail addresses), `atlas.data.bilingual` (FR/NL texts) and
`atlas.data.phones`; this module imports them and nothing above the data layer. A model that does
not hold raises pydantic's ValidationError, each message saying how to fix the value. Checks that
need other files (taxonomy, communes, postcodes) live in `atlas.data.loader`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, ValidationInfo, field_validator, model_validator

from atlas.data.bilingual import LocalizedUrl, ProperName, Text, Words
from atlas.data.fields import ClockTime, Community, LanguageCode, LaxDate, Nis, NonEmpty, Postcode, Region, Slug, Strict, Weekday
from atlas.data.links import EMAIL_ADDRESS, WebUrl
from atlas.data.phones import Phone


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
            if not EMAIL_ADDRESS.match(value.strip()):
                raise ValueError(f"'{value}' is not an e-mail address — write it as name@domain, e.g. info@example.be")
        return [value.strip() for value in values]

    @model_validator(mode="after")
    def _something(self) -> Contact:
        if not (self.phones or self.emails or self.websites):
            raise ValueError("no phone, e-mail or website — give at least one, e.g. websites: [{url: https://www.example.be/}]")
        return self


class OpeningHours(Strict):
    """One opening period on the given weekdays (HSDS 3.0 `schedule`: byday, opens_at, closes_at)."""

    days: list[Weekday] = Field(min_length=1, description="Weekdays: mo, tu, we, th, fr, sa, su.", examples=[["mo", "tu"]])
    opens: ClockTime
    closes: ClockTime

    @model_validator(mode="after")
    def _in_order(self) -> OpeningHours:
        if self.closes <= self.opens:
            raise ValueError(
                f"closes ({self.closes}) must be later than opens ({self.opens}) — write a morning and an "
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
                f"{min(read).isoformat()}), so the check cannot have relied on them — fix the dates, or "
                "leave last_verified empty until someone verifies the entry"
            )
        return value

    @model_validator(mode="after")
    def _cpas_is_one_commune(self) -> Service:
        if self.institution == "cpas" and (self.kind != "local" or len(self.area.communes) != 1 or self.area.national
                                           or self.area.regions or self.area.communities or self.area.provinces
                                           or self.area.arrondissements):
            raise ValueError(
                "a CPAS/OCMW entry (institution: cpas) is local and serves exactly one commune — write "
                "kind: local and area: {communes: [\"21015\"]}"
            )
        return self

    @model_validator(mode="after")
    def _local_is_reachable(self) -> Service:
        if self.kind == "local":
            if not self.locations:
                raise ValueError(
                    "a local entry needs at least one location (street, postcode, commune) — add "
                    "locations: [{street: \"Rue …\", postcode: \"1030\", commune: \"21015\"}], or write kind: network"
                )
            if not (self.contact.phones or self.contact.emails):
                raise ValueError(
                    "a local entry needs a phone or an e-mail from an official page — add contact: phones: "
                    "[{number: \"02 …\"}], or write kind: network"
                )
        return self


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
