"""One option vocabulary across the package, and the one way old spellings are kept.

Options that mean the same thing have the same name everywhere (docs/python.md, "Option
vocabulary"): ``tolerance`` and ``max_iterations`` for iterative solvers, ``confidence`` for a
confidence level in (0, 1), ``unit_level`` for a level of the organisation tree.

:func:`renamed` keeps an old keyword working for one release after a rename: it still gives
the same result but emits a DeprecationWarning that names the new spelling
(:func:`renamed_attribute` does the same for a result attribute). :func:`synonyms`
lets a fixed entry point whose spelling must not change (``proportion_interval(...,
level=0.95)``, ``PathModel.fit(..., tol=, max_iter=)``) also take the vocabulary's name,
without a warning. Either way, passing both spellings raises :class:`massline.InvalidArgument`
("options.conflict").
"""

from __future__ import annotations

import functools
import inspect
import warnings
from typing import Any, Callable, Dict, TypeVar

from ._core.core import InvalidArgument
from ._errors import raise_error

__all__ = ["renamed", "renamed_attribute", "synonyms"]

F = TypeVar("F", bound=Callable[..., Any])


def renamed(**old_to_new: str) -> Callable[[F], F]:
    """Decorator: ``@renamed(level="unit_level")`` accepts the old keyword ``level=`` for the
    parameter now called ``unit_level``, with a DeprecationWarning. The signature (and so
    help() and type checkers) shows only the new name."""
    return _aliases(old_to_new, deprecated=True)


def synonyms(**extra_to_fixed: str) -> Callable[[F], F]:
    """Decorator for fixed entry points: ``@synonyms(confidence="level")`` makes the keyword
    ``confidence=`` another spelling of the fixed parameter ``level``. The decorated function
    declares the synonym as a keyword-only parameter defaulting to None (so help() and type
    checkers show it) and reads only the fixed one: the decorator moves the value across."""
    return _aliases(extra_to_fixed, deprecated=False)


def _aliases(aliases: Dict[str, str], deprecated: bool) -> Callable[[F], F]:
    def decorate(func: F) -> F:
        parameters = list(inspect.signature(func).parameters.values())
        positions = {p.name: i for i, p in enumerate(parameters)
                     if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)}
        names = {p.name for p in parameters}
        for alias, name in aliases.items():
            if name not in names or (alias in names) == deprecated:
                raise TypeError(f"{func.__qualname__}: bad alias {alias!r} for {name!r}")
        owner = func.__qualname__

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            for alias, name in aliases.items():
                if alias not in kwargs:
                    continue
                value = kwargs.pop(alias)
                if not deprecated and value is None:
                    continue  # the synonym's own default: not given
                if name in kwargs or positions.get(name, len(args)) < len(args):
                    raise_error(InvalidArgument, "options.conflict", f"both {name}= and {alias}= given", owner,
                                f"{alias} is another spelling of {name}; pass one of them")
                if deprecated:
                    _warn(f"{owner}(): the option {alias}=", f"{name}=")
                kwargs[name] = value
            return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def renamed_attribute(old: str, new: str) -> Any:
    """A read-only property ``old`` kept for one release after an attribute was renamed to
    ``new``: it returns ``new``'s value with a DeprecationWarning. In a class body:
    ``level = renamed_attribute("level", "confidence")``."""

    def get(self: Any) -> Any:
        _warn(f"{type(self).__qualname__}.{old}", f".{new}")
        return getattr(self, new)

    return property(get, doc=f"Deprecated spelling of {new} (removed in the next release).")


def _warn(old: str, new: str) -> None:
    # stacklevel 3 (this function, the wrapper or property, its caller): the warning points at
    # the code that used the old spelling.
    warnings.warn(f"{old} is deprecated, use {new} (same meaning); the old spelling will be removed in the next "
                  "release", DeprecationWarning, stacklevel=3)
