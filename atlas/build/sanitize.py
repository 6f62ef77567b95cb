"""The last line of defence against script in contributor text: every page's content (the
article, after Markdown, before the theme wraps it) is cleaned with nh3 against an allow-list.

Data texts are already refused when they hold raw HTML or a link scheme other than https, http,
mailto and tel (atlas.data.fields), and generated pages are rendered with autoescape. This pass also
covers hand-written Markdown pages in docs/, where Python-Markdown would let raw HTML through:
`<script>`, event handlers (`onerror=`, `onload=`), `javascript:` links and `<iframe>` are removed.
"""

from __future__ import annotations

import nh3

_TEXT = {"p", "br", "hr", "span", "div", "section", "nav", "aside", "strong", "em", "b", "i", "u", "s",
         "small", "mark", "del", "ins", "sub", "sup", "kbd", "code", "pre", "blockquote", "q", "cite",
         "abbr", "time", "h1", "h2", "h3", "h4", "h5", "h6", "details", "summary", "figure", "figcaption"}
_LISTS = {"ul", "ol", "li", "dl", "dt", "dd"}
_TABLES = {"table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col"}
_FORMS = {"form", "fieldset", "legend", "label", "input", "select", "option", "button", "textarea"}
TAGS = _TEXT | _LISTS | _TABLES | _FORMS | {"a", "img"}

ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "id", "title", "lang", "dir", "role", "hidden"},
    "a": {"href", "hreflang", "download", "rel"},
    "img": {"src", "alt", "width", "height", "loading"},
    "time": {"datetime"},
    "ol": {"start"},
    "th": {"style", "colspan", "rowspan", "scope", "align"},
    "td": {"style", "colspan", "rowspan", "align"},
    "form": {"role", "action", "method"},
    "label": {"for"},
    "input": {"type", "name", "value", "checked", "autocomplete", "spellcheck", "disabled", "inputmode", "placeholder"},
    "select": {"name", "disabled"},
    "option": {"value", "selected"},
    "button": {"type", "disabled", "name", "value"},
    "details": {"open"},
    "textarea": {"rows", "cols", "autocomplete", "disabled"},
}


def clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        generic_attribute_prefixes={"data-", "aria-"},
        url_schemes={"http", "https", "mailto", "tel", "geo"},
        filter_style_properties={"text-align"},
        link_rel=None,
        strip_comments=True,
    )
