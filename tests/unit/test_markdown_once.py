"""The pages Atlas generates converted with one Markdown converter per build
(atlas.build.markdown_once)."""

from __future__ import annotations

from atlas.build import markdown_once


def test_mkdocs_page_render_is_the_code_restated() -> None:
    """Assert MkDocs' Page.render is the code markdown_once.render restates (its source digest):
    an upgrade of MkDocs that changes it fails here, not silently in the pages."""
    assert markdown_once.restates_mkdocs(), (
        "mkdocs.structure.pages.Page.render changed: compare it with atlas.build.markdown_once.render, "
        "update render and RESTATED, or pin the MkDocs version in requirements.txt"
    )


def test_the_converter_is_made_once_per_configuration_and_settings() -> None:
    """Assert one converter serves every page of a build whose extension settings are the same, and
    that a new build configuration, or new settings (the glossary of the other language), get their own."""
    first = {"markdown_extensions": ["toc", "abbr"], "mdx_configs": {}}
    second = {"markdown_extensions": ["toc"], "mdx_configs": {}}
    one = markdown_once._converter(first)  # type: ignore[arg-type]
    assert markdown_once._converter(first) is one  # type: ignore[arg-type]
    other = markdown_once._converter(second)  # type: ignore[arg-type]
    assert other is not one
    assert "*[CPAS]" in other.reset().convert("*[CPAS]: x\n\nCPAS")  # abbr is not among the second's extensions
    french = {"markdown_extensions": ["abbr"], "mdx_configs": {"abbr": {"glossary": {"CPAS": "centre public"}}}}
    assert "<abbr" in markdown_once._converter(french).reset().convert("CPAS")  # type: ignore[arg-type]
    french["mdx_configs"] = {"abbr": {"glossary": {"OCMW": "openbaar centrum"}}}  # the same build, the Dutch pages
    dutch = markdown_once._converter(french).reset()  # type: ignore[arg-type]
    assert dutch.convert("CPAS OCMW") == '<p>CPAS <abbr title="openbaar centrum">OCMW</abbr></p>'


def test_a_page_leaves_nothing_to_the_next_one() -> None:
    """Assert the converter, reset between pages as render does, forgets a page's abbreviations,
    link references and heading ids: the next page reads as if converted alone."""
    config = {"markdown_extensions": ["toc", "abbr", "attr_list", "def_list", "md_in_html", "tables"], "mdx_configs": {}}
    md = markdown_once._converter(config)  # type: ignore[arg-type]
    first = md.reset().convert("*[CPAS]: centre public\n\n[a]: https://example.org\n\n# Titre\n\nCPAS [lien][a]")
    assert '<abbr title="centre public">CPAS</abbr>' in first
    assert 'href="https://example.org"' in first
    second = md.reset().convert("# Titre\n\nCPAS [lien][a]")
    assert second == '<h1 id="titre">Titre</h1>\n<p>CPAS [lien][a]</p>'
