"""mkdocs.yml's Atlas options are typed and validated once (atlas.build.config)."""

from __future__ import annotations

import pytest

from atlas.build.config import ConfigError, read_settings

GOOD = {
    "site_url": "https://atlas.example.org",
    "extra": {"atlas": {"repository": "https://github.com/x/atlas", "correction_url": "https://github.com/x/atlas/issues/new?title={id}"}},
}


def test_valid_options_are_read() -> None:
    """Assert that a valid block is read, site_url with its final slash."""
    settings = read_settings(GOOD)
    assert settings.site_url == "https://atlas.example.org/"
    assert settings.options.correction_url.endswith("{id}")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"site_url": None}, "mkdocs.yml: site_url is missing"),
        ({"site_url": "/atlas/"}, "mkdocs.yml: site_url:"),
        ({"extra": {}}, "mkdocs.yml: extra.atlas is missing"),
        ({"extra": {"atlas": {**GOOD["extra"]["atlas"], "correction_ulr": "x"}}}, "mkdocs.yml: extra.atlas.correction_ulr: unknown option"),  # type: ignore[index]
        ({"extra": {"atlas": {"repository": "https://github.com/x/atlas"}}}, "mkdocs.yml: extra.atlas.correction_url: Field required"),
        ({"extra": {"atlas": {**GOOD["extra"]["atlas"], "correction_url": "https://x.org/new"}}}, "must contain {id}"),  # type: ignore[index]
        ({"extra": {"atlas": {**GOOD["extra"]["atlas"], "repository": "javascript:alert(1)"}}}, "extra.atlas.repository"),  # type: ignore[index]
    ],
)
def test_a_wrong_option_fails_with_its_name(change: dict[str, object], expected: str) -> None:
    """Assert that a typo, a missing key or a bad value fails, naming the key (no placeholder)."""
    with pytest.raises(ConfigError, match=expected.replace("{", r"\{").replace("}", r"\}")):
        read_settings({**GOOD, **change})
