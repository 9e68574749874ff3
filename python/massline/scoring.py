"""Satisfaction scoring: rates with intervals, 100-point scores, survey weights and raking,
AHP / entropy / combined weights, TOPSIS, fuzzy comprehensive evaluation and indicator systems.

    >>> from massline import scoring
    >>> scale = scoring.ResponseScale.likert(5).with_dont_know(9)      # top-2-box by default
    >>> scoring.proportion_interval(81, 263, method="wilson")          # doctest: +ELLIPSIS
    (0.2552885198782..., 0.3662095769828...)
    >>> table = scoring.rates(frame, item="Q2_6", scale=scale, target="district")  # doctest: +SKIP

The engines are C++ (massline/scoring/*.hpp); this module adds pandas in and out. Formulas,
options and defaults are in docs/scoring.md. Conventions:

* option values are snake_case strings: ``method="wilson" | "agresti_coull" | "wald" |
  "clopper_pearson"``, ``normalization="vector" | "minmax" | "proportion"``...;
* "don't know" and missing answers are counted separately; by default both are left out of
  the denominator (``dont_know="not_satisfied"`` keeps don't-know as not satisfied);
* with survey weights, intervals use Kish's effective sample size n_eff = (Σw)²/Σw²;
* undefined results (a rate with no valid answer, an interval from one observation) are NaN
  in frames and None in objects;
* a confidence level is ``confidence=`` everywhere (``proportion_interval`` also keeps its
  fixed spelling ``level=``); docs/python.md lists the option vocabulary.
"""
from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Dict, List, Literal, Optional, Tuple, Union

import numpy as np
import numpy.typing as npt
import pandas as pd

from ._core import io as _io
from ._core import scoring as _cs
from ._core.core import InvalidArgument, Location
from ._core.scoring import (
    RANDOM_INDEX_TABLES,
    AhpResult,
    ClassifiedAnswer,
    EntropyResult,
    FuzzyEvaluation,
    MeanEstimate,
    RandomIndexTable,
    ResponseScale,
    ScaleCategory,
    TopsisResult,
    ahp_weights,
    beta_quantile,
    check_pairwise_matrix,
    combine_weights,
    entropy_analysis,
    entropy_weights,
    fuzzy_evaluate,
    kish_effective_sample_size,
    membership_from_counts,
    normal_quantile,
    normalize_columns,
    pairwise_from_upper,
    student_t_quantile,
    topsis,
    topsis_analysis,
)
from ._errors import raise_error
from ._facade import Facade, publish
from ._labels import align, by_names, matrix_by_names, unique_columns, unique_labels
from ._options import renamed, renamed_attribute, synonyms

__all__ = [
    # answers and scales
    "ResponseScale",
    "ScaleCategory",
    "ClassifiedAnswer",
    "classify",
    # intervals and rates
    "proportion_interval",
    "mean_interval",
    "MeanEstimate",
    "kish_effective_sample_size",
    "normal_quantile",
    "student_t_quantile",
    "beta_quantile",
    "rates",
    "RATE_COLUMNS",
    # survey weights
    "rake",
    # AHP and weights
    "ahp_weights",
    "AhpResult",
    "RandomIndexTable",
    "RANDOM_INDEX_TABLES",
    "check_pairwise_matrix",
    "pairwise_from_upper",
    "entropy_weights",
    "entropy_analysis",
    "EntropyResult",
    "combine_weights",
    "normalize_columns",
    # ranking and evaluation
    "topsis",
    "topsis_analysis",
    "TopsisResult",
    "fuzzy_evaluate",
    "FuzzyEvaluation",
    "membership_from_counts",
    # indicator systems
    "IndicatorSystem",
    "IndicatorEvaluation",
]

#: Columns of :func:`rates` after the group keys, in order.
RATE_COLUMNS = (
    "responses",       # answers seen: valid + dont_know + missing
    "valid",           # answers on the scale
    "dont_know",
    "missing",
    "denominator",     # valid (+ dont_know under dont_know="not_satisfied")
    "satisfied",       # unweighted count
    "weight_total",    # Σw over the denominator
    "effective_size",  # Kish n_eff over the denominator
    "rate",
    "rate_low",
    "rate_high",
    "score",           # mean 100-point score over valid answers
    "score_low",
    "score_high",
    "score_se",
)


_IntervalMethod = Literal["wilson", "agresti_coull", "wald", "clopper_pearson"]


@synonyms(confidence="level")
def proportion_interval(x: float, n: float, method: _IntervalMethod = "wilson", level: float = 0.95,
                        clip: bool = False, *, confidence: Optional[float] = None) -> Tuple[float, float]:
    """Interval (low, high) for the proportion x/n at confidence ``level`` (also spelt
    ``confidence=``; give one): method "wilson", "agresti_coull", "wald" or
    "clopper_pearson"; ``clip`` clips Wald and Agresti-Coull bounds to [0, 1]."""
    return _cs.proportion_interval(x, n, method, level, clip)


@renamed(level="confidence")
def mean_interval(values: Sequence[float], weights: Optional[Sequence[float]] = None,
                  confidence: float = 0.95) -> MeanEstimate:
    """Mean with its Student-t interval at ``confidence``; with weights, Kish's n_eff replaces n.
    Two Series are matched by index (see docs/python.md, "pandas inputs")."""
    values, weights = align(values, weights, ("values", "weights"))
    return _cs.mean_interval(values, weights, confidence)


def _codes(values: pd.Series, scale: ResponseScale) -> np.ndarray:
    """float64 codes of a column: numbers as they are, labels through the scale, NA as NaN."""
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
        return values.astype("float64").to_numpy(dtype="float64", na_value=np.nan)
    lookup: dict[Any, float] = {c.label: c.code for c in scale.categories}
    lookup.update({label: code for code, label in scale.dont_know_codes})
    out = np.empty(len(values), dtype="float64")
    for i, value in enumerate(values.to_numpy(dtype=object)):
        if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)) or value == "":
            out[i] = np.nan
        elif isinstance(value, str):
            if value not in lookup:
                scale.classify_label(value)  # raises massline.InvalidArgument("scale.unknown_code")
            out[i] = lookup[value]
        else:
            out[i] = float(value)
    return out


def classify(values: Union[pd.Series, Sequence[Any], np.ndarray], scale: ResponseScale) -> pd.DataFrame:
    """Classify answers: one row per value with ``kind`` ('valid', 'dont_know', 'missing'),
    ``score`` (100-point, NaN unless valid) and ``satisfied``. Labels are accepted for
    discrete scales. Unknown codes raise :class:`massline.InvalidArgument`."""
    series = values if isinstance(values, pd.Series) else pd.Series(list(values) if not isinstance(values, np.ndarray) else values)
    kind, score, satisfied = scale._classify_array(_codes(series, scale))
    kinds = pd.Categorical.from_codes(kind.astype("int64"), categories=["valid", "dont_know", "missing"])
    return pd.DataFrame({"kind": kinds, "score": score, "satisfied": satisfied}, index=series.index)


def _keys(target: Any, period: Any) -> List[Any]:
    keys: List[Any] = []
    for key in (target, period):
        if key is None:
            continue
        if isinstance(key, (list, tuple)):
            keys.extend(key)
        else:
            keys.append(key)
    return keys


@renamed(level="confidence")
def rates(
    frame: pd.DataFrame,
    item: Union[str, Sequence[str]],
    scale: ResponseScale,
    *,
    target: Any = None,
    period: Any = None,
    weight: Optional[str] = None,
    dont_know: Literal["exclude", "not_satisfied"] = "exclude",
    method: _IntervalMethod = "wilson",
    confidence: float = 0.95,
    clip: bool = False,
) -> pd.DataFrame:
    """Satisfaction rate and mean 100-point score per group, with intervals.

    ``frame`` holds one row per respondent; ``item`` names the answer column (or a list of
    columns: the result then has an ``item`` column, in the order given); ``target`` and
    ``period`` name the grouping columns (a name, a list of names, or None). Answers may be
    codes or, for discrete scales, labels such as "满意". ``weight`` names a column of
    positive survey weights. ``dont_know`` is "exclude" (default) or "not_satisfied";
    ``method`` the rate interval ("wilson", "agresti_coull", "wald", "clopper_pearson") and
    ``confidence`` the level of both intervals; the score interval is always Student t.
    Returns one row per group, sorted by the keys, with the key columns then
    :data:`RATE_COLUMNS`.
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"rates() needs a pandas DataFrame, got {type(frame).__name__}")
    unique_columns(frame)
    items = [item] if isinstance(item, str) else list(item)
    if not items:
        raise_error(InvalidArgument, "rates.shape", "no item given", "", "pass a column name or a list of them")
    keys = _keys(target, period)
    for name in [*items, *keys, *([weight] if weight is not None else [])]:
        if name not in frame.columns:
            raise_error(InvalidArgument, "rates.shape", f"column {name!r} not in the frame", "",
                        f"columns: {list(frame.columns)}")
    multi = not isinstance(item, str)
    if multi:
        if "item" in keys:
            raise_error(InvalidArgument, "rates.shape", "a key column is called 'item'", "",
                        "rename it: the result adds an 'item' column")
        extra = [weight] if weight is not None else []
        parts = []
        for name in items:
            part = frame[keys + extra].copy()
            part["item"] = name
            part["_answer"] = _codes(frame[name], scale)
            parts.append(part)
        long = pd.concat(parts, ignore_index=True)
        long["item"] = pd.Categorical(long["item"], categories=items, ordered=True)
        keys = keys + ["item"]
        codes = long["_answer"].to_numpy(dtype="float64")
    else:
        long = frame
        codes = _codes(frame[items[0]], scale)
    weights = None if weight is None else long[weight].to_numpy(dtype="float64", na_value=np.nan)
    if keys:
        grouped = long.groupby(keys, sort=True, dropna=False, observed=True)
        groups = grouped.ngroup().to_numpy(dtype="int64")
        count = int(grouped.ngroups)
    else:
        groups = np.zeros(len(long), dtype="int64")
        count = 1
    columns = _cs._grouped_rates(codes, groups, count, weights, scale, method, confidence, clip, dont_know)
    result = pd.DataFrame({name: columns[name] for name in RATE_COLUMNS}) if columns else pd.DataFrame(
        {name: [] for name in RATE_COLUMNS})
    if keys:
        labels = long[keys].assign(_group=groups).drop_duplicates("_group").sort_values("_group")
        labels = labels.drop(columns="_group").reset_index(drop=True)
        result = pd.concat([labels, result], axis=1)
    return result


def rake(
    frame: pd.DataFrame,
    margins: Mapping[str, Union[Mapping[Any, float], pd.Series]],
    *,
    weight: Optional[str] = None,
    tolerance: float = 1e-10,
    max_iterations: int = 100,
) -> pd.Series:
    """Rake survey weights to known population margins (iterative proportional fitting).

    ``margins`` maps a column name to its population totals per category, e.g.
    ``{"district": {1: 1.4e5, 2: 1.5e5, ...}, "sex": pd.Series({"M": ..., "F": ...})}``. Every
    value in a raked column must be one of its margin's categories. ``weight`` names the base
    weights (default 1). Returns the raked weights as a Series aligned with ``frame`` (its
    ``attrs`` hold ``iterations`` and ``max_deviation``). Raises
    :class:`massline.InvalidArgument` for margins that do not fit the data (unknown category,
    category with a positive target but no respondent, totals that differ) and
    :class:`massline.ConvergenceError` when the sweeps do not reach the tolerance.
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"rake() needs a pandas DataFrame, got {type(frame).__name__}")
    unique_columns(frame)
    names: List[str] = []
    categories: List[np.ndarray] = []
    targets: List[List[float]] = []
    for column, margin in margins.items():
        if column not in frame.columns:
            raise_error(InvalidArgument, "raking.invalid", f"column {column!r} not in the frame", "",
                        f"columns: {list(frame.columns)}")
        margin = pd.Series(margin) if not isinstance(margin, pd.Series) else margin
        unique_labels(margin.index, f"margins[{column!r}]")
        index = {key: i for i, key in enumerate(margin.index)}
        values = frame[column]
        mapped = values.map(index)
        unknown = values[mapped.isna()]
        if len(unknown):
            raise_error(InvalidArgument, "raking.invalid",
                        f"value {unknown.iloc[0]!r} of column {column!r} has no margin", f"raking variable '{column}'",
                        f"{len(unknown)} respondents have values outside the margin's categories {list(margin.index)}")
        names.append(str(column))
        categories.append(mapped.to_numpy(dtype="int64"))
        targets.append([float(v) for v in margin.to_numpy(dtype="float64")])
    base = [] if weight is None else frame[weight].to_numpy(dtype="float64")
    raked, iterations, deviation = _cs._rake(names, categories, targets, base, tolerance, max_iterations)
    out = pd.Series(raked, index=frame.index, name="weight")
    out.attrs["iterations"] = iterations
    out.attrs["max_deviation"] = deviation
    return out


@dataclass
class IndicatorEvaluation:
    """Result of :meth:`IndicatorSystem.evaluate`.

    ``scores``: units × indicators (every node, root first), 0–100. ``weights``: one row per
    indicator with ``parent``, ``leaf``, ``local_weight`` (among its siblings) and
    ``global_weight`` (product up to the root). ``ahp``: AHP diagnostics of the groups that
    use AHP, by group name.
    """

    scores: pd.DataFrame
    weights: pd.DataFrame
    ahp: Dict[str, AhpResult] = field(default_factory=dict)


_Node = Union[int, str]
_Matrix = Union[npt.ArrayLike, pd.DataFrame]
_RandomIndex = Union[str, RandomIndexTable, Sequence[float]]
_EntropyNormalization = Literal["proportion", "minmax", "vector"]


class IndicatorSystem(Facade):
    """A tree of indicators (指标体系) evaluated on a table of units.

        >>> system = IndicatorSystem("overall")
        >>> service = system.add_group(system.root, "service")
        >>> system.add_leaf(service, "satisfaction", key="Q2_6")                  # a 0-100 score
        >>> system.add_leaf(service, "coverage", source="objective_metric",
        ...                 normalization="bounds", lower=0, upper=1)
        >>> system.set_ahp_weights(service, [[1, 3], [1/3, 1]])
        >>> result = system.evaluate(frame)          # columns named after the leaves  # doctest: +SKIP

    Nodes are referred to by number (as returned by add_group/add_leaf) or by name. Groups
    weight their children equally unless set_fixed_weights, set_ahp_weights,
    set_entropy_weights or set_combined_weights says otherwise.

    A system is kept as a JSON file (docs/formats.md): :meth:`save` and :meth:`load`, or
    :meth:`to_json` and :meth:`from_json` for text. Pickling and copying go through the same
    format (without the structure check, so half-built systems round-trip too). The compiled
    massline::scoring::IndicatorSystem is ``_impl``.
    """

    _impl: _cs.IndicatorSystem

    def __init__(self, root_name: str) -> None:
        self._impl = _cs.IndicatorSystem(root_name)

    # ---- building -------------------------------------------------------------------------

    @property
    def root(self) -> int:
        """The root node (0)."""
        return self._impl.root

    def add_group(self, parent: _Node, name: str) -> int:
        """Adds a group under ``parent``; returns its node number."""
        return self._impl.add_group(parent, name)

    def add_leaf(
        self,
        parent: _Node,
        name: str,
        *,
        source: Literal["survey_item", "objective_metric"] = "survey_item",
        normalization: Literal["identity", "bounds", "minmax"] = "identity",
        direction: Literal["benefit", "cost"] = "benefit",
        lower: Optional[float] = None,
        upper: Optional[float] = None,
        tie_score: Optional[float] = None,
        key: str = "",
    ) -> int:
        """Adds a leaf under ``parent``; returns its node number. ``lower``/``upper`` are given
        exactly for normalization="bounds", ``tie_score`` only for "minmax"; ``key`` names
        the data column or item (docs/scoring.md)."""
        return self._impl.add_leaf(parent, name, source=source, normalization=normalization, direction=direction,
                                   lower=lower, upper=upper, tie_score=tie_score, key=key)

    def set_equal_weights(self, node: _Node) -> None:
        """The group weights its children equally (the default)."""
        self._impl.set_equal_weights(node)

    def set_fixed_weights(self, node: _Node, weights: Sequence[float]) -> None:
        """The group weights its children by ``weights`` (normalised to sum 1): in child order,
        or a Series (or dict) keyed by the children's names."""
        self._impl.set_fixed_weights(node, list(by_names(weights, self._child_names(node), "weights")))

    def set_ahp_weights(self, node: _Node, matrix: _Matrix, random_index: _RandomIndex = "saaty1980",
                        method: Literal["eigenvector", "geometric_mean"] = "eigenvector") -> None:
        """The group's weights come from an AHP pairwise matrix over its children (in child
        order, or a DataFrame labelled by the children's names on both axes)."""
        self._impl.set_ahp_weights(node, matrix_by_names(matrix, self._child_names(node), "matrix"), random_index, method)

    def set_entropy_weights(self, node: _Node, normalization: _EntropyNormalization = "proportion") -> None:
        """The group's weights come from the entropy of its children's values."""
        self._impl.set_entropy_weights(node, normalization)

    def set_combined_weights(
        self,
        node: _Node,
        *,
        fixed: Optional[Sequence[float]] = None,
        pairwise: Optional[_Matrix] = None,
        combination: Literal["multiplicative", "linear"] = "multiplicative",
        alpha: Optional[float] = None,
        normalization: _EntropyNormalization = "proportion",
        random_index: _RandomIndex = "saaty1980",
    ) -> None:
        """Subjective weights (``fixed`` or an AHP ``pairwise`` matrix, exactly one) combined
        with entropy weights; ``alpha`` (the subjective share) is given exactly for
        combination="linear"."""
        names = self._child_names(node) if fixed is not None or pairwise is not None else []
        fixed = None if fixed is None else list(by_names(fixed, names, "fixed"))
        pairwise = None if pairwise is None else matrix_by_names(pairwise, names, "pairwise")
        self._impl.set_combined_weights(node, fixed=fixed, pairwise=pairwise,
                                        combination=combination, alpha=alpha, normalization=normalization,
                                        random_index=random_index)

    def _child_names(self, node: _Node) -> List[str]:
        return [self._impl.name(child) for child in self._impl.children(node)]

    # ---- reading ----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._impl)

    def __repr__(self) -> str:
        return repr(self._impl)

    def name(self, node: _Node) -> str:
        """Name of ``node``."""
        return self._impl.name(node)

    def parent(self, node: _Node) -> Optional[int]:
        """Parent of ``node`` (None for the root)."""
        return self._impl.parent(node)

    def children(self, node: _Node) -> List[int]:
        """Children of ``node``, in the order they were added."""
        return self._impl.children(node)

    def is_leaf(self, node: _Node) -> bool:
        """Whether ``node`` is a leaf."""
        return self._impl.is_leaf(node)

    def find(self, name: str) -> int:
        """Node number of ``name`` (massline.NotFound when there is none)."""
        return self._impl.find(name)

    def leaves(self) -> List[int]:
        """Leaf nodes in the order they were added (the column order of evaluate)."""
        return self._impl.leaves()

    @property
    def node_names(self) -> List[str]:
        """Every node's name, in node order (root first)."""
        return self._impl.node_names

    @property
    def leaf_names(self) -> List[str]:
        """The leaves' names, in leaf order."""
        return self._impl.leaf_names

    def leaf_key(self, node: _Node) -> str:
        """The data key of leaf ``node``."""
        return self._impl.leaf_key(node)

    def check(self) -> None:
        """Raises massline.InvalidArgument unless every group has children and every weighting
        fits its children."""
        self._impl.check()

    #: Deprecated spelling of :meth:`check` (a throwing check is ``check()``; ``validate()``
    #: returns a list of problems, as on Registry). Removed in the next release.
    validate = renamed_attribute("validate", "check")

    # ---- the file format, pickling and copying -----------------------------------------------

    def to_json(self, indent: int = 2) -> str:
        """The system as JSON text (docs/formats.md); indent < 0 writes one line."""
        return _io.indicator_system_to_json(self._impl, indent)

    @classmethod
    def from_json(cls, text: str, source: str = "<string>") -> "IndicatorSystem":
        """Reads an indicator system from JSON text (format in docs/formats.md).

        The structure is validated; a ParseError names ``source``, the line and column of a
        syntax error, or the node and JSON pointer of a bad value.
        """
        return cls._wrap(_io.indicator_system_from_json(text, source))

    def save(self, path: Union[str, os.PathLike[str]]) -> None:
        """Writes the system as JSON; an existing file is replaced whole or left untouched."""
        _io.save_indicator_system(self._impl, path)

    @classmethod
    def load(cls, path: Union[str, os.PathLike[str]]) -> "IndicatorSystem":
        """Reads an indicator-system JSON file (errors as :meth:`from_json`, located in the file)."""
        return cls._wrap(_io.load_indicator_system(path))

    def __getstate__(self) -> Tuple[str]:
        return (_io.indicator_system_to_json(self._impl, -1),)

    def __setstate__(self, state: Tuple[str]) -> None:
        if not (isinstance(state, tuple) and len(state) == 1 and isinstance(state[0], str)):
            raise_error(InvalidArgument, "pickle.state", "bad IndicatorSystem state", "", "expected (json_text,)")
        self._impl = _io.indicator_system_from_json(state[0], "<pickle>", check_structure=False)

    # ---- evaluation ---------------------------------------------------------------------------

    def evaluate(self, values: Union[pd.DataFrame, npt.ArrayLike],
                 missing: Literal["error", "reweight"] = "error") -> IndicatorEvaluation:
        """Score every indicator for every unit.

        ``values``: a DataFrame with one column per leaf (named after the leaf; other columns
        are ignored) and one row per unit, or an array units × leaves in the order the leaves
        were added. ``missing``: "error" (default) or "reweight" (a group averages its present
        children, weights renormalised).
        """
        leaf_names = list(self.leaf_names)
        if isinstance(values, pd.DataFrame):
            unique_columns(values, "values")
            absent = [name for name in leaf_names if name not in values.columns]
            if absent:
                raise_error(InvalidArgument, "indicator.shape", "leaf values missing from the frame", "",
                            f"no column for {absent}")
            array = values[leaf_names].to_numpy(dtype="float64", na_value=np.nan)
            index = values.index
        else:
            array = np.asarray(values, dtype="float64")
            index = pd.RangeIndex(array.shape[0] if array.ndim == 2 else 0)
        scores, local, global_, ahp = self._impl._evaluate(array, missing)
        nodes = list(self.node_names)
        parents = [None if self.parent(i) is None else nodes[self.parent(i)] for i in range(len(nodes))]
        weights = pd.DataFrame(
            {
                "parent": parents,
                "leaf": [self.is_leaf(i) for i in range(len(nodes))],
                "local_weight": np.asarray(local),
                "global_weight": np.asarray(global_),
            },
            index=pd.Index(nodes, name="indicator"),
        )
        return IndicatorEvaluation(
            scores=pd.DataFrame(np.asarray(scores), index=index, columns=pd.Index(nodes, name="indicator")),
            weights=weights,
            ahp={nodes[i]: result for i, result in enumerate(ahp) if result is not None},
        )


# Engines written alongside this module: PLS path models and roll-ups up the unit tree.
from ._pls import PathModel, PathModelResult  # noqa: E402
from ._rollup import (  # noqa: E402
    AccountabilityRule,
    RollupResult,
    UnitTree,
    accountability,
    rank,
    red_black,
    rollup,
    rollup_wide,
    survey_answers,
    trend,
    tree_labels,
    unit_tree,
)
from . import _rollup  # noqa: E402

__all__ += ["PathModel", "PathModelResult", *_rollup.__all__]

# Compiled classes exported as they are report themselves as massline.scoring.X.
publish(__name__, globals(), __all__)
