"""Benchmarks: a corpus made from the seed articles, and kb measured beside its peers on it.

Run `python -m benchmarks.run --help` from the repository root.
"""
