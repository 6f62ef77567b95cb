"""Directory data a worker can trust (issue 18): for a German-speaking commune, a Brussels commune
and facility communes, no service of the wrong authority appears; sources are official or the
organisation's own, never a test host; weak sources are listed by `make stale`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from atlas.data.directory import Atlas
from atlas.data.loader import DomainMatcher, load_atlas, temporary_host
from atlas.maintain import cli
from tests.support import FIXTURES, ROOT

# Services whose authority is one Community or one Region, by the competence they exercise.
FRENCH_COMMUNITY = {"caprev", "one", "saj-spj", "justice-aid-services-fwb", "reseau-extremismes-violents-fwb", "agmj"}
FLEMISH_COMMUNITY = {"cgg", "caw", "opgroeien", "vmri", "justitiehuizen-vlaanderen", "tele-onthaal", "awel"}
GERMAN_COMMUNITY = {"adg", "kaleido", "btz-ostbelgien"}
WALLOON_REGION = {"le-forem", "social-housing-wallonia", "ssm-wallonia"}  # transferred to the German-speaking Community in its area
BRUSSELS_REGION = {"actiris", "social-housing-brussels", "safe-brussels-radicalisation"}
FLEMISH_REGION = {"social-housing-flanders", "vlaanderen-radicalisering-polarisatie"}

# commune → (services that must appear, services of another authority that must not)
COMMUNES = {
    "63023": (  # Eupen: German-speaking Community, Walloon Region (housing, employment transferred)
        GERMAN_COMMUNITY,
        FRENCH_COMMUNITY | FLEMISH_COMMUNITY | WALLOON_REGION | BRUSSELS_REGION | FLEMISH_REGION,
    ),
    "21004": (  # Bruxelles: both Communities (COCOF/VGC/COCOM), the Brussels Region
        BRUSSELS_REGION | {"cgg", "vmri", "caprev", "one"},
        GERMAN_COMMUNITY | WALLOON_REGION | FLEMISH_REGION,
    ),
    "23099": (  # Kraainem: Flemish commune with facilities for French speakers: Flemish authorities
        {"cgg", "social-housing-flanders", "vdab"},
        FRENCH_COMMUNITY | GERMAN_COMMUNITY | WALLOON_REGION | BRUSSELS_REGION,
    ),
    "57096": (  # Mouscron: Walloon commune with facilities for Dutch speakers: French Community, Walloon Region
        {"le-forem", "social-housing-wallonia", "caprev"},
        FLEMISH_COMMUNITY | GERMAN_COMMUNITY | BRUSSELS_REGION | FLEMISH_REGION,
    ),
}


@pytest.mark.parametrize("nis", sorted(COMMUNES))
def test_no_service_of_the_wrong_authority(atlas: Atlas, nis: str) -> None:
    """Assert that a commune page lists the services of its own authorities and none of another's."""
    commune = atlas.geography.communes[nis]
    listed = {service.id for service in atlas.services_for_commune(commune)}
    expected, wrong = COMMUNES[nis]
    assert expected <= set(atlas.services), expected - set(atlas.services)  # the sample still exists
    assert expected <= listed, f"{commune.name_fr}: missing {sorted(expected - listed)}"
    assert not (wrong & listed), f"{commune.name_fr}: wrong authority {sorted(wrong & listed)}"


def test_domain_list_matches_subdomains_only() -> None:
    """Assert that a listed domain matches itself and its subdomains, not a look-alike."""
    official = DomainMatcher({"fgov.be": "federal", "vlaanderen.be": "Vlaamse overheid"})
    assert official.match("fgov.be") == "fgov.be"
    assert official.match("www.ejustice.just.fgov.be") == "fgov.be"
    assert official.match("notfgov.be") is None
    assert official.match("fgov.be.evil.example") is None


@pytest.mark.parametrize(
    ("host", "temporary"),
    [
        ("dev.example.be", True), ("test.caw.be", True), ("staging.vdab.be", True), ("betatest.actiris.brussels", True),
        ("www-temp-2024.example.be", True), ("cdn.example.be", True), ("www.example.be", False),
        ("www.testaankoop.be", False), ("developpement.wallonie.be", False),
    ],
)
def test_temporary_hosts(host: str, temporary: bool) -> None:
    """Assert which hosts count as test, staging, temporary or CDN copies."""
    assert temporary_host(host) is temporary


def test_weak_sources_are_listed_to_replace(project: Callable[[str], Path], capsys: pytest.CaptureFixture[str]) -> None:
    """Assert that `make stale` lists a Wikipedia or news source with file:line, as "to replace",
    while `make check` accepts it beside an official one."""
    base = (FIXTURES / "base_entry.yaml").read_text(encoding="utf-8")
    text = base.replace(
        '  sources:\n    - url: "https://www.example.be/"\n      retrieved: 2026-11-22\n',
        '  sources:\n    - url: "https://www.example.be/"\n      retrieved: 2026-11-22\n'
        '    - url: "https://fr.wikipedia.org/wiki/Test"\n      retrieved: 2026-11-22\n',
    )
    root = project(text)
    (root / "mkdocs.yml").write_bytes((ROOT / "mkdocs.yml").read_bytes())
    (root / "data" / "weak-sources.yaml").write_bytes((ROOT / "data" / "weak-sources.yaml").read_bytes())
    assert cli.main(["--root", str(root), "check"]) == 0
    capsys.readouterr()
    assert cli.main(["--root", str(root), "stale", "--report", str(root / "stale.md")]) == 0
    out = capsys.readouterr().out
    expected = (
        "data/services.yaml:29:12: services[0].sources[1].url (test-service): encyclopedia (Wikipedia) — to replace "
        "with the organisation's own page or an official text (data/official-domains.yaml)"
    )
    assert expected in out.splitlines()
    assert "`data/services.yaml:29` services[0].sources[1].url (test-service): encyclopedia (Wikipedia) — to replace" in (
        root / "stale.md"
    ).read_text(encoding="utf-8")


def test_real_sources_rule_names_each_failing_entry() -> None:
    """Assert that every entry of the real data either passes the source rule or is named with
    file:line (the check's message), so a maintainer can act on it."""
    from atlas.data.problems import DataErrors

    try:
        load_atlas(ROOT / "data", display_root=ROOT, source_rules=True)
    except DataErrors as errors:
        for problem in errors.problems:
            assert problem.path.startswith("data/"), str(problem)
            assert problem.line > 0, str(problem)
