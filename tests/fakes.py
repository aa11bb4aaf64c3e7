"""Records built by hand (not by extraction), so that storage, query and CLI tests do not
move when the extraction rules do; and a fake extractor that returns them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from kb.records import Actor, Article, Mention

UK = Actor("United Kingdom", "country", "GBR", ("UK", "Britain", "British", "Great Britain"))
UKRAINE = Actor("Ukraine", "country", "UKR", ("Kyiv", "Ukrainian"))
UK_MED = Actor("UK-Med", "ngo", None, ("UK Med",))
POLAND = Actor("Poland", "country", "POL", ("Polish", "Warsaw"))


SENTENCES = (
    "Britain will send Ukraine 14 Challenger 2 main battle tanks, with around 30 AS90s to "
    "come later.",
    "Poland is willing to hand over a company of Leopard 2 tanks.",
    "Over 70 pallets of bandages are being donated to UK-Med.",
    "The UK has previously donated £300,000 ($366,000) funding to UK-Med.",
)
TANKS_TEXT = " ".join(SENTENCES)


def commitment(
    text: str,
    sentence: str,
    donor: Actor,
    recipient: Actor | None,
    item: str,
    status: str,
    **kw: Any,
) -> Mention:
    """A record whose evidence is `sentence`, with its true span in `text`."""
    start = text.index(sentence)
    return Mention(
        donor=donor,
        recipient=recipient,
        item=item,
        status=status,
        evidence=sentence,
        span=(start, start + len(sentence)),
        rule="test",
        **kw,
    )


def tank_records(text: str = TANKS_TEXT) -> list[Mention]:
    """The worked example in small: UK tanks and guns, Poland's offer, UK-Med's supplies."""
    first, poland, pallets, money = SENTENCES
    military, relief = {"aid_type": "military"}, {"aid_type": "humanitarian"}
    return [
        commitment(text, first, UK, UKRAINE, "Challenger 2 main battle tanks", "committed",
                   category="tank", quantity=14.0, qualifier="exact", announced=date(2023, 1, 14),
                   canonical="Challenger 2", **military),
        commitment(text, first, UK, UKRAINE, "AS90 self-propelled guns", "committed",
                   category="artillery", quantity=30.0, qualifier="about", canonical="AS90",
                   **military),
        commitment(text, poland, POLAND, UKRAINE, "Leopard 2 battle tanks", "offered",
                   category="tank", canonical="Leopard 2", **military),
        commitment(text, pallets, UK, UK_MED, "bandages", "committed", category="medical",
                   quantity=70.0, qualifier="over", unit="pallets", canonical="bandages",
                   **relief),
        commitment(text, money, UK, UK_MED, "funding", "delivered", category="money",
                   amount=300000.0, currency="GBP", canonical="money", aid_type="financial"),
    ]  # fmt: skip


class FakeExtractor:
    """Stands in for kb.extract.extract: the records for the texts it knows, none otherwise;
    it counts its calls, so that tests can see when extraction was skipped."""

    def __init__(self, records: dict[str, Sequence[Mention]] | None = None) -> None:
        self.records = dict(records or {TANKS_TEXT: tank_records()})
        self.calls = 0

    def __call__(self, article: Article) -> list[Mention]:
        self.calls += 1
        return list(self.records.get(article.text, []))


TANKS_ARTICLE = Article(
    source="news/uk_tanks.txt", text=TANKS_TEXT, published=date(2023, 1, 17), precision="day"
)
