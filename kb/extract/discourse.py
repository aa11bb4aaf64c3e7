"""What earlier sentences said: the donor that "it" and "the country" refer to."""

from __future__ import annotations

from dataclasses import dataclass

from kb.extract.roles import has_anaphor
from kb.extract.sentences import Sentence
from kb.records import Actor


@dataclass
class Memory:
    """What earlier sentences said: the donor that "it" and "the country" refer to."""

    donor: Actor | None = None
    sentence: int = -10
    paragraph: int = -1


def may_refer_back(
    memory: Memory, sentence: Sentence, index: int, text: str, at: int, named: bool
) -> bool:
    """Whether a sentence with no donor of its own continues the last donor's story."""
    if memory.donor is None:
        return False
    close = sentence.paragraph == memory.paragraph or index - memory.sentence <= 2
    # A sentence that names no actor at all ("Medical personnel have been
    # dispatched") goes on with the story a little longer.
    story = index - memory.sentence <= 3 and sentence.paragraph - memory.paragraph <= 2
    return close or has_anaphor(text, at) or (not named and story)


def remember(memory: Memory, donor: Actor, sentence: Sentence, index: int) -> None:
    memory.donor, memory.sentence, memory.paragraph = donor, index, sentence.paragraph
