#!/usr/bin/python3
"""Named peer for bench/bench_rollup.cpp: the same roll-up done with pandas.

Synthetic survey: 10^7 responses x 24 satisfaction items (about 4 % not answered) over a
four-level tree (1 county, 30 townships, 600 communities, 12,000 grids), 4 periods. The
computation, for both sides: per (unit, period, item) the number of answers, the satisfied
count, the rate and the 95 % Wilson interval, at all four levels (a parent pools every
response below it).

pandas side: the idiomatic wide frame (one float32 column per item, NaN = not answered),
groupby(["unit", "period"], observed=True) .sum() / .count() at the grids, then
groupby(parent) .sum() for each level up, then rate and Wilson bounds with numpy.
massline side: bench_rollup --runner --data=DIR on the very same data (written here as raw
arrays), timing Rollup::run only. Data generation and frame construction are not timed on
either side.

Run with Debian's interpreter, either through the runner (bench/run.py: this script writes the
data with --data DIR and times pandas, then bench_rollup --runner --data=DIR times massline):
    /usr/bin/python3 bench/rollup_peer.py --data /tmp/rollup      # prints "rollup <s> <runs>"
or both sides in one run, interleaved, with the results compared cell by cell:
    /usr/bin/python3 bench/rollup_peer.py --bench build/<dir>/bench/bench_rollup [--threads 1 2]
Output: bench/run.py's line protocol, "<name> <seconds per run> <runs>" (fastest run) and
comment lines "# cpu <name> <CPU seconds>", "# counts ...", ratios and load average.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd

ITEMS = 24
PERIODS = 4
Z95 = 1.959963984540054  # Phi^-1(0.975)


def make_tree(rng):
    """parent, level, size arrays: county -> 30 townships -> 20 communities -> 20 grids."""
    parent, level = [-1], [1]
    for _ in range(30):
        township = len(parent)
        parent.append(0)
        level.append(2)
        for _ in range(20):
            community = len(parent)
            parent.append(township)
            level.append(3)
            for _ in range(20):
                parent.append(community)
                level.append(4)
    parent = np.asarray(parent, dtype=np.int64)
    level = np.asarray(level, dtype=np.int64)
    size = np.where(level == 4, rng.integers(200, 1201, size=len(level)), 0).astype(np.float64)
    return parent, level, size


def make_data(responses, seed=20240601):
    rng = np.random.default_rng(seed)
    parent, level, size = make_tree(rng)
    grids = np.flatnonzero(level == 4).astype(np.uint32)
    p_unit = rng.uniform(0.55, 0.95, size=len(parent)).astype(np.float32)
    unit = grids[rng.integers(0, len(grids), size=responses)]
    period = rng.integers(0, PERIODS, size=responses).astype(np.uint32)
    weight = rng.uniform(0.5, 2.0, size=responses)
    satisfied = np.empty((responses, ITEMS), dtype=np.int8)
    step = 1_000_000
    for start in range(0, responses, step):
        stop = min(responses, start + step)
        u = rng.random((stop - start, ITEMS), dtype=np.float32)
        block = (u < p_unit[unit[start:stop], None]).astype(np.int8)
        block[rng.random((stop - start, ITEMS), dtype=np.float32) < 0.04] = -1
        satisfied[start:stop] = block
    return dict(parent=parent, level=level, size=size, unit=unit, period=period, weight=weight,
                satisfied=satisfied)


def write_data(data, directory):
    d = pathlib.Path(directory)
    rows = len(data["unit"])
    (d / "meta.txt").write_text(f"{rows} {ITEMS} {PERIODS}\n")
    data["parent"].astype(np.int64).tofile(d / "tree_parent.bin")
    data["level"].astype(np.int64).tofile(d / "tree_level.bin")
    data["size"].astype(np.float64).tofile(d / "tree_size.bin")
    data["unit"].astype(np.uint32).tofile(d / "unit.bin")
    data["period"].astype(np.uint32).tofile(d / "period.bin")
    np.ascontiguousarray(data["satisfied"]).tofile(d / "satisfied.bin")
    data["weight"].astype(np.float64).tofile(d / "weight.bin")


def make_frame(data, keys):
    """The idiomatic pandas frame: one float32 column per item, NaN where not answered."""
    sat = data["satisfied"].astype(np.float32)
    sat[data["satisfied"] < 0] = np.nan
    columns = {f"q{j:02d}": sat[:, j] for j in range(ITEMS)}
    unit = data["unit"].astype(np.int64)
    period = data["period"].astype(np.int64)
    if keys == "categorical":
        unit = pd.Categorical.from_codes(unit, categories=np.arange(len(data["parent"])))
        period = pd.Categorical.from_codes(period, categories=np.arange(PERIODS))
    return pd.DataFrame({"unit": unit, "period": period, **columns})


def wilson(k, n, z=Z95):
    with np.errstate(divide="ignore", invalid="ignore"):  # n == 0: NaN, like massline
        return _wilson(k, n, z)


def _wilson(k, n, z):
    p = k / n
    z2n = z * z / n
    denom = 1.0 + z2n
    centre = (p + 0.5 * z2n) / denom
    half = z / denom * np.sqrt(p * (1.0 - p) / n + 0.25 * z2n / n)
    return p, np.clip(centre - half, 0.0, p), np.clip(centre + half, p, 1.0)


def pandas_rollup(frame, parent, level):
    """Rates and Wilson intervals per (unit, period, item) at all four levels.

    Returns {level: (satisfied counts, answer counts, rate, low, high)}, each a frame indexed
    by (unit, period) with one column per item."""
    items = [c for c in frame.columns if c.startswith("q")]
    grouped = frame.groupby(["unit", "period"], observed=True)[items]
    k = grouped.sum()
    n = grouped.count()
    out = {}
    current_level = 4
    while True:
        rate, low, high = wilson(k.to_numpy(np.float64), n.to_numpy(np.float64))
        out[current_level] = (k, n, pd.DataFrame(rate, index=k.index, columns=items),
                              pd.DataFrame(low, index=k.index, columns=items),
                              pd.DataFrame(high, index=k.index, columns=items))
        if current_level == 1:
            return out
        units = k.index.get_level_values("unit").to_numpy(np.int64)
        periods = k.index.get_level_values("period").to_numpy(np.int64)
        keys = [pd.Index(parent[units], name="unit"), pd.Index(periods, name="period")]
        k = k.groupby(keys, observed=True).sum()
        n = n.groupby(keys, observed=True).sum()
        current_level -= 1


def compare(result, directory, units):
    """Largest differences between the pandas result and the C++ result files."""
    d = pathlib.Path(directory)
    cpp_n = np.fromfile(d / "cpp_n.bin", dtype=np.uint64)
    cpp = {name: np.fromfile(d / f"cpp_{name}.bin", dtype=np.float64) for name in ("rate", "low", "high")}
    worst = {"n": 0, "rate": 0.0, "low": 0.0, "high": 0.0}
    seen = 0
    for k, n, rate, low, high in result.values():
        u = k.index.get_level_values("unit").to_numpy(np.int64)
        t = k.index.get_level_values("period").to_numpy(np.int64)
        cells = ((u * PERIODS + t)[:, None] * ITEMS + np.arange(ITEMS)[None, :]).ravel()
        answers = n.to_numpy(np.int64).ravel()
        worst["n"] = max(worst["n"], int(np.abs(cpp_n[cells].astype(np.int64) - answers).max()))
        answered = answers > 0  # the wide frame also has cells where an item was never answered
        for name, frame in (("rate", rate), ("low", low), ("high", high)):
            diff = np.abs(cpp[name][cells] - frame.to_numpy().ravel())[answered]
            worst[name] = max(worst[name], float(diff.max()))
        seen += int(answered.sum())
    nonempty = int((cpp_n > 0).sum())
    return worst, seen, nonempty


def run_cpp(bench, directory, threads, repeat):
    """Runs bench_rollup --runner on the data in directory: (wall seconds, CPU seconds)."""
    cmd = [bench, "--runner", f"--data={directory}", f"--threads={threads}", f"--repeat={repeat}"]
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    seconds = cpu = None
    for line in done.stdout.splitlines():
        words = line.split()
        if words[:1] == ["rollup"]:
            seconds = float(words[1])
        elif words[:3] == ["#", "cpu", "rollup"]:
            cpu = float(words[3])
    return seconds, cpu


def time_pandas(frame, data):
    wall, cpu = time.perf_counter(), time.process_time()
    result = pandas_rollup(frame, data["parent"], data["level"])
    return time.perf_counter() - wall, time.process_time() - cpu, result


def data_ready(directory, responses):
    meta = pathlib.Path(directory) / "meta.txt"
    return meta.exists() and meta.read_text().split()[:3] == [str(responses), str(ITEMS), str(PERIODS)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="write the data here (for bench_rollup --runner --data=DIR) and time pandas; "
                                       "prints bench/run.py's line protocol")
    parser.add_argument("--bench", help="path to bench_rollup: time both sides in this run, interleaved, and "
                                        "compare their results cell by cell")
    parser.add_argument("--responses", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=None, help="timed runs (default 3 with --bench, else 1)")
    parser.add_argument("--threads", type=int, nargs="*", default=[1, 2], help="massline threads (with --bench)")
    parser.add_argument("--keys", choices=["categorical", "int"], default="int",
                        help="dtype of the group keys in the pandas frame (int is the faster for pandas)")
    args = parser.parse_args()
    repeat = args.repeat or (3 if args.bench else 1)

    data = make_data(args.responses)
    frame = make_frame(data, args.keys)
    counts = (f"# counts responses={args.responses} items={ITEMS} periods={PERIODS} units={len(data['parent'])} "
              f"keys={args.keys} layout=wide")
    if not args.bench:
        if args.data:
            pathlib.Path(args.data).mkdir(parents=True, exist_ok=True)
            if not data_ready(args.data, args.responses):
                write_data(data, args.data)
        best = min((time_pandas(frame, data) for _ in range(repeat)), key=lambda t: t[0])
        print(f"rollup {best[0]:.6f} {repeat}")
        print(f"# cpu rollup {best[1]:.6f}")
        print(counts)
        return 0

    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="rollup_peer_") as directory:
        write_data(data, directory)
        cpp = {}
        pandas_best = (float("inf"), None)
        # Interleave the two sides so that both see the same machine load.
        for _ in range(repeat):
            for threads in args.threads:
                seconds, cpu = run_cpp(args.bench, directory, threads, 1)
                if seconds < cpp.get(threads, (float("inf"), None))[0]:
                    cpp[threads] = (seconds, cpu)
            wall, cpu, result = time_pandas(frame, data)
            if wall < pandas_best[0]:
                pandas_best = (wall, cpu)
        print(f"pandas_groupby_{args.keys}_keys {pandas_best[0]:.6f} {repeat}")
        print(f"# cpu pandas_groupby_{args.keys}_keys {pandas_best[1]:.6f}")
        for threads, (seconds, cpu) in cpp.items():
            print(f"massline_rollup_t{threads} {seconds:.6f} {repeat}")
            print(f"# cpu massline_rollup_t{threads} {cpu:.6f}")
            print(f"# ratio pandas / massline_rollup_t{threads}: wall {pandas_best[0] / seconds:.1f}x, "
                  f"cpu {pandas_best[1] / cpu:.1f}x")
        print(counts)
        worst, seen, nonempty = compare(result, directory, len(data["parent"]))
        print(f"# compared {seen} cells (massline non-empty cells: {nonempty}); largest differences {worst}")
        print(f"# load average before {load_before[0]:.2f}, after {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
        if seen != nonempty or worst["n"] != 0 or max(worst["rate"], worst["low"], worst["high"]) > 1e-12:
            print("RESULTS DIFFER", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
