"""The satisfaction simulation (docs/simulation.md).

``Scenario.from_registry(registry, policy, **params)`` compiles a registry under a policy set;
``Scenario.preset(name, seed=0, **params)`` generates a synthetic preset first (every synth
parameter may be given then). ``run(scenario, replications, seed=0, threads=0)`` runs the
replications in parallel with the GIL released and returns a tidy pandas frame with the columns
``replication``, ``unit`` (the OrgId value of the reported unit), ``period`` ("YYYY-MM" or
"all"), ``metric`` and ``value``; ``frame.pivot_table(index=["replication", "unit", "period"],
columns="metric", values="value")`` gives one column per metric.

Parameters are the sim's own plus the synth levers (:func:`parameters` lists them with domains
and sources). Three keywords are not numbers: ``strategy`` (a :class:`Strategy` or its name:
"random", "need_first", "must_visit_first", "round_robin"), ``calendar`` (a
:class:`massline.WorkCalendar`; Saturday and Sunday off by default) and, for ``preset``,
``policy`` (a :class:`massline.PolicySet`; the standard set by default). Results are
bit-identical for a given (seed, replication) whatever ``threads`` is. Bad names or values raise
:class:`massline.InvalidArgument` naming the parameter; Ctrl-C cancels a run.
"""

from __future__ import annotations

import functools
import numbers
import pickle
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from ._core import sim as _sim
from ._core.core import InvalidArgument, Location, WorkCalendar
from ._core.model import Registry, SurveyResponse
from ._core.policy import PolicySet
from ._core.scoring import ResponseScale
from ._core.sim import Strategy
from ._core.synth import ParameterInfo
from ._errors import raise_error
from ._facade import Facade, publish

__all__ = ["Scenario", "Strategy", "run", "survey_responses", "survey_scale", "SURVEY_ITEM", "sweep", "grid", "latin_hypercube", "summarize", "parameters", "lever_names",
           "METRICS", "metric_range"]
publish(__name__, globals(), __all__)

#: The one item of the simulated year-end survey.
SURVEY_ITEM: str = _sim.SURVEY_ITEM

#: The metric names of a result frame, in their order.
METRICS: Tuple[str, ...] = tuple(_sim.metric_names())
_METRIC_RANGES: Dict[str, Tuple[float, float]] = dict(zip(METRICS, _sim.metric_ranges()))


def metric_range(metric: str) -> Tuple[float, float]:
    """The values ``metric`` can take, ``(low, high)`` (``high`` may be ``inf``): shares, their
    bounds and ``accountable`` in [0, 1]; counts and days from 0; ``survey_rank`` from 1;
    ``list_mark`` in [-1, 1]. :func:`summarize` clips its bands to it."""
    _check_metric(metric, "metric_range")
    return _METRIC_RANGES[metric]


def _check_metric(metric: object, where: str) -> None:
    if not isinstance(metric, str) or metric not in _METRIC_RANGES:
        raise_error(InvalidArgument, "sim.bad_parameter", "unknown metric", Location(entity=where, field="metric"),
                    f"{metric!r} is not a metric (known: {', '.join(METRICS)})")

_MAX_SEED = 2**64 - 1
_Value = Union[int, float, bool, str, Strategy, WorkCalendar, PolicySet]


def _strategy(value: object) -> Strategy:
    if isinstance(value, Strategy):
        return value
    if isinstance(value, str):
        if value not in Strategy.__members__:
            known = ", ".join(Strategy.__members__)
            raise_error(InvalidArgument, "sim.bad_parameter", "unknown strategy", Location(entity="sim parameters", field="strategy"),
                        f"{value!r} is not a strategy (known: {known})")
        return Strategy.__members__[value]
    raise TypeError(f"sim parameter 'strategy' must be a Strategy or its name, got {type(value).__name__}")


def _seed(seed: object, name: str = "seed") -> int:
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {type(seed).__name__}")
    if not 0 <= int(seed) <= _MAX_SEED:
        raise_error(InvalidArgument, "sim.bad_parameter", f"{name} out of range", Location(entity="sim", field=name),
                    f"{name}s are 0 .. 2**64-1, got {int(seed)}")
    return int(seed)


def _split(params: Dict[str, _Value], allow_policy: bool) -> Tuple[Dict[str, float], Strategy, WorkCalendar, Optional[PolicySet]]:
    values: Dict[str, float] = {}
    strategy = Strategy.round_robin
    calendar = WorkCalendar()
    policy: Optional[PolicySet] = None
    for name, value in params.items():
        if name == "strategy":
            strategy = _strategy(value)
        elif name == "calendar":
            if not isinstance(value, WorkCalendar):
                raise TypeError(f"sim parameter 'calendar' must be a WorkCalendar, got {type(value).__name__}")
            calendar = value
        elif name == "policy" and allow_policy:
            if not isinstance(value, PolicySet):
                raise TypeError(f"sim parameter 'policy' must be a PolicySet, got {type(value).__name__}")
            policy = value
        elif isinstance(value, numbers.Real) and not isinstance(value, (Strategy, WorkCalendar, PolicySet)):
            values[name] = float(value)
        else:
            raise TypeError(f"sim parameter {name!r} must be a number or bool, got {type(value).__name__}")
    return values, strategy, calendar, policy


class Scenario(Facade):
    """A compiled, immutable scenario: a population, a policy set, a calendar and the
    behavioural parameters. Build it with :meth:`from_registry` or :meth:`preset`."""

    def __init__(self) -> None:
        raise TypeError("build a Scenario with Scenario.from_registry(...) or Scenario.preset(...)")

    @classmethod
    def from_registry(cls, registry: Registry, policy: PolicySet, **params: _Value) -> "Scenario":
        """Compiles ``registry`` under ``policy`` (a :class:`massline.PolicySet`) with
        ``params`` (sim parameters, synth levers, ``strategy``, ``calendar``). Synth parameters
        that only shape a generated population are refused: the registry gives the structure."""
        if not isinstance(registry, Registry):
            raise TypeError(f"registry must be a Registry, got {type(registry).__name__}")
        if not isinstance(policy, PolicySet):
            raise TypeError(f"policy must be a PolicySet, got {type(policy).__name__}")
        values, strategy, calendar, _ = _split(params, allow_policy=False)
        return cls._wrap(_sim.Scenario.from_registry(registry, policy, values, strategy, calendar))

    @classmethod
    def preset(cls, name: str, seed: int = 0, **params: _Value) -> "Scenario":
        """Generates synth preset ``name`` ("quyuan", "wujiagang", "county") from ``seed`` with
        ``params`` (any synth parameter, sim parameters, ``strategy``, ``calendar``, ``policy``)
        and compiles it. The GIL is released while generating."""
        if not isinstance(name, str):
            raise TypeError(f"name must be a str, got {type(name).__name__}")
        values, strategy, calendar, policy = _split(params, allow_policy=True)
        chosen = policy if policy is not None else PolicySet.standard()
        return cls._wrap(_sim.Scenario.preset(name, _seed(seed), values, strategy, chosen, calendar))

    @property
    def households(self) -> int:
        """Households simulated."""
        return int(self._impl.households)

    @property
    def members(self) -> int:
        """Members with contact households."""
        return int(self._impl.members)

    @property
    def units(self) -> int:
        """Reported units."""
        return int(self._impl.units)

    @property
    def strategy(self) -> Strategy:
        """The visiting strategy."""
        return self._impl.strategy

    @property
    def periods(self) -> List[str]:
        """The period labels of a result: "YYYY-MM" per month of the horizon, then "all"."""
        return list(self._impl.period_labels)

    def units_frame(self) -> pd.DataFrame:
        """The reported units, one row each: ``unit`` (the OrgId value used in result frames),
        ``code``, ``name`` and ``level``; join it to a result frame on ``unit``."""
        cols = self._impl.unit_columns()
        return pd.DataFrame({"unit": cols["unit"].astype(np.int64), "code": list(cols["code"]),
                             "name": list(cols["name"]), "level": cols["level"].astype(np.int64)})

    def values(self) -> Dict[str, float]:
        """Every numeric parameter in force by name: the sim's own, then the synth levers."""
        return dict(self._impl.values())

    def with_params(self, **params: Union[int, float, bool, str, Strategy]) -> "Scenario":
        """The same scenario rebuilt with ``params`` changed (numbers by name, ``strategy``): a
        preset is generated again from its name and seed, so structural synth parameters
        (``delegate_contact_households``...) may change too; a registry scenario is compiled again
        from its own copy of the registry."""
        changes, strategy = _changes(params)
        return Scenario._wrap(self._impl.with_values(changes, strategy))

    # Pickling goes through how the scenario was built (preset name and seed, or the registry as
    # registry JSON, plus the values, strategy, policy set and calendar), never through the
    # compiled arrays: unpickling compiles again, deterministically, so runs are identical.
    def __getstate__(self) -> Any:
        recipe = dict(self._impl.recipe())
        registry = recipe.pop("registry")
        recipe["registry_json"] = None if registry is None else _registry_to_json(registry)
        recipe["strategy"] = recipe["strategy"].name
        recipe["values"] = dict(recipe["values"])
        return {"format": "massline.sim.Scenario", "version": 1, "recipe": recipe}

    def __setstate__(self, state: Any) -> None:
        if not isinstance(state, dict) or state.get("format") != "massline.sim.Scenario" or state.get("version") != 1:
            raise_error(InvalidArgument, "pickle.state", "bad Scenario state", "Scenario",
                        "expected a state pickled by massline.sim.Scenario (version 1)")
        r = state["recipe"]
        strategy = _strategy(r["strategy"])
        if r["registry_json"] is not None:
            registry = _registry_from_json(r["registry_json"], "<pickled scenario>")
            self._impl = _sim.Scenario.from_registry(registry, r["policy"], r["values"], strategy, r["calendar"])
        else:
            self._impl = _sim.Scenario.preset(r["preset"], _seed(r["seed"]), r["values"], strategy, r["policy"], r["calendar"])

    def __reduce__(self) -> Any:
        return (Scenario.__new__, (Scenario,), self.__getstate__())

    def __repr__(self) -> str:
        return repr(self._impl)


def _registry_to_json(registry: Registry) -> str:
    from ._core import io as _io
    return str(_io.registry_to_json(registry))


def _registry_from_json(text: str, source: str) -> Registry:
    from ._core import io as _io
    return _io.registry_from_json(text, source)


def _changes(params: Mapping[str, object]) -> Tuple[Dict[str, float], Optional[Strategy]]:
    values: Dict[str, float] = {}
    strategy: Optional[Strategy] = None
    for name, value in params.items():
        if name == "strategy":
            strategy = _strategy(value)
        elif isinstance(value, numbers.Real) and not isinstance(value, Strategy):
            values[name] = float(value)
        else:
            raise TypeError(f"sim parameter {name!r} must be a number or bool, got {type(value).__name__}")
    return values, strategy


def parameters() -> List[ParameterInfo]:
    """Every numeric parameter a scenario accepts: the sim's own (docs/simulation.md), then the
    synth levers with the synth table's own entries."""
    return list(_sim.parameters())


def lever_names() -> List[str]:
    """The synth parameters the simulation reads (shared with massline.synth.generate)."""
    return list(_sim.lever_names())


def _count(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if int(value) < 0:
        raise_error(InvalidArgument, "sim.run_options", f"invalid {name}", Location(entity="run options", field=name),
                    f"must be >= 0, got {int(value)}")
    return int(value)


# The categorical dtypes are built once, not per run: for a short run, building them cost as much
# as the frame itself.
_METRIC_DTYPE = pd.CategoricalDtype(list(METRICS))


@functools.lru_cache(maxsize=256)
def _period_dtype(labels: Tuple[str, ...]) -> pd.CategoricalDtype:
    return pd.CategoricalDtype(list(labels))


def _frame(out: Dict[str, Any]) -> pd.DataFrame:
    # copy=False: every column is a fresh array of this call's own.
    return pd.DataFrame({
        "replication": out["replication"].astype(np.int64),
        "unit": out["unit"].astype(np.int64),
        "period": pd.Categorical.from_codes(out["period"], dtype=_period_dtype(tuple(out["period_labels"]))),
        "metric": pd.Categorical.from_codes(out["metric"], dtype=_METRIC_DTYPE),
        "value": out["value"],
    }, copy=False)


def run(scenario: Scenario, replications: int, seed: int = 0, threads: int = 0,
        progress: Optional[Callable[[int, int], object]] = None) -> pd.DataFrame:
    """Runs ``replications`` replications of ``scenario`` from ``seed`` on ``threads`` threads
    (0: one per core) and returns the tidy frame (replication, unit, period, metric, value),
    ordered by replication, period, unit, metric. ``period`` and ``metric`` are categoricals.
    ``progress(done, total)``, if given, is called after each finished replication, from the
    engine's threads, one call at a time; if it raises, later calls are skipped and its exception
    is raised when the run is over. The GIL is released while running; Ctrl-C cancels."""
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be a massline.sim.Scenario, got {type(scenario).__name__}")
    if progress is not None and not callable(progress):
        raise TypeError(f"progress must be callable (done, total) or None, got {type(progress).__name__}")
    out = _sim.run(scenario._impl, _count(replications, "replications"), _seed(seed), _count(threads, "threads"),
                   progress=progress)
    return _frame(out)


def survey_responses(scenario: Scenario, seed: int = 0, replication: int = 0) -> List[SurveyResponse]:
    """The year-end survey of replication ``replication`` of ``seed`` as
    :class:`massline.SurveyResponse` objects: respondent = the household, target = its reported
    unit (the ``unit`` of :func:`run`'s frame), period = the simulated year, one item
    ``"overall"`` scored 1 (satisfied) or 0 on :func:`survey_scale`, weight 1, id unset. They
    are the answers ``run``'s survey metrics count: add them to the registry the scenario came
    from (``registry.add``, or ``massline.io.append_survey_responses``) and
    ``scoring.survey_answers(registry, survey_scale(), unit="target")`` followed by ``rollup``
    gives the same respondents, shares and bounds. Runs that one replication (GIL released;
    Ctrl-C cancels)."""
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be a massline.sim.Scenario, got {type(scenario).__name__}")
    if isinstance(replication, bool) or not isinstance(replication, numbers.Integral):
        raise TypeError(f"replication must be an int, got {type(replication).__name__}")
    if not 0 <= int(replication) <= 2**32 - 1:
        raise_error(InvalidArgument, "sim.run_options", "invalid replication number",
                    Location(entity="survey_responses", field="replication"),
                    f"must be 0 .. 2^32 - 1, got {int(replication)}")
    return list(_sim.survey_responses(scenario._impl, _seed(seed), int(replication)))


def survey_scale() -> ResponseScale:
    """The scale of :func:`survey_responses`' answers: code 0 "not satisfied" (score 0), code 1
    "satisfied" (score 100)."""
    return _sim.survey_scale()


def _run_checked(scenario: Scenario, replications: int, seed: int = 0, threads: int = 0) -> Tuple[pd.DataFrame, pd.DataFrame]:
    """For tests: the frame with the daily conservation check on, and the trace of every appeal
    (replication, household, raised, closed, outcome, level, escalations, by_visit)."""
    out = _sim.run(scenario._impl, _count(replications, "replications"), _seed(seed), _count(threads, "threads"),
                   check_conservation=True, trace_appeals=True)
    return _frame(out), pd.DataFrame(out["appeals"])


# ---------------------------------------------------------------------------------------------
# Sweeps (docs/simulation.md, "Sweeps")

_STRATEGY = "strategy"
Points = Union[Mapping[str, Sequence[object]], pd.DataFrame]


def _lever_value(name: str, value: object) -> float:
    if name == _STRATEGY:
        return float(_strategy(value).value)
    if isinstance(value, numbers.Real) and not isinstance(value, Strategy):
        return float(value)
    raise TypeError(f"sweep values of {name!r} must be numbers or bools, got {type(value).__name__}")


def _axis_values(name: object, values: object) -> List[float]:
    if not isinstance(name, str):
        raise TypeError(f"sweep lever names must be str, got {type(name).__name__}")
    if isinstance(values, (str, bytes)) or not isinstance(values, (Sequence, np.ndarray, pd.Series)):
        raise TypeError(f"sweep values of {name!r} must be a list of values, got {type(values).__name__}")
    return [_lever_value(name, v) for v in values]


def _plan(points: Points) -> Tuple[List[str], List[List[float]]]:
    """(levers, points) of a grid mapping (every combination) or a frame of points (one row each)."""
    if isinstance(points, pd.DataFrame):
        levers = [str(c) for c in points.columns]
        if len(set(levers)) != len(levers):
            raise_error(InvalidArgument, "sim.sweep", "lever given twice", Location(entity="sweep"), "each column is one lever")
        columns = [_axis_values(name, list(points[col])) for name, col in zip(levers, points.columns)]
        return levers, [[c[i] for c in columns] for i in range(len(points))]
    if isinstance(points, Mapping):
        axes = [(name, _axis_values(name, values)) for name, values in points.items()]
        levers, rows = _sim.grid(axes)
        return list(levers), [list(r) for r in rows]
    raise TypeError(f"points must be a dict of lever -> values (a grid) or a DataFrame of points, got {type(points).__name__}")


def _lever_column(name: str, values: np.ndarray) -> Any:
    if name == _STRATEGY:
        names = list(Strategy.__members__)
        return pd.Categorical([names[int(v)] for v in values], categories=names)
    for info in _sim.parameters():
        if info.name == name:
            return values.astype(np.int64) if info.type.name in ("count", "flag") else values
    return values


def _points_frame(levers: Sequence[str], rows: Sequence[Sequence[float]]) -> pd.DataFrame:
    table = np.asarray(rows, dtype=np.float64).reshape(len(rows), len(levers))
    return pd.DataFrame({name: _lever_column(name, table[:, k]) for k, name in enumerate(levers)})


def grid(points: Mapping[str, Sequence[object]]) -> pd.DataFrame:
    """Every combination of ``{lever: [values]}``, one row per point, the last lever varying
    fastest. ``strategy`` takes strategy names. Pass the frame (or the dict) to :func:`sweep`."""
    if not isinstance(points, Mapping):
        raise TypeError(f"grid takes a dict of lever -> values, got {type(points).__name__}")
    return _points_frame(*_plan(points))


def latin_hypercube(ranges: Mapping[str, Tuple[float, float]], n: int, seed: int = 0) -> pd.DataFrame:
    """``n`` points of a Latin hypercube over ``{lever: (low, high)}`` from ``seed``: each range
    cut into ``n`` strata holding one point each, paired at random; counts and flags rounded to
    whole numbers. Reproducible for a given seed. Pass the frame to :func:`sweep`."""
    if not isinstance(ranges, Mapping):
        raise TypeError(f"ranges must be a dict of lever -> (low, high), got {type(ranges).__name__}")
    triples = []
    for name, bounds in ranges.items():
        if not isinstance(name, str):
            raise TypeError(f"lever names must be str, got {type(name).__name__}")
        if isinstance(bounds, (str, bytes)) or not isinstance(bounds, Sequence) or len(bounds) != 2:
            raise TypeError(f"the range of {name!r} must be a (low, high) pair")
        if name == _STRATEGY:
            raise_error(InvalidArgument, "sim.sweep", "the strategy has no range", Location(entity="sweep", field=name),
                        "sweep strategies on a grid")
        triples.append((name, _lever_value(name, bounds[0]), _lever_value(name, bounds[1])))
    levers, rows = _sim.latin_hypercube(triples, _count(n, "n"), _seed(seed))
    return _points_frame(list(levers), [list(r) for r in rows])


def _check_plan(scenario: Scenario, levers: List[str], rows: List[List[float]]) -> None:
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be a massline.sim.Scenario, got {type(scenario).__name__}")
    _sim.check_plan(scenario._impl, levers, rows)


def _sweep_frame(levers: Sequence[str], rows: Sequence[Sequence[float]], out: Dict[str, Any]) -> pd.DataFrame:
    frame = _frame(out)
    point = np.asarray(out["point"], dtype=np.int64)
    table = np.asarray(rows, dtype=np.float64).reshape(len(rows), len(levers))
    front = pd.DataFrame({name: _lever_column(name, table[point, k]) for k, name in enumerate(levers)})
    return pd.concat([front, frame], axis=1)


def sweep(scenario: Scenario, points: Points, replications: int, seed: int = 0, threads: int = 0) -> pd.DataFrame:
    """Runs ``replications`` replications of ``scenario`` at every point of ``points``: a dict
    ``{lever: [values]}`` (every combination, see :func:`grid`; ``{}`` runs the scenario as it
    is) or a frame of points (:func:`grid`, :func:`latin_hypercube`). Levers are parameter
    names (a preset also takes structural synth parameters, generated again per point) and
    ``strategy``. Every point uses the same seeds (common random numbers). Returns one column per
    lever, then :func:`run`'s columns, ordered by point, replication, period, unit, metric. Every
    point is checked before anything runs; the GIL is released and Ctrl-C cancels."""
    levers, rows = _plan(points)
    _check_plan(scenario, levers, rows)
    out = _sim.sweep(scenario._impl, levers, rows, _count(replications, "replications"), _seed(seed),
                     _count(threads, "threads"))
    return _sweep_frame(levers, rows, out)


# Student t quantiles t(0.975, df) for df = 1 .. 30; the normal 1.96 beyond (error < 0.5 %).
_T975 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
         2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042)


def summarize(frame: pd.DataFrame, metric: str, by: Sequence[str] = (), period: str = "all") -> pd.DataFrame:
    """Across replications: the mean of ``metric`` over the units (households-weighted for
    rates would need the households metric; this is the plain mean of the unit values) per
    replication, then per group of ``by`` (lever columns, ``unit``...) its ``mean``, ``sd``,
    ``n`` (replications) and the 95 % confidence band of the mean, ``low`` and ``high``
    (Student t), clipped to :func:`metric_range` (the mean cannot leave it; with few
    replications the t band alone can). ``period`` picks the period ("all" or "YYYY-MM"; None
    keeps every period and adds it to the groups)."""
    _check_metric(metric, "summarize")
    rows = frame[frame["metric"] == metric]
    groups = list(by)
    if period is not None:
        rows = rows[rows["period"] == period]
    elif "period" not in groups:
        groups.append("period")
    per_rep = rows.groupby(groups + ["replication"], observed=True)["value"].mean().rename("value").reset_index()
    if groups:
        stats = per_rep.groupby(groups, observed=True)["value"].agg(["mean", "std", "count"]).reset_index()
    else:
        v = per_rep["value"]
        stats = pd.DataFrame({"mean": [v.mean()], "std": [v.std()], "count": [v.count()]})
    stats = stats.rename(columns={"std": "sd", "count": "n"})
    df = stats["n"].to_numpy() - 1
    t = np.array([np.nan if d < 1 else (_T975[d - 1] if d <= 30 else 1.96) for d in df])
    half = t * stats["sd"].to_numpy() / np.sqrt(stats["n"].to_numpy())
    low, high = _METRIC_RANGES[metric]
    stats["low"] = (stats["mean"] - half).clip(low, high)
    stats["high"] = (stats["mean"] + half).clip(low, high)
    return stats
