"""Trust, second round (issue 17), in built sites: text from data, front matter and first
headings is escaped in every attribute and <title> of the theme's real templates; the build fails
on any script the site does not ship; interruptions and failures leave no half-built folder; the
offline zip is reproducible."""

from __future__ import annotations

import errno
import hashlib
import re
import shutil
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from atlas.build import assemble
from tests.support import BREAK_OUT, ROOT, TITLE_BREAK_OUT, attribute_site, make_site

BASE_ENTRY = (ROOT / "tests" / "fixtures" / "base_entry.yaml").read_text(encoding="utf-8")
PAGES = {f"{lang}/index.md": "---\ntitle: Test\n---\n\n# Test\n\nTexte.\n" for lang in ("fr", "nl")}


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of <title>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def elements(path: Path) -> Elements:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


@pytest.fixture(scope="module")
def attribute_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = attribute_site(tmp_path_factory.mktemp("attributes") / "project")
    assert assemble.build_site(project, project / "site") == 0
    return project / "site"


PAYLOAD_PAGES = [f"{lang}/{page}" for lang in ("fr", "nl") for page in ("index.html", "services/test-service/index.html", "domains/housing/index.html")]


@pytest.mark.parametrize("page", PAYLOAD_PAGES)
def test_break_out_text_stays_text(attribute_built: Path, page: str) -> None:
    """Assert that no element of the page carries http-equiv but the policy, no event handler,
    no script but the site's, and no URL of the payload; the description reads back whole."""
    found = elements(attribute_built / page)
    for tag, attrs in found.tags:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        if "http-equiv" in attrs:
            assert (tag, attrs["http-equiv"]) == ("meta", "Content-Security-Policy"), attrs
        for name in ("href", "src", "action", "formaction"):
            assert "evil.example" not in attrs.get(name, ""), (tag, attrs)
        if tag == "script" and "src" not in attrs:
            assert attrs.get("type", "") in ("", "application/json", "application/ld+json")
    policies = [attrs for tag, attrs in found.tags if "http-equiv" in attrs]
    assert len(policies) == 1
    descriptions = [attrs["content"] for tag, attrs in found.tags if tag == "meta" and attrs.get("name") == "description"]
    assert len(descriptions) == 1, descriptions
    assert descriptions[0].startswith(BREAK_OUT), descriptions
    assert "window.__xss" not in "".join(
        body for body in re.findall(r"<script[^>]*>(.*?)</script>", (attribute_built / page).read_text(encoding="utf-8"), re.S)
    )


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_title_from_a_first_heading_is_escaped(attribute_built: Path, lang: str) -> None:
    """Assert that a first heading with an escaped </title><script> shows as text in <title>,
    in the header and in the navigation, never as a tag."""
    html = (attribute_built / lang / "index.html").read_text(encoding="utf-8")
    found = elements(attribute_built / lang / "index.html")
    heading = TITLE_BREAK_OUT.replace("&lt;", "<").replace("&gt;", ">")
    assert found.title.startswith(heading), found.title
    assert "<script>window.__xss" not in html
    assert html.count("&lt;/title&gt;&lt;script&gt;window.__xss=1&lt;/script&gt;") >= 2  # <title>, header, nav
    assert "&amp;lt;" not in html  # escaped once, not twice


def _build_with_announce(tmp_path: Path, markup: str) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """A fixture site whose theme override puts `markup` in Material's announce block, built
    through the command line."""
    project = make_site(tmp_path / "project", BASE_ENTRY, PAGES)
    main = project / "overrides" / "main.html"
    main.write_text(
        main.read_text(encoding="utf-8") + "\n{% block announce %}" + markup + "{% endblock %}\n", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "atlas.maintain.cli", "--root", str(project), "build"],
        capture_output=True, text=True, check=False, cwd=project,
    )
    return project, result


def test_injected_inline_script_fails_the_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Assert that a page holding an inline script the site does not ship (here through a theme
    override) fails the build, naming the page, and leaves no site behind."""
    project, result = _build_with_announce(tmp_path, "<script>window.__xss = 1</script>")
    assert result.returncode == 1
    assert "the built page holds markup that acts and that Atlas does not ship" in result.stderr
    assert "an inline script the site does not ship ('window.__xss = 1')" in result.stderr
    assert not (project / "site").exists()
    assert not (project / "site.new").exists()


def test_injected_event_handler_fails_the_build(tmp_path: Path) -> None:
    """Assert that an event-handler attribute anywhere in a page fails the build."""
    _, result = _build_with_announce(tmp_path, '<img src="x.png" alt="" onerror="window.__xss=1">')
    assert result.returncode == 1
    assert "an event-handler attribute (onerror=) on <img>" in result.stderr


def test_policy_hashes_only_the_theme_scripts() -> None:
    """Assert that the policy's hashes come from the theme's known scripts: an injected script
    is refused, and the theme's storage script at any depth is allowed."""
    from atlas.build import csp

    theme = '__md_scope=new URL("../..",location)'
    assert not csp.is_theme_script("window.__xss=1")
    assert not csp.is_theme_script(theme)  # only the whole script, not a prefix
    page = '<html><head></head><body><script>window.__xss=1</script></body></html>'
    with pytest.raises(csp.PageRefused):
        csp.verify(page, "fr/x/", frozenset())
    with pytest.raises(csp.PageRefused):
        csp.verify('<html><head><meta http-equiv="refresh" content="0;url=https://evil.example/"></head></html>', "fr/x/", frozenset())
    with pytest.raises(csp.PageRefused):
        csp.verify('<html><head><script src="https://evil.example/x.js"></script></head></html>', "fr/x/", frozenset())
    with pytest.raises(csp.PageRefused):
        csp.verify('<html><head><script src="../../data/x.js"></script></head></html>', "fr/x/", frozenset({"assets/atlas/atlas.js"}))
    assert csp.verify('<html><head><script src="../../assets/atlas/atlas.js"></script></head></html>', "fr/x/", frozenset({"assets/atlas/atlas.js"})) == []


@pytest.mark.parametrize(
    "moment",
    [
        "site.new",  # MkDocs has just started
        "site.new/data",  # the second process is writing the open data, finder data and QR codes
    ],
)
def test_ctrl_c_cleans_up_with_one_line(tmp_path: Path, moment: str) -> None:
    """Assert that interrupting a build removes site.new — also when the second process is
    writing into it, and a second later — keeps the previous site, prints one line and no
    traceback."""
    project = make_site(tmp_path / "project", BASE_ENTRY, PAGES)
    (project / "site").mkdir()
    (project / "site" / "previous.html").write_text("previous", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "atlas.maintain.cli", "--root", str(project), "build"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # noqa: PLW1509 - the test's child only
    )
    deadline = time.monotonic() + 60
    while not (project / moment).exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert (project / moment).exists()
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Traceback" not in err
    assert "KeyboardInterrupt" not in err
    assert err.strip().splitlines()[-1] == "Build interrupted: site/ was left as it was."
    assert not (project / "site.new").exists()
    time.sleep(1)  # a second process left running would write into it again
    assert not (project / "site.new").exists()
    assert (project / "site" / "previous.html").read_text(encoding="utf-8") == "previous"


def test_full_disk_gives_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Assert that a full disk while MkDocs writes the site ends in one line, not a traceback."""
    from mkdocs import utils

    from atlas.build import run

    project = make_site(tmp_path / "project", BASE_ENTRY, PAGES)

    def full(content: bytes, output_path: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", output_path)

    monkeypatch.setattr(utils, "write_file", full)
    monkeypatch.chdir(project)
    code = run.main(["build", "--strict", "--site-dir", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert re.search(r"^Build failed: \S+: the disk is full\.$", err, re.M), err
    assert "Traceback" not in err


def test_permission_denied_on_swap_gives_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Assert that a site/ that cannot be replaced keeps the previous site and ends in one line."""
    project = make_site(tmp_path / "project", BASE_ENTRY, PAGES)
    site = project / "site"
    site.mkdir()
    (site / "previous.html").write_text("previous", encoding="utf-8")
    real_rename = Path.rename

    def refuse(self: Path, target: Path) -> Path:
        if self.name == "site.new":
            raise PermissionError(errno.EACCES, "Permission denied", str(target))
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", refuse)
    assert assemble.build_site(project, site) == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1].startswith(f"Build failed: {site}: Permission denied — free space or fix the permissions")
    assert (site / "previous.html").read_text(encoding="utf-8") == "previous"
    assert not (project / "site.new").exists()


def test_offline_zip_is_reproducible(tmp_path: Path) -> None:
    """Assert that two offline builds of one commit give byte-identical zips (the commit's time
    as SOURCE_DATE_EPOCH, as `make offline` does in a checkout) of the offline copy (pages as
    page.html)."""
    project = make_site(tmp_path / "project", BASE_ENTRY, PAGES, offline=True)
    git = ["git", "-c", "user.name=Atlas", "-c", "user.email=atlas@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "."], cwd=project, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "fixture"], cwd=project, check=True)
    digests = []
    for attempt in range(2):
        assert assemble.build_site(project, project / "site-offline", offline=True) == 0
        digests.append(hashlib.sha256((project / "site-offline.zip").read_bytes()).hexdigest())
        if attempt == 0:
            time.sleep(2.1)  # zip timestamps have a 2-second resolution
            shutil.rmtree(project / "site-offline")
    assert digests[0] == digests[1]


CRAFTED = {
    "fr": r"Aide &amp; conseil aux **personnes** [en ligne](https://www.example.be/) \*urgent\* &lt;b&gt; 3 &lt; 4 &#38; _vite_.",
    "nl": r"Hulp &amp; advies voor **personen** [online](https://www.example.be/) \*dringend\* &lt;b&gt; 3 &lt; 4 &#38; _snel_.",
}
SHOWN = {
    "fr": "Aide & conseil aux personnes en ligne *urgent* <b> 3 < 4 & vite.",
    "nl": "Hulp & advies voor personen online *dringend* <b> 3 < 4 & snel.",
}


def test_a_description_reads_the_same_in_the_page_its_glance_and_its_metadata(tmp_path: Path) -> None:
    """Assert that a description written with character references, Markdown escapes, emphasis
    and a link shows the same text in the page's body, its "at a glance" line, its
    meta description and its JSON-LD, in /fr/ and /nl/ — no "&amp;" shown to the reader, no
    Markdown signs in the metadata."""
    import json

    import yaml
    from selectolax.lexbor import LexborHTMLParser

    entries = yaml.safe_load(BASE_ENTRY)
    entries[0]["description"] = CRAFTED
    project = make_site(tmp_path / "project", yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), PAGES)
    assert assemble.build_site(project, project / "site") == 0
    for lang in ("fr", "nl"):
        tree = LexborHTMLParser((project / "site" / lang / "services" / "test-service" / "index.html").read_text(encoding="utf-8"))
        glance = tree.css_first(".atlas-glance-what")
        meta = tree.css_first('meta[name="description"]')
        json_ld = tree.css_first('script[type="application/ld+json"]')
        assert glance is not None
        assert meta is not None
        assert json_ld is not None
        body = [p.text(deep=True) for p in tree.css("article p") if p.text(deep=True).startswith(SHOWN[lang][:12])]
        assert [" ".join(text.split()) for text in body] == [SHOWN[lang]] * len(body)
        assert len(body) == 2  # the glance line and the description itself
        assert glance.text(deep=True) == SHOWN[lang]
        assert meta.attributes["content"] == SHOWN[lang]
        assert json.loads(json_ld.text(deep=True))["description"] == SHOWN[lang]
