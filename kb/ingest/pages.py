"""Web pages, saved (.html, .htm) or fetched (kb.ingest.fetch), read as news articles.

trafilatura, a library made for news pages, takes the main text and leaves navigation, ads,
comments and footers out; it reads the page's title, author, canonical URL and publication
date (from its metadata, not from dates the text mentions). Where the page gives no date,
kb.ingest.articles takes the text's own dateline or first date, as for a .txt file.
"""

from __future__ import annotations

from typing import Any

from kb.ingest.datelines import read_date
from kb.records import Article

MIN_WORDS = 5


def parse_page(source: str, data: bytes, url: str | None = None) -> Article | str:
    """The article in the page's bytes as the page gives it, or why there is none. `url` is
    where it was fetched from (a saved page gives its own canonical URL, if any).
    kb.ingest.articles checks it and dates it by its text where the page gives no date."""
    found = _extract(data, url)
    # A page of menus alone gives a word or two ("Home"): no sentence, no article.
    if found is None or len((found.get("text") or "").split()) < MIN_WORDS:
        return "no article text found in the page"
    text = found["text"]
    published, precision, note = None, "unknown", None
    if found.get("date"):
        published, precision, note = read_date(found["date"], "the page's date")
    return Article(
        source,
        text,
        published,
        precision,
        found.get("title") or None,
        found.get("url") or url,
        (note,) if note else (),
        author=found.get("author") or None,
    )


def _extract(data: bytes, url: str | None) -> dict[str, Any] | None:
    from trafilatura import bare_extraction  # only for pages: it takes a tenth of a second

    document = bare_extraction(
        data,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        # Leaves out what only looks like text: an advertisement inside the story's body.
        favor_precision=True,
        # The date the page says it was published, not one guessed from its text or URL.
        date_extraction_params={"original_date": True, "extensive_search": False},
    )
    if document is None:
        return None
    found: dict[str, Any] = document.as_dict() if hasattr(document, "as_dict") else document
    return found
