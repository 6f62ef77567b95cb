"""The table of the fields of a service entry, for CONTRIBUTING.md, .fr.md and .nl.md.

The list of fields, their order, whether they are required, what they hold and most examples
come from `atlas.data.model.Service`; only the plain-language explanation of each field is written
here, in French, Dutch and English (`FIELDS`). A field added to the model without an explanation
here makes `field_reference()` raise, and a test compares the tables committed in the three
CONTRIBUTING files (between `<!-- fields:start -->` and `<!-- fields:end -->`) with its output:
`python -m atlas.maintain.field_docs` rewrites them.
"""

from __future__ import annotations

import datetime as dt
import sys
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from atlas.data.model import Service

START = "<!-- fields:start -->"
END = "<!-- fields:end -->"
LANGS = ("en", "fr", "nl")
CONTRIBUTING = {"en": "CONTRIBUTING.md", "fr": "CONTRIBUTING.fr.md", "nl": "CONTRIBUTING.nl.md"}

# What each field means, for maintainers who are field professionals. `example` (optional, as
# YAML) replaces the model's example where that one would mislead (an id pattern's example is a
# service id, not a domain) or where the model has none.
FIELDS: dict[str, dict[str, str]] = {
    "id": {
        "en": "Stable identifier of the entry: lowercase letters, digits and hyphens, no accents. It is "
        "the address of the page (`/fr/services/<id>/`): do not change it once published.",
        "fr": "Identifiant stable de la fiche : minuscules, chiffres et traits d'union, sans accents. "
        "C'est l'adresse de la page (`/fr/services/<id>/`) : ne le changez plus une fois publié.",
        "nl": "Vaste code van de fiche: kleine letters, cijfers en koppeltekens, zonder accenten. Het is "
        "het adres van de pagina (`/nl/services/<id>/`): verander het niet meer na publicatie.",
    },
    "kind": {
        "en": "`local` for an office a person can visit or call (it needs a location and a phone or "
        "e-mail from an official page); `network` (the default) for an umbrella that says how to find "
        "the local office. Commune pages list local entries first.",
        "fr": "`local` pour un bureau où la personne peut se rendre ou qu'elle peut appeler (il faut une "
        "adresse et un téléphone ou un e-mail tirés d'une page officielle) ; `network` (par défaut) "
        "pour un réseau qui indique comment trouver le bureau local. Les pages des communes "
        "montrent d'abord les services locaux.",
        "nl": "`local` voor een kantoor waar de persoon naartoe kan of dat ze kan bellen (er is een adres "
        "en een telefoonnummer of e-mailadres van een officiële pagina nodig); `network` (standaard) "
        "voor een koepel die zegt hoe je het lokale kantoor vindt. Gemeentepagina's tonen eerst de "
        "lokale diensten.",
        "example": "local",
    },
    "institution": {
        "en": "`cpas` when the entry is the commune's own CPAS/OCMW (kind: local, area: that one commune). "
        "The commune page shows it first.",
        "fr": "`cpas` quand la fiche est le CPAS de la commune (kind: local, area : cette seule commune). "
        "La page de la commune le montre en premier.",
        "nl": "`cpas` wanneer de fiche het OCMW van de gemeente is (kind: local, area: alleen die gemeente). "
        "De gemeentepagina toont het als eerste.",
        "example": "cpas",
    },
    "name": {
        "en": "Official name of the service in French and in Dutch. If it exists in one language only, "
        "write it in both.",
        "fr": "Nom officiel du service, en français et en néerlandais. S'il n'existe que dans une langue, "
        "écrivez-le dans les deux.",
        "nl": "Officiële naam van de dienst, in het Frans en in het Nederlands. Bestaat de naam maar in "
        "één taal, schrijf hem dan in beide.",
        "example": '{fr: "Unia", nl: "Unia"}',
    },
    "organization": {
        "en": "The organisation or network the service belongs to, if any.",
        "fr": "L'organisation ou le réseau dont le service dépend, s'il y en a un.",
        "nl": "De organisatie of het netwerk waartoe de dienst behoort, als dat er is.",
        "example": '{fr: "Région de Bruxelles-Capitale", nl: "Brussels Hoofdstedelijk Gewest"}',
    },
    "description": {
        "en": "What the service does and for whom, in a few sentences. Plain text; Markdown is allowed "
        "(`**bold**`, `[link](https://…)`), HTML is not.",
        "fr": "Ce que fait le service et pour qui, en quelques phrases. Texte simple ; le Markdown est "
        "permis (`**gras**`, `[lien](https://…)`), le HTML non.",
        "nl": "Wat de dienst doet en voor wie, in enkele zinnen. Gewone tekst; Markdown mag "
        "(`**vet**`, `[link](https://…)`), HTML niet.",
        "example": '{fr: "Accompagnement social…", nl: "Sociale begeleiding…"}',
    },
    "domains": {
        "en": "Life domains the service helps with, from the list in `data/taxonomy.yaml` (housing, "
        "work, income, legal, mental-health, …).",
        "fr": "Domaines de vie dans lesquels le service aide, choisis dans la liste de "
        "`data/taxonomy.yaml` (housing, work, income, legal, mental-health…).",
        "nl": "Levensdomeinen waarin de dienst helpt, gekozen uit de lijst in `data/taxonomy.yaml` "
        "(housing, work, income, legal, mental-health …).",
        "example": "[housing, work]",
    },
    "audiences": {
        "en": "Who the service is for, from `data/taxonomy.yaml` (returnees, ex-detainees, families, "
        "young-people, women, professionals).",
        "fr": "Les publics du service, choisis dans `data/taxonomy.yaml` (returnees, ex-detainees, "
        "families, young-people, women, professionals).",
        "nl": "Voor wie de dienst werkt, gekozen uit `data/taxonomy.yaml` (returnees, ex-detainees, "
        "families, young-people, women, professionals).",
        "example": "[returnees, families]",
    },
    "area": {
        "en": "Where the service works: `national: true`, or regions, communities, provinces, judicial "
        "arrondissements or communes (five-digit NIS codes, in quotes); `exclude:` leaves a part out.",
        "fr": "Où le service travaille : `national: true`, ou des régions, communautés, provinces, "
        "arrondissements judiciaires ou communes (codes INS à cinq chiffres, entre guillemets) ; "
        "`exclude:` retire une partie.",
        "nl": "Waar de dienst werkt: `national: true`, of gewesten, gemeenschappen, provincies, "
        "gerechtelijke arrondissementen of gemeenten (NIS-codes van vijf cijfers, tussen "
        "aanhalingstekens); `exclude:` laat een deel weg.",
        "example": "{regions: [brussels]}",
    },
    "languages": {
        "en": "Languages the service can work in with the person: two-letter codes listed in "
        "`data/taxonomy.yaml`.",
        "fr": "Langues dans lesquelles le service peut travailler avec la personne : codes de deux "
        "lettres de la liste de `data/taxonomy.yaml`.",
        "nl": "Talen waarin de dienst met de persoon kan werken: codes van twee letters uit de lijst in "
        "`data/taxonomy.yaml`.",
        "example": "[fr, nl, ar]",
    },
    "contact": {
        "en": "The organisation's own phone numbers, e-mail addresses and websites — at least one. "
        "Never a private person's number or address. Phone numbers in quotes.",
        "fr": "Les numéros, adresses e-mail et sites de l'organisation elle-même — au moins un. Jamais le "
        "numéro ou l'adresse d'une personne privée. Les numéros entre guillemets.",
        "nl": "De eigen telefoonnummers, e-mailadressen en websites van de organisatie — minstens één. "
        "Nooit het nummer of adres van een privépersoon. Telefoonnummers tussen aanhalingstekens.",
        "example": '{phones: [{number: "02 511 02 71"}], websites: [{url: "https://www.example.be/"}]}',
    },
    "locations": {
        "en": "Addresses people can go to: street and number, postcode and the commune's NIS code (both "
        "in quotes); accessibility and opening hours (`hours`: days, opens, closes) only if a source "
        "gives them.",
        "fr": "Adresses où l'on peut se rendre : rue et numéro, code postal et code INS de la commune "
        "(entre guillemets) ; accessibilité et heures d'ouverture (`hours` : jours, ouverture, "
        "fermeture) seulement si une source les donne.",
        "nl": "Adressen waar men naartoe kan: straat en nummer, postcode en NIS-code van de gemeente "
        "(tussen aanhalingstekens); toegankelijkheid en openingsuren (`hours`: dagen, opent, sluit) "
        "alleen als een bron ze vermeldt.",
        "example": '[{street: "Rue Exemple 1", postcode: "1030", commune: "21015"}]',
    },
    "referral": {
        "en": "How to refer someone: can the person come on their own, through a professional, by "
        "appointment, after an intake?",
        "fr": "Comment orienter une personne : peut-elle venir d'elle-même, via un professionnel, sur "
        "rendez-vous, après un entretien d'accueil ?",
        "nl": "Hoe iemand doorverwijzen: kan de persoon zelf langskomen, via een professional, op "
        "afspraak, na een intakegesprek?",
        "example": '{fr: "Sur rendez-vous.", nl: "Op afspraak."}',
    },
    "cost": {
        "en": "What it costs the person (free, a contribution…), if a source says so.",
        "fr": "Ce que cela coûte à la personne (gratuit, participation…), si une source le dit.",
        "nl": "Wat het de persoon kost (gratis, een bijdrage …), als een bron het vermeldt.",
        "example": '{fr: "Gratuit", nl: "Gratis"}',
    },
    "sources": {
        "en": "Where each fact comes from: the page's address, a title, and the day you read it "
        "(`retrieved`).",
        "fr": "D'où vient chaque information : l'adresse de la page, un titre et le jour où vous l'avez "
        "consultée (`retrieved`).",
        "nl": "Waar elk gegeven vandaan komt: het adres van de pagina, een titel en de dag waarop u ze "
        "raadpleegde (`retrieved`).",
        "example": '[{url: "https://www.example.be/", title: "…", retrieved: 2026-11-22}]',
    },
    "last_verified": {
        "en": "The day someone checked the whole entry against its sources. Leave it empty if nobody "
        "has: the site then says \"not verified yet\".",
        "fr": "Le jour où quelqu'un a vérifié toute la fiche avec ses sources. Laissez vide si personne "
        "ne l'a encore fait : le site affiche alors « pas encore vérifié ».",
        "nl": "De dag waarop iemand de hele fiche met haar bronnen heeft nagekeken. Laat leeg als "
        "niemand dat al gedaan heeft: de site toont dan 'nog niet nagekeken'.",
    },
}

# The generated parts of the table, in each language.
_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "heading": "| Field | Required | Holds | What to write | Example |",
        "yes": "yes", "no": "no", "at_least_one": "yes, 1 or more", "may_be_empty": "yes, may be empty",
        "bilingual": "text in French and Dutch (`fr`, `nl`)", "fields": "fields: {names}",
        "list_of": "list; each item: {item}", "codes": "list of codes", "date": "date (YYYY-MM-DD)",
        "code": "code", "text": "text", "boolean": "true or false",
    },
    "fr": {
        "heading": "| Champ | Obligatoire | Contenu | Ce qu'il faut écrire | Exemple |",
        "yes": "oui", "no": "non", "at_least_one": "oui, 1 ou plus", "may_be_empty": "oui, peut rester vide",
        "bilingual": "texte en français et en néerlandais (`fr`, `nl`)", "fields": "champs : {names}",
        "list_of": "liste ; chaque élément : {item}", "codes": "liste de codes", "date": "date (AAAA-MM-JJ)",
        "code": "code", "text": "texte", "boolean": "true ou false",
    },
    "nl": {
        "heading": "| Veld | Verplicht | Inhoud | Wat u invult | Voorbeeld |",
        "yes": "ja", "no": "nee", "at_least_one": "ja, 1 of meer", "may_be_empty": "ja, mag leeg blijven",
        "bilingual": "tekst in het Frans en het Nederlands (`fr`, `nl`)", "fields": "velden: {names}",
        "list_of": "lijst; elk element: {item}", "codes": "lijst van codes", "date": "datum (JJJJ-MM-DD)",
        "code": "code", "text": "tekst", "boolean": "true of false",
    },
}


def field_reference(lang: str) -> str:
    """The Markdown table of the fields of a service entry, in `lang` (en, fr or nl)."""
    if lang not in LANGS:
        raise ValueError(f"no field reference in '{lang}' — use one of: {', '.join(LANGS)}")
    _check_explanations()
    words = _WORDS[lang]
    rows = [words["heading"], "| --- | --- | --- | --- | --- |"]
    for name, info in Service.model_fields.items():
        explanation = FIELDS[name]
        example = explanation.get("example") or _model_example(info)
        cells = [
            f"`{name}`",
            _required(info, words),
            _holds(info.annotation, info, words),
            explanation[lang],
            f"`{name}: {example}`" if example else "",
        ]
        rows.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return "\n".join(rows) + "\n"


def _check_explanations() -> None:
    """Every field of the model is explained in every language, and nothing else is."""
    missing = [name for name in Service.model_fields if name not in FIELDS]
    if missing:
        raise KeyError(
            f"atlas/field_docs.py: the field(s) {', '.join(missing)} of Service have no explanation in "
            "FIELDS — add one in en, fr and nl (CONTRIBUTING*.md shows it to maintainers)"
        )
    unknown = [name for name in FIELDS if name not in Service.model_fields]
    if unknown:
        raise KeyError(f"atlas/field_docs.py: FIELDS explains {', '.join(unknown)}, which Service does not have")
    for name, texts in FIELDS.items():
        absent = [lang for lang in LANGS if not texts.get(lang, "").strip()]
        if absent:
            raise KeyError(f"atlas/field_docs.py: FIELDS['{name}'] has no {', '.join(absent)} text")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


# ---------------------------------------------------------------------------------------------
# What the model says about a field
# ---------------------------------------------------------------------------------------------


def _without_none(annotation: Any) -> Any:
    """`Text | None` → `Text`; other annotations unchanged."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        rest = [argument for argument in typing.get_args(annotation) if argument is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return annotation


def _nullable(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (typing.Union, types.UnionType) and type(None) in typing.get_args(
        annotation
    )


def _required(info: FieldInfo, words: dict[str, str]) -> str:
    if not info.is_required():
        return words["no"]
    if _nullable(info.annotation):
        return words["may_be_empty"]
    if any(getattr(rule, "min_length", 0) for rule in info.metadata):
        return words["at_least_one"]
    return words["yes"]


def _holds(annotation: Any, info: FieldInfo | None, words: dict[str, str]) -> str:
    """What kind of value a field holds, derived from its annotation."""
    annotation = _without_none(annotation)
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        names = list(annotation.model_fields)
        if names == ["fr", "nl"]:
            return words["bilingual"]
        return words["fields"].format(names=", ".join(f"`{name}`" for name in names))
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        inner = _without_none(typing.get_args(item)[0] if typing.get_origin(item) is typing.Annotated else item)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return words["list_of"].format(item=_holds(inner, None, words))
        return words["codes"]
    if annotation is dt.date:
        return words["date"]
    if annotation is bool:
        return words["boolean"]
    if info is not None and any(getattr(rule, "pattern", None) for rule in info.metadata):
        return words["code"]
    return words["text"]


def _model_example(info: FieldInfo) -> str:
    """The model's first example for the field, or for the type inside it (`list[Slug]`)."""
    if info.examples:
        return str(info.examples[0])
    for argument in _annotated_metadata(info.annotation):
        if isinstance(argument, FieldInfo) and argument.examples:
            return str(argument.examples[0])
    return ""


def _annotated_metadata(annotation: Any) -> list[Any]:
    found: list[Any] = []
    if typing.get_origin(annotation) is typing.Annotated:
        found.extend(typing.get_args(annotation)[1:])
    for argument in typing.get_args(annotation):
        if argument is not annotation:
            found.extend(_annotated_metadata(argument))
    return found


# ---------------------------------------------------------------------------------------------
# The tables in CONTRIBUTING*.md
# ---------------------------------------------------------------------------------------------


def committed_table(text: str) -> str:
    """The table between the markers of a CONTRIBUTING file (as committed)."""
    try:
        start = text.index(START) + len(START)
        end = text.index(END, start)
    except ValueError:
        raise ValueError(f"the markers {START} and {END} are missing") from None
    return text[start:end].strip("\n") + "\n"


def with_table(text: str, lang: str) -> str:
    """`text` with the table between the markers replaced by the current `field_reference(lang)`."""
    committed_table(text)  # raises if the markers are missing
    start = text.index(START) + len(START)
    end = text.index(END, start)
    return text[:start] + "\n" + field_reference(lang) + text[end:]


def update_contributing(root: Path) -> list[Path]:
    """Rewrite the field tables of the three CONTRIBUTING files; the files that changed."""
    changed = []
    for lang, name in CONTRIBUTING.items():
        path = root / name
        text = path.read_text(encoding="utf-8")
        updated = with_table(text, lang)
        if updated != text:
            path.write_text(updated, encoding="utf-8")
            changed.append(path)
    return changed


if __name__ == "__main__":
    for written in update_contributing(Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()):
        print(f"updated {written}")
