"""Gazetteers: who can give or receive, what can be given, and in which currency.

The data lives in `data/*.tsv` (one line a name, so that adding a donor or a weapon
is a one-line change); ISO 3166 countries and ISO 4217 currencies come from
pycountry, which the TSV tables extend with the names news actually uses.

The loader (model.py) is imported when one of its names is first asked for: a query that
reads only the small category_families.tsv (families.py) does not pay for pycountry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kb.gazetteer.model import Gazetteer, ItemTerm, load

__all__ = ["Gazetteer", "ItemTerm", "load"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from kb.gazetteer import model

        return getattr(model, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
