"""Contributor text can never inject script: data refuses it with a clear message, templates
escape it, and every page's content is sanitised — checked in the built HTML and in Chromium."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from atlas.build.assemble import build_site
from atlas.data.model import Service
from tests.support import FIXTURES, make_site

PAYLOADS = [
    "<script>window.__xss = 1</script>",
    '<img src=x onerror="window.__xss = 1">',
    "[click](javascript:window.__xss=1)",
    '"><svg onload="window.__xss = 1">',
    "<iframe src=\"javascript:window.__xss=1\"></iframe>",
]


def base_entry() -> dict[str, object]:
    data: list[dict[str, object]] = yaml.safe_load((FIXTURES / "base_entry.yaml").read_text(encoding="utf-8"))
    return data[0]


def text_paths(value: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every text field of an entry (the fr/nl of each bilingual text, street, numbers, URLs)."""
    if isinstance(value, dict):
        return [p for key, child in value.items() for p in text_paths(child, (*path, key))]
    if isinstance(value, list):
        return [p for index, child in enumerate(value) for p in text_paths(child, (*path, index))]
    return [path] if isinstance(value, str) and path[0] not in ("id", "domains", "audiences", "languages") else []


def put(entry: dict[str, object], path: tuple[object, ...], value: str) -> dict[str, object]:
    changed = copy.deepcopy(entry)
    target: object = changed
    for part in path[:-1]:
        target = target[part]  # type: ignore[index]
    target[path[-1]] = value  # type: ignore[index]
    return changed


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_text_field_refuses_script(payload: str) -> None:
    """Assert that each payload in each text field of a service is refused by the model."""
    entry = base_entry()
    paths = text_paths(entry)
    assert len(paths) >= 12
    for path in paths:
        with pytest.raises(ValidationError):
            Service.model_validate(put(entry, path, payload))


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny site whose hand-written pages carry every payload, and whose data carries text
    that is harmless but must be escaped (quotes, ampersands, '<3', Markdown-looking names)."""
    folder = tmp_path_factory.mktemp("hostile")
    entry = base_entry()
    entry["name"] = {"fr": 'Tom & "Jerry" <3 *gras* [crochets]', "nl": "Tom & 'Jerry' <3 _schuin_"}
    services = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False)
    body = "\n\n".join(PAYLOADS)
    pages = {
        f"{lang}/index.md": f"---\ntitle: Test\n---\n\n# Test\n\n{body}\n\n<a href=\"javascript:window.__xss=1\">x</a>\n"
        for lang in ("fr", "nl")
    }
    project = make_site(folder / "project", services, pages)
    assert build_site(project, project / "site") == 0
    return project / "site"


def articles(site: Path) -> list[tuple[str, str]]:
    found = []
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        match = re.search(r"<article.*?</article>", html, re.S)
        if match:
            found.append((page.relative_to(site).as_posix(), match.group(0)))
    return found


def test_built_content_holds_no_script(hostile_site: Path) -> None:
    """Assert no <script>, event handler, javascript: URL or iframe survives in page content."""
    pages = articles(hostile_site)
    assert len(pages) > 1000
    for name, article in pages:
        assert "<script" not in article, name
        assert not re.search(r"<[^>]+\son\w+\s*=", article), name
        assert "javascript:" not in article, name
        assert "<iframe" not in article, name
        assert "<svg" not in article, name


def test_data_text_is_escaped_once(hostile_site: Path) -> None:
    """Assert a name with quotes, '&', '<3' and Markdown marks shows as text, not markup."""
    html = (hostile_site / "fr" / "services" / "test-service" / "index.html").read_text(encoding="utf-8")
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert h1, "no <h1> on the service page"
    assert h1.group(1).strip() in ('Tom &amp; "Jerry" &lt;3 *gras* [crochets]', "Tom &amp; &quot;Jerry&quot; &lt;3 *gras* [crochets]")
    assert "<em>gras</em>" not in html
    assert "&amp;amp;" not in html


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_nothing_executes_in_chromium(hostile_site: Path, browser, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Assert, in Chromium, that no payload runs: no flag set, no dialog."""
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for url in (f"{lang}/index.html", f"{lang}/services/test-service/index.html"):
        page.goto((hostile_site / url).as_uri())
        page.wait_for_timeout(200)
        for link in page.locator("article a").all():
            href = link.get_attribute("href") or ""
            assert not href.startswith("javascript:")
        assert page.evaluate("() => window.__xss") is None
    assert dialogs == []
    context.close()


def test_html_in_a_page_title_is_refused(tmp_path: Path) -> None:
    """Assert that a page title with HTML stops the build with the file, line and field."""
    pages = {f"{lang}/index.md": '---\ntitle: "x <img src=x onerror=alert(1)>"\n---\n\n# x\n' for lang in ("fr", "nl")}
    entry = yaml.safe_dump([base_entry()], allow_unicode=True, sort_keys=False)
    project = make_site(tmp_path / "project", entry, pages)
    from atlas.maintain.cli import main

    assert main(["--root", str(project), "check"]) == 1
    assert build_site(project, project / "site") == 1
    assert not (project / "site").exists()


def test_yaml_aliases_are_refused_quickly(tmp_path: Path) -> None:
    """Assert that a 'billion laughs' file is refused in well under a second."""
    import time

    from atlas.data.yamlsource import read_yaml

    source = (FIXTURES / "broken" / "alias-billion-laughs.yaml")
    start = time.perf_counter()
    _document, problems = read_yaml(source, "data/services.yaml")
    assert time.perf_counter() - start < 1.0  # a bound on runaway expansion, not a speed benchmark
    assert any("anchors and aliases" in p.message for p in problems)
