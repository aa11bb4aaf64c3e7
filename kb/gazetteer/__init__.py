"""Gazetteers: who can give or receive, what can be given, and in which currency.

The data lives in `data/*.tsv` (one line a name, so that adding a donor or a weapon
is a one-line change); ISO 3166 countries and ISO 4217 currencies come from
pycountry, which the TSV tables extend with the names news actually uses.
"""

from kb.gazetteer.model import Gazetteer, ItemTerm, load

__all__ = ["Gazetteer", "ItemTerm", "load"]
