"""Shared fixtures: tiny projects in temporary folders, and built sites (once per session)."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def project(tmp_path: Path) -> Callable[[str], Path]:
    """A project folder holding the real taxonomy and glossary and the given services.yaml text."""

    def make(services: str | bytes) -> Path:
        (tmp_path / "data").mkdir(exist_ok=True)
        for lang in ("fr", "nl"):
            (tmp_path / "docs" / lang).mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "data" / "taxonomy.yaml", tmp_path / "data")
        shutil.copy(ROOT / "data" / "glossary.yaml", tmp_path / "data")
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
    from atlas.site_build import build_site

    target = tmp_path_factory.mktemp("built") / "site"
    assert build_site(ROOT, target) == 0
    return target


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    """The built site served on a free port of 127.0.0.1, for the browser tests."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium through Playwright. Missing Chromium is a failure, never a skip: CI
    installs it (.ci/run)."""
    assert Path(CHROMIUM).exists(), "install Debian's chromium: apt-get install -y chromium"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Watched:
    """A browser page that records console errors, page errors and requests to other origins."""

    page: Page
    context: BrowserContext
    errors: list[str]
    foreign: list[str]


@pytest.fixture
def watched(browser: Browser, server: str) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    foreign: list[str] = []

    def guard(route: Route) -> None:
        url = route.request.url
        if url.startswith(server) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield Watched(page, context, errors, foreign)
    context.close()


def make_site(folder: Path, services: str, pages: dict[str, str], nav: list[object] | None = None) -> Path:
    """A tiny project: the real theme, hooks and taxonomy; the given services and pages
    (path under docs/ → Markdown, both languages given by the caller)."""
    import yaml

    folder.mkdir(parents=True, exist_ok=True)
    for name in ("overrides", "hooks"):
        shutil.copytree(ROOT / name, folder / name, dirs_exist_ok=True)
    shutil.copytree(ROOT / "docs" / "assets", folder / "docs" / "assets", dirs_exist_ok=True)
    (folder / "data").mkdir(exist_ok=True)
    for name in ("taxonomy.yaml", "glossary.yaml"):
        shutil.copy(ROOT / "data" / name, folder / "data" / name)
    (folder / "data" / "services.yaml").write_text(services, encoding="utf-8")
    for relative, text in pages.items():
        target = folder / "docs" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    from mkdocs.utils.yaml import yaml_load  # resolves mkdocs.yml's !ENV tags to their defaults

    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["nav"] = nav or ["index.md"]
    config.pop("not_in_nav", None)
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder
