"""vCard 3.0 (RFC 2426): one address-book card per service and language.

Writes (through atlas.exports.write) `vcards/<lang>/<id>.vcf` for `fr` and `nl`: UTF-8, CRLF line
ends, lines folded at 75 octets; name, organisation, phones in international form (+32 …),
e-mails, websites, addresses, the referral text as note, all in that language; UID = the service's
HSDS id; REV = the day the entry was last verified. Source: the entries of the Atlas.

May import atlas.text, atlas.data, atlas.site.render (phone numbers) and atlas.exports.records.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from atlas.exports.records import location_commune, service_uuid
from atlas.site.render import international
from atlas.text.labels import label

if TYPE_CHECKING:
    from atlas.data.directory import Atlas
    from atlas.data.model import Service

VCARD_FOLDER = "vcards"
_VCARD_MAX_OCTETS = 75  # RFC 2425 §5.8.1: lines SHOULD NOT be longer than 75 octets, CRLF excluded
_VCARD_TOKEN = re.compile(r"\\.|.", re.DOTALL)  # an escape pair, or one character


def escape_vcard_text(value: str) -> str:
    """A text value for vCard 3.0: '\\', ',' and ';' backslash-escaped, line breaks as '\\n'."""
    text = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return re.sub(r"\r\n|\r|\n", r"\\n", text)


def fold_vcard_line(line: str) -> str:
    """Fold a content line into physical lines of at most 75 octets (RFC 2425 §5.8.1): a CRLF
    and one space before each continuation, never inside a UTF-8 character nor, for the sake of
    lenient readers, between a backslash and the character it escapes."""
    if len(line.encode("utf-8")) <= _VCARD_MAX_OCTETS:
        return line  # nothing to fold: most lines of a card
    chunks: list[str] = []
    current, size, limit = "", 0, _VCARD_MAX_OCTETS
    for token in _VCARD_TOKEN.findall(line):
        octets = len(token.encode("utf-8"))
        if size + octets > limit:
            chunks.append(current)
            # The continuation's leading space counts towards its 75 octets.
            current, size, limit = "", 0, _VCARD_MAX_OCTETS - 1
        current += token
        size += octets
    chunks.append(current)
    return "\r\n ".join(chunks)


def _vcard_lines(atlas: Atlas, service: Service, lang: str) -> list[str]:
    """One vCard in one language: the name, organisation, address and note in `lang`, phones in
    international form (+32 …) so that they dial from any phone."""
    name = escape_vcard_text(service.name[lang])
    organization = service.organization[lang] if service.organization is not None else service.name[lang]
    # ORG is "organisation;unit": the parent organisation, then the service within it.
    org = escape_vcard_text(organization)
    if service.organization is not None and organization != service.name[lang]:
        org += ";" + name
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"UID:urn:uuid:{service_uuid(service.id)}",
        f"FN:{name}",
        # N is required in vCard 3.0; an organisation has no family or given name.
        "N:;;;;",
        f"ORG:{org}",
        # Address books of Apple and others then show the card as an organisation, not a person.
        "X-ABShowAs:COMPANY",
    ]
    lines += [f"TEL;TYPE=WORK,VOICE:{international(phone.number)}" for phone in service.contact.phones]
    lines += [f"EMAIL;TYPE=INTERNET:{escape_vcard_text(email)}" for email in service.contact.emails]
    lines += [f"URL:{website.url}" for website in service.contact.websites]
    for location in service.locations:
        commune = location_commune(atlas, location)
        # the country as the card's language writes it (an address book shows it as written)
        parts = ["", "", location.street or "", commune.name(lang), "", location.postcode, label("country.belgium", lang)]
        lines.append("ADR;TYPE=WORK:" + ";".join(escape_vcard_text(part) for part in parts))
    lines.append(f"NOTE:{escape_vcard_text(service.referral[lang])}")
    if service.last_verified is not None:
        # The day the entry was checked, never the build time: two builds give the same file.
        lines.append(f"REV:{service.last_verified.isoformat()}")
    lines.append("END:VCARD")
    return lines


def render_vcard(atlas: Atlas, service: Service, lang: str) -> bytes:
    """The .vcf file of one service in one language."""
    return "".join(fold_vcard_line(line) + "\r\n" for line in _vcard_lines(atlas, service, lang)).encode("utf-8")
