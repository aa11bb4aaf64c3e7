"""Which report a correction is about, among the reports a new extraction of its article
gives: the one with the same sentence, told apart from others of that sentence by the donor
and item the rules gave when the correction was made, then by the nearest span."""

from __future__ import annotations

from collections.abc import Sequence

from kb.records import Correction, Mention


def _words(text: str) -> str:
    return " ".join(text.split())


def same_sentence(evidence: str, other: str) -> bool:
    """Whether two evidence sentences are the one sentence: equal, or one holding the other
    (new rules may split sentences elsewhere), spaces aside."""
    a, b = _words(evidence), _words(other)
    return bool(a and b) and (a == b or a in b or b in a)


def anchor(correction: Correction, mentions: Sequence[Mention]) -> int | None:
    """The index of the mention `correction` is about, or None: its evidence yields none."""
    found = [i for i, m in enumerate(mentions) if same_sentence(correction.evidence, m.evidence)]
    if not found:
        return None

    def rank(i: int) -> tuple[bool, bool, bool, int, int]:
        m = mentions[i]
        return (
            _words(m.evidence) != _words(correction.evidence),
            correction.donor is not None and m.donor.name != correction.donor,
            correction.item is not None and m.item != correction.item,
            abs(m.span[0] - correction.span[0]),
            i,
        )

    return min(found, key=rank)
