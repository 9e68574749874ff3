"""pandas labels at the boundary: honoured, or refused, never silently dropped.

Wherever a facade accepts a Series or a DataFrame, its labels mean something: two Series are
matched by index, a Series of weights keyed by names is matched to those names, a frame's
columns are found by name. These helpers do that in one place. When both sides carry labels
they align on them; mismatched, missing, extra or duplicate labels are refused with
``InvalidArgument`` code ``input.labels`` naming the argument and the offending labels; plain
arrays, lists and scalars pass through untouched (their order is their meaning).
"""

from __future__ import annotations

from typing import Any, Iterable, NoReturn, Sequence, Tuple

import pandas as pd

from ._core.core import InvalidArgument, Location
from ._errors import raise_error

__all__ = ["has_labels", "unique_labels", "unique_columns", "align", "align_to", "by_names", "matrix_by_names"]

_SHOWN = 5  # labels quoted in a message


def _show(labels: Iterable[Any]) -> str:
    items = list(labels)
    text = ", ".join(repr(x) for x in items[:_SHOWN])
    return text + (f", … ({len(items)} in all)" if len(items) > _SHOWN else "")


def _refuse(argument: str, summary: str, why: str) -> NoReturn:
    raise_error(InvalidArgument, "input.labels", summary, Location(entity="arguments", field=argument), why)


def has_labels(value: Any) -> bool:
    """Whether ``value`` is a pandas Series or DataFrame (whose index is its labels)."""
    return isinstance(value, (pd.Series, pd.DataFrame))


def unique_labels(labels: pd.Index, argument: str, what: str = "index") -> None:
    """Refuses an index with repeated labels, naming them."""
    if labels.has_duplicates:
        repeated = labels[labels.duplicated()].unique()
        _refuse(argument, f"{argument} has repeated {what} labels",
                f"{what} labels must be unique to be matched by label; repeated: {_show(repeated)}")


def unique_columns(frame: Any, argument: str = "frame") -> None:
    """Refuses a DataFrame with repeated column names (``frame[name]`` would be ambiguous)."""
    if isinstance(frame, pd.DataFrame):
        unique_labels(frame.columns, argument, "column")


def _compare(expected: pd.Index, got: pd.Index, argument: str, against: str) -> None:
    missing = expected.difference(got, sort=False) if len(expected) else expected
    extra = got.difference(expected, sort=False) if len(got) else got
    if len(missing) or len(extra):
        parts = []
        if len(missing):
            parts.append(f"missing {_show(missing)}")
        if len(extra):
            parts.append(f"unexpected {_show(extra)}")
        _refuse(argument, f"labels of {argument} do not match {against}", "; ".join(parts))


def align(first: Any, second: Any, names: Tuple[str, str]) -> Tuple[Any, Any]:
    """Two array-likes of one length each. When both are Series (or DataFrames, matched by
    row index) their labels must be unique and the same set: ``second`` is reordered to
    ``first``'s order. When only one or neither carries labels both pass through as they are
    (matched by position, as a plain array means)."""
    if second is None or not (has_labels(first) and has_labels(second)):
        return first, second
    unique_labels(first.index, names[0])
    unique_labels(second.index, names[1])
    _compare(first.index, second.index, names[1], names[0])
    return first, second.reindex(first.index)


def align_to(index: pd.Index, value: Any, argument: str, against: str) -> Any:
    """``value`` matched to the rows ``index`` when it is a Series or DataFrame (unique labels,
    the same set; reordered), else passed through."""
    if value is None or not has_labels(value):
        return value
    unique_labels(index, against)
    unique_labels(value.index, argument)
    _compare(index, value.index, argument, against)
    return value.reindex(index)


def by_names(values: Any, names: Sequence[str], argument: str) -> Any:
    """One value per name in ``names`` order: a Series (or a mapping) is matched by its labels,
    which must be exactly ``names``; anything else passes through (taken in order)."""
    if isinstance(values, dict):
        values = pd.Series(values, dtype=None if values else float)
    if not isinstance(values, pd.Series):
        return values
    unique_labels(values.index, argument)
    _compare(pd.Index(list(names)), values.index, argument, "the names " + _show(names))
    return values.reindex(list(names)).tolist()


def matrix_by_names(matrix: Any, names: Sequence[str], argument: str) -> Any:
    """A square matrix over ``names``: a DataFrame must have exactly those names as its row and
    column labels (in any order; it is reordered to ``names``); anything else passes through."""
    if not isinstance(matrix, pd.DataFrame):
        return matrix
    wanted = pd.Index(list(names))
    unique_labels(matrix.index, argument)
    unique_labels(matrix.columns, argument, "column")
    _compare(wanted, matrix.index, argument, "the names " + _show(names))
    _compare(wanted, matrix.columns, argument, "the names " + _show(names))
    return matrix.loc[list(names), list(names)].to_numpy(dtype="float64")
