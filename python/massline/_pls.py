"""PLS path modelling for customer-satisfaction-index (CSI) models, on pandas frames.

    >>> model = PathModel(
    ...     blocks={"IMAG": ["imag1", "imag2"], "SAT": ["sat1", "sat2"], "LOY": ["loy1", "loy2"]},
    ...     paths=[("IMAG", "SAT"), ("SAT", "LOY"), ("IMAG", "LOY")],
    ...     modes={"IMAG": "B"})
    >>> result = model.fit(frame)                 # doctest: +SKIP
    >>> result.paths.loc["SAT", "LOY"]            # doctest: +SKIP
    >>> boot = result.bootstrap(n=1000, seed=1)   # doctest: +SKIP

The engine is massline::scoring::pls::PathModel (C++, Eigen); formulas, stop rules and conventions
are in docs/pls.md. Conventions worth knowing:

* Latent-by-latent frames are indexed (from, to): ``result.paths.loc["SAT", "LOY"]`` is the
  coefficient of SAT -> LOY; entries without a path are 0.
* Per-indicator results (``weights``, ``loadings``, ...) are Series indexed by the manifest
  column name; ``result.block`` maps each manifest name to its latent variable.
* Latent scores have weighted mean 0 and weighted variance 1 with the sum of weights (n when
  unweighted) as denominator. Weights apply to the prepared indicators: standardised when
  ``standardize=True``, only centred otherwise.
* ``stop_rule="plspm"`` reproduces R plspm's early stop (use with ``tolerance=1e-6,
  max_iterations=100``).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Dict, List, Optional, Tuple, Union

import numpy as np
import numpy.typing as npt
import pandas as pd

from ._core import scoring as _cs
from ._core.core import InvalidArgument, Location
from ._errors import raise_error
from ._facade import Facade
from ._labels import align_to, unique_columns
from ._options import renamed, renamed_attribute, synonyms

__all__ = ["PathModel", "PathModelResult", "PathModelBootstrap"]

_MODES = {"a": _cs.PlsOuterMode.a, "b": _cs.PlsOuterMode.b, "a_consistent": _cs.PlsOuterMode.a_consistent}


def _normalise_paths(paths: Any) -> List[Tuple[str, str]]:
    """(from, to) pairs from a list of pairs or a mapping {to: [from, ...]}."""
    if isinstance(paths, Mapping):
        out = []
        for to, sources in paths.items():
            if isinstance(sources, str):
                sources = [sources]
            out.extend((str(source), str(to)) for source in sources)
        return out
    out = []
    for pair in paths:
        if isinstance(pair, str) or len(pair) != 2:
            raise_error(InvalidArgument, "pls.path_pair", "a path must be a (from, to) pair",
                        Location(entity="path model", field="paths"), f"got {pair!r}")
        out.append((str(pair[0]), str(pair[1])))
    return out


def _enum(enum_type: Any, value: Any, what: str) -> Any:
    if isinstance(value, enum_type):
        return value
    members = enum_type.__members__
    key = str(value).lower()
    if key not in members:
        raise_error(InvalidArgument, "pls.bad_option", f"unknown {what}", Location(entity="path model fit", field=what),
                    f"{value!r}; expected one of: {', '.join(members)}")
    return members[key]


class PathModel(Facade):
    """A PLS path model: named blocks of manifest columns and a DAG of inner paths (the
    compiled, validated model specification is ``_impl``). Pickles and copies.

    Parameters
    ----------
    blocks:
        ``{latent: [column, ...]}``, in the order results should list the latents.
    paths:
        ``[(from, to), ...]`` or ``{to: [from, ...]}``.
    modes:
        ``{latent: "A" | "B" | "A_consistent"}`` (case-insensitive); latents not named are
        Mode A (reflective). "A_consistent" is consistent PLS (PLSc, ADANCO's "Mode A
        consistent"): the block is a common factor, so its loadings, its correlations with the
        other constructs, and the paths and R² built on them are corrected for the composite's
        unreliability (rho_A); its scores stay the Mode A composite.
    """

    _impl: _cs.PlsModelSpec

    def __init__(self, blocks: Mapping[str, Sequence[str]], paths: Any,
                 modes: Optional[Mapping[str, str]] = None) -> None:
        if not isinstance(blocks, Mapping):
            raise TypeError("blocks must be a mapping {latent: [columns]}")
        modes = dict(modes or {})
        unknown = set(modes) - set(blocks)
        if unknown:
            raise_error(InvalidArgument, "pls.unknown_latent", "modes name unknown latents",
                        Location(entity="path model", field="modes"), f"{sorted(unknown)} are not blocks")
        self.blocks: Dict[str, List[str]] = {}
        for name, columns in blocks.items():
            if isinstance(columns, str):
                columns = [columns]
            self.blocks[str(name)] = [str(c) for c in columns]
        self.modes: Dict[str, str] = {
            name: str(modes.get(name, "A")).upper() for name in self.blocks}
        for name, mode in self.modes.items():
            if mode.lower() not in _MODES:
                raise_error(InvalidArgument, "pls.bad_option", f"mode of {name!r} must be 'A', 'B' or 'A_consistent'",
                            Location(entity=f"block {name}", field="mode"), f"got {mode!r}")
        self.paths: List[Tuple[str, str]] = _normalise_paths(paths)
        self._impl = _cs.PlsModelSpec(
            [(name, cols, _MODES[self.modes[name].lower()]) for name, cols in self.blocks.items()],
            self.paths)

    def __getstate__(self) -> Tuple[Dict[str, List[str]], List[Tuple[str, str]], Dict[str, str]]:
        return self.blocks, self.paths, self.modes

    def __setstate__(self, state: Tuple[Dict[str, List[str]], List[Tuple[str, str]], Dict[str, str]]) -> None:
        blocks, paths, modes = state
        self.__init__(blocks, paths, modes)  # type: ignore[misc]  # validated again, like any new model

    @property
    def latent_names(self) -> List[str]:
        """Latent variable names in block order."""
        return list(self.blocks)

    @property
    def indicators(self) -> List[str]:
        """Manifest column names, stacked in block order."""
        return [c for cols in self.blocks.values() for c in cols]

    @synonyms(tolerance="tol", max_iterations="max_iter")
    def fit(self, frame: pd.DataFrame, scheme: str = "centroid", standardize: bool = True,
            tol: float = 1e-10, max_iter: int = 300, weights: Union[npt.ArrayLike, str, None] = None,
            stop_rule: str = "max_abs_change", *, tolerance: Optional[float] = None,
            max_iterations: Optional[int] = None) -> "PathModelResult":
        """Fit the model to ``frame`` (one row per respondent).

        scheme: "centroid", "factorial" or "path". standardize: scale indicators to unit variance
        (False: only centre them). tol / max_iter, also spelt tolerance / max_iterations (give
        one spelling): stop-rule threshold and iteration cap (ArithmeticError /
        massline.ConvergenceError when the cap is reached). weights: survey weights, as an array
        of len(frame) or the name of a column of ``frame``. stop_rule: "max_abs_change"
        (default) or "plspm" (R plspm's rule).
        """
        options = _cs.PlsOptions(
            scheme=_enum(_cs.PlsInnerScheme, scheme, "scheme"), standardize=standardize,
            tolerance=float(tol), max_iterations=int(max_iter),
            stop_rule=_enum(_cs.PlsStopRule, stop_rule, "stop rule"))
        engine = _cs.PlsPathModel(self._impl, options)
        data = _FitData.from_frame(frame, self.indicators, weights)
        raw = engine.fit(data.values, data.columns, data.weights)
        return PathModelResult(self, engine, data, raw)

    def __repr__(self) -> str:
        blocks = ", ".join(f"{k}[{self.modes[k]}]:{len(v)}" for k, v in self.blocks.items())
        return f"PathModel({blocks}; {len(self.paths)} paths)"


class _FitData:
    """The numeric columns a fit reads, kept so bootstrap() can resample the same data."""

    def __init__(self, values: np.ndarray, columns: List[str], weights: Optional[np.ndarray],
                 index: pd.Index) -> None:
        self.values, self.columns, self.weights, self.index = values, columns, weights, index

    @classmethod
    def from_frame(cls, frame: Any, indicators: List[str], weights: Any) -> "_FitData":
        if not isinstance(frame, pd.DataFrame):
            frame = pd.DataFrame(frame)
        unique_columns(frame)
        # Columns the frame lacks are left to the engine, which names them (pls.unknown_column).
        present = [c for c in indicators if c in frame.columns]
        try:
            values = frame[present].to_numpy(dtype=np.float64)
        except (TypeError, ValueError) as error:
            bad = [c for c in present if not pd.api.types.is_numeric_dtype(frame[c])]
            raise_error(InvalidArgument, "pls.non_numeric", "PLS indicators must be numeric",
                        Location(entity="path model fit", field="frame"), f"non-numeric columns: {bad}", cause=error)
        w = None
        if weights is not None:
            if isinstance(weights, str):
                if weights not in frame.columns:
                    raise_error(InvalidArgument, "pls.unknown_column",
                                f"weights column {weights!r} is not in the frame",
                                Location(entity="path model fit", field="weights"), f"columns: {list(frame.columns)}")
                weights = frame[weights]
            else:
                weights = align_to(frame.index, weights, "weights", "frame")
            w = np.asarray(weights, dtype=np.float64).reshape(-1)
        return cls(np.asfortranarray(values), present, w, frame.index)


def _series(values: Any, index: Iterable[str], name: str) -> pd.Series:
    return pd.Series(np.array(values, dtype=float), index=list(index), name=name)


class PathModelResult(Facade):
    """Results of :meth:`PathModel.fit` as pandas objects (see the module docstring); the
    compiled result (numpy arrays) is ``_impl``, also public as :attr:`engine_result`."""

    _impl: _cs.PlsResult

    def __init__(self, model: PathModel, engine: _cs.PlsPathModel, data: _FitData, raw: _cs.PlsResult) -> None:
        self.model = model
        self._engine = engine
        self._data = data
        self._impl = raw
        lv = list(raw.latent_names)
        mv = list(raw.indicator_names)
        endo = [name for name, e in zip(lv, raw.endogenous) if e]
        square = lambda m: pd.DataFrame(np.array(m), index=pd.Index(lv, name="from"),  # noqa: E731
                                        columns=pd.Index(lv, name="to"))
        by_lv = lambda v, name: _series(v, lv, name)  # noqa: E731
        by_mv = lambda v, name: _series(v, mv, name)  # noqa: E731

        #: manifest name -> latent name
        self.block = pd.Series([lv[j] for j in raw.indicator_block], index=mv, name="block")
        self.weights = by_mv(raw.outer_weights, "weight")
        self.loadings = by_mv(raw.loadings, "loading")
        self.communality = by_mv(raw.communality, "communality")
        self.redundancy = by_mv(raw.redundancy, "redundancy")
        self.cross_loadings = pd.DataFrame(np.array(raw.cross_loadings), index=mv, columns=lv)
        self.scores = pd.DataFrame(np.array(raw.scores), index=data.index, columns=lv)
        self.latent_correlations = pd.DataFrame(np.array(raw.latent_correlations), index=lv, columns=lv)
        self.paths = square(raw.paths)
        self.direct_effects = square(raw.direct_effects)
        self.indirect_effects = square(raw.indirect_effects)
        self.total_effects = square(raw.total_effects)
        r2 = by_lv(raw.r_squared, "r_squared")
        adj = by_lv(raw.adjusted_r_squared, "adjusted_r_squared")
        self.r_squared = r2[endo]
        self.adjusted_r_squared = adj[endo]
        self.ave = by_lv(raw.ave, "ave")
        self.mean_redundancy = by_lv(raw.mean_redundancy, "mean_redundancy")
        self.composite_reliability = by_lv(raw.composite_reliability, "composite_reliability")
        self.cronbach_alpha = by_lv(raw.cronbach_alpha, "cronbach_alpha")
        self.cronbach_alpha_standardized = by_lv(raw.cronbach_alpha_standardized,
                                                 "cronbach_alpha_standardized")
        self.rho_a = by_lv(raw.rho_a, "rho_a")
        self.construct_reliability = by_lv(raw.construct_reliability, "construct_reliability")
        self.htmt = pd.DataFrame(np.array(raw.htmt), index=lv, columns=lv)
        self.gof = float(raw.gof)
        self.iterations = int(raw.iterations)
        self.final_change = float(raw.final_change)
        self.observations = int(raw.observations)
        self.weight_sum = float(raw.weight_sum)

        uni = raw.unidimensionality
        self.unidimensionality = pd.DataFrame({
            "mode": [model.modes[name] for name in lv],
            "mvs": [len(model.blocks[name]) for name in lv],
            "cronbach_alpha": [u.cronbach_alpha_standardized for u in uni],
            "dillon_goldstein_rho": [u.dillon_goldstein_rho for u in uni],
            "eig_1st": [u.first_eigenvalue for u in uni],
            "eig_2nd": [u.second_eigenvalue for u in uni],
        }, index=lv)
        self.outer_model = pd.DataFrame({
            "block": self.block, "weight": self.weights, "loading": self.loadings,
            "communality": self.communality, "redundancy": self.redundancy})
        self.inner_summary = pd.DataFrame({
            "type": ["Endogenous" if e else "Exogenous" for e in raw.endogenous],
            "r_squared": r2, "adjusted_r_squared": adj, "block_communality": self.ave,
            "mean_redundancy": self.mean_redundancy, "ave": self.ave}, index=lv)
        self.reliability = pd.DataFrame({
            "cronbach_alpha": self.cronbach_alpha,
            "cronbach_alpha_standardized": self.cronbach_alpha_standardized,
            "composite_reliability": self.composite_reliability, "rho_a": self.rho_a,
            "dillon_goldstein_rho": self.unidimensionality["dillon_goldstein_rho"],
            "ave": self.ave}, index=lv)
        rows = []
        for i, a in enumerate(lv):
            for j, b in enumerate(lv):
                if raw.total_effects[i, j] != 0 or raw.direct_effects[i, j] != 0:
                    rows.append((f"{a} -> {b}", a, b, raw.direct_effects[i, j],
                                 raw.indirect_effects[i, j], raw.total_effects[i, j]))
        self.effects = pd.DataFrame(
            [r[1:] for r in rows], index=[r[0] for r in rows],
            columns=["from", "to", "direct", "indirect", "total"])

    @property
    def engine_result(self) -> _cs.PlsResult:
        """The underlying massline._core.scoring.PlsResult (numpy arrays)."""
        return self._impl

    @renamed(level="confidence")
    def bootstrap(self, n: int = 1000, seed: int = 0, threads: Optional[int] = None,
                  confidence: float = 0.95) -> "PathModelBootstrap":
        """Percentile bootstrap with ``n`` resamples of the rows (survey weights travel with
        their rows) and intervals at ``confidence``. Resample b depends only on (seed, b):
        results are identical for any ``threads`` (None = all cores)."""
        # The compiled options convert (a non-number is a TypeError there, never a ValueError
        # from int("...") here) and check the ranges.
        options = _cs.PlsBootstrapOptions(resamples=n, seed=seed, threads=0 if threads is None else threads,
                                          confidence=confidence)
        runner = _cs.PlsBootstrap(self._engine, options)
        raw = runner.run(self._data.values, self._data.columns, self._data.weights)
        return PathModelBootstrap(self, raw)

    def __repr__(self) -> str:
        return (f"PathModelResult({len(self.weights)} indicators, {len(self.paths)} latents, "
                f"{self.iterations} iterations, GoF {self.gof:.4f})")


class PathModelBootstrap(Facade):
    """Bootstrap summaries: each table has columns estimate, mean, std_error, lower, upper
    (the percentile interval at ``confidence``).

    ``paths`` rows are the model's paths ("from -> to"); ``total_effects`` rows are every pair
    with a directed route; ``r_squared`` rows the endogenous latents; ``weights`` and
    ``loadings`` rows the manifest names. ``draws[name]`` holds the raw draws (rows = successful
    resamples) for name in paths, total_effects, r_squared, weights, loadings. The compiled
    result is ``_impl``.
    """

    _impl: _cs.PlsBootstrapResult
    level = renamed_attribute("level", "confidence")

    def __init__(self, result: PathModelResult, raw: _cs.PlsBootstrapResult) -> None:
        self._impl = raw
        lv = list(result.paths.index)
        mv = list(result.weights.index)
        self.resamples = int(raw.resamples)
        self.failed = int(raw.failed)
        self.failed_indices = list(raw.failed_indices)
        self.confidence = float(raw.confidence)
        self.draws: Dict[str, pd.DataFrame] = {}

        def table(stat: Any, keys: List[Any], labels: List[str], name: str) -> pd.DataFrame:
            flat = {k: np.array(getattr(stat, k)).reshape(-1, order="F")
                    for k in ("estimate", "mean", "std_error", "lower", "upper")}
            count = np.array(stat.estimate).shape[0]
            pos = [k if isinstance(k, int) else k[0] + count * k[1] for k in keys]
            self.draws[name] = pd.DataFrame(np.array(stat.draws)[:, pos], columns=labels)
            return pd.DataFrame({k: v[pos] for k, v in flat.items()}, index=labels)

        path_keys = [(lv.index(a), lv.index(b)) for a, b in result.model.paths]
        self.paths = table(raw.paths, path_keys, [f"{a} -> {b}" for a, b in result.model.paths],
                           "paths")
        total = np.array(raw.total_effects.estimate)
        reach = [(i, j) for i in range(len(lv)) for j in range(len(lv)) if total[i, j] != 0]
        self.total_effects = table(raw.total_effects, reach,
                                   [f"{lv[i]} -> {lv[j]}" for i, j in reach], "total_effects")
        endo = [lv.index(name) for name in result.r_squared.index]
        self.r_squared = table(raw.r_squared, endo, list(result.r_squared.index), "r_squared")
        self.weights = table(raw.outer_weights, list(range(len(mv))), mv, "weights")
        self.loadings = table(raw.loadings, list(range(len(mv))), mv, "loadings")

    def __repr__(self) -> str:
        return (f"PathModelBootstrap({self.resamples} resamples, {self.failed} failed, "
                f"confidence {self.confidence})")
