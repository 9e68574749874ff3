"""Sweeps beyond one machine (docs/simulation.md, "Sweeps on a cluster").

``sweep(scenario, grid, replications, client, seed=0)`` runs :func:`massline.sim.sweep`'s work
as coarse tasks, each a batch of replications of one point, on ``client``: a
``dask.distributed.Client`` (a LocalCluster or a real scheduler with workers on other hosts) or
any ``concurrent.futures.Executor`` (a ``ProcessPoolExecutor``, mpi4py's ``MPIPoolExecutor``...).
The frame it returns is identical, bit for bit, to ``massline.sim.sweep(scenario, grid,
replications, seed)`` on one machine: every row depends only on (seed, replication, point).

How the scenario travels: it is pickled once (its recipe: the preset's name and seed, or the
registry as registry JSON, with the values, strategy, policy set and calendar, not the compiled
arrays). With Dask the pickle is scattered to every worker once (``broadcast=True``); with an
Executor it goes with each task (a recipe is small unless it holds a large registry). Either way
each worker process compiles it once and each point once, and keeps the last few in a cache.
"""

from __future__ import annotations

import math
import pickle
import threading
import uuid
from collections import OrderedDict
from concurrent.futures import Executor
from typing import Any, Dict, List, Optional, Tuple

import numpy as np
import pandas as pd

from . import sim as _simpy
from ._core import sim as _sim
from ._core.core import InvalidArgument, Location
from ._errors import raise_error

__all__ = ["sweep"]

# Per worker process: compiled scenarios by (token,) and (token, point), newest last.
_CACHE: "OrderedDict[Tuple[Any, ...], Any]" = OrderedDict()
_CACHE_SIZE = 8
_LOCK = threading.Lock()  # Dask runs several tasks of one worker in threads


class _Shipped:
    """A pickled scenario with a token naming it, so each worker unpickles (compiles) it once."""

    def __init__(self, token: str, blob: bytes) -> None:
        self.token = token
        self.blob = blob


def _cached(key: Tuple[Any, ...], build: Any) -> Any:
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    value = build()  # outside the lock: compiling may take seconds, other points can proceed
    with _LOCK:
        _CACHE[key] = value
        _CACHE.move_to_end(key)
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return value


def _run_task(shipped: _Shipped, levers: List[str], row: List[float], first: int, count: int,
              seed: int) -> Dict[str, Any]:
    """One task: replications first .. first + count - 1 of one point, on one thread."""
    base = _cached((shipped.token,), lambda: pickle.loads(shipped.blob))
    impl = base._impl if not levers else _cached((shipped.token, tuple(row)),
                                                 lambda: _sim.sweep_point(base._impl, levers, row))
    out = _sim.run(impl, count, seed, 1, first_replication=first)
    return {k: out[k] for k in ("replication", "unit", "period", "metric", "value", "period_labels")}


def _is_dask(client: object) -> bool:
    return callable(getattr(client, "scatter", None)) and callable(getattr(client, "gather", None)) and \
        type(client).__module__.split(".")[0] == "distributed"


def sweep(scenario: _simpy.Scenario, grid: _simpy.Points, replications: int, client: Any, seed: int = 0,
          batch: Optional[int] = None) -> pd.DataFrame:
    """Runs ``replications`` replications of ``scenario`` at every point of ``grid`` (a dict
    ``{lever: [values]}``, every combination; ``{}`` runs the scenario as it is; or a frame of
    points from :func:`massline.sim.grid` / :func:`massline.sim.latin_hypercube`) on ``client``
    (a ``dask.distributed.Client`` or a ``concurrent.futures.Executor``), ``batch``
    replications per task (default: about four tasks per point). Returns the frame of
    :func:`massline.sim.sweep`, identical to the local run for the same seed. Every point is
    checked before any task is sent."""
    levers, rows = _simpy._plan(grid)
    _simpy._check_plan(scenario, levers, rows)
    replications = _simpy._count(replications, "replications")
    seed = _simpy._seed(seed)
    if replications == 0 or replications * len(rows) > 10**6:
        raise_error(InvalidArgument, "sim.run_options", "invalid number of replications",
                    Location(entity="run options", field="replications"),
                    f"points x replications must be 1 .. 10^6, got {len(rows)} x {replications}")
    if batch is None:
        batch = max(1, math.ceil(replications / 4))
    batch = _simpy._count(batch, "batch")
    if batch == 0:
        raise_error(InvalidArgument, "sim.run_options", "invalid batch", Location(entity="run options", field="batch"),
                    "a task runs at least one replication")
    if not _is_dask(client) and not isinstance(client, Executor):
        raise TypeError(f"client must be a dask.distributed.Client or a concurrent.futures.Executor, "
                        f"got {type(client).__name__}")

    shipped: Any = _Shipped(uuid.uuid4().hex, pickle.dumps(scenario, protocol=pickle.HIGHEST_PROTOCOL))
    dask = _is_dask(client)
    if dask:
        shipped = client.scatter(shipped, broadcast=True)  # once per worker
    tasks: List[Tuple[int, int, int]] = [(p, first, min(batch, replications - first))
                                         for p in range(len(rows)) for first in range(0, replications, batch)]
    futures = [client.submit(_run_task, shipped, levers, rows[p], first, count, seed, **({"pure": False} if dask else {}))
               for p, first, count in tasks]
    try:
        parts = client.gather(futures) if dask else [f.result() for f in futures]
    except BaseException:
        for f in futures:
            f.cancel()
        raise
    labels = list(scenario.periods)
    for part in parts:
        if list(part["period_labels"]) != labels:  # check_plan refuses horizon levers; a worker's other version would show here
            raise_error(InvalidArgument, "sim.sweep", "a worker returned other periods", Location(entity="sweep"),
                        "are the workers running the same massline version?")
    out: Dict[str, Any] = {key: np.concatenate([part[key] for part in parts])
                           for key in ("replication", "unit", "period", "metric", "value")}
    out["point"] = np.concatenate([np.full(len(part["value"]), p, dtype=np.int64) for (p, _, _), part in zip(tasks, parts)])
    out["period_labels"] = labels
    return _simpy._sweep_frame(levers, rows, out)
