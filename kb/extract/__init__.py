"""Rule-based extraction: article text in, commitment records out. No I/O, no database."""

from kb.extract.pipeline import extract

__all__ = ["extract"]
