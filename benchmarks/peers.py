"""What kb's extraction is measured beside, on the same texts: a floor and a peer.

- The floor is what no extractor can beat in Python: reading the articles and one pass of
  one simple compiled regular expression over each text.
- The peer is what users pick for rule-based extraction: spaCy's blank English pipeline
  (tokenizer and sentencizer), a token Matcher for counts and sums of money, and a
  PhraseMatcher for the names of every actor in kb's gazetteer. It finds mentions only; kb
  also decides who gives what to whom, so the comparison flatters the peer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from kb.gazetteer import load as load_gazetteer

Counter = Callable[[Iterable[str]], int]

# Figures: "14", "1,000", "7.3" — the floor's one pass.
FLOOR = re.compile(r"\d[\d,.]*")

SCALES = ["million", "billion", "bn", "m", "thousand"]
CURRENCY_WORDS = ["dollars", "euros", "pounds", "yen", "rupees", "francs", "dirhams"]


def floor(texts: Iterable[str]) -> int:
    """How many figures the texts hold, by one regex pass each."""
    return sum(len(FLOOR.findall(text)) for text in texts)


def actor_names() -> list[str]:
    """Every surface form the gazetteer knows an actor by (ISO codes aside)."""
    return sorted({n.text for n in load_gazetteer().names if n.role != "code"})


def spacy_peer() -> Counter | None:
    """The spaCy pipeline as a function counting the sentences and matches in texts, or None
    where spaCy is not installed (`pip install '.[bench]'`)."""
    try:
        import spacy
        from spacy.matcher import Matcher, PhraseMatcher
    except ImportError:
        return None
    nlp: Any = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    matcher: Any = Matcher(nlp.vocab)
    matcher.add(
        "COUNT",
        [
            [{"LIKE_NUM": True}, {"IS_ALPHA": True}],
            [{"LIKE_NUM": True}, {"IS_ALPHA": True}, {"IS_ALPHA": True}],
        ],
    )
    matcher.add(
        "MONEY",
        [
            [{"IS_CURRENCY": True}, {"LIKE_NUM": True}],
            [{"IS_CURRENCY": True}, {"LIKE_NUM": True}, {"LOWER": {"IN": SCALES}}],
            [{"LIKE_NUM": True}, {"LOWER": {"IN": SCALES}, "OP": "?"},
             {"LOWER": {"IN": CURRENCY_WORDS}}],
        ],
    )  # fmt: skip
    phrases: Any = PhraseMatcher(nlp.vocab)
    phrases.add("ACTOR", list(nlp.tokenizer.pipe(actor_names())))

    def run(texts: Iterable[str]) -> int:
        found = 0
        for doc in nlp.pipe(texts, batch_size=256):
            found += len(matcher(doc)) + len(phrases(doc)) + sum(1 for _ in doc.sents)
        return found

    return run
