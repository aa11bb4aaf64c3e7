"""The errors a user of kb can meet, each with a message fit to print as it is.

They are raised by the layers that find them and kept here, at the bottom, so that the
CLI (or a script) can catch them without importing the layers, or their dependencies.
"""

from __future__ import annotations

from collections.abc import Sequence


class MissingDatabase(Exception):
    """A read was asked of an SQLite file that does not exist: none is created."""


class NotKbDatabase(Exception):
    """The database holds tables, but not kb's: kb changes nothing in it."""


class CannotOpen(Exception):
    """The database cannot be opened: a bad path or URL, a server that does not answer, or
    a driver that is not installed. The message shows the URL without its password."""


class ConnectionLost(Exception):
    """The database stopped answering for several articles in a row: the load stops."""


class UnknownActor(LookupError):
    """A donor or recipient name that no stored actor goes by."""

    def __init__(self, role: str, name: str) -> None:
        super().__init__(
            f"no {role} called {name!r} in the database "
            "(names, short forms and ISO codes work; `kb actors` lists them)"
        )
        self.role, self.name = role, name


class NotUnderstood(ValueError):
    """A question no rule matches; its message says which words it could not place and
    lists questions that it understands."""

    def __init__(
        self, question: str, examples: Sequence[str] = (), unplaced: Sequence[str] = ()
    ) -> None:
        shown = "\n".join(f'  kb ask "{example}"' for example in examples)
        words = f" (I could not place: {' '.join(unplaced)})" if unplaced else ""
        super().__init__(
            f"I do not understand {question!r}{words}. Questions I understand look like:\n{shown}"
        )
        self.question, self.unplaced = question, tuple(unplaced)


class GoldError(ValueError):
    """The gold file cannot be read; the message names the file and line."""


class UnknownName(LookupError):
    """A donor or recipient for a correction that no actor kb knows goes by; the message
    names those it could mean."""

    def __init__(self, role: str, name: str, could_be: Sequence[str] = ()) -> None:
        hint = f"; did you mean {', '.join(could_be)}?" if could_be else ""
        super().__init__(f"no {role} called {name!r} that kb knows{hint}")
        self.role, self.name, self.could_be = role, name, tuple(could_be)


class ReviewError(ValueError):
    """A correction, rejection or addition that cannot be made: the message says why (a
    commitment that does not exist, evidence not in the article, a bad value)."""


class CannotServe(Exception):
    """`kb serve` cannot serve this knowledge base (a PostgreSQL server, or Datasette is not
    installed); the message says what to do instead."""
