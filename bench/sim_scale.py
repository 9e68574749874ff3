#!/usr/bin/python3
"""massline's simulation alone: a province-size year, and a 64-replication sweep serial vs threads
vs a Dask LocalCluster.

    /usr/bin/python3 bench/sim_scale.py year --stage build/release/python/stage --households 10000000 --days 365
    /usr/bin/python3 bench/sim_scale.py sweep --stage build/release/python/stage --households 100000 --replications 64

year: the county preset at --households (generated with contacts=0, appeals=0, activities=0: the
registry's own records are not simulated), default parameters, round_robin, one replication on
one thread. Prints "sim_year <seconds> 1", its CPU time, and in "# counts" household-days per CPU
second (households x days / CPU seconds of the replication) and the replication's working memory
per household: the rise of the peak RSS during the run over the RSS before it (the peak is reset
through /proc/self/clear_refs first), divided by the households: the engine's per-household
state, its event buckets and appeals, and the result rows (small). The compiled scenario's
constant arrays exist before the run and are not in this figure.

sweep: a grid of 4 points x 16 replications = 64 replications of a year of the county preset at
--households, run (1) serially (sim.sweep, threads=1), (2) on 2 threads (threads=2), (3) through
massline.distributed on a Dask LocalCluster of 2 single-thread workers (processes=False, tcp on loopback),
with batch = 4 replications. All three frames must be identical. Prints one timing line each and
the parallel efficiencies (serial time / (2 x parallel time)) in "# counts".
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time


def rss(field: str) -> int:
    text = open("/proc/self/status").read()
    return int(re.search(rf"{field}:\s+(\d+) kB", text).group(1)) * 1024


def year(args) -> int:
    import gc

    import massline.sim as sim
    scenario = sim.Scenario.preset("county", seed=0, households=args.households, contacts=0, appeals=0, activities=0,
                                   days=args.days, strategy="round_robin")
    gc.collect()
    try:
        import ctypes
        ctypes.CDLL("libc.so.6").malloc_trim(0)  # give the generator's freed memory back before measuring
    except OSError:
        pass
    before = rss("VmRSS")
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")  # reset VmHWM to the current RSS
        peak_reset = True
    except OSError:
        peak_reset = False
    w0, c0 = time.perf_counter(), time.process_time()
    frame = sim.run(scenario, replications=1, seed=1, threads=1)
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    peak = rss("VmHWM")
    total = frame[frame.period == "all"].groupby("metric", observed=True)["value"].sum()
    hd = scenario.households * args.days
    working = (peak - before) / scenario.households if peak_reset else float("nan")
    print(f"# counts households={scenario.households} members={scenario.members} days={args.days} "
          f"visits={int(total['visits'])} appeals={int(total['appeals_raised'])} "
          f"household_days_per_cpu_second={hd / cpu:.3g} household_days_per_second={hd / wall:.3g} "
          f"run_working_bytes_per_household={working:.1f}")
    print(f"# cpu sim_year {cpu:.6f}")
    print(f"sim_year {wall:.6f} 1")
    return 0


def sweep(args) -> int:
    import pandas as pd

    import massline.distributed as distributed
    import massline.sim as sim
    scenario = sim.Scenario.preset("county", seed=0, households=args.households, report_level=2)
    grid = {"decay_rate": [0.01, 0.02], "strategy": ["round_robin", "must_visit_first"]}
    reps = args.replications // 4
    times, cpus, frames = {}, {}, {}
    for name, threads in (("serial", 1), ("threads2", 2)):
        w0, c0 = time.perf_counter(), time.process_time()
        frames[name] = sim.sweep(scenario, grid, reps, seed=1, threads=threads)
        times[name], cpus[name] = time.perf_counter() - w0, time.process_time() - c0
    from distributed import Client, LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp://", host="127.0.0.1",
                      dashboard_address=None) as cluster, \
            Client(cluster) as client:
        w0, c0 = time.perf_counter(), time.process_time()
        frames["dask"] = distributed.sweep(scenario, grid, reps, client, seed=1, batch=4)
        times["dask"], cpus["dask"] = time.perf_counter() - w0, time.process_time() - c0
    for name in ("threads2", "dask"):
        pd.testing.assert_frame_equal(frames[name], frames["serial"], check_exact=True)
    print(f"# counts households={scenario.households} points=4 replications={4 * reps} identical=yes "
          f"efficiency_threads2={times['serial'] / (2 * times['threads2']):.2f} "
          f"efficiency_dask2={times['serial'] / (2 * times['dask']):.2f} load={os.getloadavg()[0]:.2f}")
    for name in times:
        print(f"# cpu sim_sweep_{name} {cpus[name]:.6f}")
        print(f"sim_sweep_{name} {times[name]:.6f} 1")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["year", "sweep"])
    ap.add_argument("--stage", default="build/release/python/stage")
    ap.add_argument("--households", type=int, default=100_000)
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--replications", type=int, default=64)
    args = ap.parse_args()
    sys.path.insert(0, os.path.abspath(args.stage))
    return year(args) if args.mode == "year" else sweep(args)


if __name__ == "__main__":
    sys.exit(main())
