"""Trust, second round (issue 17), in Chromium: text meant to break out of an attribute or
<title> does not redirect or run, and the Content-Security-Policy of a built page refuses a
script that was not in the page when it was built, while the theme's own scripts run."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from atlas.build import assemble
from tests.support import attribute_site

PAGES = [f"{lang}/{page}" for lang in ("fr", "nl") for page in ("", "services/test-service/", "domains/housing/")]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def attribute_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The attribute break-out site, built and served on loopback (the policy applies over http)."""
    project = attribute_site(tmp_path_factory.mktemp("attributes-browser") / "project")
    assert assemble.build_site(project, project / "site") == 0
    site = project / "site"
    # A copy of one page with a script added after the build: what the policy must stop.
    injected = site / "fr" / "injected" / "index.html"
    injected.parent.mkdir()
    html = (site / "fr" / "services" / "test-service" / "index.html").read_text(encoding="utf-8")
    injected.write_text(html.replace("</body>", "<script>window.__xss = 1</script></body>"), encoding="utf-8")
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/", site
    httpd.shutdown()
    httpd.server_close()
    shutil.rmtree(project, ignore_errors=True)


@pytest.mark.parametrize("path", PAGES)
def test_break_out_text_neither_redirects_nor_runs(attribute_server: tuple[str, Path], browser: Browser, path: str) -> None:
    """Assert, in Chromium, that the page stays where it is (no meta refresh), shows no dialog,
    runs no payload, and still runs the theme's own scripts."""
    server, _ = attribute_server
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    foreign: list[str] = []
    page.on("request", lambda request: foreign.append(request.url) if not request.url.startswith(server) else None)
    page.goto(server + path)
    page.wait_for_timeout(1500)  # longer than the payload's "0;url=" refresh would take
    page.hover("h1")
    assert page.url == server + path
    assert dialogs == []
    assert foreign == []
    assert page.evaluate("() => window.__xss") is None
    assert page.evaluate("() => typeof __md_get") == "function"  # the theme's hashed script ran
    context.close()


def test_policy_blocks_a_script_added_after_the_build(attribute_server: tuple[str, Path], browser: Browser) -> None:
    """Assert, in Chromium, that an inline script the build did not hash does not run, and that
    the browser reports it as a policy violation."""
    server, _ = attribute_server
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(server + "fr/injected/")
    page.wait_for_timeout(500)
    assert page.evaluate("() => window.__xss") is None
    assert page.evaluate("() => typeof __md_get") == "function"
    assert any("Content Security Policy" in text for text in errors), errors
    context.close()
