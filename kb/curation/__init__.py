"""Curation: review sheets out and back in, and re-extraction of stored articles, built on
storage (kb.storage.corrections), queries and loading."""
