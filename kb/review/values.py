"""What a person types for a correction or an addition, checked and made canonical the way
extraction names things: `--donor Britain` is the United Kingdom, `--currency €` the euro,
`--announced 2023-01` January 2023 to the month."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from kb.errors import ReviewError, UnknownName
from kb.extract.money import currency_tokens
from kb.gazetteer import load
from kb.records import CORRECTABLE, STATUSES, partial_date


def canonical_values(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of `raw` that are given (not None), checked and canonical; ReviewError or
    UnknownName names the first that is wrong."""
    out: dict[str, Any] = {}
    for name, value in raw.items():
        if name not in CORRECTABLE:
            raise ReviewError(f"{name!r} cannot be corrected; these can: {', '.join(CORRECTABLE)}")
        if value is None:
            continue
        if name in ("donor", "recipient"):
            out[name] = actor_name(name, str(value))
        elif name in ("quantity", "amount"):
            out[name] = _number(name, value)
        elif name == "currency":
            out[name] = currency_code(str(value))
        elif name == "status":
            out[name] = _status(str(value))
        elif name == "announced":
            out["announced"], out["announced_precision"] = _date(str(value))
        else:
            text = " ".join(str(value).split())
            if not text:
                raise ReviewError(f"{name} is empty")
            out[name] = text
    return out


def actor_name(role: str, name: str) -> str:
    """The canonical name of the actor `name` stands for, as extraction resolves it."""
    actor = load().actor(name)
    if actor is not None:
        return actor.name
    names = {n.text: n.actor.name for n in load().names}
    close = difflib.get_close_matches(name, list(names), n=3, cutoff=0.75)
    shown = [c if names[c] == c else f"{c} ({names[c]})" for c in close]
    raise UnknownName(role, name, shown)


def currency_code(text: str) -> str:
    """The ISO 4217 code of a currency given by its code or a sign or word news uses: any
    that extraction reads (kb.extract.money.currency_tokens)."""
    tokens = currency_tokens()
    wanted = text.strip()
    code = tokens.get(wanted) or tokens.get(wanted.upper()) or tokens.get(wanted.lower())
    if code is None:
        raise ReviewError(f"unknown currency {text!r} (an ISO 4217 code such as USD, EUR, GBP)")
    return code


def _number(name: str, value: Any) -> float:
    try:
        number = float(str(value).replace(",", "").strip())
    except ValueError:
        raise ReviewError(f"{name} must be a number, not {value!r}") from None
    if not number >= 0 or number == float("inf"):
        raise ReviewError(f"{name} must be a number of zero or more, not {value!r}")
    return number


def _status(value: str) -> str:
    status = value.strip().lower()
    if status not in STATUSES:
        raise ReviewError(f"unknown status {value!r}; use one of {', '.join(STATUSES)}")
    return status


def _date(value: str) -> tuple[str, str]:
    """ISO text of the first day of the date given, and its precision."""
    try:
        first, precision = partial_date(value)
    except ValueError as error:
        raise ReviewError(str(error)) from None
    return first.isoformat(), precision
