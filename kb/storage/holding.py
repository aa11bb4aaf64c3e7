"""A commitment's `holding` column: what kb.consolidate.wholes weighs of it, as JSON text.

Written with every commitment a load writes, and read instead of its reports when its
group's holders are chosen again (kb.storage.regroup). One commitment's text is always the
same (sorted sets, fixed key order), so that an unchanged one compares equal.
"""

from __future__ import annotations

import json
from datetime import date

from kb.consolidate.wholes import Weighed


def encode(weighed: Weighed) -> str:
    """The text of `weighed`, whose sources are article ids (kb.storage.regroup)."""
    when, source, position, mention = weighed.order
    return json.dumps(
        [
            weighed.kind,
            list(weighed.figure) if weighed.figure is not None else None,
            weighed.when.isoformat() if weighed.when is not None else None,
            sorted(weighed.sources),
            sorted(weighed.words),
            [when.isoformat(), source, position, mention],
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def decode(text: str) -> Weighed:
    kind, figure, when, sources, words, (first, source, position, mention) = json.loads(text)
    return Weighed(
        kind=kind,
        figure=(figure[0], figure[1]) if figure is not None else None,
        when=date.fromisoformat(when) if when is not None else None,
        sources=frozenset(sources),
        words=frozenset(words),
        order=(date.fromisoformat(first), source, position, mention),
    )
