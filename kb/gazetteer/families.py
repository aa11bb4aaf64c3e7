"""Families of item categories, read from data/category_families.tsv apart from the rest of
the gazetteer: a query by "weapons" must not load every item term."""

from __future__ import annotations

from functools import cache

from kb.gazetteer.tables import read_table, split_list


@cache
def category_families() -> dict[str, tuple[str, ...]]:
    """Each family's categories, by the family's name."""
    return {
        row["family"]: tuple(split_list(row["categories"]))
        for row in read_table("category_families.tsv")
    }
