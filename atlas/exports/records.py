"""What every open-data format reads the same way from an entry: the stable ids of its records
and the commune of a location.

Ids are uuid5(NAMESPACE, "atlas:<kind>:<key>"), so the same data gives the same ids in every build
and in every format (the HSDS JSON and tables, the vCards' UID).

May import atlas.data.
"""

from __future__ import annotations

import uuid
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from atlas.data.directory import Atlas
    from atlas.data.geography import Commune
    from atlas.data.model import Location

Json = dict[str, Any]

# Fixed forever: every exported id is uuid5(NAMESPACE, "atlas:<kind>:<key>"). Changing it would give
# every record a new id and break whoever linked to them. Published in the README so that anyone
# can compute the id of a service from its slug.
NAMESPACE = uuid.UUID("e30bcea1-5e6d-48f4-94c3-6bb92b49498a")


@cache
def stable_id(kind: str, *key: str) -> str:
    """The HSDS id of a record: the same data gives the same id in every build. Remembered:
    one write of the open data asks for most ids several times (the HSDS of each language, the
    vCards' UID: 52,000 calls for 19,000 ids at 1,000 services); atlas.exports.write forgets them
    when it is done (`stable_id.cache_clear()`)."""
    return str(uuid.uuid5(NAMESPACE, ":".join(("atlas", kind, *key))))


def service_uuid(service_id: str) -> str:
    """The HSDS id (and vCard UID) of a service: uuid5(NAMESPACE, 'atlas:service:<slug>')."""
    return stable_id("service", service_id)


def location_commune(atlas: Atlas, location: Location) -> Commune:
    """The commune of a location, by its NIS code."""
    commune = atlas.geography.commune(location.commune)
    if commune is None:  # the loader refuses unknown NIS codes; this guards direct callers
        raise ValueError(f"location commune {location.commune} is not a Belgian commune (NIS code)")
    return commune
