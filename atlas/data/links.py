"""Web addresses and e-mail addresses in data files: the rules a link must pass.

Holds `check_url` (scheme, spaces, backslashes, plain mailto:), `check_host` (no user part, IP
address, local machine or mixed alphabets), `url_host`, the `WebUrl` field type and the
`EMAIL_ADDRESS` pattern. Imports only pydantic and the standard library (it is the bottom of the
model's field rules). The checks raise ValueError with a message that says how to fix the value;
pydantic turns it into a validation error at the field.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
EMAIL_ADDRESS = re.compile(r"^[^@\s<>\"'(),;:?&=]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def check_url(value: str, *, allowed: tuple[str, ...] = ("https", "http"), relative_ok: bool = False) -> str:
    match = _SCHEME.match(value.strip())
    if match is None:
        if relative_ok:
            return value
        raise ValueError(f"'{value}' is not a full web address — write it with https://, e.g. https://www.example.be/")
    scheme = match.group(1).lower()
    if scheme not in allowed:
        raise ValueError(
            f"the link scheme '{scheme}:' is not allowed — use {' or '.join(s + ':' for s in allowed)} "
            "(e.g. https://www.example.be/)"
        )
    if any(ch.isspace() for ch in value.strip()):
        raise ValueError(f"'{value}' contains a space; a web address has none")
    if "\\" in value:
        raise ValueError(f"'{value}' contains a backslash — write web addresses with forward slashes only (/)")
    if scheme == "mailto":
        address = value.strip()[len("mailto:"):]
        if not EMAIL_ADDRESS.match(address):
            raise ValueError(
                f"'{value}' is not a plain e-mail link — write mailto: and the address only, e.g. "
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
            f"'{url}' holds a user name or password (the part before '@') — remove it, e.g. https://www.example.be/"
        )
    host = url_host(url)
    if _IP_HOST.match(host) or host in ("localhost",) or host.endswith((".localhost", ".local", ".internal")):
        raise ValueError(
            f"'{url}' points to an IP address or a local machine — write the organisation's public "
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
                "which can imitate a known address — write the address again with Latin letters only"
            )


def _script(character: str) -> str:
    return unicodedata.name(character, "UNKNOWN").split(" ")[0]


# A web address: https or http only (the check says how to fix anything else).
WebUrl = Annotated[str, AfterValidator(check_url)]
