"""Sentences and page furniture (kb.extract.sentences)."""

from __future__ import annotations

import pytest

from kb.extract.sentences import is_furniture, split_sentences

SPLITS = [
    pytest.param(
        "Norway sent tents. Sweden sent beds.",
        ["Norway sent tents.", "Sweden sent beds."],
        id="two-sentences",
    ),
    pytest.param(
        "Mr. Lund flew to Oslo. He carried 3 kits.",
        ["Mr. Lund flew to Oslo.", "He carried 3 kits."],
        id="title-abbreviation",
    ),
    pytest.param(
        "Dr. Hale arrived. She brought medicine.",
        ["Dr. Hale arrived.", "She brought medicine."],
        id="doctor-abbreviation",
    ),
    pytest.param(
        "The U.S. and the U.K. agreed on the plan.",
        ["The U.S. and the U.K. agreed on the plan."],
        id="initialisms-inside",
    ),
    pytest.param(
        "The aid came from the U.S. The next day more followed.",
        ["The aid came from the U.S.", "The next day more followed."],
        id="initialism-ends-sentence",
    ),
    pytest.param(
        "The convoy left on Jan. 5 for Lviv.",
        ["The convoy left on Jan. 5 for Lviv."],
        id="month-abbreviation",
    ),
    pytest.param(
        "India gave Rs. 10 crore to Nepal. It was welcome.",
        ["India gave Rs. 10 crore to Nepal.", "It was welcome."],
        id="rupee-abbreviation",
    ),
    pytest.param("Version 2.5 ships today.", ["Version 2.5 ships today."], id="decimal-point"),
    pytest.param(
        "Will Italy help? Yes! It will.",
        ["Will Italy help?", "Yes!", "It will."],
        id="question-and-exclamation",
    ),
    pytest.param(
        "First line here.\n\nSecond line here.",
        ["First line here.", "Second line here."],
        id="paragraphs",
    ),
    pytest.param("", [], id="empty"),
    pytest.param("   \n\n  ", [], id="only-whitespace"),
]

# Known gaps once, fixed since: kept so that they stay fixed.
FIXED_GAPS = [
    pytest.param(
        'She said "we will send help." Then she left.',
        ['She said "we will send help."', "Then she left."],
        id="closing-quote-after-full-stop",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SPLITS + FIXED_GAPS)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


@pytest.mark.parametrize(
    "text", [pytest.param(case.values[0], id=case.id) for case in SPLITS + FIXED_GAPS]
)
def test_sentence_spans_point_into_the_text(text: str) -> None:
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text


def test_paragraphs_count_lines_with_text() -> None:
    text = "Norway sent tents. Sweden sent beds.\nChile sent water.\n\n\nPeru sent food."
    assert [s.paragraph for s in split_sentences(text)] == [0, 0, 1, 2]


def test_furniture_lines_are_dropped() -> None:
    text = (
        "Germany will send tanks.\n"
        "Tanks on their way east - in pictures\n"
        "Expand Autoplay A crew loads a shell.\n"
        "Read more: the budget debate\n"
        "Spain will send tents."
    )
    assert [s.text for s in split_sentences(text)] == [
        "Germany will send tanks.",
        "Spain will send tents.",
    ]


FURNITURE = [
    pytest.param("Tanks on their way east - in pictures", True, id="gallery-title"),
    pytest.param("Expand Autoplay A crew loads a shell.", True, id="gallery-caption"),
    pytest.param("Autoplay", True, id="autoplay"),
    pytest.param("Photo: a field hospital near Kharkiv", True, id="photo-credit"),
    pytest.param("Photograph: Getty Images", True, id="photograph-credit"),
    pytest.param("Read more: the budget debate", True, id="read-more"),
    pytest.param("Share this article", True, id="share"),
    pytest.param("Advertisement", True, id="advertisement"),
    pytest.param("By Ana Ruiz", True, id="byline"),
    pytest.param("Tags: aid, tanks", True, id="tags"),
    pytest.param("Germany will send 14 tanks.", False, id="a-report"),
    pytest.param("Expanding the fleet will take years.", False, id="expanding-is-not-expand"),
    pytest.param("By Friday the convoy had reached Lviv.", False, id="by-friday-is-no-byline"),
]

# Known gaps once, fixed since: kept so that they stay fixed.
FURNITURE_FIXED = [
    pytest.param(
        "By Ana Ruiz, Defence Correspondent",
        True,
        id="byline-with-role",
    ),
    pytest.param(
        "Spain will send 20 ambulances, an official told Reuters.",
        False,
        id="sentence-ending-in-agency-name",
    ),
]


@pytest.mark.parametrize(("line", "expected"), FURNITURE + FURNITURE_FIXED)
def test_is_furniture(line: str, expected: bool) -> None:
    assert is_furniture(line) is expected
