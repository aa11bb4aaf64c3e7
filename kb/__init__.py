"""kb: a knowledge base of aid commitments, extracted by rule from news articles."""

__version__ = "0.1.0"

# Bumped whenever the rules or gazetteers change what they extract, so that a
# reload can tell which stored articles were read by older rules.
EXTRACTOR_VERSION = "9"

# The most extraction processes a load runs (`kb load --jobs`): more helps nobody on any
# machine kb runs on, and a thousand forks under a process limit crashed, then hung.
MAX_JOBS = 64
