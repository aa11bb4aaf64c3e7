"""The web view (`kb serve`): the knowledge base in Datasette, the SQLite ecosystem's browser
(the extra kb[web]), with metadata that names every table and column a reader sees, the
views of migration 0010, full-text search, facets, canned queries, and the charts of
kb.charts on their own pages (plugins/kb_charts.py)."""
