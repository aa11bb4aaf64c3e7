"""Words that the rules and the questions both read: a rough singular, the one both the
item rules (a canonical name for "40 field kitchens") and the query filters ("tanks" finds
"tank") use, and the months by name. A leaf module, importing nothing: a query must not
load the gazetteer to use it."""

from __future__ import annotations


def singular(word: str) -> str:
    """A rough singular, enough to match "tanks" to "tank" and "supplies" to "supply"."""
    word = word.strip().lower()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


# The months by their names and short forms ("September", "Sept", "Sep"), lower case.
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ),
        start=1,
    )
    for name in names.split()
}
