"""The one way the pure-Python facades raise errors.

Every error a facade raises is a coded :class:`massline.Error` subclass built by
:func:`raise_error`, with the same attributes and message as the errors the C++ library
throws: ``"[massline.<code>] <summary> (at <where>): <why>"``. The classes also derive from the
matching built-in exception (``InvalidArgument`` is a ``ValueError``, ``NotFound`` a
``KeyError``...), so callers may catch either. Only a value of the wrong Python type raises a
plain ``TypeError``.
"""

from __future__ import annotations

from typing import NoReturn, Optional, Type, Union

from ._core.core import Error, InvalidArgument, Location, Period

__all__ = ["raise_error", "require_flag", "require_period"]


def raise_error(
    cls: Type[Error],
    code: str,
    summary: str,
    where: Union[Location, str, None] = None,
    why: str = "",
    *,
    cause: Optional[BaseException] = None,
) -> NoReturn:
    """Raises ``cls`` (a :class:`massline.Error` subclass) with stable ``code`` (such as
    ``"rollup.unknown_unit"``), the short ``summary``, the location ``where`` (a
    :class:`massline.Location`, or a str naming the entity, as in ``Location(entity=...)``)
    and ``why`` (the rule that was broken). ``cause`` is chained as ``raise ... from cause``.
    """
    location = where if isinstance(where, Location) else Location(entity=where or "")
    text = str(location)
    message = f"[massline.{code}] {summary}" + (f" (at {text})" if text else "") + (f": {why}" if why else "")
    error = cls(message, code, location, why, summary)
    if cause is not None:
        raise error from cause
    raise error


def require_flag(value: object, name: str) -> bool:
    """``value`` as a bool when it is True or False (or a numpy bool), else ``TypeError``
    naming the option: a flag never takes None, a number or a string by its truthiness (the
    compiled functions refuse those the same way)."""
    if isinstance(value, bool):
        return value
    if type(value).__name__ in ("bool_", "bool") and type(value).__module__ == "numpy":
        return bool(value)
    raise TypeError(f"{name} must be True or False, got {type(value).__name__} {value!r:.40}")


def require_period(value: object, name: str = "period") -> Period:
    """``value`` as a :class:`massline.Period`: a Period as it is, an int (or numpy integer) as
    that calendar year. Any other type raises ``TypeError``; a year the calendar cannot hold
    raises :class:`massline.InvalidArgument` naming the option (the compiled ``Period.year``
    checks the range 1400..9999 itself, this only keeps huge ints from reaching it)."""
    if isinstance(value, Period):
        return value
    if type(value).__module__ == "numpy" and type(value).__name__.startswith(("int", "uint")) or \
            isinstance(value, int) and not isinstance(value, bool):
        year = int(value)  # type: ignore[call-overload]
        if not -2**31 <= year < 2**31:
            raise_error(InvalidArgument, "date.invalid", f"invalid year {year}", name,
                        "a period given as an int is a calendar year between 1400 and 9999")
        return Period.year(year)
    raise TypeError(f"{name} must be a year (int) or a massline.Period, got {type(value).__name__}")
