"""What Datasette shows of a knowledge base: titles and descriptions of the tables and
columns a reader sees, the label of an article (its title), the facets of the views, the
full-text search, and the canned queries people ask most, each taking its parameters from
the page."""

from __future__ import annotations

from typing import Any

from kb.records import CHART_KINDS, STATUS_GROUPS

_COMMITMENT_COLUMNS = {
    "donor": "Who gives.",
    "recipient": "Who receives (a country, an organisation, or empty where no report names one).",
    "item": "What is given, as its lead report words it.",
    "category": "The class of the item (tank, vaccine, money, ...).",
    "aid_type": "military, humanitarian or financial.",
    "quantity": "How many, where a report counts it.",
    "unit": "What is counted (pallets, doses, tonnes), where not the item itself.",
    "amount": "Money, in the currency reported.",
    "currency": "ISO 4217 code of the amount.",
    "value_usd": "The amount in US dollars at the ECB rate of the commitment's date.",
    "status": "Where it stands now: delivered, committed, offered, considering, sold, cancelled.",
    "first_reported": "The date of its earliest report (announced, else published).",
    "last_reported": "The date of its latest report.",
    "year": "The year it was first reported.",
    "sources": "How many articles report it.",
    "evidence": "The sentence of its lead report.",
    "article": "The article of its lead report, as loaded.",
    "title": "That article's title, where it has one.",
    "url": "That article's URL, where it has one.",
    "source_articles": "Every article that reports it, commas between them.",
    "kind": "new, part (of a larger whole) or total (a running total).",
    "part_of": "The commitment that holds it (sums leave it out beside that one).",
    "reviewed": "What a person did: corrected or added (kb correct, kb add).",
    "rejected": "1 where a person said it is no commitment (kb reject).",
}

_REPORT_COLUMNS = (
    "donor", "recipient", "item", "category", "quantity", "unit", "amount", "currency", "status",
    "evidence", "article", "title", "url",
)  # fmt: skip

_TABLES: dict[str, dict[str, Any]] = {
    "commitment_rows": {
        "title": "Commitments",
        "description": "One row a commitment, however many articles report it: the view "
        "to read. Each commitment's value is in dollars at the rate of its date.",
        "columns": _COMMITMENT_COLUMNS,
        "facets": ["donor", "recipient", "category", "aid_type", "status", "year"],
        "sort_desc": "value_usd",
    },
    "mention_rows": {
        "title": "Reports (mentions)",
        "description": "What each article says, one row a report, with its article. Search "
        "matches report sentences and article titles.",
        "fts_table": "search",
        "fts_pk": "id",
        "facets": ["donor", "recipient", "category", "status"],
        "columns": {
            "commitment_id": "The commitment this report belongs to (commitment_rows).",
            "reported": "The date it gives (announced), else its article's date.",
            "rule": "The extraction rule that read it, or 'added' for a person's.",
            **{k: v for k, v in _COMMITMENT_COLUMNS.items() if k in _REPORT_COLUMNS},
        },
    },
    "articles": {
        "description": "The articles loaded: source, title, URL, date, text.",
        "label_column": "title",
        "columns": {
            "source": "The file, line (PATH:LINE) or URL it was loaded from.",
            "published": "Its date: from its file, its page, or the date its text states.",
            "precision": "How much of that date is known: day, month, or unknown.",
            "sha256": "The hash of its text: one text is stored once.",
            "extractor_version": "The rules that read it ('stale': to be read again).",
            "author": "A web page's author.",
        },
    },
    "commitments": {
        "description": "The consolidated commitments as stored (commitment_rows reads them).",
        "columns": {
            "thing": "What the consolidation rule compares: the canonical item, or money.",
            "family": "The class of things a commitment is grouped in (tank for a Leopard 2).",
            "rate_date": "The date of the ECB rate the amount was converted at.",
            "rate_usd": "Dollars for one unit of the currency, on rate_date.",
            "rate_eur": "Euros for one unit of the currency, on rate_date.",
            "conflict": "1 where reports give figures that differ.",
            "sources": "How many articles report it.",
        },
    },
    "mentions": {
        "description": "Each record an article gives, as stored (mention_rows reads them).",
        "columns": {
            "lead": "1 for the report that stands for its commitment.",
            "span_start": "Where its sentence starts in the article's text.",
            "span_end": "Where its sentence ends.",
            "fixed": "The fields a person set (they win over other reports).",
            "review": "corrected or added, where a person did.",
        },
    },
    "status_steps": {
        "description": "A commitment's history: each status, its date, its report.",
        "columns": {"reached": "The date of the report that says so."},
    },
    "corrections": {
        "description": "Every correction, rejection and addition a person made, kept for good.",
        "columns": {
            "values": "What it sets (or adds), by field.",
            "extracted": "What the rules gave for those fields, beside it.",
            "mention_id": "The report it applies to now; empty: orphaned.",
        },
    },
    "actors": {
        "description": "Donors and recipients.",
        "label_column": "name",
        "columns": {"key": "ISO 3166 alpha-3 for a country, the gazetteer's id otherwise."},
    },
    "actor_aliases": {"description": "Every name an actor goes by."},
    "items": {
        "description": "Canonical items with their category and aid type.",
        "label_column": "name",
    },
}

# What `kb totals` adds (kb.query.filters.added_up over commitments with money): not
# rejected, and held by no commitment that is itself added (a part of a rejected whole is).
_NOT_HELD = (
    "NOT rejected AND (part_of IS NULL OR part_of NOT IN "
    "(SELECT id FROM commitments WHERE amount IS NOT NULL AND NOT rejected))"
)
_PLEDGED = ", ".join(f"'{status}'" for status in STATUS_GROUPS["pledged"])
_QUERIES: dict[str, dict[str, Any]] = {
    "donor_commitments": {
        "title": "A donor's commitments",
        "description": "Every commitment of one donor (its name as stored), latest first.",
        "sql": "SELECT * FROM commitment_rows WHERE donor = :donor AND NOT rejected "
        "ORDER BY first_reported DESC",
    },
    "totals_by_donor": {
        "title": "Money by donor",
        "description": "Dollars by donor, each commitment once (parts inside a whole left out).",
        "sql": "SELECT donor, ROUND(SUM(value_usd)) AS usd, COUNT(*) AS commitments "
        f"FROM commitment_rows WHERE value_usd IS NOT NULL AND {_NOT_HELD} "
        "GROUP BY donor ORDER BY usd DESC",
    },
    "pledged_delivered": {
        "title": "Pledged against delivered",
        "description": "Dollars pledged (committed or offered) beside dollars delivered, by "
        "donor, for one recipient (or % for all).",
        "sql": "SELECT donor, "
        f"ROUND(SUM(CASE WHEN status IN ({_PLEDGED}) THEN value_usd END)) AS pledged, "
        "ROUND(SUM(CASE WHEN status = 'delivered' THEN value_usd END)) AS delivered "
        f"FROM commitment_rows WHERE value_usd IS NOT NULL AND {_NOT_HELD} "
        "AND COALESCE(recipient, '') LIKE :recipient GROUP BY donor ORDER BY pledged DESC",
    },
    "search_commitments": {
        "title": "Search the evidence",
        "description": "The commitments whose reports' sentences or articles' titles match "
        'the words given (SQLite full-text search: tanks, "air defence", vaccin*).',
        "sql": "SELECT DISTINCT c.* FROM search JOIN mentions m ON m.id = search.rowid "
        "JOIN commitment_rows c ON c.id = m.commitment_id WHERE search MATCH :words "
        "ORDER BY c.first_reported",
    },
}


def metadata(database: str) -> dict[str, Any]:
    """Datasette's metadata for the knowledge base served under the name `database`."""
    charts = " · ".join(f'<a href="/-/kb/charts/{k}.html">{k}</a>' for k in CHART_KINDS)
    return {
        "title": "kb: a knowledge base of aid commitments",
        "description_html": "Who gave what to whom, read by rule from news articles. Start "
        f'with <a href="/{database}/commitment_rows">Commitments</a>. Charts: {charts}',
        "about": "kb",
        "license": "the articles' own",
        "databases": {
            database: {
                "description_html": f"Charts: {charts}",
                "tables": _TABLES,
                "queries": _QUERIES,
            }
        },
    }
