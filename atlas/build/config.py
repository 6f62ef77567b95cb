"""Atlas's options in mkdocs.yml, typed and validated once (in the manner of Material's plugin
`config.py` classes): `site_url` and the `extra.atlas` block.

```yaml
site_url: https://atlas.example.org/          # required: the exports and the stale report link to it
extra:
  atlas:
    repository: https://github.com/…           # where maintainers edit the data (footer link)
    correction_url: https://github.com/…{id}…  # "suggest a correction"; {id} = the service id
```
A typo in a key fails the build with a message naming it; nothing falls back to a placeholder.

And the environment switches of the build (`switched_off`), such as ATLAS_LANGUAGES_IN_PARALLEL.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from atlas.data.links import check_url

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


class AtlasOptions(BaseModel):
    """The `extra.atlas` block of mkdocs.yml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    repository: str = Field(description="The public repository where maintainers edit data/ and docs/.")
    correction_url: str = Field(description="Where 'suggest a correction' leads; {id} is replaced by the service id.")

    @field_validator("repository")
    @classmethod
    def _repository(cls, value: str) -> str:
        return check_url(value, allowed=("https",))

    @field_validator("correction_url")
    @classmethod
    def _correction(cls, value: str) -> str:
        if "{id}" not in value:
            raise ValueError("it must contain {id}, replaced by the service id, e.g. https://…/issues/new?title={id}")
        return check_url(value, allowed=("https",))


class Settings(BaseModel):
    """Everything Atlas reads from mkdocs.yml."""

    model_config = ConfigDict(frozen=True)

    site_url: str
    options: AtlasOptions

    @field_validator("site_url")
    @classmethod
    def _site_url(cls, value: str) -> str:
        return check_url(value, allowed=("https", "http")).rstrip("/") + "/"


class ConfigError(ValueError):
    """mkdocs.yml holds a missing or wrong Atlas option; the message says which and how to fix it."""


def read_settings(config: MkDocsConfig | dict[str, Any]) -> Settings:
    """The validated settings; ConfigError naming the key when one is missing or wrong."""
    site_url = config.get("site_url")
    extra = config.get("extra") or {}
    block = extra.get("atlas") if hasattr(extra, "get") else None
    if not site_url:
        raise ConfigError("mkdocs.yml: site_url is missing — set the site's public address, e.g. site_url: https://atlas.example.org/")
    items = getattr(block, "items", None)
    if items is None:
        raise ConfigError("mkdocs.yml: extra.atlas is missing — add repository: and correction_url: under extra: atlas:")
    try:
        return Settings(site_url=str(site_url), options=AtlasOptions.model_validate(dict(items())))
    except ValidationError as error:
        problems = []
        for detail in error.errors():
            where = ".".join(str(part) for part in detail["loc"])
            key = "site_url" if where == "site_url" else f"extra.atlas.{where.removeprefix('options.')}"
            message = "unknown option; the options are repository and correction_url" if detail["type"] == "extra_forbidden" else detail["msg"].removeprefix("Value error, ")
            problems.append(f"mkdocs.yml: {key}: {message}")
        raise ConfigError("\n".join(problems)) from None


def switched_off(name: str) -> bool:
    """Whether the environment variable `name`, a switch that is on unless said otherwise, says
    false, 0 or no (in any case, spaces around ignored)."""
    return os.environ.get(name, "true").strip().lower() in {"false", "0", "no"}
