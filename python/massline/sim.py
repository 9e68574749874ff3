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

import numbers
from typing import Any, Dict, List, Optional, Tuple, Union

import numpy as np
import pandas as pd

from ._core import sim as _sim
from ._core.core import InvalidArgument, Location, WorkCalendar
from ._core.model import Registry
from ._core.policy import PolicySet
from ._core.sim import Strategy
from ._core.synth import ParameterInfo
from ._errors import raise_error
from ._facade import Facade, publish

__all__ = ["Scenario", "Strategy", "run", "parameters", "lever_names", "METRICS"]
publish(__name__, globals(), __all__)

#: The metric names of a result frame, in their order.
METRICS: Tuple[str, ...] = tuple(_sim.metric_names())

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

    def __repr__(self) -> str:
        return repr(self._impl)


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


def _frame(out: Dict[str, Any]) -> pd.DataFrame:
    labels = list(out["period_labels"])
    return pd.DataFrame({
        "replication": out["replication"].astype(np.int64),
        "unit": out["unit"].astype(np.int64),
        "period": pd.Categorical.from_codes(out["period"].astype(np.int64), categories=labels),
        "metric": pd.Categorical.from_codes(out["metric"].astype(np.int64), categories=list(METRICS)),
        "value": out["value"],
    })


def run(scenario: Scenario, replications: int, seed: int = 0, threads: int = 0) -> pd.DataFrame:
    """Runs ``replications`` replications of ``scenario`` from ``seed`` on ``threads`` threads
    (0: one per core) and returns the tidy frame (replication, unit, period, metric, value),
    ordered by replication, period, unit, metric. ``period`` and ``metric`` are categoricals.
    The GIL is released while running; Ctrl-C cancels."""
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be a massline.sim.Scenario, got {type(scenario).__name__}")
    out = _sim.run(scenario._impl, _count(replications, "replications"), _seed(seed), _count(threads, "threads"))
    return _frame(out)


def _run_checked(scenario: Scenario, replications: int, seed: int = 0, threads: int = 0) -> Tuple[pd.DataFrame, pd.DataFrame]:
    """For tests: the frame with the daily conservation check on, and the trace of every appeal
    (replication, household, raised, closed, outcome, level, escalations, by_visit)."""
    out = _sim.run(scenario._impl, _count(replications, "replications"), _seed(seed), _count(threads, "threads"),
                   check_conservation=True, trace_appeals=True)
    return _frame(out), pd.DataFrame(out["appeals"])
