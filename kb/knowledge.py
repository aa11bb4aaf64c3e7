"""The library's front door: one knowledge base, with one method per thing a user does.

A script or a test uses it the way sqlite-utils' `Database` is used::

    from kb.knowledge import KnowledgeBase

    with KnowledgeBase("kb.sqlite") as kb:
        kb.load(["articles/"])
        for row in kb.query(donor="UK", item="tanks"):
            print(row.donor, row.quantity, row.item, row.status)
        print(kb.ask("how much money has the UK given to Ukraine?").usd)

Every method opens its own session and transaction, so that the object may be kept for
as long as the program runs. The errors are the layers' own: UnknownActor for a name that
matches no stored actor, NotUnderstood for a question, ValueError for a bad filter.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TextIO

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from kb.errors import CannotOpen
from kb.query import commitments
from kb.query.filters import Filters, parse_bound
from kb.storage.engine import (
    DEFAULT_URL,
    database_files,
    database_url,
    open_database,
    shown_url,
    writer,
)

# Loading brings the rules and their gazetteer, asking its own grammar: each is imported
# by the method that needs it, so that a query does not pay for them (tests/test_startup).
if TYPE_CHECKING:
    from kb.ask.parse import Answer
    from kb.charts.series import Series
    from kb.curation.reextract import Reextracted
    from kb.curation.sheet import Applied as SheetApplied
    from kb.evaluate.scoring import Report
    from kb.ingest.articles import ReadError
    from kb.loading.load import LoadResult, LoadSummary
    from kb.query.catalogue import ActorEntry, ItemEntry
    from kb.query.export import Writable
    from kb.query.review import CorrectionView
    from kb.query.show import CommitmentDetail
    from kb.query.sources import SourceEntry
    from kb.query.totals import Totals
    from kb.records import Article, Extractor


# What a caller builds a query from: the filters and the date bounds they take.
__all__ = ["Filters", "KnowledgeBase", "parse_bound"]


class KnowledgeBase:
    """A knowledge base of aid commitments in SQLite (a path) or PostgreSQL (a URL), or on
    an engine the caller made. A path or URL is opened as `kb` opens it: migrated to the
    current schema, created if `create` (else MissingDatabase), and refused if it is
    another program's database (NotKbDatabase); one that cannot be opened at all raises
    CannotOpen, with the URL shown without its password (kb.errors)."""

    def __init__(self, database: str | Path | Engine | None = None, *, create: bool = True) -> None:
        if isinstance(database, Engine):
            self.engine, self._owned = database, False
        else:
            url = database_url(str(database)) if database else DEFAULT_URL
            self.engine, self._owned = _open(url, create), True

    @property
    def files(self) -> tuple[Path, ...]:
        """The files of an SQLite knowledge base (the file, its -wal and -shm); none on a
        server. An export must not be written over them."""
        return database_files(self.engine.url.render_as_string(hide_password=False))

    def close(self) -> None:
        """Give back the database connections (of an engine this object opened)."""
        if self._owned:
            self.engine.dispose()

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # Loading

    def load(
        self,
        paths: Iterable[str | Path],
        *,
        jobs: int | None = None,
        follow_symlinks: bool = False,
        on_result: Callable[[LoadResult], None] | None = None,
    ) -> LoadSummary:
        """Read the article files and folders in `paths`, extract and store them; a file
        that cannot be read counts as failed and the rest still load. `jobs` extraction
        processes; by default one per core for a large input, one for a small one."""
        from kb.ingest.articles import iter_articles
        from kb.loading.jobs import default_jobs

        paths = [str(p) for p in paths]
        items = iter_articles(paths, follow_symlinks=follow_symlinks)
        jobs = default_jobs(paths) if jobs is None else jobs
        return self.load_articles(items, jobs=jobs, on_result=on_result)

    @staticmethod
    def urls_in(path: str | Path) -> list[str]:
        """The URLs a file lists, one a line, for `load` (ValueError names a bad line)."""
        from kb.ingest.fetch import urls_in

        return urls_in(str(path))

    def load_articles(
        self,
        articles: Iterable[Article | ReadError],
        *,
        jobs: int = 1,
        extractor: Extractor | None = None,
        on_result: Callable[[LoadResult], None] | None = None,
    ) -> LoadSummary:
        """Store articles already read (kb.loading.load_articles)."""
        from kb.loading import load_articles

        return load_articles(
            self.engine, articles, jobs=jobs, extractor=extractor, on_result=on_result
        )

    def articles(self, pattern: str | None = None) -> list[SourceEntry]:
        """The stored articles (all, or those a source, URL or glob names), each with its
        title, URL, author, date, mentions and commitments."""
        from kb.query.sources import stored_sources

        with Session(self.engine) as session:
            return stored_sources(session, pattern)

    def remove_matching(self, pattern: str) -> list[str]:
        """Remove every stored article that a source, URL or glob (`news/2023-*`) names;
        the sources removed."""
        from kb.query.sources import sources_named

        with Session(self.engine) as session:
            named = sources_named(session, pattern)
        return [source for source in named if self.remove(source)]

    def remove(self, source: str) -> bool:
        """Remove the article stored under `source` (as it was loaded) with its mentions;
        the commitments they reported are consolidated again. False if none is stored (a
        source with bytes that are not UTF-8, as from a command line, never is)."""
        from kb.ingest.decoding import is_utf8
        from kb.storage.write import remove_article

        if not is_utf8(source):
            return False
        with Session(writer(self.engine)) as session, session.begin():
            return remove_article(session, source)

    def reextract(
        self,
        sources: Iterable[str] | None = None,
        *,
        jobs: int = 1,
        extractor: Extractor | None = None,
        on_result: Callable[[LoadResult], None] | None = None,
    ) -> Reextracted:
        """Run the current rules again on the stored text of the articles `sources` (all
        where None), without their files; every correction applies again."""
        from kb.curation.reextract import reextract

        chosen = None if sources is None else list(sources)
        return reextract(self.engine, chosen, jobs=jobs, extractor=extractor, on_result=on_result)

    # Review: a person's corrections (kb.review), each kept with who made it, when and why.

    def correct(
        self, commitment_id: int, *, note: str, by: str | None = None, **fields: Any
    ) -> int:
        """Set fields of a commitment (donor="Britain", quantity=14, announced="2023-01"):
        they win over what the rules extract, now and after every re-extraction. Returns
        the id of the commitment afterwards (a new donor moves it to another group)."""
        from kb.review.values import canonical_values
        from kb.storage import corrections

        values = canonical_values(fields)
        with Session(writer(self.engine)) as session, session.begin():
            return corrections.correct(session, commitment_id, values, _note(note), _by(by))

    def reject(self, commitment_id: int, *, note: str, by: str | None = None) -> None:
        """Say a commitment is none: it leaves every answer, total and export."""
        from kb.storage import corrections

        with Session(writer(self.engine)) as session, session.begin():
            corrections.reject(session, commitment_id, _note(note), _by(by))

    def restore(self, commitment_id: int, *, note: str, by: str | None = None) -> None:
        """Take back the rejection of a commitment."""
        from kb.storage import corrections

        with Session(writer(self.engine)) as session, session.begin():
            corrections.restore(session, commitment_id, _note(note), _by(by))

    def add(
        self, source: str, *, evidence: str, note: str, by: str | None = None, **fields: Any
    ) -> int:
        """A commitment the rules missed, in the stored article `source`, whose `evidence`
        sentence must be in its text; fields as for `correct`. Returns its commitment."""
        from kb.review.values import canonical_values
        from kb.storage import corrections

        values = canonical_values(fields)
        with Session(writer(self.engine)) as session, session.begin():
            return corrections.add(session, source, values, evidence, _note(note), _by(by))

    def corrections(
        self, *, orphaned: bool = False, commitment_id: int | None = None
    ) -> list[CorrectionView]:
        """Every correction, rejection, restoration and addition, oldest first."""
        from kb.query.review import corrections

        with Session(self.engine) as session:
            return corrections(session, orphaned=orphaned, commitment_id=commitment_id)

    def write_review_sheet(self, out: Writable, filters: Filters | None = None, **by: Any) -> int:
        """The matching commitments as a review sheet (kb.review.sheet) to `out`."""
        from kb.curation.sheet import write_sheet

        with Session(self.engine) as session:
            return write_sheet(session, _filters(filters, by), out)

    def export_review_sheet(
        self, target: str | Path, filters: Filters | None = None, **by: Any
    ) -> int:
        """write_review_sheet to a file, completely or not at all."""
        from kb.query.export import write_file

        found = _filters(filters, by)
        return write_file(Path(target), lambda out: self.write_review_sheet(out, found))

    def apply_review_sheet(self, path: str | Path, *, by: str | None = None) -> list[SheetApplied]:
        """Apply the rows of a review sheet a person filled in, all or nothing: SheetError
        names the line of the first that cannot be applied, and nothing is changed."""
        from kb.curation.sheet import apply_sheet
        from kb.review.sheet import read_sheet

        with open(path, encoding="utf-8-sig", newline="") as lines:
            rows = read_sheet(lines)
        with Session(writer(self.engine)) as session, session.begin():
            return apply_sheet(session, rows, _by(by))

    # Reading

    def query(
        self, filters: Filters | None = None, *, limit: int | None = None, **by: Any
    ) -> list[commitments.CommitmentView]:
        """The commitments that match, each once: `filters`, or its fields as keywords
        (donor="UK", item="tanks", statuses=("delivered",), since=date(2023, 1, 1))."""
        with Session(self.engine) as session:
            return commitments.find_commitments(session, _filters(filters, by), limit)

    def page(
        self, filters: Filters | None = None, *, limit: int | None = None, **by: Any
    ) -> commitments.Page:
        """The first `limit` commitments that match (as `query`), with their sources and
        how many match in all: what `kb query` prints."""
        with Session(self.engine) as session:
            return commitments.page(session, _filters(filters, by), limit)

    def count(self, filters: Filters | None = None, **by: Any) -> int:
        """How many commitments match (as `query`)."""
        with Session(self.engine) as session:
            return commitments.count_commitments(session, _filters(filters, by))

    def mentions(
        self, filters: Filters | None = None, *, limit: int | None = None, **by: Any
    ) -> list[commitments.CommitmentView]:
        """The mentions that match: one row for each record of an article."""
        with Session(self.engine) as session:
            found = _filters(filters, by)
            return commitments.find_commitments(session, found, limit, mentions=True)

    def ask(self, question: str, limit: int | None = None) -> Answer:
        """Answer a plain-English question ("what did the UK send?")."""
        from kb.ask.answer import ask as answer_question

        with Session(self.engine) as session:
            return answer_question(session, question, limit)

    def totals(
        self,
        filters: Filters | None = None,
        *,
        by: str = "donor",
        currency: str = "USD",
        **where: Any,
    ) -> Totals:
        """Money added up by donor, recipient, category, status, month or year."""
        from kb.query.totals import totals

        with Session(self.engine) as session:
            return totals(session, by, currency, _filters(filters, where))

    def chart(
        self,
        kind: str,
        target: str | Path,
        filters: Filters | None = None,
        *,
        currency: str = "USD",
        by: str = "year",
        **where: Any,
    ) -> Series:
        """Draw a chart into `target` (.png, .svg or .html): "pledged-delivered" (money by
        donor), "over-time" (money by `by`, month or year, stacked by aid type) or "items"
        (counts of the filters' category by donor). Needs matplotlib (kb[charts])."""
        from kb.charts import draw, series

        if kind not in series.KINDS:
            raise ValueError(f"no chart {kind!r}; draw one of {', '.join(series.KINDS)}")
        found = _filters(filters, where)
        with Session(self.engine) as session:
            if kind == "pledged-delivered":
                drawn = series.pledged_delivered(session, found, currency)
            elif kind == "over-time":
                drawn = series.over_time(session, found, currency, by)
            else:
                drawn = series.items(session, found)
            articles = commitments.article_count(session)
        rates = "; money at the ECB rate of each commitment's date" if kind != "items" else ""
        source = f"kb, {drawn.commitments:,} commitments of {articles:,} articles{rates}"
        draw.render(drawn, Path(target), source)
        return drawn

    def serve_command(
        self, folder: Path, *, host: str = "127.0.0.1", port: int = 8001
    ) -> list[str]:
        """The command that serves this knowledge base in Datasette (`kb serve` runs it),
        its metadata written into `folder`. CannotServe for a PostgreSQL knowledge base, which
        Datasette does not serve, or where Datasette is not installed."""
        from kb.errors import CannotServe
        from kb.web.serve import datasette_command

        database = self.engine.url.database
        if self.engine.dialect.name != "sqlite" or not database or database == ":memory:":
            raise CannotServe(
                "kb serve serves SQLite files, and this knowledge base is on a server: make a "
                "file of it (kb --db kb.sqlite load, from the same articles; or kb export "
                "--format jsonl, then load that) and serve the file"
            )
        return datasette_command(Path(database).resolve(), host, port, folder)

    def show(self, commitment_id: int) -> CommitmentDetail | None:
        """One commitment in full (its history and mentions), or None."""
        from kb.query.show import describe

        with Session(self.engine) as session:
            return describe(session, commitment_id)

    def stats(self) -> commitments.Stats:
        """How many articles, mentions, commitments and actors are stored."""
        with Session(self.engine) as session:
            return commitments.stats(session)

    def sources(self, ids: Iterable[int]) -> dict[int, list[str]]:
        """The articles that report each of the commitments `ids`."""
        with Session(self.engine) as session:
            return commitments.sources_of(session, ids)

    @staticmethod
    def gazetteer_actors() -> list[ActorEntry]:
        """Every actor the rules know (the gazetteer), stored or not."""
        from kb.query.catalogue import gazetteer_actors

        return gazetteer_actors()

    @staticmethod
    def gazetteer_items() -> list[ItemEntry]:
        """Every canonical item the rules know, with how many phrases name it."""
        from kb.query.catalogue import gazetteer_items

        return gazetteer_items()

    @staticmethod
    def evaluate(
        paths: Iterable[str | Path],
        gold: str | Path,
        *,
        on_result: Callable[[LoadResult], None] | None = None,
    ) -> Report:
        """Load `paths` into a throw-away knowledge base and score its mentions against the
        gold file (`kb eval`); GoldError names the file and line of a bad one."""
        from kb.evaluate.run import evaluate

        return evaluate(paths, gold, on_result)

    def actors(self) -> list[ActorEntry]:
        """The actors stored, with their key and how often each gives and receives."""
        from kb.query.catalogue import stored_actors

        with Session(self.engine) as session:
            return stored_actors(session)

    def items(self) -> list[ItemEntry]:
        """The canonical items stored, with their category, aid type and commitments."""
        from kb.query.catalogue import stored_items

        with Session(self.engine) as session:
            return stored_items(session)

    def write_csv(
        self,
        out: Writable,
        filters: Filters | None = None,
        *,
        mentions: bool = False,
        format: str = "csv",
        bom: bool = False,
        **by: Any,
    ) -> int:
        """Write the matching commitments (or mentions) to `out` as CSV (with a byte-order
        mark for Excel, `bom`), or as JSON or JSON Lines (`format`), streamed from the
        database so that memory stays flat; returns how many rows were written."""
        from kb.query import export, formats, lines

        columns = export.MENTION_COLUMNS if mentions else export.COLUMNS
        with Session(self.engine) as session:
            found = _filters(filters, by)
            if format == "csv":
                if bom:
                    out.write("\ufeff")  # Excel reads UTF-8 only after one: €, ¥, curly quotes
                if not mentions:
                    return lines.write_rows(session, found, columns, out)
            rows = commitments.export_rows(session, found, columns, mentions=mentions)
            if format == "json":
                return formats.write_json(rows, out, columns)
            if format == "jsonl":
                return formats.write_jsonl(rows, out, columns)
            if format != "csv":
                raise ValueError(f"{format} is written to a file, not a stream")
            return export.write_values(rows, out, columns, columns)

    def export(
        self,
        target: str | Path,
        filters: Filters | None = None,
        *,
        mentions: bool = False,
        format: str | None = None,
        bom: bool = False,
        jobs: int | None = None,
        **by: Any,
    ) -> int:
        """Write the matching rows to a file, completely or not at all, in the format its
        extension names (.csv, .xlsx, .json, .jsonl) or `format`. ValueError if `target` is
        a file of the database itself, or its format is none of those. Commitments as CSV
        are written by `jobs` processes (kb.query.parts); by default one per core for a
        large database, one for a small one."""
        from kb.query import formats
        from kb.query.export import write_file, write_path

        # A slip of tab completion ("kb export kb.sqlite") must not write CSV over the data.
        if Path(target).resolve() in self.files:
            raise ValueError(f"{target} is the database itself; choose another file for the export")
        chosen = formats.format_of(target, format)
        found = _filters(filters, by)
        if chosen == "xlsx":
            return write_path(Path(target), lambda path: self._write_xlsx(path, found, mentions))
        if chosen == "csv" and not mentions:
            written = self._export_in_parts(Path(target), found, bom, jobs)
            if written is not None:
                return written
        return write_file(
            Path(target),
            lambda out: self.write_csv(out, found, mentions=mentions, format=chosen, bom=bom),
        )

    def _export_in_parts(
        self, target: Path, filters: Filters, bom: bool, jobs: int | None
    ) -> int | None:
        """The export written by several processes; None where one is to write it (one
        job, a database that cannot be read in parts, or one that changed meanwhile)."""
        from kb.query import parts
        from kb.query.export import COLUMNS, write_file

        jobs = parts.default_jobs(self.engine) if jobs is None else jobs
        if jobs < 2 or not parts.possible(self.engine):
            return None

        def write(out: TextIO) -> int:
            if bom:
                out.write("\ufeff")
            return parts.write_in_parts(
                self.engine, filters, COLUMNS, out, jobs, target.resolve().parent
            )

        try:
            return write_file(target, write)
        except parts.Changed:
            return None

    @staticmethod
    def rows_csv(rows: Iterable[commitments.CommitmentView], out: Writable) -> int:
        """Rows already found (a page, an answer) as CSV, as `export` writes them."""
        from kb.query.export import write_csv

        return write_csv(rows, out)

    def _write_xlsx(self, path: Path, filters: Filters, mentions: bool) -> int:
        from kb.query import export, formats

        columns = export.MENTION_COLUMNS if mentions else export.COLUMNS
        with Session(self.engine) as session:
            rows = commitments.export_rows(session, filters, columns, mentions=mentions)
            return formats.write_xlsx(rows, path, columns)


def _open(url: str, create: bool) -> Engine:
    try:
        return open_database(url, create=create)
    except _open_errors() as error:
        try:
            shown = shown_url(url)
        except ValueError:  # a malformed URL may still hold a password
            shown = "(not a database path or URL)"
        if isinstance(error, ImportError):  # e.g. a postgresql URL without psycopg installed
            raise CannotOpen(
                f"cannot open database {shown}: its driver is not installed ({error})"
            ) from error
        raise CannotOpen(f"cannot open database {shown}: {error}") from error


def _open_errors() -> tuple[type[BaseException], ...]:
    """What opening a database raises for a bad URL, file or driver. Alembic's error is
    included only once alembic is imported: before that, nothing can have raised it."""
    # ValueError: a malformed URL ("postgresql://kb@[::1:5432/kb").
    errors: list[type[BaseException]] = [SQLAlchemyError, ImportError, ValueError]
    alembic_util = sys.modules.get("alembic.util")
    if alembic_util is not None:
        errors.append(alembic_util.CommandError)
    return tuple(errors)


def _note(note: str) -> str:
    """A person says why: a correction without a reason cannot be weighed later."""
    from kb.errors import ReviewError

    text = " ".join(note.split())
    if not text:
        raise ReviewError("say why in a note (--note)")
    return text


def _by(by: str | None) -> str:
    """Who makes a correction: as given, else the login name."""
    import getpass

    if by and by.strip():
        return by.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a user entry)
        return "unknown"


def _filters(filters: Filters | None, by: dict[str, Any]) -> Filters:
    if filters is not None and by:
        raise TypeError("give either a Filters or its fields as keywords, not both")
    return filters if filters is not None else Filters(**by)
