"""Trust, second round (issue 17): hand-written pages, links out of the project, the format
command and the files' limits, each refused by `make check` with `file:line:column: message`
(the data cases are files of tests/fixtures/broken/, checked by test_data_errors)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from atlas.data.yamlsource import MAX_FILE_BYTES, parse_yaml
from atlas.maintain import cli, fmt
from atlas.maintain.fmt_yaml import FormatError
from tests.support import FIXTURES, ROOT

BASE = (FIXTURES / "base_entry.yaml").read_text(encoding="utf-8")
SANCTION = "guide/sanctions/nationality.md"


def check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = cli.main(["--root", str(root), "check"])
    captured = capsys.readouterr()
    output = captured.err + captured.out
    assert "Traceback" not in output
    return code, output.splitlines()


def with_page(project: Callable[[str], Path], relative: str, text: str, *, twin: bool = True) -> Path:
    """A project holding the valid entry and one hand-written page (and its twin, unchanged)."""
    root = project(BASE)
    for lang in ("fr", "nl") if twin else ("fr",):
        target = root / "docs" / lang / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


# (case, page under docs/fr/ and docs/nl/, its text, the exact line expected for docs/fr/)
PAGE_CASES = [
    (
        "script in atlas_jsonld",
        "guide/x.md",
        '---\ntitle: "X"\natlas_jsonld: "{}</script><script>alert(1)</script>"\n---\n\n# X\n',
        "docs/fr/guide/x.md:3:1: atlas_jsonld: 'atlas_jsonld' is set by Atlas on generated pages only — remove it",
    ),
    (
        "bogus atlas_commune",
        "guide/x.md",
        '---\ntitle: "X"\natlas_commune: "99999"\n---\n\n# X\n',
        "docs/fr/guide/x.md:3:1: atlas_commune: 'atlas_commune' is set by Atlas on generated pages only — remove it",
    ),
    (
        "atlas_script naming another origin",
        "guide/x.md",
        '---\ntitle: "X"\natlas_script: "https://evil.example/x.js"\n---\n\n# X\n',
        "docs/fr/guide/x.md:3:1: atlas_script: 'atlas_script' is set by Atlas on generated pages only — remove it",
    ),
    (
        "template outside the theme (or Material's redirect page)",
        "guide/x.md",
        '---\ntitle: "X"\ntemplate: "../../../etc/passwd"\n---\n\n# X\n',
        "docs/fr/guide/x.md:3:1: template: unknown field 'template' — allowed here: description, last_reviewed, sources, title, to_verify",
    ),
    (
        "front matter that is a list",
        "guide/x.md",
        "---\n- a\n- b\n---\n\n# X\n",
        "docs/fr/guide/x.md:2:1: the front matter must be fields (name: value lines), not a list or a text",
    ),
    (
        "MultiMarkdown page settings",
        "guide/x.md",
        "atlas_jsonld: {}</script><script>alert(1)</script>\n\n# X\n",
        "docs/fr/guide/x.md:1:1: atlas_jsonld: the page starts with 'key: value' lines that MkDocs would read as page settings",
    ),
    (
        "'<' in a description",
        "guide/x.md",
        '---\ntitle: "X"\ndescription: "a <b>bold</b> claim"\n---\n\n# X\n',
        "docs/fr/guide/x.md:3:14: description: raw HTML (a '<' tag) is not allowed in texts",
    ),
    (
        "last_reviewed in the future",
        "guide/x.md",
        '---\ntitle: "X"\nlast_reviewed: 2099-01-01\n---\n\n# X\n',
        "docs/fr/guide/x.md:3:16: last_reviewed: 2099-01-01 is in the future",
    ),
    (
        "a source retrieved as a number",
        "guide/x.md",
        '---\ntitle: "X"\nsources:\n  - title: "Loi"\n    url: "https://www.ejustice.just.fgov.be/"\n    retrieved: 86400\n---\n\n# X\n',
        "docs/fr/guide/x.md:6:16: sources[0].retrieved: 86400 was read as a number, not as a date",
    ),
    (
        "a NUL byte in the front matter",
        "guide/x.md",
        '---\ntitle: "X\x00"\n---\n\n# X\n',
        "docs/fr/guide/x.md:2:10: the file holds a NUL byte (U+0000) here — remove it",
    ),
    (
        "a hand-written page under a generated folder",
        "services/x.md",
        '---\ntitle: "X"\n---\n\n# X\n',
        "docs/fr/services/x.md: this page is generated from the data at docs/fr/services/x.md — remove the file from docs/",
    ),
    (
        "the sanctions overview written by hand",
        "guide/sanctions/index.md",
        '---\ntitle: "X"\n---\n\n# X\n',
        "docs/fr/guide/sanctions/index.md: this page is generated from the data",
    ),
]


# `file:line:column: what is wrong — how to fix it` (one dash: the fix comes after it)
PAGE_SHAPE = re.compile(r"^docs/[^:\s]+(?::\d+:\d+)?: (?!.* — .* — ).+ — \S.*$")


@pytest.mark.parametrize(("case", "relative", "text", "expected"), PAGE_CASES, ids=[c[0] for c in PAGE_CASES])
def test_page_mistake_is_refused_at_its_place(
    case: str, relative: str, text: str, expected: str, project: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Assert that `check` exits 1 with the exact `file:line:column: message` of each page case,
    every line of it in the shape `file:line:column: what is wrong — how to fix it`."""
    code, lines = check(with_page(project, relative, text), capsys)
    assert code == 1
    assert any(line.startswith(expected) for line in lines), "\n".join(lines)
    for line in lines:
        if line.startswith("docs/"):
            assert PAGE_SHAPE.match(line), f"not 'file:line:column: what is wrong — how to fix it': {line}"


def test_order_zero_on_a_sanction_page_says_how_to_fix(project: Callable[[str], Path], capsys: pytest.CaptureFixture[str]) -> None:
    """Assert that `order: 0` gets a line, the allowed values and an example, not pydantic's words."""
    root = project(BASE)
    for lang in ("fr", "nl"):
        text = (ROOT / "docs" / lang / SANCTION).read_text(encoding="utf-8").replace("\norder: 1\n", "\norder: 0\n")
        target = root / "docs" / lang / SANCTION
        target.parent.mkdir(parents=True)
        target.write_text(text, encoding="utf-8")
    code, lines = check(root, capsys)
    assert code == 1
    assert f"docs/fr/{SANCTION}:4:8: order: 0 is too small — write a whole number from 1 up, e.g. order: 1 (the measure's place in the guide: 1, 2, 3…)" in lines
    assert not any("greater than or equal" in line for line in lines)


def test_binary_tag_gets_one_message(project: Callable[[str], Path], capsys: pytest.CaptureFixture[str]) -> None:
    """Assert that a !!binary value is explained once, without pydantic's raw text beside it."""
    code, lines = check(project((FIXTURES / "broken" / "binary-tag.yaml").read_text(encoding="utf-8")), capsys)
    assert code == 1
    assert [line for line in lines if line.startswith("data/")] == [
        "data/services.yaml:25:9: services[0].referral.fr: the YAML tag !!binary is not allowed (Atlas data holds "
        "plain text, numbers, dates, lists and fields only) — remove the tag"
    ]


SECRET = "root:x:0:0:secret-content-that-must-not-leak"


@pytest.fixture
def outside_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("elsewhere") / "passwd"
    target.write_text(SECRET + "\n", encoding="utf-8")
    return target


def test_data_file_linked_out_of_the_project_is_refused_unread(
    project: Callable[[str], Path], outside_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Assert that data/local/x.yaml linking outside the project is refused, and that neither the
    file's content nor its absolute path appears in the output."""
    root = project(BASE)
    (root / "data" / "local").mkdir()
    os.symlink(outside_file, root / "data" / "local" / "x.yaml")
    code, lines = check(root, capsys)
    assert code == 1
    assert "data/local/x.yaml: this file is a link (symlink) to a file outside the project — replace it with a real file inside the project (its content was not read)" in lines
    output = "\n".join(lines)
    assert "secret-content" not in output
    assert str(outside_file.parent) not in output


def test_page_linked_out_of_the_project_is_refused_unread(
    project: Callable[[str], Path], outside_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Assert that a page linking outside the project is refused without its content in the output."""
    root = project(BASE)
    for lang in ("fr", "nl"):
        os.symlink(outside_file, root / "docs" / lang / "x.md")
    code, lines = check(root, capsys)
    assert code == 1
    assert any(line.startswith("docs/fr/x.md: this file is a link (symlink) to a file outside the project") for line in lines)
    assert "secret-content" not in "\n".join(lines)


def test_a_whole_file_read_as_one_text_is_not_echoed(project: Callable[[str], Path], capsys: pytest.CaptureFixture[str]) -> None:
    """Assert that an entry which is a long text is named, not printed in full."""
    code, lines = check(project("- " + "secret " * 200 + "\n"), capsys)
    assert code == 1
    assert "secret " * 10 not in "\n".join(lines)


def test_nesting_is_bounded_before_parsing() -> None:
    """Assert that 25,000 nested brackets give a message with a place, not a crash."""
    document, problems = parse_yaml("a: " + "[" * 25_000 + "]" * 25_000 + "\n", "data/x.yaml")
    assert document is None
    assert [str(p) for p in problems] == [
        "data/x.yaml:1:43: the data is nested more than 40 levels deep here (Atlas data has at most 40) — "
        "close the brackets ([ {) or remove the extra levels"
    ]


def test_format_refuses_a_comment_inside_a_flow_mapping() -> None:
    """Assert that `make fmt` refuses, naming the line, a full-line comment inside `{fr: …, nl: …}`
    written over several lines, instead of dropping it."""
    text = BASE.replace(
        '  name:\n    fr: "Service de test"\n    nl: "Testdienst"',
        '  name: {\n    # kept or refused, never lost\n    fr: "Service de test",\n    nl: "Testdienst"}',
    )
    with pytest.raises(FormatError) as raised:
        fmt.format_services(text)
    assert raised.value.line == 3
    assert "move it to its own line above the field" in raised.value.message


def test_check_reports_the_comment_fmt_would_refuse(project: Callable[[str], Path], capsys: pytest.CaptureFixture[str]) -> None:
    """Assert that `make check` points at the same comment."""
    text = BASE.replace(
        '  name:\n    fr: "Service de test"\n    nl: "Testdienst"',
        '  name: {\n    # kept or refused, never lost\n    fr: "Service de test",\n    nl: "Testdienst"}',
    )
    code, lines = check(project(text), capsys)
    assert code == 1
    assert any(line.startswith("data/services.yaml:3:1: this comment sits inside a value written between brackets or braces") for line in lines)


def test_oversized_file_is_refused_with_the_reason(project: Callable[[str], Path], capsys: pytest.CaptureFixture[str]) -> None:
    """Assert that a data file over the limit is refused with its size and the fix (the limit
    keeps `make check` under a minute: the canonical-layout check is pure Python)."""
    filler = "# " + "x" * 98 + "\n"
    code, lines = check(project(BASE + filler * (MAX_FILE_BYTES // len(filler) + 10)), capsys)
    assert code == 1
    assert any(line.startswith("data/services.yaml: the file is 2.0 MB; data files are limited to 2 MB — split it") for line in lines)


def test_untranslated_name_is_allowed_but_not_a_long_text() -> None:
    """Assert the rule for identical French and Dutch texts: names may be, texts over 40 characters may not."""
    from pydantic import ValidationError

    from atlas.data.bilingual import FROM_FILE, ProperName, Text

    long = "Coordination de l'action sociale de Schaerbeek asbl"
    assert ProperName.model_validate({"fr": long, "nl": long}, context={FROM_FILE: True}).nl == long
    assert Text.model_validate({"fr": "Actiris", "nl": "Actiris"}, context={FROM_FILE: True}).nl == "Actiris"
    with pytest.raises(ValidationError):
        Text.model_validate({"fr": long, "nl": long}, context={FROM_FILE: True})


@pytest.mark.parametrize(
    ("written", "stored", "link"),
    [
        ("02/511.02.71", "02 511 02 71", "tel:+3225110271"),
        ("+32 2 511 02 71", "02 511 02 71", "tel:+3225110271"),
        ("0800 111 72", "0800 11 172", "tel:+3280011172"),
        ("0470 12 34 56", "0470 12 34 56", "tel:+32470123456"),
        ("107", "107", "tel:107"),
        ("+33 1 42 68 53 00", "+33 1 42 68 53 00", "tel:+33142685300"),
    ],
)
def test_phone_is_stored_in_one_form(written: str, stored: str, link: str) -> None:
    """Assert that a phone is kept in one normal form with its E.164 form, which tel_href uses."""
    from atlas.data.phones import Phone
    from atlas.site.render import tel_href

    phone = Phone.model_validate({"number": written})
    assert phone.number == stored
    assert tel_href(phone) == tel_href(phone.number) == link


def test_titles_escaped_once() -> None:
    """Assert that the build escapes titles and descriptions once (Markup, idempotent) and decodes
    a first heading's entities once."""
    from types import SimpleNamespace

    from markupsafe import Markup

    from atlas.build import events

    def page(meta: dict[str, object], rendered: str | None = None) -> SimpleNamespace:
        return SimpleNamespace(meta=meta, _title_from_render=rendered, title=None)

    pages = [
        page({"title": 'Tom & "Jerry" <3', "description": '0;url=https://evil.example/" http-equiv="refresh'}),
        page({}, rendered="&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;"),
    ]
    files = SimpleNamespace(documentation_pages=lambda: [SimpleNamespace(page=p, src_uri="fr/x.md") for p in pages])
    events.on_env(None, SimpleNamespace(plugins={}, site_dir="site"), files)  # type: ignore[arg-type]
    events.on_env(None, SimpleNamespace(plugins={}, site_dir="site"), files)  # type: ignore[arg-type]  # a second pass changes nothing
    assert pages[0].meta["title"] == Markup("Tom &amp; &#34;Jerry&#34; &lt;3")
    assert pages[0].meta["description"] == Markup("0;url=https://evil.example/&#34; http-equiv=&#34;refresh")
    assert pages[1].meta["title"] == Markup("&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;")


def test_theme_metadata_comes_from_generated_files_only() -> None:
    """Assert that what the theme prints as scripts and JSON-LD (`atlas_page`) comes from the
    object a generated file carries, never from a page's front matter."""
    from types import SimpleNamespace

    from atlas.build import events, preview
    from atlas.site.page_meta import GeneratedPage, PageMeta

    handwritten = SimpleNamespace(
        file=SimpleNamespace(src_uri="fr/guide/x.md"),
        meta={"atlas_script": "https://evil.example/x.js", "atlas_jsonld": "</script><script>alert(1)</script>"},
    )
    assert events.generated_meta(handwritten) is None  # type: ignore[arg-type]
    config = SimpleNamespace(site_dir="site", use_directory_urls=True, plugins=SimpleNamespace(_current_plugin=None))
    meta = PageMeta("Finder", "d", script="finder-data.js")
    page = GeneratedPage("finder/index.md", meta, "# Finder\n")
    file = preview.GeneratedFile.of(config, "fr/finder/index.md", page)  # type: ignore[arg-type]
    generated = SimpleNamespace(file=file, meta={})
    assert events.generated_meta(generated) is meta  # type: ignore[arg-type]
    preview.GeneratedFile.give_meta(generated)  # type: ignore[arg-type]
    assert generated.meta == {"title": "Finder", "description": "d"}, generated.meta
