"""Material's search sections read without html.parser (atlas.build.material_search): tricky
content, random markup and content outside the grammar give what Material's own parser gives."""

from __future__ import annotations

import random
from typing import Any

import pytest
from material.plugins.search import plugin as material
from mkdocs.exceptions import PluginError

from atlas.build import material_search

TRICKY = {
    "entities": "<h1 id=\"t\">A &amp; B &lt;C&gt;</h1><p>l&#39;accès&nbsp;: &eacute;t&#xE9; &quot;x&quot; &amp;amp; &copy 3 &unknown; &#0;</p>",
    "ampersand in attributes": '<h2 id="a&amp;b" title="x &amp; y &quot;z&quot;">Titre</h2><p class="a&lt;b">T</p><h3 id="&#39;q&#39;">Q</h3><p>r</p>',
    "nested lists": "<ul>\n<li>un<ul>\n<li>deux</li>\n<li><p>trois</p></li>\n</ul>\n</li>\n<li></li>\n</ul><ol start=\"3\"><li> </li><li>x</li></ol>",
    "headings with permalinks": (
        '<h1 id="doc">Doc<a class="headerlink" href="#doc" title="Permanent link">¶</a></h1><p>a</p>'
        '<h2 id="s">Section <code>x</code> <a class="headerlink" href="#s">¶</a></h2><p>b</p>'
        '<h3 id="n"><a class="headerlink other" href="#n">¶</a> Lien</h3>'
    ),
    "search exclude": (
        '<h2 id="a">A</h2><div data-search-exclude><p>caché</p><div><p>dedans</p></div><p>après</p></div><p>vu</p>'
        '<section data-search-exclude=""><h2 id="b">B</h2><p>x</p></section><p>y</p><table class="linenodiv"><tr><td>1</td></tr></table>'
    ),
    "empty elements": "<p></p><p> </p><ul><li></li></ul><p><strong></strong></p><code></code><sub></sub><sup>2</sup><span></span>",
    "whitespace-only runs": "<p>a</p>\n\n  \n<p>b</p> \t <ul>\n  <li>c</li>\n\n</ul>   <p>  d  \n e  </p>\n",
    "pre": "<h2 id=\"c\">Code</h2><pre><code>def f():\n    return 1 &lt; 2\n\n\n  x</code></pre>\n<pre>  \n  </pre><p>a\nb</p>",
    "void and self-closing": '<p>a<br>b<br/>c<br />d</p><hr><img alt="x" src="y.png"><input type="text" disabled><p/><div/>e<span class="x"/>f',
    "comments": "<p>a<!-- note -->b</p><!----><p>c<!-- x - y -->d</p>",
    "upper case and quotes": "<H2 ID='up'>Haut</H2><P CLASS='x'>Texte</P><p title='a \"b\" c'>d</p><A HREF=\"#\">e</A>",
    "greater-than in attributes": '<h2 id="g" title="a > b">G</h2><p title="<x>">t</p><p>5 > 3</p>',
    "nested headings": (
        '<p>préface</p><div><h2 id="in">Dedans</h2><p>a</p></div><p>après</p>'
        '<details><summary>s</summary><h3 id="deep">Profond</h3><p>b</p></details><h4>sans id</h4><p>c</p>'
    ),
    "first heading not h1": '<h3 id="x">Trois</h3><p>a</p><h1 id="y">Un</h1><p>b</p>',
    "unbalanced": "<div><p>a</span>b</p></div></div><li>c</p>d",
    "text only": "Juste du texte &amp; rien d'autre &",
    "dl": "<dl><dt>Adresse</dt><dd>Rue &amp; 1<br>1000 Bruxelles</dd></dl>",
    "empty": "",
}

OUTSIDE = {
    "script": "<p>a</p><script>var x = '<p>';</script><p>b</p>",
    "style": "<style>p > a { }</style><p>b</p>",
    "textarea": "<textarea><p></textarea>",
    "lone less-than": "<p>a < b</p>",
    "unquoted attribute": "<p class=x>a</p>",
    "doctype": "<!DOCTYPE html><p>a</p>",
    "processing instruction": "<?xml version='1.0'?><p>a</p>",
    "cdata": "<![CDATA[x]]><p>a</p>",
    "end tag with attribute": '<p>a</p class="x">',
    "comment with double dash": "<p>a<!-- a -- b --></p>",
    "spaces around equals": '<p class = "x">a</p>',
}


def _sections(data: list[Any] | None) -> list[tuple[Any, ...]]:
    assert data is not None, "the content was found outside the grammar"
    return [(s.el.tag, s.el.attrs, s.id, s.depth, s.title, s.text) for s in data]


class _Page:
    def __init__(self, content: str) -> None:
        self.content = content
        self.meta: dict[str, Any] = {"tags": ["t"]}
        self.toc: list[Any] = []
        self.url = "page/"
        self.title = "Page"


def _entries(content: str, *, ours: bool) -> list[dict[str, Any]]:
    index = material.SearchIndex()
    if ours:
        material_search.add_entry(index, _Page(content), fast=True)  # type: ignore[arg-type]
    else:
        index.add_entry_from_context(_Page(content))
    return list(index.entries)


@pytest.mark.parametrize("content", TRICKY.values(), ids=TRICKY.keys())
def test_tricky_content_gives_materials_sections_and_entries(content: str) -> None:
    """Assert that feed + FastParser give the sections (tag, attributes, id, depth, title, text)
    and the entries Material's own parser gives."""
    assert _sections(material_search.sections(content)) == _sections(material_search.material_sections(content))
    assert _entries(content, ours=True) == _entries(content, ours=False)


@pytest.mark.parametrize("content", OUTSIDE.values(), ids=OUTSIDE.keys())
def test_content_outside_the_grammar_goes_to_materials_parser(content: str) -> None:
    """Assert that markup feed would not read as html.parser does is refused, and that the page
    then gets Material's own entries."""
    assert material_search.sections(content) is None
    assert _entries(content, ours=True) == _entries(content, ours=False)


def _random_markup(chooser: random.Random) -> str:
    """Markup inside the grammar, with the constructs Material's section logic reacts to."""
    tags = ["p", "div", "ul", "li", "ol", "span", "code", "pre", "strong", "sub", "section", "a", "h1", "h2", "h3", "h4", "table", "td"]
    texts = ["mot", " ", "\n", "  \n ", "a &amp; b", "&lt;x&gt;", "l&#39;eau", "¶", "x\ny", "&nbsp;", "é"]
    attributes = ['id="i{n}"', 'class="headerlink"', "data-search-exclude", 'data-search-exclude=""', 'class="linenodiv"', 'title="a &amp; b"', "class='c'"]
    out: list[str] = []
    depth = 0
    stack: list[str] = []
    for n in range(chooser.randint(1, 60)):
        roll = chooser.random()
        if roll < 0.35:
            out.append(chooser.choice(texts))
        elif roll < 0.65 and depth < 8:
            tag = chooser.choice(tags)
            chosen = chooser.sample(attributes, chooser.randint(0, 2))
            out.append(f"<{tag}" + "".join(" " + a.format(n=n) for a in chosen) + ">")
            stack.append(tag)
            depth += 1
        elif roll < 0.9 and stack:
            out.append(f"</{stack.pop()}>")
            depth -= 1
        elif roll < 0.95:
            out.append(chooser.choice(["<br>", "<hr/>", '<img alt="x">', "<p/>", "<!-- c -->"]))
        else:
            out.append(f"</{chooser.choice(tags)}>")  # a stray end tag
    return "".join(out)


def _outcome(parse: Any, content: str) -> list[tuple[Any, ...]] | str:
    """The sections, or the error Material's section logic raises on some unbalanced markup
    (an end tag in a section's text whose start tag went to its title)."""
    try:
        return _sections(parse(content))
    except ValueError as error:
        return f"ValueError: {error}"


def test_random_markup_gives_materials_sections() -> None:
    """Assert that 1,500 random documents (seeded) give the same sections (or the same error)
    both ways, and that the documents exercised headings, exclusions, permalinks and <pre>."""
    chooser = random.Random(16)
    seen = {"sections": 0, "excluded": 0, "pre": 0, "headerlink": 0}
    for _ in range(1500):
        content = _random_markup(chooser)
        assert _outcome(material_search.sections, content) == _outcome(material_search.material_sections, content), content
        expected = _outcome(material_search.material_sections, content)
        seen["sections"] += isinstance(expected, list) and len(expected) > 1
        seen["excluded"] += "data-search-exclude" in content
        seen["pre"] += "<pre>" in content
        seen["headerlink"] += "headerlink" in content
    assert min(seen.values()) > 100, seen


def test_materials_shape_is_checked() -> None:
    """Assert that the installed Material is the one the adapter restates, and that a change of
    its code stops the build with a message naming the adapter and the fix."""
    assert material_search.problems() == []
    pinned = material_search.PINNED_SOURCE
    try:
        material_search.PINNED_SOURCE = "0" * 64
        material_search._checked.clear()
        with pytest.raises(PluginError, match=r"material_search\.py: .*code of its Parser.* — install mkdocs-material==9\.8\.1"):
            material_search.check()
    finally:
        material_search.PINNED_SOURCE = pinned
        material_search._checked.clear()
