"""massline.distributed: a sweep on a Dask LocalCluster (loopback) and on a ProcessPoolExecutor is
identical, bit for bit, to the local sweep; bad grids fail before any task is sent."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import pandas as pd
import pytest

import massline as ml
import massline.distributed as distributed
import massline.sim as sim

GRID = {"decay_rate": [0.01, 0.04], "strategy": ["random", "must_visit_first"]}


@pytest.fixture(scope="module")
def scenario() -> sim.Scenario:
    return sim.Scenario.preset("county", seed=5, households=600, report_level=2, days=45)


@pytest.fixture(scope="module")
def local(scenario) -> pd.DataFrame:
    return sim.sweep(scenario, GRID, replications=5, seed=7, threads=1)


def test_process_pool_matches_the_local_sweep(scenario, local):
    # "spawn": a fresh interpreter per worker, as on another host (no state inherited by fork).
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
        frame = distributed.sweep(scenario, GRID, 5, pool, seed=7, batch=2)
    pd.testing.assert_frame_equal(frame, local, check_exact=True)


def test_thread_pool_and_batches_do_not_change_the_rows(scenario, local):
    with ThreadPoolExecutor(max_workers=2) as pool:
        for batch in (1, 3, 5):
            pd.testing.assert_frame_equal(distributed.sweep(scenario, GRID, 5, pool, seed=7, batch=batch), local,
                                          check_exact=True)
        pd.testing.assert_frame_equal(distributed.sweep(scenario, {}, 2, pool, seed=1),
                                      sim.run(scenario, 2, seed=1, threads=1), check_exact=True)


# Debian 12's tornado and distributed warn about their own use of asyncio; not ours to fix.
@pytest.mark.filterwarnings("ignore:make_current is deprecated:DeprecationWarning")
@pytest.mark.filterwarnings("ignore:There is no current event loop:DeprecationWarning")
def test_dask_local_cluster_matches_the_local_sweep(scenario, local):
    pytest.importorskip("dask", reason="python3-dask is not installed")
    distributed_pkg = pytest.importorskip("distributed", reason="python3-distributed is not installed")
    # tcp on loopback rather than in-process queues: the scenario and the results go through the wire format.
    with distributed_pkg.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp://", host="127.0.0.1",
                                      dashboard_address=None) as cluster, \
            distributed_pkg.Client(cluster, timeout="30s") as client:
        frame = distributed.sweep(scenario, GRID, 5, client, seed=7, batch=2)
    pd.testing.assert_frame_equal(frame, local, check_exact=True)


def test_bad_grids_fail_before_any_task(scenario):
    class Refusing(ThreadPoolExecutor):
        def submit(self, *args, **kwargs):  # type: ignore[override]
            raise AssertionError("a task was sent")

    with Refusing(max_workers=1) as pool:
        with pytest.raises(ml.InvalidArgument, match="sim.unknown_parameter"):
            distributed.sweep(scenario, {"decay_rat": [0.1]}, 2, pool)
        with pytest.raises(ml.InvalidArgument, match="sim.bad_parameter"):
            distributed.sweep(scenario, {"decay_rate": [-1]}, 2, pool)
        with pytest.raises(ml.InvalidArgument, match="sim.run_options"):
            distributed.sweep(scenario, {}, 0, pool)
        with pytest.raises(ml.InvalidArgument, match="batch"):
            distributed.sweep(scenario, {}, 2, pool, batch=0)
    with pytest.raises(TypeError, match="Executor"):
        distributed.sweep(scenario, {}, 2, object())
