"""Answer first (issue 13), the pure parts: hours and reach in words, first sentences, the
collation of lists, and the refusal of editorial notes with file:line:column."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from atlas.data.model import OpeningHours
from atlas.site.facts import first_sentence, hours_text, plain_line
from atlas.site.page_checks import check_editorial_notes, editorial_notes_refused
from atlas.text.collate import sort_key

ROOT = Path(__file__).resolve().parents[2]


def hours(*periods: tuple[list[str], str, str]) -> list[OpeningHours]:
    return [OpeningHours.model_validate({"days": d, "opens": o, "closes": c}) for d, o, c in periods]


def test_hours_in_words() -> None:
    """Assert the French and Dutch forms of opening hours, days in ranges and lists."""
    week = ["mo", "tu", "we", "th", "fr"]
    both = hours((week, "08:30", "12:00"), (week, "13:00", "16:30"))
    assert hours_text(both, "fr") == "lun–ven 8 h 30–12 h, 13 h–16 h 30"
    assert hours_text(both, "nl") == "ma–vr 8.30–12, 13–16.30 uur"
    split = hours((["mo", "tu", "th", "fr"], "09:00", "11:00"), (["we"], "14:00", "16:00"))
    assert hours_text(split, "fr") == "lun, mar, jeu, ven 9 h–11 h ; mer 14 h–16 h"
    assert hours_text(split, "nl").startswith("ma, di, do, vr 9–11 uur")


def test_first_sentence_keeps_inclusive_writing_and_cuts_at_a_sentence() -> None:
    """Assert 'assistant·e social·e.' does not end a sentence early, links keep their words, and
    the 'how' line stops at the first alternative."""
    text = "Le CPAS aide les habitant·es après une enquête d'un·e assistant·e social·e. Il aide aussi [pour le loyer](https://example.be)."
    assert first_sentence(text) == "Le CPAS aide les habitant·es après une enquête d'un·e assistant·e social·e."
    assert first_sentence("Voir [le site](https://example.be) du service. Ensuite.") == "Voir le site du service."
    assert first_sentence("Appeler le call center ou écrire par e-mail ; un formulaire existe aussi.", clause=True) == (
        "Appeler le call center ou écrire par e-mail."
    )


def test_collation_ignores_accents_case_and_punctuation() -> None:
    """Assert the page-language order: É with E, lower and upper case together, "l'" as a word."""
    names = ["Zorg", "écoute", "Ecole", "CAW", "caprev", "l'Îlot", "Lama"]
    assert sorted(names, key=lambda n: sort_key(n, "fr")) == ["caprev", "CAW", "Ecole", "écoute", "l'Îlot", "Lama", "Zorg"]


def test_editorial_notes_are_found_with_their_place(tmp_path: Path) -> None:
    """Assert a planted note is reported as file:line:column in a page and in a data file, an
    allowed sentence and a YAML comment are not, and `refuse` is read from the words file."""
    (tmp_path / "data").mkdir()
    shutil.copy(ROOT / "data" / "editorial-words.yaml", tmp_path / "data" / "editorial-words.yaml")
    (tmp_path / "docs" / "fr").mkdir(parents=True)
    (tmp_path / "docs" / "nl").mkdir(parents=True)
    (tmp_path / "docs" / "fr" / "page.md").write_text("# Titre\n\nLe délai est de 8 jours (à vérifier).\n", encoding="utf-8")
    (tmp_path / "docs" / "nl" / "page.md").write_text("# Titel\n\nBel om na te gaan of het klopt.\n", encoding="utf-8")
    (tmp_path / "data" / "services.yaml").write_text(
        '# A VERIFIER: comment only\n- label: {fr: "Horaires (page ancienne, a actualiser)"}\n', encoding="utf-8"
    )
    found = [str(problem) for problem in check_editorial_notes(tmp_path)]
    assert any(line.startswith("data/services.yaml:2:26: editorial note 'page ancienne'") for line in found), found
    assert any(line.startswith("data/services.yaml:2:41: editorial note 'a actualiser'") for line in found), found
    assert any(line.startswith("docs/fr/page.md:3:26: editorial note 'à vérifier'") for line in found), found
    assert not any("docs/nl/page.md" in line for line in found)
    assert not any(":1:" in line and "services.yaml" in line for line in found)
    assert len(found) == 3
    text = (tmp_path / "data" / "editorial-words.yaml").read_text(encoding="utf-8")
    (tmp_path / "data" / "editorial-words.yaml").write_text(text.replace("refuse: false", "refuse: true"), encoding="utf-8")
    assert editorial_notes_refused(tmp_path)


@pytest.mark.parametrize(
    ("markdown", "shown"),
    [
        ("Aide &amp; conseil", "Aide & conseil"),
        (r"\*urgent\* et \_vite\_", "*urgent* et _vite_"),
        ("**Logement** [en ligne](https://www.example.be/) &lt;b&gt; &#38; 3 &lt; 4", "Logement en ligne <b> & 3 < 4"),
        ("Wonen   voor\nterugkeerders", "Wonen voor terugkeerders"),
    ],
)
def test_plain_line_is_the_text_the_page_shows(markdown: str, shown: str) -> None:
    """Assert that a Markdown text's plain line is what its page shows: references decoded,
    escapes as their sign, no emphasis marks or link targets, one line."""
    assert plain_line(markdown) == shown
