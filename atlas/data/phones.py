"""Phone numbers: `normal_phone` (one written form and the E.164 form, from the Belgian numbering
plan via phonenumbers) and the `Phone` field of a contact.

Imports phonenumbers and the bilingual text model (`atlas.data.bilingual`, for a number's label).
A number that cannot be dialled raises ValueError saying how to write it; in a model, pydantic
reports it at the field.
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from phonenumbers import shortnumberinfo
from pydantic import Field, field_validator

from atlas.data.bilingual import Text
from atlas.data.fields import Strict


@lru_cache(maxsize=1 << 14)
def normal_phone(text: str) -> tuple[str, str]:
    """(the number as Atlas writes it, its E.164 form for tel: links) from the Belgian numbering
    plan (phonenumbers): '02/511.02.71' → ('02 511 02 71', '+3225110271'); a short number ('107',
    '1813') stays as it is dialled. Raises ValueError for a number that cannot be dialled.
    Remembered per text: phonenumbers parses slowly, and a number is shown on its page, in lists,
    in the finder's data and in the exports."""
    value = text.strip()
    digits = re.sub(r"[\s./()-]", "", value)
    example = 'write it as people dial it, e.g. "02 511 02 71", "0800 12 345", "+32 2 511 02 71" or a short number such as "107"'
    if not re.fullmatch(r"\+?[0-9]+", digits):
        raise ValueError(f"'{value}' is not a phone number; {example}")
    if not digits.startswith(("+", "0")) and len(digits) <= 6:
        short = phonenumbers.parse(digits, "BE")
        if shortnumberinfo.is_valid_short_number_for_region(short, "BE"):
            return digits, digits
        raise ValueError(f"'{value}' is not a Belgian short number — check it on the organisation's page, or {example}")
    try:
        number = phonenumbers.parse(value, "BE")
    except phonenumbers.NumberParseException:
        raise ValueError(f"'{value}' is not a phone number; {example}") from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError(
            f"'{value}' is not a valid number in the numbering plan (too short, too long or an unused "
            f"prefix) — check it on the organisation's page, and {example}"
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
