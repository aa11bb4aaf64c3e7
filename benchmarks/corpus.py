"""A benchmark corpus: N articles made by varying the project's own seed articles.

Each article is a seed (seeds/*.txt) with its countries swapped for others (a name for a
name, a demonym for a demonym, a capital for a capital), its named models swapped for
others of the same category (a tank for a tank, a vaccine for a vaccine), its counts and
sums redrawn at a similar size, and its date moved. The rules therefore meet text shaped
like real reporting that never repeats (a repeated text would be stored as a duplicate and
never extracted, which would flatter the load). The same `seed` always gives the same
corpus. The articles are written as .jsonl files, the format `kb load` reads fastest.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from pathlib import Path

from kb.extract.trie import trie_pattern
from kb.gazetteer import load as load_gazetteer
from kb.ingest.articles import iter_articles
from kb.records import Article

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
PER_FILE = 1000

# Countries that give or receive aid in the news, so that swapped texts stay plausible.
POOL = (
    "GBR", "USA", "DEU", "FRA", "JPN", "CAN", "ITA", "ESP", "NLD", "POL", "SWE", "NOR", "DNK",
    "FIN", "AUS", "KOR", "TUR", "IND", "CHN", "SAU", "ARE", "QAT", "UKR", "PAK", "SYR", "AFG",
    "BGD", "KEN", "ETH", "SOM", "YEM", "LBN", "IRQ", "EGY", "BRA", "MEX", "ZAF", "NGA", "BEL",
    "AUT", "CHE", "IRL", "PRT", "GRC", "CZE", "ROU", "LTU", "LVA", "EST", "NZL",
)  # fmt: skip
# Names read with "the": "the United Kingdom", "the Netherlands".
_THE = re.compile(r"^(?:United |Netherlands|Philippines|Czech Republic)")
# A figure, alone or before "bn"/"m" ("$7.3bn", "$50m"), never inside a word ("AS90").
_NUMBER = re.compile(
    r"(?<![\w.,/-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?!(?!(?:bn|m)\b)[\w-]|[.,]\d)"
)
_WORD_BEFORE = re.compile(r"(?:^|[\s(])[a-z][\w'’-]*\s+$")


@dataclass(frozen=True)
class Country:
    name: str
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]


@dataclass(frozen=True)
class Corpus:
    """The corpus as written: where, how many articles, and the UTF-8 size of their texts."""

    folder: Path
    articles: int
    bytes: int


@dataclass(frozen=True)
class _Tables:
    countries: dict[str, Country]  # by ISO code
    mention: re.Pattern[str]  # a country by name, alias, demonym or capital
    forms: dict[str, tuple[str, str, int]]  # surface -> (code, role, index within the role)
    model: re.Pattern[str]  # a named model (designation), case-insensitive
    models: dict[str, str]  # lower-case term -> category
    by_category: dict[str, tuple[str, ...]]  # category -> spellings, cased as in the canonical


def _alternation(phrases: list[str]) -> str:
    # A prefix tree, longest first ("United States of America" before "United States"):
    # a flat alternation of a thousand names makes generating the corpus ten times slower.
    return trie_pattern(sorted(set(phrases)))


def _cased(term: str, canonical: str) -> str:
    """The term as the canonical name spells it ("abrams" in "M1 Abrams" -> "Abrams"), or
    the canonical name itself where it does not contain the term."""
    at = canonical.lower().find(term)
    return canonical[at : at + len(term)] if at >= 0 else canonical


@cache
def _tables() -> _Tables:
    gazetteer = load_gazetteer()
    countries: dict[str, Country] = {}
    forms: dict[str, tuple[str, str, int]] = {}
    by_role: dict[str, dict[str, list[str]]] = {}
    for name in gazetteer.names:
        actor = name.actor
        if actor.kind != "country" or actor.code is None or name.role in ("code", "leader"):
            continue
        roles = by_role.setdefault(actor.code, {"demonym": [], "capital": []})
        if name.role in roles:
            roles[name.role].append(name.text)
            forms.setdefault(name.text, (actor.code, name.role, len(roles[name.role]) - 1))
        else:
            forms.setdefault(name.text, (actor.code, "name", 0))
        countries[actor.code] = Country(
            actor.name, tuple(roles["demonym"]), tuple(roles["capital"])
        )
    # "the" is taken with a name, so that a swap can add or drop it ("the US" -> "Germany").
    mention = re.compile(rf"(?P<the>\b[Tt]he\s+)?(?<![\w-])(?:{_alternation(list(forms))})(?![\w])")
    models = {t.term: t.category for t in gazetteer.items if t.designation}
    by_category: dict[str, set[str]] = {}
    for t in gazetteer.items:
        if t.designation:
            by_category.setdefault(t.category, set()).add(_cased(t.term, t.canonical))
    model = re.compile(rf"(?<![\w-])(?:{_alternation(list(models))})(?P<s>s)?(?![\w-])", re.I)
    return _Tables(
        {code: countries[code] for code in POOL},
        mention,
        forms,
        model,
        models,
        {category: tuple(sorted(names)) for category, names in by_category.items()},
    )


def _swap_countries(text: str, rng: random.Random) -> str:
    tables = _tables()
    chosen: dict[str, Country] = {}
    free = list(tables.countries.values())
    rng.shuffle(free)

    def replace(match: re.Match[str]) -> str:
        surface = match.group()[len(match["the"] or "") :]
        code, role, index = tables.forms[surface]
        if code not in chosen:  # one seed country becomes one other country throughout
            chosen[code] = free.pop() if free else rng.choice(list(tables.countries.values()))
        target = chosen[code]
        if role == "demonym" and target.demonyms:
            return (match["the"] or "") + target.demonyms[min(index, len(target.demonyms) - 1)]
        if role == "capital" and target.capitals:
            return (match["the"] or "") + target.capitals[min(index, len(target.capitals) - 1)]
        the = match["the"] or ""
        if _THE.match(target.name):
            return (the or "the ") + target.name
        return target.name

    return tables.mention.sub(replace, text)


def _swap_models(text: str, rng: random.Random) -> str:
    tables = _tables()

    def replace(match: re.Match[str]) -> str:
        plural = match["s"] or ""
        word = match.group()[: len(match.group()) - len(plural)]
        category = tables.models.get(word.lower())
        if category is None:
            return match.group()
        return rng.choice(tables.by_category[category]) + plural

    return tables.model.sub(replace, text)


def _redraw_numbers(text: str, rng: random.Random) -> str:
    def replace(match: re.Match[str]) -> str:
        digits = match.group()
        before = text[max(0, match.start() - 30) : match.start()]
        # Only figures: after a currency sign or a lower-case word ("send 14 tanks"), never a
        # model number ("Challenger 2") or a year.
        money = before.endswith(("$", "£", "€", "¥"))
        if not money and _WORD_BEFORE.search(before) is None:
            return digits
        value = float(digits.replace(",", ""))
        if "." not in digits and 1900 <= value <= 2100:
            return digits
        new = max(2.0, value * rng.uniform(0.3, 3.0))
        if "." in digits:
            return f"{new:.1f}"
        return f"{round(new):,}" if "," in digits else str(round(new))

    return _NUMBER.sub(replace, text)


def vary(article: Article, rng: random.Random) -> Article:
    """One variation of a seed article (its source is left for the caller to set)."""
    text = _redraw_numbers(_swap_models(_swap_countries(article.text, rng), rng), rng)
    published = article.published
    if published is not None:
        published += timedelta(days=rng.randint(-700, 700))
        if article.precision == "month":
            published = published.replace(day=1)
    return Article(article.source, text, published, article.precision, article.title, article.url)


def seed_articles(folder: Path = SEEDS) -> list[Article]:
    """The seed articles, in file order."""
    return [a for a in iter_articles([folder]) if isinstance(a, Article)]


def _line(article: Article) -> str:
    date = None
    if article.published is not None:
        day = article.published.isoformat()
        date = day[:7] if article.precision == "month" else day
    record = {"text": article.text, "date": date, "url": article.url, "title": article.title}
    return json.dumps({k: v for k, v in record.items() if v is not None}, ensure_ascii=False)


def make_corpus(count: int, folder: Path, seed: int = 0, seeds: Path = SEEDS) -> Corpus:
    """Write `count` varied articles into `folder` as part-NNNN.jsonl files of PER_FILE each."""
    rng = random.Random(seed)
    originals = seed_articles(seeds)
    if not originals:
        raise ValueError(f"no seed articles in {seeds}")
    folder.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    size = 0
    lines: list[str] = []
    for number in range(count):
        original = originals[number % len(originals)]
        article = vary(original, rng)
        while article.text in seen:  # redraw until new: a duplicate would not be extracted
            article = vary(original, rng)
        seen.add(article.text)
        size += len(article.text.encode("utf-8"))
        lines.append(_line(article))
        if len(lines) == PER_FILE or number == count - 1:
            part = folder / f"part-{number // PER_FILE:04d}.jsonl"
            part.write_text("\n".join(lines) + "\n", encoding="utf-8")
            lines = []
    return Corpus(folder, count, size)
