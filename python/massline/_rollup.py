"""pandas facade of the roll-up engine: satisfaction rates with Wilson intervals per unit,
item and period, pooled up the four-level tree; rankings, red/black lists, the
accountability rule and trends between periods.

Typical use::

    from massline import scoring
    tree = scoring.unit_tree(registry)                       # or a frame of (unit, parent, level, size)
    rolled = scoring.rollup(answers, tree, unit="unit", item="item", satisfied="satisfied",
                            period="quarter")
    scoring.accountability(rolled, threshold=0.8)           # the policy's line, e.g. 80 %
    scoring.trend(rolled)
    scoring.rank(rolled)
    scoring.red_black(rolled, red=3, black=3)

Unit labels are the tree's labels (organisation ids for a tree built from a Registry, the
``unit`` column of a tree frame, or 0..n-1). The computation runs in C++
(massline::scoring::Rollup, docs/rollup.md) with the GIL released.
"""

from __future__ import annotations

from typing import Any, Iterable, List, Literal, NoReturn, Optional, Sequence, Tuple, Union

import numpy as np
import numpy.typing as npt
import pandas as pd

from ._core import scoring as _scoring
from ._core.core import InvalidArgument, Location, NotFound, OrgId
from ._core.model import Registry
from ._errors import raise_error, require_flag
from ._facade import Facade
from ._labels import align_to, has_labels, unique_columns
from ._options import renamed

RollupResult = _scoring.RollupResult
AccountabilityRule = _scoring.AccountabilityRule

__all__ = [
    "UnitTree",
    "RollupResult",
    "AccountabilityRule",
    "unit_tree",
    "tree_labels",
    "survey_answers",
    "rollup",
    "rollup_wide",
    "accountability",
    "trend",
    "rank",
    "red_black",
]

_ATTRS_KEY = "massline.rollup"


class UnitTree(Facade):
    """The units of a network as a forest (parents before children), which the roll-ups run
    on, with optional ``labels`` (a pandas Index naming each unit, set by :func:`unit_tree`).

    Units are dense indices 0..len-1. Build one with :func:`unit_tree` (from a Registry or a
    frame), :meth:`from_parents` or :meth:`from_registry`. The arrays are read-only views
    that keep the tree alive. The engine is massline::UnitTree (docs/rollup.md).
    """

    _impl: _scoring.UnitTree
    #: Labels of the units (unit_tree() sets them), or None: then tree_labels() falls back to
    #: organisation ids or 0..n-1.
    labels: Optional[pd.Index]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("build a UnitTree with unit_tree(), UnitTree.from_parents() or UnitTree.from_registry()")

    @classmethod
    def _wrap(cls, impl: Any) -> "UnitTree":
        out = super()._wrap(impl)
        out.labels = None
        return out

    @classmethod
    @renamed(level="unit_level")
    def from_parents(cls, parent: npt.ArrayLike, unit_level: Optional[npt.ArrayLike] = None,
                     size: Optional[npt.ArrayLike] = None) -> "UnitTree":
        """Tree from parent indices (negative = root), optional tree levels per unit (default
        depth + 1) and own sizes (households; default 0). Series are matched to ``parent``'s
        index when both carry labels."""
        if has_labels(parent):
            unit_level = align_to(parent.index, unit_level, "unit_level", "parent")
            size = align_to(parent.index, size, "size", "parent")
        return cls._wrap(_scoring.UnitTree.from_parents(parent, unit_level, size))

    @classmethod
    def from_registry(cls, registry: Registry, measure: Literal["households", "people"] = "households") -> "UnitTree":
        """Tree of the registry's organisations (live ones, in id order); sizes count
        households or people."""
        return cls._wrap(_scoring.UnitTree.from_registry(registry, measure))

    def __len__(self) -> int:
        return len(self._impl)

    def __repr__(self) -> str:
        return repr(self._impl)

    @property
    def parents(self) -> npt.NDArray[np.int64]:
        """Parent index of every unit, -1 for roots (a copy)."""
        return self._impl.parents

    @property
    def levels(self) -> npt.NDArray[np.uint8]:
        """Tree level of every unit (read-only view)."""
        return self._impl.levels

    @property
    def sizes(self) -> npt.NDArray[np.float64]:
        """Own size (households) of every unit (read-only view)."""
        return self._impl.sizes

    @property
    def top_down(self) -> npt.NDArray[np.uint32]:
        """Every unit, parents before children (read-only view)."""
        return self._impl.top_down

    @property
    def org_ids(self) -> npt.NDArray[np.int64]:
        """Organisation id value of every unit (massline.StateError for trees not built from
        a registry)."""
        return self._impl.org_ids

    @property
    def level_values(self) -> List[int]:
        """Tree levels that have units."""
        return self._impl.level_values

    @property
    def has_org_ids(self) -> bool:
        """Built from a Registry."""
        return self._impl.has_org_ids

    def children(self, unit: int) -> List[int]:
        """Direct children of ``unit``."""
        return self._impl.children(unit)

    @renamed(level="unit_level")
    def units_at_level(self, unit_level: int) -> npt.NDArray[np.uint32]:
        """Units on tree level ``unit_level``, in index order."""
        return self._impl.units_at_level(unit_level)

    def subtree_sizes(self) -> npt.NDArray[np.float64]:
        """Size of every unit's subtree."""
        return self._impl.subtree_sizes()

    def index_of(self, org: OrgId) -> int:
        """Unit index of organisation ``org`` (massline.NotFound when the tree lacks it)."""
        return self._impl.index_of(org)

    def find(self, org: OrgId) -> Optional[int]:
        """Unit index of organisation ``org``, or None when the tree lacks it."""
        return self._impl.find(org)


def _tree(tree: Any) -> UnitTree:
    """The facade of ``tree``, which may also be a compiled tree (e.g. RollupResult.tree)."""
    return UnitTree._wrap(tree) if isinstance(tree, _scoring.UnitTree) else tree


@renamed(level="unit_level")
def unit_tree(source: Union[Registry, pd.DataFrame, UnitTree], *, unit: str = "unit", parent: str = "parent",
              unit_level: Optional[str] = None, size: Optional[str] = None,
              measure: Literal["households", "people"] = "households") -> UnitTree:
    """Build the tree of units the roll-ups run on.

    ``source`` is a :class:`massline.Registry` (units labelled by organisation id value, sizes
    counting households or, with ``measure="people"``, people), or a DataFrame with one row per
    unit: ``unit`` labels, ``parent`` labels (missing for roots), and optionally a
    ``unit_level`` column of tree levels (1 = top; an ordered Categorical such as
    frames.organizations' level counts from its first category) and a ``size`` column
    (households per unit, for ``by="households"``). Without a level column, levels are depth
    + 1. A UnitTree is returned as it is.
    """
    if isinstance(source, pd.DataFrame):
        unique_columns(source, "source")
        labels = pd.Index(source[unit])
        if labels.has_duplicates:
            dup = labels[labels.duplicated()].unique()[:5].tolist()
            raise_error(InvalidArgument, "unit_tree.duplicate_label", "unit labels must be unique",
                        Location(entity="unit tree", field=unit), f"repeated: {dup}")
        parents = source[parent]
        missing = parents.isna().to_numpy()
        codes = np.full(len(parents), -1, dtype=np.int64)
        present = parents[~missing]
        try:  # nullable Int64 or float parents (NaN roots) against integer labels
            present = present.astype(labels.dtype)
        except (TypeError, ValueError):
            pass  # incomparable labels: reported as unknown below
        codes[~missing] = labels.get_indexer(pd.Index(present.to_numpy(), dtype=present.dtype))
        unknown = (codes < 0) & ~missing
        if unknown.any():
            bad = parents[unknown].unique()[:5].tolist()
            raise_error(NotFound, "unit_tree.unknown_parent", "parent labels not among the units",
                        Location(entity="unit tree", field=parent), f"unknown parents: {bad}")
        levels = None
        if unit_level is not None:
            column = source[unit_level]
            if isinstance(column.dtype, pd.CategoricalDtype):
                levels = column.cat.codes.to_numpy(np.int64) + 1
            else:
                levels = column.to_numpy(np.int64)
        sizes = None if size is None else source[size].to_numpy(np.float64)
        tree = UnitTree.from_parents(codes, levels, sizes)
        tree.labels = labels
        return tree
    if isinstance(source, (UnitTree, _scoring.UnitTree)):
        return _tree(source)
    tree = UnitTree.from_registry(source, measure)
    tree.labels = pd.Index(tree.org_ids, name="unit")
    return tree


def tree_labels(tree: UnitTree) -> pd.Index:
    """The labels of the tree's units: those attached by unit_tree(), else organisation ids
    for a registry tree, else 0..n-1."""
    tree = _tree(tree)
    labels = tree.labels
    if labels is not None:
        return pd.Index(labels)
    if tree.has_org_ids:
        return pd.Index(tree.org_ids)
    return pd.RangeIndex(len(tree))


def survey_answers(registry: Registry, scale: _scoring.ResponseScale, *, tree: Optional[UnitTree] = None,
                   unit: Literal["respondent", "target"] = "respondent",
                   dont_know: Literal["exclude", "not_satisfied"] = "exclude",
                   items: Optional[Sequence[str]] = None) -> pd.DataFrame:
    """A registry's survey responses as answers ready for :func:`rollup`: one row per
    (response, item) with columns ``response`` (id value), ``unit`` (organisation id value:
    the respondent household's level-4 unit, or with ``unit="target"`` the rated unit, a rated
    member counting for their home organisation), ``item`` and ``period`` (Categoricals, periods
    ordered in time), ``satisfied`` (bool), ``weight`` and, unless don't-know answers are kept as
    not satisfied (``dont_know="not_satisfied"``), ``score`` (the scale's 100-point score).

    ``scale`` is a :class:`ResponseScale`; ``items`` picks and orders the items (default: every
    answered item, sorted). ``tree`` defaults to ``unit_tree(registry)`` and must come from the
    same registry. Missing answers are left out; the counts of left-out answers are in
    ``frame.attrs["massline.survey_answers"]``. Then ``rollup(frame, tree, weight="weight",
    period="period", score="score")``.
    """
    tree = unit_tree(registry) if tree is None else _tree(tree)
    raw = _scoring.survey_answers(registry, tree._impl, scale, unit, dont_know, list(items or []))
    labels = [p.label for p in raw["periods"]]
    if len(set(labels)) != len(labels):  # e.g. a custom range labelled like a year: spell out the days
        labels = [f"{p.label} ({p.first}..{p.last})" for p in raw["periods"]]
    frame = pd.DataFrame({
        "response": raw["response"].astype(np.int64),
        "unit": tree.org_ids[raw["unit"]],
        "item": pd.Categorical.from_codes(raw["item"].astype(np.int64), categories=raw["item_names"]),
        "period": pd.Categorical.from_codes(raw["period"].astype(np.int64), categories=labels, ordered=True),
        "satisfied": raw["satisfied"].astype(bool),
        "weight": raw["weight"],
    })
    if raw["score"] is not None:
        frame["score"] = raw["score"]
    frame.attrs["massline.survey_answers"] = {"dont_know": raw["dont_know"], "missing": raw["missing"]}
    return frame


def _unit_codes(values: pd.Series, labels: pd.Index) -> npt.NDArray[np.uint32]:
    if isinstance(labels, pd.RangeIndex) and pd.api.types.is_integer_dtype(values.dtype):
        codes = values.to_numpy(np.int64)
        unknown = (codes < 0) | (codes >= len(labels))
    else:
        codes = labels.get_indexer(values)
        unknown = codes < 0
    if unknown.any():
        bad = pd.unique(values[unknown])[:5].tolist()
        raise_error(NotFound, "rollup.unknown_unit", "units not in the tree",
                    Location(entity="rollup", field=str(values.name)), f"{bad} ({int(unknown.sum())} rows)")
    return codes.astype(np.uint32)


def _factor(values: pd.Series, sort: bool = True) -> Tuple[npt.NDArray[np.uint32], pd.Index, bool]:
    """(codes as uint32, categories, ordered) keeping a Categorical's own categories and order."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        if values.isna().any():
            _missing_values(values)
        return values.cat.codes.to_numpy(np.uint32), values.cat.categories, bool(values.cat.ordered)
    codes, categories = pd.factorize(values, sort=sort)
    if (codes < 0).any():
        _missing_values(values)
    return codes.astype(np.uint32), pd.Index(categories), True


def _missing_values(values: pd.Series) -> NoReturn:
    raise_error(InvalidArgument, "rollup.missing_value", f"column {values.name!r} has missing values",
                Location(entity="rollup", field=str(values.name)), f"{int(values.isna().sum())} rows have none")


def _column(frame: pd.DataFrame, name: Optional[str], dtype: Any) -> Optional[np.ndarray]:
    return None if name is None else np.ascontiguousarray(frame[name].to_numpy(dtype))


def rollup(frame: pd.DataFrame, tree: UnitTree, *, unit: str = "unit", item: str = "item",
           satisfied: str = "satisfied", weight: Optional[str] = None, period: Optional[str] = None,
           score: Optional[str] = None, by: Literal["respondents", "households"] = "respondents",
           confidence: float = 0.95, threads: int = 1) -> pd.DataFrame:
    """Roll up answers in the long layout (one row per answer) through ``tree``.

    Columns used: ``unit`` (tree labels: the respondent's grid or the rated unit), ``item``,
    ``satisfied`` (bool or 0/1; rows where it is missing are not answers and are dropped),
    optional ``weight`` (positive survey weights), ``period`` (an ordered Categorical keeps its
    order, otherwise periods are sorted) and ``score`` (for a weighted mean score).

    ``by="respondents"`` pools every answer below a unit; ``by="households"`` weighs each
    unit's own rate by its size from the tree (docs/rollup.md). Returns one row per (unit,
    item, period) with answers: level, unit, item, [period], n, satisfied, weight, n_eff,
    rate, low, high, [mean_score], sorted by level, unit, item, period; the frame's
    ``attrs["massline.rollup"]`` records confidence and weighting.
    """
    unique_columns(frame, "frame")
    answered = frame[satisfied].notna().to_numpy()
    if not answered.all():
        frame = frame.loc[answered]
    tree = _tree(tree)
    labels = tree_labels(tree)
    units = _unit_codes(frame[unit], labels)
    items, item_labels, _ = _factor(frame[item])
    sat = frame[satisfied].to_numpy()
    if sat.dtype != np.bool_:
        sat_f = sat.astype(np.float64)
        if not np.isin(sat_f, (0.0, 1.0)).all():
            bad = pd.unique(sat[~np.isin(sat_f, (0.0, 1.0))])[:5].tolist()
            raise_error(InvalidArgument, "rollup.satisfied", f"column {satisfied!r} must hold 0/1 or booleans",
                        Location(entity="rollup", field=satisfied), f"got {bad}")
        sat = sat_f
    sat = np.ascontiguousarray(sat.astype(np.uint8))
    periods, period_labels = None, None
    if period is not None:
        periods, period_labels, _ = _factor(frame[period])
    result = _scoring.rollup_long(
        tree._impl, units, items, sat, items=max(len(item_labels), 1), weight=_column(frame, weight, np.float64),
        period=periods, score=_column(frame, score, np.float64),
        periods=1 if period_labels is None else max(len(period_labels), 1), by=by, confidence=confidence,
        threads=threads)
    return _result_frame(result, tree, labels, item_labels, period_labels)


def rollup_wide(frame: pd.DataFrame, tree: UnitTree, items: Sequence[str], *, unit: str = "unit",
                weight: Optional[str] = None, period: Optional[str] = None, scores: Optional[Sequence[str]] = None,
                by: Literal["respondents", "households"] = "respondents", confidence: float = 0.95,
                threads: int = 1) -> pd.DataFrame:
    """Roll up responses in the wide layout: one row per response, one column per item in
    ``items`` holding 1/True (satisfied), 0/False (not) or NaN (not answered). ``scores``
    optionally names one score column per item. Same result as :func:`rollup`."""
    unique_columns(frame, "frame")
    tree = _tree(tree)
    labels = tree_labels(tree)
    units = _unit_codes(frame[unit], labels)
    values = frame[list(items)].to_numpy(np.float64)
    missing = np.isnan(values)
    ok = missing | (values == 0.0) | (values == 1.0)
    if not ok.all():
        bad = pd.unique(values[~ok])[:5].tolist()
        raise_error(InvalidArgument, "rollup.satisfied", "item columns must hold 0/1, booleans or NaN",
                    Location(entity="rollup wide", field="items"), f"got {bad}")
    matrix = np.where(missing, -1, values).astype(np.int8)
    periods, period_labels = None, None
    if period is not None:
        periods, period_labels, _ = _factor(frame[period])
    score_matrix = None
    if scores is not None:
        if len(scores) != len(items):
            raise_error(InvalidArgument, "rollup.shape", "give one score column per item",
                        Location(entity="rollup wide", field="scores"), f"{len(scores)} scores for {len(items)} items")
        score_matrix = np.ascontiguousarray(frame[list(scores)].to_numpy(np.float64))
    result = _scoring.rollup_wide(
        tree._impl, units, matrix, weight=_column(frame, weight, np.float64), period=periods, score=score_matrix,
        periods=1 if period_labels is None else max(len(period_labels), 1), by=by, confidence=confidence,
        threads=threads)
    return _result_frame(result, tree, labels, pd.Index(list(items)), period_labels)


def _result_frame(result: RollupResult, tree: UnitTree, labels: pd.Index, item_labels: pd.Index,
                  period_labels: Optional[pd.Index]) -> pd.DataFrame:
    n = result.n
    cells = np.flatnonzero(n > 0)
    per_unit = result.periods * result.items
    unit_index = cells // per_unit
    rest = cells % per_unit
    period_index = rest // result.items
    item_index = rest % result.items
    levels = np.asarray(tree.levels)[unit_index].astype(np.int64)
    columns = {
        "level": levels,
        "unit": labels.take(unit_index),
        "item": pd.Categorical.from_codes(item_index.astype(np.int64), categories=item_labels),
    }
    if period_labels is not None:
        columns["period"] = pd.Categorical.from_codes(period_index.astype(np.int64), categories=period_labels,
                                                      ordered=True)
    columns.update({
        "n": n[cells].astype(np.int64),
        "satisfied": result.satisfied[cells].astype(np.int64),
        "weight": result.weight[cells],
        "n_eff": result.n_eff[cells],
        "rate": result.rate[cells],
        "low": result.low[cells],
        "high": result.high[cells],
    })
    mean = result.mean_score
    if mean is not None:
        columns["mean_score"] = mean[cells]
    out = pd.DataFrame(columns)
    order = np.argsort(levels, kind="stable")
    out = out.iloc[order].reset_index(drop=True)
    out.attrs[_ATTRS_KEY] = {"confidence": result.confidence, "by": result.by}
    return out


def _confidence(rolled: pd.DataFrame, confidence: Optional[float]) -> float:
    if confidence is not None:
        return float(confidence)
    meta = rolled.attrs.get(_ATTRS_KEY)
    if meta is None:
        raise_error(InvalidArgument, "rollup.no_confidence", "the frame does not come from rollup()",
                    Location(entity="trend", field="confidence"), "pass confidence= explicitly")
    return float(meta["confidence"])


def _group_codes(rolled: pd.DataFrame, keys: Iterable[str]) -> np.ndarray:
    keys = [k for k in keys if k in rolled.columns]
    if not keys:
        return np.zeros(len(rolled), dtype=np.uint64)
    return rolled.groupby(keys, observed=True, sort=False).ngroup().to_numpy(np.uint64)


def _estimates(rolled: pd.DataFrame) -> Tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    return (np.ascontiguousarray(rolled["n"].to_numpy(np.uint64)),
            np.ascontiguousarray(rolled["rate"].to_numpy(np.float64)),
            np.ascontiguousarray(rolled["low"].to_numpy(np.float64)),
            np.ascontiguousarray(rolled["high"].to_numpy(np.float64)))


@renamed(level="unit_level")
def accountability(rolled: pd.DataFrame, threshold: float, *, basis: Literal["estimate", "upper_bound"] = "estimate",
                   min_n: int = 1, unit_level: Optional[int] = None, include_all: bool = False) -> pd.DataFrame:
    """Apply the accountability rule to a :func:`rollup` frame.

    ``threshold`` is the policy's satisfaction line (no default: the standard policy uses
    0.8). ``basis="estimate"`` flags rate < threshold; ``basis="upper_bound"`` flags only when
    the interval's upper bound is below it. Cells with fewer than ``min_n`` answers are not
    judged; with ``unit_level`` only the units on that tree level are. Returns the flagged
    rows (all judged and unjudged rows with ``include_all``) with columns ``verdict``
    ("flagged", "clear", "insufficient_sample"), ``rule`` and ``threshold`` added, so each
    flag records rule, unit, period, n, estimate and interval.
    """
    unique_columns(rolled, "rolled")
    rule = AccountabilityRule(threshold, basis, min_n)
    frame = rolled if unit_level is None else rolled.loc[rolled["level"] == unit_level]
    n, rate, _, high = _estimates(frame)
    verdict = rule.judge_rows(n, rate, high)
    names = np.array(["insufficient_sample", "clear", "flagged"], dtype=object)[verdict.astype(np.int64) + 1]
    out = frame.assign(verdict=names, rule=rule.describe(), threshold=rule.threshold)
    if not require_flag(include_all, "include_all"):
        out = out.loc[verdict == 1]
    return out.reset_index(drop=True)


def trend(rolled: pd.DataFrame, *, confidence: Optional[float] = None, newcombe: bool = True, min_n: int = 1,
          bridge_gaps: bool = False) -> pd.DataFrame:
    """Change of each unit's rate on each item between consecutive periods of a
    :func:`rollup` frame (which needs a period column).

    The test is the pooled two-proportion z test on the effective sample sizes (two-sided
    p-value); with ``newcombe`` the difference gets Newcombe's hybrid score interval at
    ``confidence`` (default: the roll-up's). Periods with fewer than ``min_n`` answers are
    skipped; a gap breaks the chain unless ``bridge_gaps``. Returns level, unit, item,
    period_from, period_to, n_from, n_to, rate_from, rate_to, change, z, p_value, low, high.
    """
    unique_columns(rolled, "rolled")
    if "period" not in rolled.columns:
        raise_error(InvalidArgument, "trend.no_period", "trend() needs a roll-up with a period column",
                    Location(entity="trend", field="period"), f"columns: {list(rolled.columns)}")
    conf = _confidence(rolled, confidence)
    period = rolled["period"]
    if isinstance(period.dtype, pd.CategoricalDtype):
        position = period.cat.codes.to_numpy(np.int64)
        period_labels = period.cat.categories
    else:
        position, period_labels = pd.factorize(period, sort=True)
    frame = rolled.assign(_position=position).loc[rolled["n"].to_numpy() >= min_n]
    frame = frame.sort_values(["level", "unit", "item", "_position"], kind="stable")
    key_cols = ["level", "unit", "item"]
    same = np.ones(len(frame), dtype=bool)
    for k in key_cols:
        values = frame[k].to_numpy()
        same[1:] &= values[1:] == values[:-1]
    same[0:1] = False
    pos = frame["_position"].to_numpy()
    step = np.zeros(len(frame), dtype=np.int64)
    step[1:] = pos[1:] - pos[:-1]
    keep = same & ((step == 1) | (bridge_gaps & (step > 0)))
    later = np.flatnonzero(keep)
    earlier = later - 1
    n_eff = frame["n_eff"].to_numpy(np.float64)
    rate = frame["rate"].to_numpy(np.float64)
    test = _scoring.rollup_compare_proportions(
        np.ascontiguousarray(rate[earlier]), np.ascontiguousarray(n_eff[earlier]),
        np.ascontiguousarray(rate[later]), np.ascontiguousarray(n_eff[later]), confidence=conf, newcombe=newcombe)
    out = pd.DataFrame({
        "level": frame["level"].to_numpy()[later],
        "unit": frame["unit"].to_numpy()[later],
        "item": frame["item"].iloc[later].to_numpy(),
        "period_from": pd.Categorical.from_codes(pos[earlier], categories=period_labels, ordered=True),
        "period_to": pd.Categorical.from_codes(pos[later], categories=period_labels, ordered=True),
        "n_from": frame["n"].to_numpy()[earlier],
        "n_to": frame["n"].to_numpy()[later],
        "rate_from": rate[earlier],
        "rate_to": rate[later],
        "change": test["difference"],
        "z": test["z"],
        "p_value": test["p_value"],
        "low": test["low"],
        "high": test["high"],
    })
    if isinstance(rolled["item"].dtype, pd.CategoricalDtype):
        out["item"] = pd.Categorical(out["item"], categories=rolled["item"].cat.categories)
    return out


def rank(rolled: pd.DataFrame, *, by: Literal["rate", "low", "high"] = "rate", min_n: int = 1,
         ascending: bool = False) -> pd.DataFrame:
    """Rank units within each (level, item, period) of a :func:`rollup` frame.

    ``by`` is "rate", "low" (cautious: only surely good units rank high) or "high". Best
    first (largest value) unless ``ascending``; ties share the smallest rank (1, 2, 2, 4).
    Units with fewer than ``min_n`` answers are left out. Returns the ranked rows with a
    ``rank`` column, sorted by level, item, period, rank.
    """
    unique_columns(rolled, "rolled")
    groups = _group_codes(rolled, ["level", "item", "period"])
    n, rate, low, high = _estimates(rolled)
    ranks = _scoring.rollup_rank_rows(groups, n, rate, low, high, by=by, min_sample=min_n, descending=not require_flag(ascending, "ascending"))
    out = rolled.assign(rank=ranks.astype(np.int64)).loc[ranks > 0]
    keys = [k for k in ("level", "item", "period") if k in out.columns] + ["rank"]
    return out.sort_values(keys, kind="stable").reset_index(drop=True)


def red_black(rolled: pd.DataFrame, *, red: Optional[int] = None, black: Optional[int] = None,
              red_at_least: Optional[float] = None, black_below: Optional[float] = None,
              bounds: bool = False, min_n: int = 1) -> pd.DataFrame:
    """Red (honour) and black (shame) lists within each (level, item, period).

    Either counts — ``red`` best and ``black`` worst units (ties at the cut all listed; a red
    unit is never also black) — or thresholds — red when the rate is at least
    ``red_at_least``, black when it is below ``black_below``. With ``bounds`` red compares the
    lower and black the upper bound of the interval, so only clear cases are listed. Returns
    the listed rows with a ``list`` column ("red" or "black").
    """
    unique_columns(rolled, "rolled")
    groups = _group_codes(rolled, ["level", "item", "period"])
    n, rate, low, high = _estimates(rolled)
    marks = _scoring.rollup_list_rows(groups, n, rate, low, high, red=red, black=black, red_at_least=red_at_least,
                                      black_below=black_below, use_bounds=bounds, min_sample=min_n)
    listed = marks != 0
    out = rolled.loc[listed].assign(list=np.where(marks[listed] > 0, "red", "black"))
    keys = [k for k in ("level", "item", "period") if k in out.columns]
    out = out.assign(_order=np.where(out["list"] == "red", -out["rate"], out["rate"]))
    out = out.sort_values(keys + ["list", "_order"], ascending=[True] * len(keys) + [False, True], kind="stable")
    return out.drop(columns="_order").reset_index(drop=True)
