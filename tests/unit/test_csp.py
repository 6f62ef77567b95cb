"""The check of finished pages (atlas.build.csp.verify) sees a page as a browser parses it."""

from __future__ import annotations

import base64
import hashlib

import pytest

from atlas.build import csp
from tests.support import ROOT

ALLOWED = frozenset({"assets/atlas/atlas.js"})


# Pages that act, and what the check must say of each.
REFUSED = [
    ("<p>x</p>\n<img src=x onerror=alert(1)>", "line 2: an event-handler attribute (onerror=) on <img>"),
    ("<div/onmouseover=alert(1)>x</div>", "line 1: an event-handler attribute (onmouseover=) on <div>"),
    ("<p>x</p>\n\n<script>alert(1)</script>", "line 3: an inline script the site does not ship ('alert(1)')"),
    ("<svg><script>alert(1)</script></svg>", "an inline script the site does not ship ('alert(1)')"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', '<meta http-equiv="refresh">'),
    (
        '<script src="https://evil.example/x.js"></script>',
        "a script file that is not one of the site's own (https://evil.example/x.js)",
    ),
    ('<script src="../../assets/atlas/other.js"></script>', "a script file that is not one of the site's own"),
    ("<iframe src=x></iframe>", "a <iframe> element"),
    ("<base href=https://evil.example/>", "a <base> element"),
    # an abruptly closed comment ends where a browser ends it: the image is live (Python's
    # html.parser read it as part of the comment)
    ("<!--><img src=x onerror=alert(1)>-->", "an event-handler attribute (onerror=) on <img>"),
    ("<p><!-- x --!><img src=x onerror=alert(1)>-->", "an event-handler attribute (onerror=) on <img>"),
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', "a <noscript> element"),
    (
        '<p>x</p><img src="https://evil.example/p.png" alt="">',
        'a file from another site (<img src="https://evil.example/p.png">)',
    ),
    ('<img src="//evil.example/p.png" alt="">', "a file from another site"),
    ('<link rel="stylesheet" href="https://evil.example/x.css">', "a file from another site"),
]


@pytest.mark.parametrize(("html", "expected"), REFUSED)
def test_markup_that_acts_is_refused(html: str, expected: str) -> None:
    """Assert that each way of making a page act is refused, with what and (where it can be
    told) the line."""
    with pytest.raises(csp.PageRefused) as refused:
        csp.verify(html, "fr/services/x/", ALLOWED)
    assert expected in str(refused.value), str(refused.value)


# Pages that hold text and data that look like markup that acts, and do not act.
PASSING = [
    "<title><img src=x onerror=alert(1)></title>",  # text inside <title>, not an element
    '<p title="&lt;script&gt;alert(1)&lt;/script&gt;">onclick=alert(1)</p>',  # text and an attribute value
    '<script type="application/ld+json">{"name": "\\u003c/script\\u003e"}</script>',  # data, not code
    '<script src="../../../assets/atlas/atlas.js"></script>',  # the site's own file, from the page's folder
    '<img src="../../img/x.png" alt=""><img src="data:image/png;base64,AA==" alt="">',  # the site's own images
    '<a href="https://www.cpas-schaerbeek.brussels/">site</a>',  # a link is not loaded
    '<link rel="canonical" href="https://atlas.example.org/fr/">',  # the page's own address
]


@pytest.mark.parametrize("html", PASSING)
def test_text_and_data_that_do_not_act_pass(html: str) -> None:
    """Assert that what a browser does not run passes: it gives no hash and raises nothing."""
    assert csp.verify(html, "fr/services/x/", ALLOWED) == []


# The payloads above, and more ways an element can carry a handler or a file, for the comparison
# of the two walks below.
_MORE_PAYLOADS = [
    "<svg><a ONLOAD=alert(1)></a></svg>",
    "<math><mi onclick=alert(1)></mi></math>",
    '<div on"x=1>x</div>',
    "<template><img src=x onerror=alert(1)></template>",
    '<p title=\'a onb="c\'>t onx="y"</p>',
    '<video poster="https://evil.example/p.png"></video>',
    '<object data="https://evil.example/x"></object>',
    '<img srcset="https://evil.example/p.png 2x" alt="">',
    '<script src="../../assets/atlas/atlas.js"></script><script>alert(1)</script>',
]


def _outcome(html: str, *, every_element: bool) -> str:
    try:
        return "passes: " + " ".join(csp.verify(html, "fr/services/x/", ALLOWED, every_element=every_element))
    except csp.PageRefused as refused:
        return "refused: " + str(refused)


@pytest.mark.parametrize("html", [*(html for html, _ in REFUSED), *PASSING, *_MORE_PAYLOADS])
def test_checking_only_the_elements_that_could_act_sees_what_a_full_walk_sees(html: str) -> None:
    """Assert that the check of the elements Lexbor's selectors pick (and of every element when a
    handler may be anywhere) refuses exactly what a walk over every element refuses."""
    assert _outcome(html, every_element=False) == _outcome(html, every_element=True)


def test_a_page_checked_on_the_other_core_is_refused_as_before() -> None:
    """Assert that csp_checks.check (run on the second core during a build) names a refused page
    with the same line as a page checked before it is written, and a page whose policy allows
    other hashes than the ones verify finds."""
    from atlas.build import csp_checks

    bad = '<p>x</p>\n<img src=x onerror=alert(1)>'
    assert csp_checks.check([("fr/x.md", bad, "fr/x/", [])], ALLOWED) == [
        "docs/fr/x.md: the built page holds markup that acts and that Atlas does not ship (line 2: an event-handler "
        "attribute (onerror=) on <img>) — remove it (pages may not carry script, event handlers or redirects)"
    ]
    assert csp_checks.check([("fr/y.md", "<p>fine</p>", "fr/y/", [])], ALLOWED) == []
    mismatch = csp_checks.check([("fr/z.md", "<p>fine</p>", "fr/z/", ["'sha256-x'"])], ALLOWED)
    assert len(mismatch) == 1
    assert mismatch[0].startswith("docs/fr/z.md: the page's policy allows the scripts")


def test_hashes_found_by_text_are_the_hashes_verify_finds() -> None:
    """Assert that theme_script_hashes (no parsing) gives what verify gives on a page holding the
    theme's inline script, and nothing for a page without one."""
    body = 'var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))'
    assert csp.is_theme_script(body)
    page = f"<html><head></head><body><p>x</p><script>{body}</script></body></html>"
    assert csp.theme_script_hashes(page) == csp.verify(page, "fr/x/", ALLOWED) != []
    assert csp.theme_script_hashes("<p>x</p>") == []


def test_the_offline_shims_script_is_allowed_by_its_hash_alone() -> None:
    """Assert that the hash given for the iframe-worker shim's inline script is the hash of the
    script it writes for the page's worker (its two functions' text and the page's worker
    address put in its template), that another page depth gives another hash, and that the
    policy of an offline page no longer allows every inline script."""
    shim = (ROOT / "docs" / csp.SHIM).read_text(encoding="utf-8")
    page = '<head><script id="__config" type="application/json">{"base": "../fr/", "search": "../assets/javascripts/workers/atlas-search.js"}</script></head>'
    written = (
        'postMessage=function c(s,n){parent.postMessage(s,n||"*")};'
        'importScripts=function d(...s){return s.reduce((n,e)=>n.then(()=>new Promise(r=>{let t=document.createElement("script");'
        "t.src=e,t.onload=r,document.body.appendChild(t)})),Promise.resolve())};"
        'addEventListener("error",({error})=>{parent.dispatchEvent(new ErrorEvent("error",'
        '{filename:"../assets/javascripts/workers/atlas-search.js",error}))})'
    )
    expected = "'sha256-" + base64.b64encode(hashlib.sha256(written.encode("utf-8")).digest()).decode() + "'"
    assert csp.shim_script_hash(shim, page) == expected
    deeper = page.replace('"../assets/', '"../../../assets/')
    assert csp.shim_script_hash(shim, deeper) != expected
    assert "'unsafe-inline'" not in csp.policy([expected]).split("script-src")[1]
    with pytest.raises(ValueError, match="names no search worker"):
        csp.shim_script_hash(shim, "<head></head>")


def test_page_checks_answer_every_page_in_order_whatever_the_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Assert that the pages sent to the second process in batches cut by size, with at most one
    batch waiting, are all checked, and what is refused comes back in the order pages were built."""
    from atlas.build import csp_checks

    monkeypatch.setattr(csp_checks, "BATCH_CHARS", 100)
    monkeypatch.setattr(csp_checks, "QUEUED", 1)
    bad = '<p>x</p>\n<img src=x onerror=alert(1)>'
    checks = csp_checks.PageChecks()
    for number in range(30):
        checks.add(f"fr/p{number}.md", bad if number % 7 == 0 else "<p>" + "fine " * number + "</p>", f"fr/p{number}/", ALLOWED)
    found = checks.problems()
    assert [line.split(":", 1)[0] for line in found] == [f"docs/fr/p{number}.md" for number in (0, 7, 14, 21, 28)]


def test_a_build_whose_page_check_is_gone_does_not_wait_for_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Assert that when the second process is gone, queuing more pages than may wait returns
    (the build is not held by a full queue nobody reads) and the build is told the check stopped."""
    import threading

    from atlas.build import csp_checks

    monkeypatch.setattr(csp_checks, "BATCH", 1)
    monkeypatch.setattr(csp_checks, "QUEUED", 1)
    checks = csp_checks.PageChecks()
    checks._process.terminate()
    checks._process.join()
    answers: list[list[str]] = []

    def build() -> None:
        for number in range(20):
            checks.add(f"fr/p{number}.md", "<p>fine</p>" * 1000, f"fr/p{number}/", ALLOWED)
        answers.append(checks.problems())

    builder = threading.Thread(target=build, daemon=True)
    builder.start()
    builder.join(timeout=30)
    assert not builder.is_alive(), "the build waited for a page check that is gone"
    assert len(answers[0]) == 1
    assert answers[0][0].startswith("the check of the finished pages stopped")
