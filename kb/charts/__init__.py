"""The charts analysts draw (`kb chart`): pledged beside delivered by donor, money over time
by aid type, and counts of a category by donor. `series.py` reads what to draw through the
queries; `draw.py` draws it with matplotlib (the optional extra kb[charts])."""
