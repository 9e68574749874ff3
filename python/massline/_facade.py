"""The one pattern for Python classes around compiled objects.

* A compiled class that needs nothing from Python (``Registry``, ``ResponseScale``,
  ``AhpResult``...) is exported as it is; :func:`publish` makes it report the public module
  (``massline.Registry``, ``massline.scoring.ResponseScale``) for repr, help and pickling.
* A class that adds Python behaviour or state (pandas in and out, labels, file helpers) is a
  facade: a plain Python class deriving from :class:`Facade` that holds the compiled object in
  ``self._impl`` and forwards to it. It never subclasses the compiled class, and results of
  compiled functions are wrapped with :meth:`Facade._wrap`. A facade that pickles defines
  ``__getstate__``/``__setstate__`` in terms of a stable state (a file format, constructor
  arguments), never of the compiled object's memory; ``copy.copy``/``copy.deepcopy`` go
  through the same state. Other facades refuse to pickle with a clear TypeError.
* A facade whose ``_impl`` was never set (``cls.__new__(cls)`` without ``__init__``, or an
  ``__init__``/``__setstate__`` that raised) raises ``StateError`` (``object.unconstructed``)
  on use, like the compiled classes, instead of an ``AttributeError`` from deep inside.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Type, TypeVar

from ._core.core import StateError
from ._errors import raise_error

__all__ = ["Facade", "publish"]

T = TypeVar("T", bound="Facade")


class Facade:
    """Base of every facade class: the compiled object is ``self._impl``."""

    _impl: Any

    @classmethod
    def _wrap(cls: Type[T], impl: Any) -> T:
        """The facade around an existing compiled object (no copy; __init__ is not run)."""
        out = cls.__new__(cls)
        out._impl = impl
        return out

    def __getattr__(self, name: str) -> Any:
        # Only reached when normal lookup failed. Dunder probes (copy, pickle, numpy) keep their
        # AttributeError; anything else on an object without its compiled half is a StateError.
        if not name.startswith("__") and "_impl" not in self.__dict__:
            raise_error(StateError, "object.unconstructed", "object used before it was constructed",
                        type(self).__qualname__,
                        "it was made by __new__ without __init__, or its __init__/__setstate__ raised")
        raise AttributeError(f"{type(self).__qualname__!r} object has no attribute {name!r}")

    def __getstate__(self) -> Any:
        raise TypeError(f"cannot pickle or copy {type(self).__module__}.{type(self).__qualname__} objects")

    def __setstate__(self, state: Any) -> None:
        raise TypeError(f"cannot unpickle {type(self).__module__}.{type(self).__qualname__} objects")


def publish(module: str, namespace: Mapping[str, Any], names: Iterable[str]) -> None:
    """Makes every compiled class among ``names`` in ``namespace`` report ``module`` as its
    ``__module__`` (the public place where it is imported from), so repr, help and pickling
    name the public path rather than the private ``massline._core.<layer>``."""
    for name in names:
        obj = namespace.get(name)
        if isinstance(obj, type) and obj.__module__.startswith("massline._core"):
            obj.__module__ = module
